//! The lifecycle of a foster home and which moves are allowed.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Where a home is in its lifecycle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(rename_all = "lowercase")]
#[ts(export)]
pub enum HomeStatus {
    /// Has shown interest.
    Intresse,
    /// Under investigation (familjehemsutredning).
    Utreds,
    /// Approved: in the agency's bank.
    Godkand,
    /// Has a child placed.
    Aktiv,
    /// Resting: approved, takes no placements for now.
    Vilande,
    /// Closed, with a date and a reason. Final: the retention clock runs from here.
    Avslutad,
}

impl crate::label::SwedishLabel for HomeStatus {
    fn sv(self) -> &'static str {
        match self {
            HomeStatus::Intresse => "intresse",
            HomeStatus::Utreds => "utreds",
            HomeStatus::Godkand => "godkänt",
            HomeStatus::Aktiv => "aktivt",
            HomeStatus::Vilande => "vilande",
            HomeStatus::Avslutad => "avslutat",
        }
    }
}

/// The statuses a home may move to from `from`.
pub fn allowed_next(from: HomeStatus) -> &'static [HomeStatus] {
    use HomeStatus::*;
    match from {
        Intresse => &[Utreds, Avslutad],
        Utreds => &[Godkand, Avslutad],
        Godkand => &[Aktiv, Vilande, Avslutad],
        Aktiv => &[Godkand, Vilande, Avslutad],
        Vilande => &[Godkand, Aktiv, Avslutad],
        Avslutad => &[],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use HomeStatus::*;

    #[test]
    fn a_home_moves_forward_rests_and_closes_but_never_reopens() {
        assert!(allowed_next(Intresse).contains(&Utreds));
        assert!(
            !allowed_next(Intresse).contains(&Godkand),
            "approval needs an investigation"
        );
        assert!(
            !allowed_next(Utreds).contains(&Aktiv),
            "placement needs approval"
        );
        assert!(allowed_next(Aktiv).contains(&Vilande));
        assert!(allowed_next(Vilande).contains(&Aktiv));
        assert!(allowed_next(Avslutad).is_empty());
        for s in [Intresse, Utreds, Godkand, Aktiv, Vilande] {
            assert!(allowed_next(s).contains(&Avslutad), "{s:?} can close");
            assert!(!allowed_next(s).contains(&s), "{s:?} to itself");
        }
    }
}
