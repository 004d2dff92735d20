//! Many newsrooms on one PostgreSQL ledger: each editor reads their newsroom's records and what its
//! coalitions share, and nothing else — through the CLI and through `psql` as their own role; each
//! newsroom's chain verifies on its own, and the owner verifies them all.

use crate::common::Ledger;
use crate::common::postgres::{Schema, at_clock, psql, text};

/// A ledger with three newsrooms: Bamako and Niamey in coalition-sahel, Dakar in none; one editor each.
struct Server {
    schema: Schema,
    bamako: Ledger,
    niamey: Ledger,
    dakar: Ledger,
}

fn server(test: &str) -> Option<Server> {
    let mut schema = Schema::empty(test)?;
    let owner = schema.owner();
    owner.ok(&["admin", "upgrade"]);
    for newsroom in ["bamako", "niamey", "dakar"] {
        owner.ok(&["org", "add", newsroom]);
    }
    owner.ok(&["org", "add", "coalition-sahel", "--coalition"]);
    assert_eq!(owner.ok(&["org", "join", "bamako", "coalition-sahel"]), "bamako is now in coalition-sahel\n");
    let again = owner.json(&["org", "join", "bamako", "coalition-sahel"]);
    assert_eq!(again, serde_json::json!({ "newsroom": "bamako", "coalition": "coalition-sahel", "added": false }));
    owner.ok(&["org", "join", "niamey", "coalition-sahel"]);
    let bamako = at_clock(&schema.add_editor("bamako"));
    let niamey = at_clock(&schema.add_editor("niamey"));
    let dakar = at_clock(&schema.add_editor("dakar"));
    Some(Server { schema, bamako, niamey, dakar })
}

/// Bamako's desk: two claims, the first shared with coalition-sahel with a verdict and a private note.
fn bamako_desk(bamako: &Ledger) {
    bamako.ok(&["source", "add", "Middle East Eye", "--kind", "outlet"]);
    bamako.ok(&["source", "add", "Ministry of Defence", "--kind", "government"]);
    bamako.ok(&["article", "add", "Troops cross the border", "--publisher", "Middle East Eye"]);
    let shared = bamako.add(&[
        "claim",
        "add",
        "At least four battalions crossed into Niger",
        "--article",
        "1",
        "--source",
        "Ministry of Defence",
    ]);
    let private = bamako.add(&["claim", "add", "The minister met the junta in secret", "--article", "1"]);
    assert_eq!((shared, private), (1, 2));
    bamako.ok(&["verdict", "1", "mostly-true", "--rationale", "two battalions confirmed"]);
    bamako.ok(&["claim", "note", "1", "Our source at the ministry: do not name"]);
    let out = bamako.ok(&["claim", "share", "1", "--with", "coalition-sahel"]);
    assert_eq!(out, "1\tclaim 1 shared with coalition-sahel\n");
    assert_eq!(
        bamako.ok(&["claim", "share", "1", "--with", "coalition-sahel"]),
        "1\tclaim 1 was already shared with coalition-sahel\n"
    );
    let again = bamako.json(&["claim", "share", "1", "--with", "coalition-sahel"]);
    assert_eq!(again, serde_json::json!({ "claim": 1, "coalition": "coalition-sahel", "shared": false }));
}

fn claim_ids(ledger: &Ledger) -> Vec<i64> {
    let listed = ledger.json(&["claim", "list"]);
    listed.as_array().expect("a list of claims").iter().map(|c| c["id"].as_i64().unwrap()).collect()
}

#[test]
fn each_newsroom_reads_its_own_records_and_what_its_coalitions_share_and_nothing_else() {
    let Some(server) = server("orgs_read") else { return };
    bamako_desk(&server.bamako);
    server.niamey.ok(&["source", "add", "ORTN", "--kind", "outlet"]);
    server.niamey.ok(&["article", "add", "Niamey bulletin", "--publisher", "ORTN"]);
    let niamey_claim = server.niamey.add(&["claim", "add", "Three battalions crossed", "--article", "Niamey bulletin"]);

    // Bamako: both of its claims, not Niamey's. Niamey: its own, and Bamako's shared claim only.
    assert_eq!(claim_ids(&server.bamako), vec![1, 2]);
    assert_eq!(claim_ids(&server.niamey), vec![1, niamey_claim]);
    // Dakar is in no coalition: it sees nothing of either.
    assert_eq!(claim_ids(&server.dakar), Vec::<i64>::new());
    assert!(server.dakar.fails_with(&["claim", "show", "1"], 1).contains("no claim matches"));
    assert!(server.niamey.fails_with(&["claim", "show", "2"], 1).contains("no claim matches"));

    // The shared claim travels with its citation, source, article and verdict; its notes stay home.
    let shown = server.niamey.json(&["claim", "show", "1"]);
    let shown = shown.to_string();
    assert!(shown.contains("Ministry of Defence") && shown.contains("Troops cross the border"), "{shown}");
    // Read, not cited: Niamey's claims refer only to Niamey's own articles and sources.
    let before = claim_ids(&server.niamey);
    for cite in [&["--article", "1"][..], &["--article", "Niamey bulletin", "--source", "Ministry of Defence"]] {
        let args = [&["claim", "add", "Battalions seen near Ayorou"][..], cite].concat();
        let refused = server.niamey.fails_with(&args, 1);
        assert!(refused.contains("it refers to is another newsroom's"), "{refused}");
    }
    assert_eq!(claim_ids(&server.niamey), before);
    assert!(shown.contains("mostly-true"), "{shown}");
    assert!(!shown.contains("do not name"), "a desk's notes are its own: {shown}");
    let sources = server.niamey.ok(&["source", "list"]);
    assert!(sources.contains("Ministry of Defence") && sources.contains("ORTN"), "{sources}");
    assert!(sources.contains("Middle East Eye"), "the publisher of the article the shared claim cites: {sources}");
    assert!(!server.dakar.ok(&["source", "list"]).contains("Ministry"));

    // Niamey may read the shared claim but not change or share it.
    let stderr = server.niamey.fails_with(&["claim", "edit", "1", "Five battalions crossed"], 1);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        server
            .niamey
            .fails_with(&["claim", "share", "1", "--with", "coalition-sahel"], 1)
            .contains("not one of your newsroom's claims")
    );
    // Dakar may not share with a coalition it is not in.
    server.dakar.ok(&["source", "add", "RTS", "--kind", "outlet"]);
    server.dakar.ok(&["article", "add", "Dakar bulletin", "--publisher", "RTS"]);
    let dakar_claim = server.dakar.add(&["claim", "add", "Dakar hosts the summit", "--article", "Dakar bulletin"]);
    let stderr = server.dakar.fails_with(&["claim", "share", &dakar_claim.to_string(), "--with", "coalition-sahel"], 1);
    // (Dakar cannot even see the coalition: it is not in it.)
    assert!(stderr.contains("no coalition named \"coalition-sahel\""), "{stderr}");

    // Reports and flags count only what the editor may see, and say so.
    let out = server.niamey.run(&["report"]);
    assert!(out.status.success());
    let note = text(&out.stderr);
    assert!(
        note.contains("counts what niamey may see: its own records and 1 claim its coalitions share with it"),
        "{note}"
    );
    let report = server.niamey.json(&["report"]).to_string();
    assert!(report.contains("Three battalions") && report.contains("four battalions"), "{report}");
    assert!(!report.contains("secret"), "{report}");
    let flags = server.dakar.run(&["flags"]);
    assert!(
        text(&flags.stderr).contains("counts what dakar may see: its own records and 0 claims"),
        "{}",
        text(&flags.stderr)
    );
    assert!(!text(&flags.stdout).contains("battalions"));

    // `similar` finds the shared claim for Niamey, never Bamako's private one, and nothing for Dakar.
    let found = server.niamey.json(&["similar", "The minister met the junta in secret"]).to_string();
    assert!(!found.contains("\"claim_id\":2"), "{found}");
    let found = server.dakar.json(&["similar", "four battalions crossed into Niger"]).to_string();
    assert!(!found.contains("battalions"), "{found}");

    // The owner lists every organisation; an editor, its own, its coalitions and who shares with it.
    let all = server.schema.owner().ok(&["org", "list"]);
    assert_eq!(all.lines().count(), 4, "{all}");
    assert!(all.contains("coalition-sahel · members bamako, niamey"), "{all}");
    let niamey = server.niamey.ok(&["org", "list"]);
    assert!(niamey.contains("bamako") && !niamey.contains("dakar"), "{niamey}");
    let dakar = server.dakar.ok(&["org", "list"]);
    assert_eq!(dakar.lines().count(), 1, "{dakar}");

    // Taking the share back (undo) hides the claim from the coalition again.
    server.bamako.ok(&["claim", "share", "2", "--with", "coalition-sahel"]);
    assert_eq!(claim_ids(&server.niamey), vec![1, 2, niamey_claim]);
    server.bamako.ok(&["undo"]);
    assert_eq!(claim_ids(&server.niamey), vec![1, niamey_claim]);

    // Each newsroom's history is its own chain.
    let history = server.niamey.ok(&["history"]);
    assert!(!history.contains("secret") && !history.contains("Ministry of Defence"), "{history}");
}

#[test]
fn psql_with_an_editors_own_role_shows_the_same_rows_and_refuses_the_rest() {
    let Some(server) = server("orgs_psql") else { return };
    bamako_desk(&server.bamako);
    let niamey_claim = server.niamey.add(&["claim", "add", "Three battalions crossed"]);
    let (bamako, niamey, dakar) = (
        server.bamako.db.to_str().unwrap().to_string(),
        server.niamey.db.to_str().unwrap().to_string(),
        server.dakar.db.to_str().unwrap().to_string(),
    );
    let ids = |conn: &str| psql(conn, "SELECT string_agg(id::text, ',' ORDER BY id) FROM claims").unwrap();
    assert_eq!(ids(&bamako), "1,2");
    assert_eq!(ids(&niamey), format!("1,{niamey_claim}"));
    assert_eq!(ids(&dakar), "");
    for table in ["claim_notes", "events", "changes", "settings", "claim_term_counts"] {
        let counted =
            |conn: &str| psql(conn, &format!("SELECT count(*) FROM {table} WHERE org_id <> my_org()")).unwrap();
        assert_eq!(counted(&niamey), "0", "{table}: another newsroom's rows");
        assert_eq!(counted(&dakar), "0", "{table}");
    }
    assert_eq!(psql(&dakar, "SELECT count(*) FROM citations").unwrap(), "0");
    assert_eq!(psql(&dakar, "SELECT count(*) FROM claim_flags").unwrap(), "0", "the views read as the editor");
    assert_eq!(psql(&niamey, "SELECT count(*) FROM verdicts").unwrap(), "1", "the shared claim's verdict");
    assert_eq!(
        psql(&niamey, "SELECT string_agg(name, ',' ORDER BY name) FROM orgs").unwrap(),
        "bamako,coalition-sahel,niamey"
    );
    assert_eq!(psql(&dakar, "SELECT string_agg(name, ',' ORDER BY name) FROM orgs").unwrap(), "dakar");

    // Writing past the policies: nothing changes, or the server refuses.
    assert_eq!(psql(&niamey, "UPDATE claims SET text = 'Five battalions' WHERE id = 1 RETURNING id").unwrap(), "");
    assert_eq!(psql(&dakar, "DELETE FROM claims WHERE id = 2 RETURNING id").unwrap(), "");
    let refused = psql(
        &niamey,
        "INSERT INTO claim_notes (claim_id, body, editor, created_at, org_id) VALUES (1, 'x', 'i', 'now', 1)",
    );
    assert!(refused.unwrap_err().contains("row-level security"), "a row for another newsroom");
    assert!(psql(&dakar, "DELETE FROM events").unwrap_err().contains("permission denied"));
    assert!(psql(&dakar, "TRUNCATE claims").unwrap_err().contains("permission denied"));
    assert!(psql(&dakar, "INSERT INTO editors VALUES ('x', 1, 'now')").unwrap_err().contains("permission denied"));
    assert!(psql(&dakar, "ALTER TABLE claims DISABLE ROW LEVEL SECURITY").unwrap_err().contains("must be owner"));
    // The owner's setting does not move an editor to another newsroom.
    assert_eq!(
        psql(&dakar, "SET claimtrack.org = '1'; SELECT count(*) FROM claims").unwrap().lines().last(),
        Some("0")
    );
    // It only names new rows' default newsroom (migration 4), and a row for another newsroom is refused.
    let elsewhere =
        "SET claimtrack.org = '1'; INSERT INTO claims (text, created_at, updated_at) VALUES ('x', 'x', 'x')";
    assert!(psql(&dakar, elsewhere).unwrap_err().contains("row-level security"));
    // Bamako's claim text is as Bamako wrote it.
    assert_eq!(
        psql(&bamako, "SELECT text FROM claims WHERE id = 1").unwrap(),
        "At least four battalions crossed into Niger"
    );
}

#[test]
fn each_newsroom_verifies_and_anchors_its_own_chain_and_the_owner_verifies_them_all() {
    let Some(server) = server("orgs_verify") else { return };
    bamako_desk(&server.bamako);
    server.niamey.ok(&["claim", "add", "Three battalions crossed"]);
    server.bamako.ok(&["claim", "add", "The border reopened on Monday"]);
    server.niamey.ok(&["claim", "add", "The border stayed closed"]);

    for (ledger, name) in [(&server.bamako, "bamako"), (&server.niamey, "niamey"), (&server.dakar, "dakar")] {
        let out = ledger.ok(&["verify"]);
        assert!(out.starts_with("ok: ") && out.contains(&format!("of {name}'s audit chain")), "{out}");
        let anchor = ledger.ok(&["anchor"]);
        let out = ledger.ok(&["verify", "--anchor", anchor.trim()]);
        assert!(out.contains("the anchor is on the chain"), "{out}");
    }
    // A backup is the newsroom's own records and chain (its share included), verified as a file;
    // what its coalitions share with it is the sharing newsroom's, in that newsroom's backup.
    server.bamako.ok(&["backup", "bamako.db"]);
    assert!(server.bamako.ok(&["--db", "bamako.db", "verify"]).starts_with("ok: "));
    assert_eq!(server.bamako.ok(&["--db", "bamako.db", "claim", "list"]), server.bamako.ok(&["claim", "list"]));
    server.niamey.ok(&["migrate", "--from", server.niamey.db.to_str().unwrap(), "--to", "niamey.db"]);
    let offline = server.niamey.ok(&["--db", "niamey.db", "claim", "list"]);
    assert!(offline.contains("Three battalions") && !offline.contains("four battalions"), "{offline}");

    // Another newsroom's anchor is not on this newsroom's chain.
    let bamako_anchor = server.bamako.ok(&["anchor"]);
    let (out, _) = server.niamey.exits(&["verify", "--anchor", bamako_anchor.trim()], 3);
    assert!(out.contains("is not on the chain"), "{out}");

    let owner = server.schema.owner();
    let out = owner.ok(&["admin", "verify"]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 3, "{out}");
    for name in ["bamako", "dakar", "niamey"] {
        assert!(
            lines.iter().any(|l| l.starts_with("ok: ") && l.contains(&format!("of {name}'s audit chain"))),
            "{out}"
        );
    }
    // A row changed behind Niamey's back is Niamey's problem, found by its editor and by the owner.
    let mut client = postgres::Client::connect(&server.schema.conninfo(), postgres::NoTls).unwrap();
    client.batch_execute("UPDATE claims SET text = 'Four battalions' WHERE text = 'The border stayed closed'").unwrap();
    let (found, _) = server.niamey.exits(&["verify"], 3);
    assert!(found.contains("claims row"), "{found}");
    server.bamako.ok(&["verify"]);
    let (found, _) = owner.exits(&["admin", "verify"], 3);
    assert!(found.lines().all(|l| l.starts_with("niamey: ") || l.starts_with("ok: ")), "{found}");
    // Editors never run the owner's commands.
    let stderr = server.bamako.fails_with(&["admin", "verify"], 1);
    assert!(stderr.contains("does not own the ledger"), "{stderr}");
    let stderr = server.bamako.fails_with(&["org", "add", "rogue"], 1);
    assert!(stderr.contains("does not own the ledger"), "{stderr}");
}

#[test]
fn organisations_live_on_a_server_and_are_refused_on_an_sqlite_file_in_one_line() {
    let ledger = Ledger::new();
    ledger.ok(&["claim", "add", "A claim"]);
    for args in
        [&["org", "add", "desk"][..], &["org", "list"], &["admin", "upgrade"], &["claim", "share", "1", "--with", "c"]]
    {
        let stderr = ledger.fails_with(args, 1);
        assert_eq!(stderr.lines().count(), 1, "{args:?}: {stderr}");
        assert!(stderr.contains("Sharing a ledger"), "{args:?}: {stderr}");
    }
}

#[test]
fn two_newsrooms_writing_at_once_each_keep_an_unbroken_chain_of_their_own() {
    const WRITERS: usize = 4;
    const CLAIMS: usize = 10;
    let Some(server) = server("orgs_writers") else { return };
    std::thread::scope(|scope| {
        for (newsroom, ledger) in [("bamako", &server.bamako), ("niamey", &server.niamey)] {
            for w in 0..WRITERS {
                scope.spawn(move || {
                    for i in 0..CLAIMS {
                        let text = format!("{newsroom} writer {w} claim {i}: {} troops", 100 * w + i);
                        ledger.ok(&["--busy-timeout", "60000", "claim", "add", &text, "--on-duplicate", "add"]);
                    }
                });
            }
        }
    });
    for ledger in [&server.bamako, &server.niamey] {
        assert_eq!(claim_ids(ledger).len(), WRITERS * CLAIMS);
        assert!(ledger.ok(&["verify"]).starts_with("ok: "));
    }
    assert_eq!(claim_ids(&server.dakar).len(), 0);
    let out = server.schema.owner().ok(&["admin", "verify"]);
    assert_eq!(out.lines().filter(|l| l.starts_with("ok: ")).count(), 3, "{out}");
}

#[test]
fn editors_never_change_the_schema_and_the_owner_brings_it_up_to_date() {
    let Some(server) = server("orgs_upgrade") else { return };
    let mut owner_client = postgres::Client::connect(&server.schema.conninfo(), postgres::NoTls).unwrap();
    // Views from another claimtrack: editors are refused until the owner re-creates them.
    owner_client.batch_execute("UPDATE schema_version SET views_sha256 = 'from another claimtrack'").unwrap();
    let stderr = server.bamako.fails_with(&["claim", "list"], 1);
    assert!(stderr.contains("flag views") && stderr.contains("claimtrack admin upgrade"), "{stderr}");
    let out = server.schema.owner().ok(&["admin", "upgrade"]);
    assert!(out.contains("is up to date") && out.contains("3 editors' grants renewed"), "{out}");
    server.bamako.ok(&["claim", "list"]);
    server.bamako.ok(&["flags"]);
    // An older schema: refused, untouched, with a pointer to the owner's command.
    owner_client.batch_execute("UPDATE schema_version SET version = version - 1").unwrap();
    let stderr = server.bamako.fails_with(&["claim", "add", "A claim"], 1);
    assert!(stderr.contains("older claimtrack") && stderr.contains("claimtrack admin upgrade"), "{stderr}");
    let claims: i64 = owner_client.query_one("SELECT count(*) FROM claims", &[]).unwrap().get(0);
    assert_eq!(claims, 0);
}

#[test]
fn newsrooms_that_log_the_same_article_url_or_source_name_each_keep_their_own() {
    let Some(server) = server("orgs_same_url") else { return };
    let url = "https://www.middleeasteye.net/news/turkey-niger-troops";
    for newsroom in [&server.bamako, &server.dakar] {
        newsroom.ok(&["source", "add", "Middle East Eye", "--kind", "outlet"]);
        // What another newsroom logged neither blocks this one nor tells it anything.
        let id =
            newsroom.add(&["article", "add", "Turkey to send troops", "--url", url, "--publisher", "Middle East Eye"]);
        let shown = newsroom.json(&["article", "show", &id.to_string()]);
        assert_eq!(shown["url"], url, "{shown}");
        // Its own article is found by the URL, and a second copy is refused as its own duplicate.
        let again = newsroom.fails_with(&["article", "add", "Turkey to send troops again", "--url", url], 1);
        assert!(again.contains(&format!("article {id}")) || again.contains(&format!("#{id}")), "{again}");
    }
    assert_eq!(server.dakar.json(&["article", "list"]).as_array().map(Vec::len), Some(1));
}

#[test]
fn a_name_that_fits_a_newsrooms_own_source_and_a_shared_one_means_its_own() {
    let Some(server) = server("orgs_same_name") else { return };
    let theirs = server.bamako.add(&["source", "add", "Reuters", "--kind", "outlet"]);
    let article = server.bamako.add(&["article", "add", "Troops land", "--url", "https://example.org/bamako"]);
    let claim = server.bamako.add(&[
        "claim",
        "add",
        "Turkish troops landed in Niamey",
        "--article",
        &article.to_string(),
        "--source",
        "Reuters",
    ]);
    server.bamako.ok(&["claim", "share", &claim.to_string(), "--with", "coalition-sahel"]);
    // Niamey sees Bamako's Reuters with the shared claim; before it has its own, the name finds that one.
    assert_eq!(server.niamey.json(&["source", "show", "Reuters"])["id"].as_i64(), Some(theirs));
    let own = server.niamey.add(&["source", "add", "Reuters", "--kind", "outlet"]);
    let names: Vec<i64> =
        server.niamey.json(&["source", "list"]).as_array().unwrap().iter().filter_map(|s| s["id"].as_i64()).collect();
    assert!(names.contains(&own) && names.contains(&theirs), "{names:?}");
    // With both in sight, the name means Niamey's own, for reading and for citing.
    assert_eq!(server.niamey.json(&["source", "show", "Reuters"])["id"].as_i64(), Some(own));
    let article = server.niamey.add(&["article", "add", "Troops arrive", "--url", "https://example.org/niamey"]);
    let cited = server.niamey.json(&[
        "claim",
        "add",
        "Turkish troops arrived in Niamey on Monday",
        "--article",
        &article.to_string(),
        "--source",
        "Reuters",
    ]);
    assert_eq!(cited["citations"][0]["source"]["id"].as_i64(), Some(own), "{cited}");
    // On SQLite, one desk's file, two sources of one name stay ambiguous (`tests/cli/ledger.rs`).
}

#[test]
fn a_newsroom_whose_claim_conflicts_with_a_shared_one_still_backs_up_to_a_file_that_verifies() {
    let Some(server) = server("orgs_conflict_backup") else { return };
    let shared = server.bamako.add(&["claim", "add", "Turkey sent 1,000 troops to Niger"]);
    server.bamako.ok(&["claim", "share", &shared.to_string(), "--with", "coalition-sahel"]);
    server.niamey.add(&["claim", "add", "Turkish troops arrived in Niger"]);
    // `skip` keeps no other newsroom's claim in place of Niamey's own.
    let out = server.niamey.run(&["claim", "add", "--on-duplicate", "skip", "Turkey sent 1,500 troops to Niger"]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("\tadded claim"), "{out:?}");
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains(&format!("near-duplicate of claim {shared}")) && said.contains("numbers disagree"), "{said}");
    // No hint to link what cannot be linked: it says whose claim it is instead.
    assert!(said.contains(&format!("claim {shared} is another newsroom's, shared with a coalition")), "{said}");
    assert!(!said.contains("to record the conflict"), "{said}");
    // `similar` marks it so too; Niamey's own claims are not marked.
    let found = server.niamey.json(&["similar", "Turkey sent 2,000 troops to Niger"]);
    let marked: Vec<(i64, bool)> = found["matches"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| (m["claim_id"].as_i64().unwrap(), m["shared"].as_bool().unwrap_or(false)))
        .collect();
    assert!(marked.contains(&(shared, true)) && marked.iter().all(|&(id, s)| s == (id == shared)), "{found}");
    let own = String::from_utf8_lossy(&out.stdout).split('\t').next().unwrap().to_string();
    // Niamey's records refer only to its own: the disagreement is shown, not stored against
    // Bamako's claim, and a link to that claim is refused in one line.
    let refused = server.niamey.fails_with(&["link", &own, "--conflicts", &shared.to_string()], 1);
    assert!(refused.contains("the claim it refers to is another newsroom's"), "{refused}");
    assert_eq!(refused.lines().count(), 1, "{refused}");
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("niamey.db");
    let out = server.niamey.ok(&["backup", copy.to_str().unwrap()]);
    assert!(out.contains("it verifies"), "{out}");

    // A reference into another newsroom written with the keys switched off (a superuser's
    // `session_replication_role = replica`) is what the owner's `admin verify` reports.
    let Some(mut admin) = crate::postgres_verify::superuser() else { return };
    let niamey_org: i64 = admin
        .query_one(&format!("SELECT id FROM {}.orgs WHERE name = 'niamey'", server.schema.name), &[])
        .unwrap()
        .get(0);
    admin
        .batch_execute(&format!(
            "SET search_path = {}; SET session_replication_role = replica;
             INSERT INTO claim_notes (id, claim_id, editor, body, created_at, org_id)
             VALUES (900, {shared}, 'nobody', 'a note on Bamako''s claim', '2026-11-27T10:00:00Z', {niamey_org})",
            server.schema.name
        ))
        .unwrap();
    let (found, _) = server.schema.owner().exits(&["admin", "verify"], 3);
    assert!(
        found.contains("niamey: foreign_key_check: claim_notes row 900 points at another newsroom's claims row"),
        "{found}"
    );
}
