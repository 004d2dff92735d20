//! The binary's flags and the SQL views agree, reasons and order included, on randomly built ledgers.

use claimtrack::store::Author;

use crate::common::Ledger;
use crate::common::random_ledger::{self, Shape};

/// The bench's proportions at a thousand claims, fifty to a transaction, stamped over the last 45 days.
pub const SHAPE: Shape = Shape { claims: 1_000, claims_per_tx: 50 };

#[test]
fn flags_and_views_agree_on_random_ledgers() {
    for seed in [1_u64, 7, 42, 2025, 0xC1A1] {
        let ledger = Ledger::new();
        random_ledger::build(&mut ledger.store(), &SHAPE, seed).unwrap();
        if seed == 42 {
            // An odd stale age (as another tool might write it, audited), read the way the binary reads it.
            let author = Author {
                editor: "gen".into(),
                at: claimtrack::date::timestamp(chrono::Utc::now()),
                command: "test".into(),
            };
            ledger.store().write(&author, |tx| tx.set_setting("stale_days", " +40 ")).unwrap();
        }
        let from_binary: Vec<(i64, String, String)> = ledger
            .json(&["flags"])
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|e| {
                let id = e["claim"].as_i64().unwrap();
                e["flags"].as_array().unwrap().iter().map(move |f| {
                    (id, f["flag"].as_str().unwrap().to_string(), f["reason"].as_str().unwrap().to_string())
                })
            })
            .collect();
        let conn = ledger.sql();
        let mut stmt =
            conn.prepare("SELECT claim_id, flag, reason FROM claim_flags ORDER BY claim_id, flag_order").unwrap();
        let from_view: Vec<(i64, String, String)> =
            stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).unwrap().map(|r| r.unwrap()).collect();
        assert!(from_binary.len() > 100, "seed {seed}: the ledger should carry many flags");
        let binary_only: Vec<_> = from_binary.iter().filter(|t| !from_view.contains(t)).collect();
        let view_only: Vec<_> = from_view.iter().filter(|t| !from_binary.contains(t)).collect();
        assert!(
            binary_only.is_empty() && view_only.is_empty(),
            "seed {seed}: only in the binary {binary_only:#?}\nonly in the views {view_only:#?}"
        );
        assert_eq!(from_binary, from_view, "seed {seed}: the same flags in another order");
        ledger.ok(&["verify"]);
    }
}
