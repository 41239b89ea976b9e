//! The search history: the queries the user kept, oldest first, at most [`MAX_HISTORY`], a query
//! searched again moving to the end. Windows merge it by appending their own new queries to what
//! the file holds, so a query kept in either window is there for both.

use std::collections::HashSet;

use serde::{Deserialize, Deserializer};
use serde_json::Value;

use crate::search::MAX_QUERY_CHARS;

/// How many searches are kept.
pub const MAX_HISTORY: usize = 100;

/// Whether `query` can be kept: not blank, and no longer than a query may be.
pub(crate) fn keepable(query: &str) -> bool {
    !query.trim().is_empty() && query.chars().count() <= MAX_QUERY_CHARS
}

/// Puts `query` at the end of `history` (taking it out of where it was), keeping the last
/// [`MAX_HISTORY`].
pub(crate) fn push(history: &mut Vec<String>, query: &str) {
    history.retain(|q| q != query);
    history.push(query.to_owned());
    let over = history.len().saturating_sub(MAX_HISTORY);
    history.drain(..over);
}

/// Reads `history` leniently: what is not a list reads as none, and an entry that is not a
/// string, or is blank or longer than a query may be, is left out; then duplicates and all but
/// the last [`MAX_HISTORY`] go. A hand-edited history never makes the state file unreadable.
///
/// It reads from the end and stops at the [`MAX_HISTORY`]th distinct query, which gives what
/// [`push`]ing every entry in turn gives, in time linear in what it reads: a hand-made list of a
/// million entries costs no more than its parse.
pub(crate) fn lenient<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    let value = Value::deserialize(d)?;
    let mut history: Vec<String> = Vec::new();
    if let Value::Array(items) = value {
        let mut kept: HashSet<&str> = HashSet::new();
        for query in items
            .iter()
            .rev()
            .filter_map(Value::as_str)
            .filter(|q| keepable(q))
        {
            if kept.insert(query) {
                history.push(query.to_owned());
                if history.len() == MAX_HISTORY {
                    break;
                }
            }
        }
        history.reverse();
    }
    Ok(history)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_query_again_moves_to_the_end_and_only_the_last_hundred_stay() {
        let mut history = Vec::new();
        for n in 0..150 {
            push(&mut history, &format!("q{n}"));
        }
        push(&mut history, "q60");
        assert_eq!(history.len(), MAX_HISTORY);
        assert_eq!(history[0], "q50");
        assert_eq!(history.last().map(String::as_str), Some("q60"));
        assert_eq!(history.iter().filter(|q| *q == "q60").count(), 1);
    }

    /// Reading a list from the file keeps what pushing each entry in turn keeps.
    #[test]
    fn reading_a_long_history_keeps_what_pushing_it_would() {
        #[derive(serde::Deserialize)]
        struct H {
            #[serde(default, deserialize_with = "lenient")]
            history: Vec<String>,
        }
        let entries: Vec<String> = (0..1000u32)
            .map(|n| format!("q{}", (n * 7919) % 150))
            .collect();
        let mut pushed = Vec::new();
        for q in &entries {
            push(&mut pushed, q);
        }
        let json = serde_json::json!({ "history": entries }).to_string();
        let read = serde_json::from_str::<H>(&json).unwrap().history;
        assert_eq!(read, pushed);
        assert_eq!(read.len(), MAX_HISTORY);
    }

    #[test]
    fn a_hand_edited_history_reads_what_it_can() {
        #[derive(serde::Deserialize)]
        struct H {
            #[serde(default, deserialize_with = "lenient")]
            history: Vec<String>,
        }
        let read = |json: &str| serde_json::from_str::<H>(json).unwrap().history;
        let long = "x".repeat(MAX_QUERY_CHARS + 1);
        let json = format!(r#"{{"history": ["a", 5, null, "  ", "{long}", "b", "a", ["c"]]}}"#);
        assert_eq!(read(&json), ["b", "a"]);
        assert!(read(r#"{"history": "rutte"}"#).is_empty());
        assert!(read(r#"{"history": {"a": 1}}"#).is_empty());
        assert!(read("{}").is_empty());
    }
}
