//! `brief build`: where the file goes, what it replaces, and bad cards handled as `brief
//! validate` handles them.

use super::fixtures::{copy_of, fixture};
use super::{brief, run};

#[test]
fn the_file_goes_beside_the_folder_named_after_it() {
    let home = tempfile::tempdir().unwrap();
    let pack = copy_of("good-pack");
    let (code, out, err) = run(brief(home.path()).arg("build").arg(pack.path()));
    assert_eq!(code, 0, "{out}{err}");
    let name = pack.path().file_name().unwrap().to_str().unwrap();
    let file = pack.path().with_file_name(format!("{name}.brief"));
    assert!(file.is_file(), "{out}");
    let size = std::fs::metadata(&file).unwrap().len();
    assert!(
        out.contains(&format!(": 4 cards, {size} bytes, in ")),
        "{out}"
    );
    // From inside the folder, `.` names it too.
    std::fs::remove_file(&file).unwrap();
    let (code, _, err) = run(brief(home.path())
        .current_dir(pack.path())
        .args(["build", "."]));
    assert_eq!(code, 0, "{err}");
    assert!(file.is_file());
    std::fs::remove_file(&file).unwrap();
}

#[test]
fn a_pack_file_is_replaced_and_any_other_file_only_with_force() {
    let home = tempfile::tempdir().unwrap();
    let target = home.path().join("out.brief");
    let build = |force: bool| {
        let mut cmd = brief(home.path());
        cmd.arg("build")
            .arg(fixture("good-pack"))
            .arg("-o")
            .arg(&target);
        if force {
            cmd.arg("--force");
        }
        run(&mut cmd)
    };
    std::fs::write(&target, b"my notes, not a pack").unwrap();
    let (code, _, err) = build(false);
    assert_eq!(code, 3, "{err}");
    assert!(
        err.contains("exists and is not a pack file") && err.contains("--force"),
        "{err}"
    );
    assert_eq!(std::fs::read(&target).unwrap(), b"my notes, not a pack");
    assert_eq!(build(true).0, 0);
    let first = std::fs::read(&target).unwrap();
    assert_eq!(build(false).0, 0, "a pack file is rebuilt in place");
    assert_eq!(
        std::fs::read(&target).unwrap(),
        first,
        "the same folder builds the same bytes"
    );
}

#[test]
fn bad_cards_are_skipped_and_reported_and_strict_refuses() {
    let home = tempfile::tempdir().unwrap();
    let target = home.path().join("bad.brief");
    let pack = fixture("bad-packs/unknown-theme");
    let (code, out, err) = run(brief(home.path())
        .arg("build")
        .arg(&pack)
        .arg("-o")
        .arg(&target));
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        err.contains("unknown theme") && err.contains("skipped 1 bad card file(s)"),
        "{err}"
    );
    let (_, listed, _) = run(brief(home.path()).arg("--pack").arg(&target).arg("list"));
    assert_eq!(listed.lines().count(), 4, "{listed}");
    std::fs::remove_file(&target).unwrap();
    let (code, _, err) = run(brief(home.path())
        .args(["--strict", "build"])
        .arg(&pack)
        .arg("-o")
        .arg(&target));
    assert_eq!(code, 3, "{err}");
    assert!(err.contains("--strict refuses the pack"), "{err}");
    assert!(!target.exists(), "nothing written");
}

#[test]
fn json_says_what_was_written() {
    let home = tempfile::tempdir().unwrap();
    let target = home.path().join("g.brief");
    let (code, out, _) = run(brief(home.path())
        .arg("build")
        .arg(fixture("good-pack"))
        .args(["--json", "-o"])
        .arg(&target));
    assert_eq!(code, 0);
    let value: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(value["cards"], 4);
    assert_eq!(value["bytes"], std::fs::metadata(&target).unwrap().len());
}
