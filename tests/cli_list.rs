//! `brief list QUERY`: exit codes 0/1/2 and the `--json` shape.

use assert_cmd::Command;

fn brief() -> Command {
    let mut cmd = Command::cargo_bin("brief").unwrap_or_else(|e| panic!("{e}"));
    cmd.env_remove("BRIEF_PACK").env("NO_COLOR", "1");
    cmd
}

#[test]
fn a_match_exits_0_and_prints_ranked_ids() {
    let out = brief()
        .args(["list", "ORBÁN"])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8_lossy(&out);
    assert_eq!(text.lines().count(), 1, "{text}");
    assert!(text.starts_with("war-raises-trump-risk  "), "{text}");
}

#[test]
fn nothing_matched_exits_1() {
    brief()
        .args(["list", "zzzzqqq"])
        .assert()
        .code(1)
        .stdout("");
}

#[test]
fn a_malformed_query_exits_2_naming_the_place() {
    let cases = [
        ("\"prime minister", "at character 0: quote"),
        ("ukraine foo:bar", "at character 8: unknown field 'foo:'"),
        ("ukraine OR", "at character 8: 'OR' needs a term after it"),
        ("theme:", "at character 0: 'theme:' needs a value"),
        ("theme:ukrane", "at character 6: unknown theme 'ukrane'"),
        ("(ukraine", "at character 0: '(' is never closed"),
    ];
    for (query, message) in cases {
        let out = brief()
            .args(["list", query])
            .assert()
            .code(2)
            .get_output()
            .clone();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(message), "{query:?}: {err}");
        assert!(out.stdout.is_empty(), "{query:?}");
    }
}

#[test]
fn json_carries_score_and_byte_ranges() {
    let out = brief()
        .args(["list", "--json", "rutte"])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let rows: serde_json::Value = serde_json::from_slice(&out).unwrap_or_else(|e| panic!("{e}"));
    let rows = rows.as_array().cloned().unwrap_or_default();
    assert!(!rows.is_empty());
    for row in &rows {
        assert!(row["id"].is_string() && row["title"].is_string() && row["themes"].is_array());
        assert!(row["score"].as_u64().is_some_and(|s| s > 0), "{row}");
        let matches = row["matches"].as_array().cloned().unwrap_or_default();
        assert!(!matches.is_empty(), "{row}");
        for m in matches {
            assert!(m["field"].is_string(), "{m}");
            assert!(m["ranges"].as_array().is_some_and(|r| !r.is_empty()), "{m}");
        }
    }
    // The best card has Rutte in its title, and the range covers exactly that word.
    let first = &rows[0];
    let title = first["title"].as_str().unwrap_or_default();
    let title_match = first["matches"]
        .as_array()
        .and_then(|m| m.iter().find(|m| m["field"] == "title"))
        .cloned();
    let r = title_match
        .map(|m| m["ranges"][0].clone())
        .unwrap_or_default();
    let (s, e) = (
        r["start"].as_u64().unwrap_or(0) as usize,
        r["end"].as_u64().unwrap_or(0) as usize,
    );
    assert_eq!(&title[s..e], "Rutte");
}

#[test]
fn the_empty_query_lists_every_card() {
    let out = brief()
        .arg("list")
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    assert_eq!(String::from_utf8_lossy(&out).lines().count(), 37);
}
