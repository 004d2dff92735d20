//! Conventions of a well-behaved CLI: the per-user config file and its precedence, a refusal
//! when no editor is known, `--quiet`, shell completions driven in a real bash, the man page, help.

use std::process::Command;

use crate::common::{Ledger, on_path, tool_missing};

/// A ledger whose commands run with no editor from the environment (only what a test adds).
fn without_editor(ledger: &Ledger) -> assert_cmd::Command {
    let mut cmd = ledger.cmd();
    cmd.env_remove("CLAIMTRACK_EDITOR");
    cmd
}

/// Runs claimtrack as a uid with no entry in /etc/passwd and nothing in its environment but
/// the ledger; `None` (a skip, refused under CI) where that cannot be arranged.
fn as_unnamed_account(ledger: &Ledger, args: &[&str]) -> Option<std::process::Output> {
    use std::os::unix::fs::PermissionsExt;
    let root = Command::new("id").arg("-u").output().ok()?;
    let Some(setpriv) = on_path("setpriv").filter(|_| String::from_utf8_lossy(&root.stdout).trim() == "0") else {
        assert!(std::env::var_os("CI").is_none(), "CI runs as root with util-linux setpriv: this test must run there");
        eprintln!("skipping: needs root and setpriv to run as an account with no name");
        return None;
    };
    let uid = "54321";
    let passwd = std::fs::read_to_string("/etc/passwd").unwrap_or_default();
    assert!(!passwd.lines().any(|l| l.split(':').nth(2) == Some(uid)), "uid {uid} has a name here");
    // The binary, where that account can run it (copied by `cp`: see trust.rs on ETXTBSY).
    let dir = tempfile::tempdir().unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let binary = dir.path().join("claimtrack");
    assert!(Command::new("cp").arg(crate::common::bin()).arg(&binary).status().unwrap().success());
    let mut cmd = Command::new(setpriv);
    cmd.args(["--reuid", uid, "--regid", uid, "--clear-groups", "--"]).arg(&binary).arg("--db").arg(&ledger.db);
    cmd.args(args).env_clear().env("CLAIMTRACK_CONFIG", dir.path().join("none.toml")).env("NO_COLOR", "1");
    Some(cmd.output().unwrap())
}

fn last_editor(ledger: &Ledger) -> String {
    let history = ledger.json(&["history"]);
    history.as_array().unwrap().last().unwrap()["editor"].as_str().unwrap().to_string()
}

#[test]
fn the_editor_comes_from_flag_then_environment_then_config_then_the_os_user() {
    let ledger = Ledger::new();
    ledger.ok(&["config", "set", "editor", "from-config"]);
    without_editor(&ledger).args(["claim", "add", "A"]).assert().success();
    assert_eq!(last_editor(&ledger), "from-config");
    // The environment (the harness sets CLAIMTRACK_EDITOR=tester) beats the file.
    ledger.ok(&["claim", "add", "B"]);
    assert_eq!(last_editor(&ledger), "tester");
    ledger.ok(&["--editor", "from-flag", "claim", "add", "C"]);
    assert_eq!(last_editor(&ledger), "from-flag");
    // With no config value, the OS user.
    ledger.ok(&["config", "unset", "editor"]);
    without_editor(&ledger).env("USER", "os-user").args(["claim", "add", "D"]).assert().success();
    assert_eq!(last_editor(&ledger), "os-user");
}

#[test]
fn with_no_editor_anywhere_writes_are_refused_and_say_how_to_set_one() {
    let ledger = Ledger::new();
    let before = std::fs::read(&ledger.db).unwrap();
    // No editor in the environment or the config file, and an account the system has no
    // name for: a uid missing from /etc/passwd (setpriv, as root; CI runs as root).
    let Some(out) = as_unnamed_account(&ledger, &["claim", "add", "Unsigned"]) else { return };
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    for hint in ["--editor", "CLAIMTRACK_EDITOR", "claimtrack config set editor"] {
        assert!(stderr.contains(hint), "{stderr}");
    }
    assert_eq!(std::fs::read(&ledger.db).unwrap(), before, "nothing written");
    // Reads need no editor.
    without_editor(&ledger).args(["claim", "list"]).assert().success();
    assert!(
        !ledger
            .sql()
            .query_row("SELECT count(*) = 0 FROM changes WHERE editor = 'unknown'", [], |r| {
                r.get::<_, bool>(0).map(|none| !none)
            })
            .unwrap()
    );
}

#[test]
fn the_ledger_path_and_output_preferences_come_from_the_config_file() {
    let ledger = Ledger::new();
    ledger.ok(&["config", "set", "db", "desk.db"]);
    let mut init = ledger.cmd();
    init.env_remove("CLAIMTRACK_DB").arg("init").assert().success();
    assert!(ledger.dir.path().join("desk.db").is_file(), "the config's ledger, relative to the working folder");

    ledger.add(&["claim", "add", "Turkey will send elite troops"]);
    ledger.ok(&["config", "set", "format", "json"]);
    let listed: serde_json::Value = serde_json::from_str(&ledger.ok(&["claim", "list"])).unwrap();
    assert_eq!(listed[0]["text"], "Turkey will send elite troops");
    assert!(ledger.ok(&["--format", "table", "claim", "list"]).starts_with("id"), "the flag wins");
    // A report-only format applies to `report` and leaves other commands as tables.
    ledger.ok(&["config", "set", "format", "markdown"]);
    assert!(ledger.ok(&["claim", "list"]).starts_with("id"));
    assert!(ledger.ok(&["report"]).starts_with('#'), "report reads markdown from the config");
    ledger.ok(&["config", "set", "color", "always"]);
    assert!(ledger.ok(&["--format", "table", "claim", "list"]).contains('\u{1b}'), "colour from the config file");
    assert!(!ledger.ok(&["--color", "never", "--format", "table", "claim", "list"]).contains('\u{1b}'));
}

#[test]
fn config_get_set_list_path_and_bad_values() {
    let ledger = Ledger::new();
    assert_eq!(ledger.ok(&["config", "path"]).trim(), ledger.config_file().display().to_string());
    assert_eq!(ledger.ok(&["config", "list"]), "");
    ledger.ok(&["config", "set", "editor", "amina"]);
    ledger.ok(&["config", "set", "lint.vague", "error"]);
    assert_eq!(ledger.ok(&["config", "get", "editor"]).trim(), "amina");
    assert_eq!(ledger.ok(&["config", "list"]), "editor = amina\nlint.vague = error\n");
    let json = ledger.json(&["config", "get", "lint.vague"]);
    assert_eq!(json, serde_json::json!({"key": "lint.vague", "value": "error"}));
    ledger.rejects(&["config", "get", "format"], 1, "format is not set");
    ledger.rejects(&["config", "set", "format", "yaml"], 2, "format takes table, json");
    ledger.rejects(&["config", "set", "colour", "never"], 2, "no key \"colour\"");
    ledger.rejects(&["config", "set", "lint.vague", "loud"], 2, "allow, note, warning or error");

    // Comments survive `set`.
    std::fs::write(ledger.config_file(), "# my desk\neditor = \"amina\" # me\n").unwrap();
    ledger.ok(&["config", "set", "format", "json"]);
    let text = std::fs::read_to_string(ledger.config_file()).unwrap();
    assert!(text.contains("# my desk") && text.contains("# me") && text.contains("format = \"json\""), "{text}");

    // A broken file is named by every command, and `config unset` can still mend it.
    std::fs::write(ledger.config_file(), "editor = \"amina\"\ncolor = \"purple\"\n").unwrap();
    let stderr = ledger.rejects(&["claim", "list"], 1, "color takes auto, always, never");
    assert!(stderr.contains("config.toml"), "{stderr}");
    ledger.ok(&["config", "unset", "color"]);
    ledger.ok(&["claim", "list"]);
    std::fs::write(ledger.config_file(), "editor = \n").unwrap();
    ledger.rejects(&["claim", "list"], 1, "not valid TOML");
}

#[test]
#[cfg(target_os = "linux")]
fn the_config_file_lives_in_the_platform_config_folder() {
    let ledger = Ledger::new();
    let home = ledger.dir.path().join("home");
    let xdg = ledger.dir.path().join("xdg");
    let run = |env: &[(&str, &std::path::Path)], args: &[&str]| {
        let mut cmd = ledger.cmd();
        cmd.env_remove("CLAIMTRACK_CONFIG").env("HOME", &home);
        for (k, v) in env {
            cmd.env(k, v);
        }
        let out = cmd.args(args).output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    };
    let expected = home.join(".config/claimtrack/config.toml");
    assert_eq!(run(&[], &["config", "path"]).trim(), expected.display().to_string());
    let expected = xdg.join("claimtrack/config.toml");
    assert_eq!(run(&[("XDG_CONFIG_HOME", &xdg)], &["config", "path"]).trim(), expected.display().to_string());
    run(&[("XDG_CONFIG_HOME", &xdg)], &["config", "set", "editor", "amina"]);
    assert!(std::fs::read_to_string(&expected).unwrap().contains("amina"));
}

#[test]
fn quiet_writes_print_only_the_id() {
    let ledger = Ledger::new();
    assert_eq!(ledger.ok(&["-q", "source", "add", "Middle East Eye", "--kind", "outlet"]), "1\n");
    assert_eq!(ledger.ok(&["claim", "add", "A", "--quiet"]), "1\n");
    assert_eq!(ledger.ok(&["claim", "add", "B", "--quiet", "--format", "json"]), "2\n");
    assert_eq!(ledger.ok(&["link", "1", "--corroborates", "2", "-q"]), "1\n");
    assert_eq!(ledger.ok(&["verdict", "1", "true", "-q"]), "1\n");
    assert_eq!(ledger.ok(&["source", "alias", "1", "MEE", "-q"]), "1\n");
    assert_eq!(ledger.ok(&["claim", "edit", "2", "B2", "-q"]), "2\n");
    assert_eq!(ledger.ok(&["claim", "retract", "2", "--reason", "twice", "-q"]), "2\n");
    ledger.ok(&["claim", "restore", "2"]);
    let change = ledger.ok(&["undo", "-q"]);
    let newest: i64 = ledger.sql().query_row("SELECT max(id) FROM changes", [], |r| r.get(0)).unwrap();
    assert_eq!(change, format!("{newest}\n"));
}

#[test]
fn subcommand_help_shows_global_options_once_at_the_top() {
    let ledger = Ledger::uninitialised();
    let top = ledger.ok(&["--help"]);
    for option in ["--db", "--editor", "--format", "--color", "--quiet", "--busy-timeout"] {
        assert!(top.contains(option), "top-level help lists {option}");
    }
    let sub = ledger.ok(&["claim", "add", "--help"]);
    assert!(!sub.contains("--busy-timeout <MS>") && !sub.contains("--db <PATH>"), "{sub}");
    let flowing = sub.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flowing.contains("--busy-timeout) work here too: see `claimtrack --help`"), "{sub}");
    // Its own options only: the global ones would add about 40 lines.
    assert!(sub.lines().count() < 60, "{} lines", sub.lines().count());
    // ... and still work after the subcommand.
    let ledger = Ledger::new();
    ledger.ok(&["claim", "add", "A", "--editor", "amina"]);
    assert_eq!(last_editor(&ledger), "amina");
    assert!(ledger.ok(&["history", "--format", "json"]).starts_with('['));
}

#[test]
fn man_page_and_every_shell_completion() {
    let ledger = Ledger::uninitialised();
    let page = ledger.ok(&["man"]);
    assert!(page.contains(".TH claimtrack 1") && page.contains(".SH NAME"), "{}", &page[..200.min(page.len())]);
    for sub in ["undo", "revert", "config", "completions", "report"] {
        assert!(page.contains(sub), "the page lists {sub}");
    }
    let dir = ledger.dir.path().join("man");
    std::fs::create_dir(&dir).unwrap();
    ledger.ok(&["man", "--out-dir", dir.to_str().unwrap()]);
    assert!(dir.join("claimtrack.1").is_file() && dir.join("claimtrack-claim-add.1").is_file());
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let script = ledger.ok(&["completions", shell]);
        assert!(script.contains("claimtrack") && script.contains("verdict"), "{shell}");
    }
    ledger.rejects(&["completions", "tcsh"], 2, "tcsh");
}

/// What bash completes for `words` (the last one being completed), from the generated script.
fn bash_completes(script: &std::path::Path, words: &[&str]) -> Vec<String> {
    let quoted: Vec<String> = words.iter().map(|w| format!("'{w}'")).collect();
    let program = format!(
        "source '{}'\nCOMP_WORDS=({})\nCOMP_CWORD={}\nCOMP_LINE=\"${{COMP_WORDS[*]}}\"\nCOMP_POINT=${{#COMP_LINE}}\n_claimtrack claimtrack '{}' '{}'\nprintf '%s\\n' \"${{COMPREPLY[@]}}\"\n",
        script.display(),
        quoted.join(" "),
        words.len() - 1,
        words[words.len() - 1],
        words[words.len() - 2],
    );
    let out = Command::new("bash").arg("--norc").arg("-c").arg(&program).env_clear().output().unwrap();
    assert!(out.status.success(), "bash: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap().split_whitespace().map(String::from).collect()
}

#[test]
fn bash_completes_subcommands_and_format_values() {
    if on_path("bash").is_none() {
        return tool_missing("bash is not installed");
    }
    let ledger = Ledger::uninitialised();
    let script = ledger.write_file("claimtrack.bash", ledger.ok(&["completions", "bash"]).as_bytes());
    let top = bash_completes(&script, &["claimtrack", ""]);
    for sub in ["claim", "source", "report", "undo", "revert", "config", "completions", "man"] {
        assert!(top.contains(&sub.to_string()), "{sub} in {top:?}");
    }
    let un = bash_completes(&script, &["claimtrack", "un"]);
    assert!(un.iter().all(|w| w.starts_with("un")), "only commands starting `un`: {un:?}");
    assert!(["undo", "unlink"].iter().all(|w| un.contains(&w.to_string())), "{un:?}");
    assert_eq!(bash_completes(&script, &["claimtrack", "claim", "ad"]), ["add"]);
    let formats = bash_completes(&script, &["claimtrack", "report", "--format", ""]);
    for format in ["table", "json", "markdown", "csv", "html", "dot"] {
        assert!(formats.contains(&format.to_string()), "{format} in {formats:?}");
    }
    let formats = bash_completes(&script, &["claimtrack", "claim", "list", "--format", "ht"]);
    assert_eq!(formats, ["html"]);
    let shells = bash_completes(&script, &["claimtrack", "completions", ""]);
    assert!(shells.contains(&"bash".to_string()) && shells.contains(&"elvish".to_string()), "{shells:?}");
}
