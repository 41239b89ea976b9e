//! The query language's parser: text in, a [`Query`] tree or a [`QueryError`] that says what is
//! wrong and at which character.
//!
//! ```text
//! query   := or? EOF
//! or      := and ("OR" and)*
//! and     := unary+
//! unary   := "-" unary | primary
//! primary := "(" or ")" | "\"" words "\"" | NAME ":" value | word
//! ```
//!
//! The query is sanitized first, as pack text is at load (a query pasted from a card's raw file
//! then finds what the card shows), and bounded: at most [`MAX_QUERY_CHARS`] characters and
//! [`MAX_NESTING`] `(` and `-` inside one another. The parser and everything that walks the tree
//! (evaluation, highlighting, dropping it) recurse once per nesting level, so that bound is what
//! keeps a hostile query from overflowing the stack.

use super::node::{self, Node, State, Text};
use super::query::Query;
use crate::base::sanitize::{Lines, sanitize};
use crate::pack::Theme;

/// A malformed query: what is wrong and where.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("at character {offset}: {reason}")]
pub struct QueryError {
    /// Where the problem starts: a 0-based count of characters (not bytes) into the query as
    /// searched, that is after [`sanitize`] with [`Lines::Join`] (the same as the query itself
    /// unless it held control characters or escape sequences).
    pub offset: usize,
    /// What is wrong, quoting the bad part.
    pub reason: String,
}

/// The field names `NAME:` may use.
const FIELDS: &str = "theme, tag, source, actor, is";

/// What opens and closes a phrase (named, since a quote inside a character literal is easy to
/// misread).
const QUOTE: char = '"';

/// The longest query, in characters (after sanitizing).
pub const MAX_QUERY_CHARS: usize = 1000;

/// How many `(` and `-` a query may hold inside one another (`-(a -b)` is three deep).
pub const MAX_NESTING: usize = 32;

/// Parses `input`; `themes` are the pack's themes, so that `theme:` can refuse an unknown id.
/// The one way into the query language, for the command line and the viewer alike.
pub fn parse(input: &str, themes: &[Theme]) -> Result<Query, QueryError> {
    let input = sanitize(input, Lines::Join);
    if input.chars().nth(MAX_QUERY_CHARS).is_some() {
        return Err(QueryError {
            offset: MAX_QUERY_CHARS,
            reason: format!(
                "the query is {} characters long, over the limit of {MAX_QUERY_CHARS}",
                input.chars().count()
            ),
        });
    }
    let mut p = Parser {
        chars: input.chars().collect(),
        pos: 0,
        depth: 0,
        themes,
    };
    p.skip_space();
    if p.at_end() {
        return Ok(Query::default());
    }
    let root = p.or()?;
    p.skip_space();
    if !p.at_end() {
        // `or` stops only at the end, at `)`, or at a dangling OR it has already refused.
        return Err(p.error(p.pos, "')' without a matching '('"));
    }
    match root {
        Some(node) => Ok(Query { root: Some(node) }),
        None => Err(p.error(p.pos, "nothing to search for")),
    }
}

struct Parser<'a> {
    chars: Vec<char>,
    pos: usize,
    /// How many `(` and `-` enclose the cursor.
    depth: usize,
    themes: &'a [Theme],
}

impl Parser<'_> {
    #[allow(clippy::unused_self)] // reads as `self.error(..)` at every call site
    fn error(&self, offset: usize, reason: impl Into<String>) -> QueryError {
        QueryError {
            offset,
            reason: reason.into(),
        }
    }

    /// Goes one nesting level down, for the `(` or `-` at `at`; refused past [`MAX_NESTING`].
    fn nest(&mut self, at: usize) -> Result<(), QueryError> {
        if self.depth >= MAX_NESTING {
            return Err(self.error(
                at,
                format!("more than {MAX_NESTING} '(' and '-' inside one another"),
            ));
        }
        self.depth += 1;
        Ok(())
    }

    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn at_end(&self) -> bool {
        self.pos >= self.chars.len()
    }

    fn skip_space(&mut self) {
        while self.peek().is_some_and(char::is_whitespace) {
            self.pos += 1;
        }
    }

    /// Whether the next term is the keyword `OR` (upper case, standing alone).
    fn at_or(&self) -> bool {
        let rest = &self.chars[self.pos.min(self.chars.len())..];
        rest.starts_with(&['O', 'R']) && rest.get(2).is_none_or(|&c| ends_word(c))
    }

    /// `and ("OR" and)*`; `None` when there is no term at all here.
    fn or(&mut self) -> Result<Option<Node>, QueryError> {
        self.skip_space();
        if self.at_or() {
            return Err(self.error(self.pos, "'OR' needs a term before it"));
        }
        let Some(first) = self.and()? else {
            return Ok(None);
        };
        let mut any = vec![first];
        loop {
            self.skip_space();
            if !self.at_or() {
                break;
            }
            let at = self.pos;
            self.pos += 2;
            self.skip_space();
            if self.at_or() {
                return Err(self.error(at, "'OR' needs a term after it, not another 'OR'"));
            }
            match self.and()? {
                Some(next) => any.push(next),
                None => return Err(self.error(at, "'OR' needs a term after it")),
            }
        }
        Ok(Some(one_or(any, Node::Or)))
    }

    /// `unary+`, stopping before `OR`, `)` or the end.
    fn and(&mut self) -> Result<Option<Node>, QueryError> {
        let mut all = Vec::new();
        loop {
            self.skip_space();
            if self.at_end() || self.peek() == Some(')') || self.at_or() {
                break;
            }
            all.push(self.unary()?);
        }
        Ok((!all.is_empty()).then(|| one_or(all, Node::And)))
    }

    fn unary(&mut self) -> Result<Node, QueryError> {
        if self.peek() != Some('-') {
            return self.primary();
        }
        let at = self.pos;
        self.pos += 1;
        match self.peek() {
            None => Err(self.error(at, "'-' needs a term right after it")),
            Some(c) if c.is_whitespace() || c == ')' => {
                Err(self.error(at, "'-' needs a term right after it, with no space"))
            }
            Some(_) => {
                self.nest(at)?;
                let inner = self.unary()?;
                self.depth -= 1;
                Ok(Node::Not(Box::new(inner)))
            }
        }
    }

    fn primary(&mut self) -> Result<Node, QueryError> {
        let at = self.pos;
        match self.peek() {
            Some('(') => {
                self.nest(at)?;
                self.pos += 1;
                let inner = self.or()?;
                self.depth -= 1;
                self.skip_space();
                if self.peek() != Some(')') {
                    return Err(self.error(at, "'(' is never closed"));
                }
                self.pos += 1;
                inner.ok_or_else(|| self.error(at, "'()' holds nothing to search for"))
            }
            Some(QUOTE) => {
                let phrase = self.quoted()?;
                self.text(at, &phrase, false)
            }
            _ => {
                if let Some(name) = self.field_name() {
                    return self.field(at, &name);
                }
                let word = self.word();
                self.text(at, &word, false)
            }
        }
    }

    /// A text term from `source`, which must hold at least one letter or digit.
    fn text(&self, at: usize, source: &str, actors_only: bool) -> Result<Node, QueryError> {
        Text::parse(source, actors_only)
            .map(Node::Text)
            .map_err(|reason| self.error(at, reason))
    }

    /// The text between double quotes, the cursor on the opening one.
    fn quoted(&mut self) -> Result<String, QueryError> {
        let at = self.pos;
        self.pos += 1;
        let start = self.pos;
        while self.peek().is_some_and(|c| c != QUOTE) {
            self.pos += 1;
        }
        if self.at_end() {
            return Err(self.error(at, "quote '\"' is never closed"));
        }
        let text: String = self.chars[start..self.pos].iter().collect();
        self.pos += 1;
        Ok(text)
    }

    /// A bare word: up to a space, a parenthesis or a quote.
    fn word(&mut self) -> String {
        let start = self.pos;
        while self.peek().is_some_and(|c| !ends_word(c) && c != QUOTE) {
            self.pos += 1;
        }
        self.chars[start..self.pos].iter().collect()
    }

    /// `NAME:` (letters, then a colon) at the cursor: consumes it and returns the name.
    fn field_name(&mut self) -> Option<String> {
        let len = self.chars[self.pos..]
            .iter()
            .take_while(|c| c.is_ascii_alphabetic())
            .count();
        if len == 0 || self.chars.get(self.pos + len) != Some(&':') {
            return None;
        }
        let name: String = self.chars[self.pos..self.pos + len].iter().collect();
        self.pos += len + 1;
        Some(name.to_ascii_lowercase())
    }

    /// The value after `NAME:`, and the node it makes.
    fn field(&mut self, at: usize, name: &str) -> Result<Node, QueryError> {
        if !matches!(name, "theme" | "tag" | "source" | "actor" | "is") {
            let shown: String = self.chars[at..self.pos - 1].iter().collect();
            return Err(self.error(at, format!("unknown field '{shown}:' (known: {FIELDS})")));
        }
        let value_at = self.pos;
        let value = if self.peek() == Some(QUOTE) {
            self.quoted()?
        } else {
            self.word()
        };
        if value.trim().is_empty() {
            return Err(self.error(at, format!("'{name}:' needs a value right after the colon")));
        }
        let lower = value.to_lowercase();
        match name {
            "theme" => node::theme(&value, lower, self.themes),
            "tag" => Ok(Node::Tag(lower)),
            "source" => Ok(Node::Source(lower)),
            "actor" => return self.text(value_at, &value, true),
            _ => State::parse(&value).map(Node::Is),
        }
        .map_err(|reason| self.error(value_at, reason))
    }
}

/// Whether `c` ends a bare word (and so may follow the keyword `OR`).
fn ends_word(c: char) -> bool {
    c.is_whitespace() || c == '(' || c == ')'
}

/// The single node, or `wrap` of all of them.
fn one_or(mut nodes: Vec<Node>, wrap: fn(Vec<Node>) -> Node) -> Node {
    if nodes.len() == 1 {
        nodes.remove(0)
    } else {
        wrap(nodes)
    }
}
