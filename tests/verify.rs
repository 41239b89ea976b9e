//! Signed manifests: `brief manifest`, `brief verify` and `--require-signed`, against a pack signed
//! with the standard minisign tool (tests/fixtures/signed-pack, public key signed-pack.pub).
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a failed unwrap is a failed test

use std::path::PathBuf;

mod common;

use assert_cmd::Command;

/// The public key as the base64 string (the `.pub` file's second line), for `--key-string`.
fn key_string() -> String {
    let text = std::fs::read_to_string(key_file()).unwrap();
    text.lines().nth(1).unwrap().to_string()
}

fn key_file() -> PathBuf {
    common::fixture("signed-pack.pub")
}

fn brief() -> Command {
    let mut cmd = Command::cargo_bin("brief").unwrap();
    cmd.env_remove("BRIEF_PACK")
        .env_remove("BRIEF_CONFIG")
        .env("XDG_CONFIG_HOME", "/nonexistent/brief-tests");
    cmd
}

fn run(cmd: &mut Command) -> (i32, String, String) {
    let out = cmd.output().unwrap();
    let text = |b: Vec<u8>| String::from_utf8(b).unwrap();
    (
        out.status.code().unwrap(),
        text(out.stdout),
        text(out.stderr),
    )
}

#[test]
fn an_intact_signed_pack_verifies() {
    let pack = common::copy_of("signed-pack");
    let (code, out, _) = run(brief()
        .arg("verify")
        .arg(pack.path())
        .arg("--key")
        .arg(key_file()));
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("signature ok") && out.contains("all 6 files match"),
        "{out}"
    );
}

#[test]
fn the_key_may_be_given_as_a_string() {
    let pack = common::copy_of("signed-pack");
    let key = key_string();
    let (code, out, _) = run(brief()
        .arg("verify")
        .arg(pack.path())
        .args(["--key-string", &key]));
    assert_eq!(code, 0, "{out}");
}

#[test]
fn one_flipped_byte_in_one_card_is_named_and_exits_3() {
    let pack = common::copy_of("signed-pack");
    let card = pack.path().join("cards/beta.json");
    let mut bytes = std::fs::read(&card).unwrap();
    bytes[10] ^= 0x01;
    std::fs::write(&card, bytes).unwrap();
    let (code, out, err) = run(brief()
        .arg("verify")
        .arg(pack.path())
        .arg("--key")
        .arg(key_file()));
    assert_eq!(code, 3);
    assert!(
        out.contains("cards/beta.json: differs from the manifest"),
        "{out}"
    );
    assert!(
        !out.contains("alpha.json"),
        "only the changed file is named: {out}"
    );
    assert!(err.contains("1 file(s) differ"), "{err}");
}

#[test]
fn missing_and_extra_files_are_named() {
    let pack = common::copy_of("signed-pack");
    std::fs::remove_file(pack.path().join("cards/gamma.json")).unwrap();
    std::fs::write(pack.path().join("cards/intruder.json"), "{}").unwrap();
    let (code, out, _) = run(brief()
        .arg("verify")
        .arg(pack.path())
        .arg("--key")
        .arg(key_file()));
    assert_eq!(code, 3);
    assert!(
        out.contains("cards/gamma.json: listed in the manifest but missing"),
        "{out}"
    );
    assert!(
        out.contains("cards/intruder.json: present but not in the manifest"),
        "{out}"
    );
}

#[test]
fn a_manifest_edited_after_signing_fails_the_signature() {
    let pack = common::copy_of("signed-pack");
    let path = pack.path().join("manifest.json");
    let text = std::fs::read_to_string(&path).unwrap().replacen(
        "\"cards/alpha.json\"",
        "\"cards/alpha2.json\"",
        1,
    );
    std::fs::write(&path, text).unwrap();
    let (code, _, err) = run(brief()
        .arg("verify")
        .arg(pack.path())
        .arg("--key")
        .arg(key_file()));
    assert_eq!(code, 3);
    assert!(
        err.contains("manifest.json.minisig: signature does not verify"),
        "{err}"
    );
}

#[test]
fn another_key_is_refused() {
    let pack = common::copy_of("signed-pack");
    // A well-formed key that did not sign the pack.
    let other = "RWQf6LRCGA9i53mlYecO4IzT51TGPpvWucNSCh1CBM0QTaLn73Y7GFO3";
    let (code, _, err) = run(brief()
        .arg("verify")
        .arg(pack.path())
        .args(["--key-string", other]));
    assert_eq!(code, 3, "{err}");
    assert!(err.contains("manifest.json.minisig"), "{err}");
}

#[test]
fn without_a_key_digests_are_checked_and_the_signature_is_said_unchecked() {
    let pack = common::copy_of("signed-pack");
    let (code, out, _) = run(brief().arg("verify").arg(pack.path()));
    assert_eq!(code, 0);
    assert!(out.contains("signature NOT checked"), "{out}");
}

#[test]
fn require_signed_opens_a_good_pack_and_refuses_a_changed_one() {
    let pack = common::copy_of("signed-pack");
    let args = |cmd: &mut Command| {
        cmd.arg("--pack")
            .arg(pack.path())
            .arg("--require-signed")
            .arg("--key")
            .arg(key_file())
            .arg("list");
    };
    let mut ok = brief();
    args(&mut ok);
    assert_eq!(run(&mut ok).0, 0);

    std::fs::write(pack.path().join("cards/delta.json"), "{\"tampered\": true}").unwrap();
    let mut bad = brief();
    args(&mut bad);
    let (code, out, err) = run(&mut bad);
    assert_eq!(code, 3);
    assert!(out.is_empty());
    assert!(
        err.contains("cards/delta.json: differs from the manifest")
            && err.contains("refusing the pack"),
        "{err}"
    );
}

#[test]
fn require_signed_without_a_key_is_a_usage_error() {
    let pack = common::copy_of("signed-pack");
    let (code, _, err) = run(brief()
        .arg("--pack")
        .arg(pack.path())
        .args(["--require-signed", "list"]));
    assert_eq!(code, 2);
    assert!(
        err.contains("--require-signed needs a trusted key"),
        "{err}"
    );
}

#[test]
fn an_unsigned_pack_is_refused_under_require_signed() {
    let (code, _, err) = run(brief()
        .arg("--pack")
        .arg(common::fixture("good-pack"))
        .args(["--require-signed", "list"])
        .arg("--key")
        .arg(key_file()));
    assert_eq!(code, 3);
    assert!(err.contains("manifest.json"), "{err}");
}

#[test]
fn manifest_is_deterministic_and_matches_the_signed_one() {
    let pack = common::copy_of("signed-pack");
    let before = std::fs::read(pack.path().join("manifest.json")).unwrap();
    let (code, out, _) = run(brief().arg("manifest").arg(pack.path()));
    assert_eq!(code, 0);
    assert!(
        out.contains("6 files") && out.contains("minisign -Sm"),
        "{out}"
    );
    assert_eq!(
        std::fs::read(pack.path().join("manifest.json")).unwrap(),
        before
    );
}

#[cfg(unix)]
#[test]
fn manifest_refuses_a_pack_with_a_symbolic_link() {
    let pack = common::copy_of("signed-pack");
    std::os::unix::fs::symlink("/etc/passwd", pack.path().join("cards/link.json")).unwrap();
    let (code, _, err) = run(brief().arg("manifest").arg(pack.path()));
    assert_eq!(code, 3);
    assert!(
        err.contains("link.json: symbolic link in the pack"),
        "{err}"
    );
}

#[test]
fn trusted_keys_and_require_signed_may_come_from_the_config() {
    let pack = common::copy_of("signed-pack");
    let key = key_string();
    let config_dir = tempfile::tempdir().unwrap();
    let config = config_dir.path().join("config.toml");
    std::fs::write(
        &config,
        format!("require_signed = true\ntrusted_keys = [{key:?}]\n"),
    )
    .unwrap();
    let (code, _, err) = run(brief()
        .arg("--config")
        .arg(&config)
        .arg("--pack")
        .arg(pack.path())
        .arg("list"));
    assert_eq!(code, 0, "{err}");
    std::fs::write(pack.path().join("cards/alpha.json"), "{}").unwrap();
    let (code, _, err) = run(brief()
        .arg("--config")
        .arg(&config)
        .arg("--pack")
        .arg(pack.path())
        .arg("list"));
    assert_eq!(code, 3);
    assert!(err.contains("cards/alpha.json: differs"), "{err}");
}
