//! Reading and writing the state file's bytes: the version check and the migration of older files.
//!
//! The migration rule: a file whose top level has no `version` field, or `"version": 0`, predates
//! versioning and is read as version 0. Version 0 has the same shape as version 1, so migrating it
//! only stamps `"version": 1`; every other field, known or not, is kept. When the format next
//! changes, `migrate` gains a step from 1 to 2 and this build's [`VERSION`] moves on. A file with a
//! version newer than this build knows is refused (and set aside by the store, never overwritten).

use serde_json::Value;

use super::json;
use super::model::{State, VERSION};

/// A state file that was read.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Decoded {
    /// The state, in the current version.
    pub state: State,
    /// The version the file was in, if older than this build's.
    pub migrated_from: Option<u64>,
}

/// Why a file cannot be used as state.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub(crate) enum Rejected {
    /// Not JSON, or not the shape of a state file.
    #[error("it is not a valid state file ({0})")]
    Unparsable(String),
    /// Written by a newer brief.
    #[error("it has version {0}, newer than this brief understands ({VERSION})")]
    Newer(u64),
}

/// The UTF-8 byte-order mark some editors (Notepad) put at the start of a file.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Reads a state file's bytes, migrating an older version. A leading byte-order mark is skipped
/// (and not written back); a key twice in one object makes the file unparsable, as nothing else
/// could keep both values; times are clamped to [`crate::base::time::MAX_MS`].
pub(crate) fn decode(bytes: &[u8]) -> Result<Decoded, Rejected> {
    let bytes = bytes.strip_prefix(BOM).unwrap_or(bytes);
    let mut value = json::parse(bytes).map_err(|e| Rejected::Unparsable(e.to_string()))?;
    let Some(object) = value.as_object_mut() else {
        return Err(Rejected::Unparsable(
            "the top level is not a JSON object".into(),
        ));
    };
    let version = match object.get("version") {
        None => 0,
        Some(v) => v.as_u64().ok_or_else(|| {
            Rejected::Unparsable(format!("\"version\" is {v}, not a whole number"))
        })?,
    };
    if version > VERSION {
        return Err(Rejected::Newer(version));
    }
    let mut value = migrate(value, version);
    if let Some(object) = value.as_object_mut() {
        object.insert("version".into(), Value::from(VERSION));
    }
    let mut state: State =
        serde_json::from_value(value).map_err(|e| Rejected::Unparsable(e.to_string()))?;
    state.clamp_times();
    Ok(Decoded {
        state,
        migrated_from: (version < VERSION).then_some(version),
    })
}

/// Brings a file of version `from` up to [`VERSION`], one step at a time.
fn migrate(value: Value, from: u64) -> Value {
    // Version 0 (no "version" field) has version 1's shape: nothing to change but the stamp,
    // which `decode` writes. The next format change adds `if from < 2 { ... }` here.
    let _ = from;
    value
}

/// The bytes of a state file: pretty JSON and a final newline, so people can read and diff it.
pub(crate) fn encode(state: &State) -> Result<Vec<u8>, serde_json::Error> {
    let mut bytes = serde_json::to_vec_pretty(state)?;
    bytes.push(b'\n');
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_without_a_version_is_migrated_keeping_everything() {
        let old = br#"{"bookmarks": {"a": {"added": 5}}, "theirs": [1, 2]}"#;
        let decoded = decode(old).unwrap();
        assert_eq!(decoded.migrated_from, Some(0));
        assert!(decoded.state.is_bookmarked("a"));
        let written: Value = serde_json::from_slice(&encode(&decoded.state).unwrap()).unwrap();
        assert_eq!(written["version"], 1);
        assert_eq!(written["theirs"], serde_json::json!([1, 2]));
    }

    #[test]
    fn version_zero_is_migrated_like_a_missing_version() {
        let decoded = decode(br#"{"version": 0, "read": {"a": 3}}"#).unwrap();
        assert_eq!(decoded.migrated_from, Some(0));
        assert!(decoded.state.is_read("a"));
    }

    #[test]
    fn the_current_version_is_not_migrated() {
        let decoded = decode(br#"{"version": 1}"#).unwrap();
        assert_eq!(decoded.migrated_from, None);
        assert_eq!(decoded.state, State::default());
    }

    #[test]
    fn a_newer_version_is_refused() {
        assert_eq!(decode(br#"{"version": 2}"#), Err(Rejected::Newer(2)));
    }

    #[test]
    fn broken_files_are_refused_with_a_reason() {
        for bad in [
            &b""[..],
            b"{",
            b"[1, 2]",
            b"null",
            b"\xff\xfe",
            br#"{"version": "one"}"#,
            br#"{"version": -1}"#,
            br#"{"version": 1, "bookmarks": [1]}"#,
            br#"{"version": 1, "read": {"a": "yesterday"}}"#,
        ] {
            let result = decode(bad);
            assert!(
                matches!(result, Err(Rejected::Unparsable(_))),
                "{:?} gave {result:?}",
                String::from_utf8_lossy(bad)
            );
        }
    }

    #[test]
    fn a_duplicate_key_anywhere_makes_the_file_unparsable() {
        for bad in [
            &br#"{"version": 1, "notes": {}, "notes": {}}"#[..],
            br#"{"version": 1, "version": 1}"#,
            br#"{"bookmarks": {"a": {"added": 1}, "a": {"removed": 2}}}"#,
            br#"{"notes": {"a": {"text": "x", "text": "y"}}}"#,
            br#"{"read": {"a": 1, "a": 2}}"#,
            br#"{"position": {"query": "a", "query": "b"}}"#,
            br#"{"theirs": {"deep": [{"k": 1, "k": 2}]}}"#,
        ] {
            let result = decode(bad);
            assert!(
                matches!(&result, Err(Rejected::Unparsable(e)) if e.contains("appears twice")),
                "{:?} gave {result:?}",
                String::from_utf8_lossy(bad)
            );
        }
    }

    #[test]
    fn a_byte_order_mark_is_skipped_and_not_written_back() {
        let decoded = decode(b"\xEF\xBB\xBF{\"version\": 1, \"read\": {\"a\": 3}}").unwrap();
        assert!(decoded.state.is_read("a"));
        assert!(encode(&decoded.state).unwrap().starts_with(b"{"));
        // Only at the very start, and only once.
        assert!(decode(b" \xEF\xBB\xBF{}").is_err());
        assert!(decode(b"\xEF\xBB\xBF\xEF\xBB\xBF{}").is_err());
    }

    #[test]
    fn times_past_the_year_9999_are_read_as_its_end() {
        let max = u64::MAX;
        let text = format!(
            r#"{{"bookmarks": {{"a": {{"added": {max}}}, "b": {{"removed": {max}}}}},
                "notes": {{"c": {{"text": "t", "edited": {max}}}}}, "read": {{"d": {max}}}}}"#
        );
        let state = decode(text.as_bytes()).unwrap().state;
        let written: Value = serde_json::from_slice(&encode(&state).unwrap()).unwrap();
        let max_ms = crate::base::time::MAX_MS;
        assert_eq!(written["bookmarks"]["a"]["added"], max_ms);
        assert_eq!(written["bookmarks"]["b"]["removed"], max_ms);
        assert_eq!(written["notes"]["c"]["edited"], max_ms);
        assert_eq!(written["read"]["d"], max_ms);
        assert_eq!(state.bookmarks(), vec![("a", max_ms)]);
    }

    #[test]
    fn unread_marks_and_agenda_times_past_the_year_9999_are_read_as_its_end() {
        let max = u64::MAX;
        let text = format!(
            r#"{{"bookmarks": {{"a": {{"added": 1, "rank": "V", "moved": {max}}}}},
                "read": {{"d": {max}}}, "unread": {{"d": {max}, "e": {max}}}}}"#
        );
        let state = decode(text.as_bytes()).unwrap().state;
        let written: Value = serde_json::from_slice(&encode(&state).unwrap()).unwrap();
        let max_ms = crate::base::time::MAX_MS;
        assert_eq!(written["bookmarks"]["a"]["moved"], max_ms);
        assert_eq!(written["unread"]["e"], max_ms);
        assert!(!state.is_read("d"), "read and unread at one time: unread");
    }

    #[test]
    fn a_wrong_type_for_an_unread_mark_makes_the_file_unparsable_like_a_read_mark() {
        assert!(decode(br#"{"version": 1, "unread": {"a": "now"}}"#).is_err());
        assert!(decode(br#"{"version": 1, "unread": [1]}"#).is_err());
    }

    #[test]
    fn encode_then_decode_is_the_same_state() {
        let decoded = decode(
            br#"{"version": 1, "bookmarks": {"a": {"added": 1, "colour": "red"}},
                "notes": {"b": {"text": "hi", "edited": 2}}, "position": {"query": "x", "zoom": 2}}"#,
        )
        .unwrap();
        let again = decode(&encode(&decoded.state).unwrap()).unwrap();
        assert_eq!(again.state, decoded.state);
        assert_eq!(again.state.position().query, "x");
    }
}
