//! Finds where a field sits in a JSON text, so a rule broken by a card is reported at its line and column.
//!
//! serde_json reports syntax and type errors at their place but keeps no positions once parsing
//! succeeds; this walks the (already valid) text along a path of keys and indices.

/// One step of a path into a JSON document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Seg<'a> {
    /// A member of an object, by key.
    Key(&'a str),
    /// An element of an array, by index.
    Index(usize),
}

/// A line and column, both counted from 1 (the column in characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineCol {
    /// Line, from 1.
    pub line: usize,
    /// Column in characters, from 1.
    pub column: usize,
}

impl LineCol {
    /// The position of byte `offset` in `text`.
    pub fn of_offset(text: &str, offset: usize) -> Self {
        let before = text.get(..offset.min(text.len())).unwrap_or(text);
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        LineCol {
            line: before.matches('\n').count() + 1,
            column: before[line_start..].chars().count() + 1,
        }
    }
}

/// The position of the value at `path` in the JSON `text`, or of the deepest part of the path that
/// exists (the whole document at worst), so a message always has a place.
pub fn locate(text: &str, path: &[Seg<'_>]) -> LineCol {
    let bytes = text.as_bytes();
    let mut at = skip_ws(bytes, 0);
    for seg in path {
        match find(bytes, at, *seg) {
            Some(next) => at = next,
            None => break,
        }
    }
    LineCol::of_offset(text, at)
}

/// From the value starting at `at`, the start of its child `seg`.
fn find(bytes: &[u8], at: usize, seg: Seg<'_>) -> Option<usize> {
    let (open, close) = match (seg, bytes.get(at)?) {
        (Seg::Key(_), b'{') => (b'{', b'}'),
        (Seg::Index(_), b'[') => (b'[', b']'),
        _ => return None,
    };
    debug_assert_eq!(bytes[at], open);
    let mut i = skip_ws(bytes, at + 1);
    let mut index = 0;
    while *bytes.get(i)? != close {
        let matched = match seg {
            Seg::Key(key) => {
                let end = skip_string(bytes, i)?;
                let raw = std::str::from_utf8(&bytes[i..end]).ok()?;
                let name: String = serde_json::from_str(raw).ok()?;
                i = skip_ws(bytes, end);
                if bytes.get(i) != Some(&b':') {
                    return None;
                }
                i = skip_ws(bytes, i + 1);
                name == key
            }
            Seg::Index(n) => n == index,
        };
        if matched {
            return Some(i);
        }
        i = skip_ws(bytes, skip_value(bytes, i)?);
        if bytes.get(i) == Some(&b',') {
            i = skip_ws(bytes, i + 1);
        }
        index += 1;
    }
    None
}

fn skip_ws(bytes: &[u8], mut i: usize) -> usize {
    while bytes.get(i).is_some_and(u8::is_ascii_whitespace) {
        i += 1;
    }
    i
}

/// The offset just past the string starting at `i`.
fn skip_string(bytes: &[u8], i: usize) -> Option<usize> {
    if bytes.get(i) != Some(&b'"') {
        return None;
    }
    let mut j = i + 1;
    loop {
        match bytes.get(j)? {
            b'\\' => j += 2,
            b'"' => return Some(j + 1),
            _ => j += 1,
        }
    }
}

/// The offset just past the value starting at `i`, without recursion (depth is unbounded here).
fn skip_value(bytes: &[u8], i: usize) -> Option<usize> {
    match bytes.get(i)? {
        b'"' => skip_string(bytes, i),
        b'{' | b'[' => {
            let mut depth = 0usize;
            let mut j = i;
            loop {
                match bytes.get(j)? {
                    b'"' => {
                        j = skip_string(bytes, j)?;
                        continue;
                    }
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth -= 1;
                        if depth == 0 {
                            return Some(j + 1);
                        }
                    }
                    _ => {}
                }
                j += 1;
            }
        }
        _ => {
            let mut j = i;
            while bytes
                .get(j)
                .is_some_and(|b| !matches!(b, b',' | b'}' | b']') && !b.is_ascii_whitespace())
            {
                j += 1;
            }
            Some(j)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = "{\n  \"id\": \"a\",\n  \"themes\": [\"ukraine\", \"ukrane\"],\n  \"nested\": {\"k\": [1, {\"x\": \"}\"}]},\n  \"title\": \"T\"\n}";

    fn at(path: &[Seg<'_>]) -> (usize, usize) {
        let p = locate(DOC, path);
        (p.line, p.column)
    }

    #[test]
    fn finds_members_and_elements() {
        assert_eq!(at(&[Seg::Key("id")]), (2, 9));
        assert_eq!(at(&[Seg::Key("themes"), Seg::Index(1)]), (3, 25));
        assert_eq!(at(&[Seg::Key("title")]), (5, 12));
    }

    #[test]
    fn skips_nested_values_with_brackets_in_strings() {
        assert_eq!(
            at(&[
                Seg::Key("nested"),
                Seg::Key("k"),
                Seg::Index(1),
                Seg::Key("x")
            ]),
            (4, 29)
        );
    }

    #[test]
    fn a_missing_path_stops_at_the_deepest_part_found() {
        assert_eq!(at(&[Seg::Key("themes"), Seg::Index(9)]), (3, 13));
        assert_eq!(at(&[Seg::Key("nope")]), (1, 1));
    }

    #[test]
    fn columns_count_characters() {
        let text = "{\"é\": 1, \"b\": 2}";
        assert_eq!(locate(text, &[Seg::Key("b")]).column, 15);
    }
}
