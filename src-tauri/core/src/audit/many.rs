//! Many events of one action in one go (an import, a purge): the same chain, event
//! for event, as `record` called once per event, in a handful of statements.

use chrono::{SecondsFormat, Utc};
use sqlx::{QueryBuilder, Sqlite, SqliteConnection};

use super::{link_hash, AuditAction, EntityKind, GENESIS};
use crate::access::Actor;
use crate::error::Result;

/// Rows per INSERT: 8 values each, well under SQLite's limit on bound values.
const CHUNK: usize = 500;

/// Records `events` (kind, entity id), in order, inside the caller's transaction.
pub async fn record_many(
    conn: &mut SqliteConnection,
    actor: &Actor,
    action: AuditAction,
    events: &[(EntityKind, Option<i64>)],
) -> Result<()> {
    if events.is_empty() {
        return Ok(());
    }
    let head: Option<(i64, Vec<u8>)> =
        sqlx::query_as("SELECT seq, hash FROM audit_head WHERE id = 1")
            .fetch_optional(&mut *conn)
            .await?;
    let (mut seq, mut prev) = head.unwrap_or((0, GENESIS.to_vec()));
    let at = Utc::now().to_rfc3339_opts(SecondsFormat::Micros, true);
    let user_id = actor.user_id();
    let a = action.as_str();
    for chunk in events.chunks(CHUNK) {
        let mut rows = Vec::with_capacity(chunk.len());
        for &(kind, entity_id) in chunk {
            seq += 1;
            let hash = link_hash(seq, &at, user_id, a, kind.as_str(), entity_id, &prev);
            rows.push((
                seq,
                kind.as_str(),
                entity_id,
                std::mem::replace(&mut prev, hash.clone()),
                hash,
            ));
        }
        let mut q: QueryBuilder<Sqlite> = QueryBuilder::new(
            "INSERT INTO audit_events (seq, at, user_id, action, entity_kind, entity_id, prev_hash, hash) ",
        );
        q.push_values(rows, |mut b, (seq, kind, entity_id, prev_hash, hash)| {
            b.push_bind(seq)
                .push_bind(at.clone())
                .push_bind(user_id)
                .push_bind(a)
                .push_bind(kind)
                .push_bind(entity_id)
                .push_bind(prev_hash)
                .push_bind(hash);
        });
        q.build().execute(&mut *conn).await?;
    }
    sqlx::query(
        "INSERT INTO audit_head (id, seq, hash) VALUES (1, ?1, ?2)
         ON CONFLICT (id) DO UPDATE SET seq = ?1, hash = ?2",
    )
    .bind(seq)
    .bind(prev)
    .execute(&mut *conn)
    .await?;
    Ok(())
}
