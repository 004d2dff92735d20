//! claimtrack through PgBouncer in session mode, as a desk whose editors run many short commands
//! would deploy it (README "Through a pooler"): the same output as a direct connection, a server
//! process that serves command after command with nothing of the last command's session left in it,
//! and writers through the pool that lose nothing.
//!
//! These run when `CLAIMTRACK_TEST_PG` and `CLAIMTRACK_TEST_PG_POOLER` name a server and a pooler in
//! front of it (`.ci/pg-cluster run cargo test`, where PgBouncer is installed); without them they
//! skip, and under CI they fail.

use std::collections::BTreeSet;

use crate::common::postgres::{Schema, at_clock, psql, text};
use crate::postgres_concurrency::writers_lose_nothing;

/// The desk's first editor on `schema`, and the same editor's connection string through the pooler.
fn desk_through_pooler(test: &str) -> Option<(Schema, String)> {
    let mut schema = Schema::desk(test)?;
    let role = schema.editors[0].clone();
    let pooled = schema.pooled_as(&role)?;
    Some((schema, pooled))
}

#[test]
fn commands_through_the_pooler_write_and_print_what_a_direct_connection_does() {
    let Some((schema, pooled)) = desk_through_pooler("pooled_same") else { return };
    let direct = at_clock(&schema.editor_conninfo());
    let pooled = at_clock(&pooled);
    pooled.ok(&["source", "add", "Ministry of Defence", "--kind", "government"]);
    pooled.ok(&["article", "add", "Troops cross the border", "--url", "https://example.org/troops"]);
    let four = pooled.add(&[
        "claim",
        "add",
        "At least four battalions crossed into Niger",
        "--article",
        "1",
        "--source",
        "Ministry of Defence",
    ]);
    // The next write reads the first through the pooled server process it left behind.
    let out = pooled.run(&["claim", "add", "Three battalions crossed into Niger", "--article", "1"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stderr = text(&out.stderr);
    assert!(stderr.contains(&format!("--conflicts {four}")), "the numeric mismatch is proposed: {stderr}");
    pooled.ok(&["verdict", &four.to_string(), "mostly-true", "--rationale", "two battalions confirmed"]);

    for args in [
        &["claim", "list"][..],
        &["report"],
        &["report", "--format", "json"],
        &["report", "--article", "1"],
        // Twice: the scoped report's temporary tables must be gone when the server process comes back.
        &["report", "--article", "1"],
        &["flags"],
        &["similar", "Four battalions crossed into Niger"],
        &["claim", "search", "battalions"],
        &["verify"],
    ] {
        assert_eq!(pooled.ok(args), direct.ok(args), "{args:?} through the pooler and directly");
    }
}

#[test]
fn a_pooled_server_process_serves_the_next_command_with_nothing_of_the_last_left_in_it() {
    let Some((_schema, conninfo)) = desk_through_pooler("pooled_reset") else { return };
    let pooled = at_clock(&conninfo);
    pooled.ok(&["article", "add", "Troops cross the border"]);
    // What a claimtrack command leaves in its session: the newsroom setting it opens with, the
    // statements it prepares, the temporary tables a scoped report fills.
    let leftovers = "SELECT pg_backend_pid(), coalesce(current_setting('claimtrack.org', true), ''), \
                     (SELECT count(*) FROM pg_prepared_statements), \
                     (SELECT count(*) FROM pg_class WHERE relnamespace = pg_my_temp_schema())";
    let mut processes = BTreeSet::new();
    let mut sessions = 0;
    for i in 0..5 {
        pooled.add(&["claim", "add", &format!("Claim {i} about the border"), "--article", "1"]);
        pooled.ok(&["report", "--article", "1"]);
        let row = psql(&conninfo, leftovers).unwrap_or_else(|e| panic!("psql {leftovers}: {e}"));
        sessions += 3;
        let (pid, rest) = row.split_once('|').expect("pid|setting|statements|temporary tables");
        assert_eq!(rest, "|0|0", "a command's session state outlived it in the pooled server process");
        processes.insert(pid.to_string());
    }
    // Most sessions reuse a server process (a command that starts before the last one's reset has
    // finished may get a fresh one, so not all).
    assert!(
        processes.len() * 2 <= sessions,
        "{} server processes for {sessions} sessions: no pooling",
        processes.len()
    );
}

#[test]
fn eight_writers_through_the_pooler_lose_nothing() {
    let Some((mut schema, pooled)) = desk_through_pooler("pooled_writers") else { return };
    let took = writers_lose_nothing(&pooled, &mut schema.client, 8, 20);
    eprintln!("8 writers x 20 claims through PgBouncer: {:.1} s", took.as_secs_f64());
}
