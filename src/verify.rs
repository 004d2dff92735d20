//! Checking the audit chain: every hash recomputes, every event points at its predecessor,
//! and every row still looks the way its last event left it.

use std::collections::HashMap;

use crate::chain::{GENESIS, RawEvent, event_hash};

/// Walks the events in id order and remembers what each row last looked like.
#[derive(Default)]
pub struct ChainCheck {
    prev_hash: Option<String>,
    prev_id: i64,
    pub events: u64,
    pub problems: Vec<String>,
    /// (table, row id) → the snapshot its last event recorded (`None` after a delete).
    pub last_state: HashMap<(String, i64), Option<String>>,
}

/// How many problems of one kind `verify` spells out before summarising.
const SHOWN: usize = 20;

impl ChainCheck {
    pub fn visit(&mut self, event: RawEvent) {
        self.events += 1;
        let expected_prev = self.prev_hash.clone().unwrap_or_else(|| GENESIS.to_string());
        if event.id != self.prev_id + 1 {
            self.problem(format!("event {} follows event {}: events are missing from the log", event.id, self.prev_id));
        }
        if event.prev_hash != expected_prev {
            self.problem(format!(
                "event {} does not chain to the event before it (prev_hash {} but the previous hash is {})",
                event.id,
                short(&event.prev_hash),
                short(&expected_prev)
            ));
        }
        let recomputed = event_hash(
            &event.prev_hash,
            event.id,
            &event.at,
            &event.editor,
            &event.action,
            &event.table,
            event.row_id,
            event.claim_id,
            event.old_values.as_deref(),
            event.new_values.as_deref(),
        );
        if recomputed != event.hash {
            self.problem(format!("event {} was altered: its content no longer matches its hash", event.id));
        }
        self.prev_id = event.id;
        self.prev_hash = Some(event.hash);
        self.last_state.insert((event.table, event.row_id), event.new_values);
    }

    /// Compares a table's current rows with what the log says they should be.
    pub fn compare_table(&mut self, table: &str, rows: Vec<(i64, String)>) {
        let mut present = std::collections::HashSet::new();
        for (id, snapshot) in rows {
            present.insert(id);
            match self.last_state.get(&(table.to_string(), id)) {
                None => self.problem(format!("{table} row {id} was written without an audit event")),
                Some(None) => self.problem(format!("{table} row {id} was deleted in the log but is present")),
                Some(Some(logged)) if !same_json(logged, &snapshot) => self.problem(format!(
                    "{table} row {id} was changed outside claimtrack (it differs from its last audit event)"
                )),
                Some(Some(_)) => {}
            }
        }
        let mut missing: Vec<i64> = self
            .last_state
            .iter()
            .filter(|((t, id), state)| t == table && state.is_some() && !present.contains(id))
            .map(|((_, id), _)| *id)
            .collect();
        missing.sort_unstable();
        for id in missing {
            self.problem(format!("{table} row {id} was deleted outside claimtrack"));
        }
    }

    pub fn problem(&mut self, text: String) {
        if self.problems.len() < SHOWN {
            self.problems.push(text);
        } else if self.problems.len() == SHOWN {
            self.problems.push("… and more problems (fix the ones above first)".into());
        }
    }
}

fn same_json(a: &str, b: &str) -> bool {
    a == b
        || matches!((serde_json::from_str::<serde_json::Value>(a), serde_json::from_str::<serde_json::Value>(b)),
                    (Ok(x), Ok(y)) if x == y)
}

/// The first 12 characters of a hash, for messages (a forged one may not be hex).
fn short(hash: &str) -> String {
    hash.chars().take(12).collect()
}
