//! `akta due`: the inbox of bevakningar for scripts — what is overdue, due today, this
//! week and later, as the app's start screen shows it.

use akta_core::due::{self, Bucket, Counts, DueKind, Group, Inbox};
use akta_core::error::{Error, Reason};
use akta_core::settings::Settings;
use akta_core::store::StoreDir;
use clap::Args;

use crate::output::{parse_date, print_json};
use crate::store::with_actor;

#[derive(Args)]
pub(crate) struct DueArgs {
    /// The day to see the inbox from (YYYY-MM-DD; default today).
    #[arg(long, value_name = "DATE")]
    as_of: Option<String>,
    /// Only lines of this kind (plan_contact, monthly_report, register_check,
    /// health_declaration, training, agreement_ends, investigation_open, evidence_ages,
    /// request, concern, stale_draft, purge, handover, manual).
    #[arg(long, value_name = "K")]
    kind: Option<String>,
    /// The inbox as JSON (`as_of`, `items`, `counts`).
    #[arg(long)]
    json: bool,
}

/// `akta due`. The flags are read before the store is opened: a bad one exits 2 naming
/// its field.
pub(crate) async fn due(dir: &StoreDir, user: Option<i64>, args: DueArgs) -> Result<(), Error> {
    let as_of = match args.as_of.as_deref() {
        Some(d) => parse_date("as_of", d)?,
        None => akta_core::today(),
    };
    let kind = match args.kind.as_deref() {
        Some(k) => {
            Some(DueKind::parse(k.trim()).ok_or_else(|| Error::invalid("kind", Reason::Format))?)
        }
        None => None,
    };
    let settings = Settings::load(dir);
    let mut inbox = with_actor(dir, user, async |s, a| {
        due::build(s, a, as_of, &settings).await
    })
    .await?;
    if let Some(kind) = kind {
        only(&mut inbox, kind);
    }
    if args.json {
        return print_json(&inbox);
    }
    print!("{}", text(&inbox));
    Ok(())
}

/// Keeps the lines of `kind`, and counts them again.
fn only(inbox: &mut Inbox, kind: DueKind) {
    inbox.items.retain(|i| i.kind == kind);
    let mut c = Counts::default();
    for i in &inbox.items {
        match i.bucket {
            Bucket::Overdue => c.overdue += 1,
            Bucket::Today => c.today += 1,
            Bucket::ThisWeek => c.this_week += 1,
            Bucket::Later => c.later += 1,
        }
    }
    inbox.counts = c;
}

/// The inbox as text: a heading per bucket with lines, each date, home or child, and
/// what falls due.
fn text(inbox: &Inbox) -> String {
    if inbox.items.is_empty() {
        return format!("Inget att bevaka per {}.\n", inbox.as_of);
    }
    let mut out = String::new();
    for (bucket, heading) in [
        (Bucket::Overdue, "Försenade"),
        (Bucket::Today, "I dag"),
        (Bucket::ThisWeek, "Den här veckan"),
        (Bucket::Later, "Senare"),
    ] {
        let lines: Vec<_> = inbox.items.iter().filter(|i| i.bucket == bucket).collect();
        if lines.is_empty() {
            continue;
        }
        out.push_str(&format!("{heading} ({})\n", lines.len()));
        for i in lines {
            out.push_str(&format!(
                "  {}  {}  {}\n",
                i.due_on,
                group_name(&i.group),
                i.describe()
            ));
        }
    }
    out
}

fn group_name(g: &Group) -> &str {
    match g {
        Group::Home { name, .. } | Group::Person { name, .. } => name,
        Group::Agency => "Verksamheten",
    }
}
