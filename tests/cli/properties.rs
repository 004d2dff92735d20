//! The binary's flags and the SQL views agree on randomly built ledgers.

use std::collections::BTreeSet;

use crate::common::Ledger;
use crate::common::random_ledger::{self, Shape};

/// The bench's proportions at a thousand claims, fifty to a transaction, stamped over the last 45 days.
pub const SHAPE: Shape = Shape { claims: 1_000, claims_per_tx: 50 };

#[test]
fn flags_and_views_agree_on_random_ledgers() {
    for seed in [1_u64, 7, 42, 2025, 0xC1A1] {
        let ledger = Ledger::new();
        random_ledger::build(&mut ledger.store(), &SHAPE, seed).unwrap();
        let from_binary: BTreeSet<(i64, String)> = ledger
            .json(&["flags"])
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|e| {
                let id = e["claim"].as_i64().unwrap();
                e["flags"].as_array().unwrap().iter().map(move |f| (id, f["flag"].as_str().unwrap().to_string()))
            })
            .collect();
        let conn = ledger.sql();
        let mut stmt = conn.prepare("SELECT claim_id, flag FROM claim_flags").unwrap();
        let from_view: BTreeSet<(i64, String)> =
            stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().map(|r| r.unwrap()).collect();
        assert!(from_binary.len() > 100, "seed {seed}: the ledger should carry many flags");
        let binary_only: Vec<_> = from_binary.difference(&from_view).collect();
        let view_only: Vec<_> = from_view.difference(&from_binary).collect();
        assert!(
            binary_only.is_empty() && view_only.is_empty(),
            "seed {seed}: only in the binary {binary_only:?}, only in the views {view_only:?}"
        );
        ledger.ok(&["verify"]);
    }
}
