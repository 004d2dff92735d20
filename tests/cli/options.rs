//! Every numeric option at its edges: no value panics; each is accepted or refused with a usage error (exit 2).

use crate::common::Ledger;

/// What a value should do.
#[derive(Clone, Copy, Debug)]
enum Expect {
    /// Accepted: the command succeeds.
    Ok,
    /// Refused at parse time: exit 2 with one line naming the option or the range.
    Usage,
}

use Expect::{Ok, Usage};

/// The values every numeric option is tried with.
const EDGES: [&str; 7] = ["0", "-1", "MAX", "MAX+1", "100000000000000000000", "1e3", ""];

/// For an option whose type is u64 and range `0..=max`: MAX is the type's max.
fn values(type_max: &str, type_max_plus_one: &str) -> Vec<String> {
    EDGES
        .iter()
        .map(|v| match *v {
            "MAX" => type_max.to_string(),
            "MAX+1" => type_max_plus_one.to_string(),
            other => other.to_string(),
        })
        .collect()
}

const U64_MAX: &str = "18446744073709551615";
const U64_MAX_PLUS_ONE: &str = "18446744073709551616";
const U32_MAX: &str = "4294967295";
const U32_MAX_PLUS_ONE: &str = "4294967296";

fn check(ledger: &Ledger, name: &str, args: &dyn Fn(&str) -> Vec<String>, env: Option<&str>, expected: [Expect; 7]) {
    let (max, max_plus_one) =
        if name.contains("stale") { (U32_MAX, U32_MAX_PLUS_ONE) } else { (U64_MAX, U64_MAX_PLUS_ONE) };
    for (value, expect) in values(max, max_plus_one).iter().zip(expected) {
        let mut cmd = ledger.cmd();
        if let Some(var) = env {
            cmd.env(var, value);
        }
        let out = cmd.args(args(value)).output().expect("run claimtrack");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_ne!(out.status.code(), Some(101), "{name}={value:?} panicked: {stderr}");
        match expect {
            Ok => assert!(out.status.success(), "{name}={value:?} should be accepted: {stderr}"),
            Usage => {
                assert_eq!(out.status.code(), Some(2), "{name}={value:?} should be a usage error: {stderr}");
                assert_eq!(stderr.lines().count(), 1, "{name}={value:?}: one line, got {stderr:?}");
            }
        }
    }
}

#[test]
fn numeric_options_at_their_edges() {
    let ledger = Ledger::new();
    ledger.add(&["claim", "add", "A claim to flag and report"]);
    // Columns: 0, -1, the type's max, max+1, 10^20, "1e3", "".
    // --busy-timeout: 0 waits not at all; the range is 0..=3600000 ms (an hour).
    check(
        &ledger,
        "--busy-timeout",
        &|v| vec![format!("--busy-timeout={v}"), "flags".into()],
        None,
        [Ok, Usage, Usage, Usage, Usage, Usage, Usage],
    );
    check(
        &ledger,
        "CLAIMTRACK_BUSY_TIMEOUT_MS",
        &|_| vec!["flags".into()],
        Some("CLAIMTRACK_BUSY_TIMEOUT_MS"),
        [Ok, Usage, Usage, Usage, Usage, Usage, Usage],
    );
    // history --limit: 0 means all; up to i64::MAX.
    check(
        &ledger,
        "history --limit",
        &|v| vec!["history".into(), format!("--limit={v}")],
        None,
        [Ok, Usage, Usage, Usage, Usage, Usage, Usage],
    );
    // report --limit: 0 means all; up to i64::MAX.
    check(
        &ledger,
        "report --limit",
        &|v| vec!["report".into(), format!("--limit={v}")],
        None,
        [Ok, Usage, Usage, Usage, Usage, Usage, Usage],
    );
    // --stale-days: 0 makes every claim without a verdict stale; up to 36500 (a century).
    check(
        &ledger,
        "flags --stale-days",
        &|v| vec!["flags".into(), format!("--stale-days={v}")],
        None,
        [Ok, Usage, Usage, Usage, Usage, Usage, Usage],
    );
    check(
        &ledger,
        "report --stale-days",
        &|v| vec!["report".into(), format!("--stale-days={v}")],
        None,
        [Ok, Usage, Usage, Usage, Usage, Usage, Usage],
    );
}

#[test]
fn the_largest_accepted_values_work() {
    let ledger = Ledger::new();
    ledger.add(&["claim", "add", "A claim"]);
    ledger.ok(&["--busy-timeout", "3600000", "flags"]);
    ledger.ok(&["history", "--limit", "9223372036854775807"]);
    ledger.ok(&["report", "--limit", "9223372036854775807"]);
    ledger.ok(&["flags", "--stale-days", "36500"]);
    let stderr = ledger.fails_with(&["--busy-timeout", "2147483648", "flags"], 2);
    assert!(stderr.contains("0..=3600000"), "the message names the range: {stderr}");
    // 0 means all for both limits.
    assert_eq!(
        ledger.json(&["history", "--limit", "0"]).as_array().unwrap().len(),
        2,
        "the settings row and the claim"
    );
}
