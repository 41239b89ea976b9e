//! The agenda's sort keys: fractional indexing, so moving a bookmark rewrites only its own key.
//!
//! A key is a string of base-62 digits (`0-9A-Za-z`, in ASCII order, so comparing keys as strings
//! compares them as numbers) read as the fraction `0.d₁d₂d₃…`. It never ends in `0` (`1` and `10`
//! would be the same fraction with no key between them), so there is always a key between two
//! different keys, and before and after any key. [`between`] finds one; it is at most one digit
//! longer than the longer neighbour. A key past [`MAX_RANK_LEN`] is never made: the store re-ranks
//! the whole agenda instead ([`spread`]), which gives keys of a few digits. A key in the file that
//! is not one brief makes (a wrong character, a trailing `0`, too long, not a string) is read as
//! no key, and that bookmark sorts after the ranked ones.

use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;

/// The digits, in ASCII (and so in string) order.
const DIGITS: &[u8; 62] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/// The number of digits.
const BASE: u32 = 62;

/// The longest key brief makes or reads, in digits. Re-ranking gives keys of at most five digits
/// up to 14 million bookmarks, and each move into one gap grows a key by a digit every six moves
/// or so, so a re-rank comes after a hundred moves into the same gap at the soonest.
pub const MAX_RANK_LEN: usize = 24;

/// A bookmark's place in the agenda: a valid key (see the module docs).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct Rank(String);

impl Rank {
    /// The key, if `text` is one brief makes.
    pub fn parse(text: &str) -> Option<Rank> {
        let valid = !text.is_empty()
            && text.len() <= MAX_RANK_LEN
            && text.bytes().all(|b| digit(b).is_some())
            && !text.ends_with('0');
        valid.then(|| Rank(text.to_owned()))
    }

    /// The key as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The key made of these digit values (each below [`BASE`], the last not zero).
    fn of_digits(digits: &[u8]) -> Rank {
        Rank(
            digits
                .iter()
                .map(|&d| char::from(DIGITS[usize::from(d)]))
                .collect(),
        )
    }

    fn digits(&self) -> Vec<u8> {
        self.0.bytes().filter_map(digit).collect()
    }
}

/// The value of digit `b`, if it is one.
fn digit(b: u8) -> Option<u8> {
    DIGITS
        .iter()
        .position(|&d| d == b)
        .and_then(|p| u8::try_from(p).ok())
}

/// Reads a `rank` field leniently: anything but a valid key is no key (never an error, so one bad
/// rank never makes the whole state file unreadable).
pub(crate) fn lenient<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Rank>, D::Error> {
    let value = Value::deserialize(d)?;
    Ok(value.as_str().and_then(Rank::parse))
}

/// Reads the time a rank was set leniently, as [`lenient`] reads the rank: anything but a whole
/// number that fits in a u64 is none.
pub(crate) fn lenient_time<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
    let value = Value::deserialize(d)?;
    Ok(value.as_u64())
}

/// A key strictly between `lo` and `hi` (`None`: the start, the end of the agenda), or `None` if
/// there is none within [`MAX_RANK_LEN`] digits or `lo` is not below `hi` (two bookmarks that
/// two windows ranked alike): then the agenda must be re-ranked.
pub fn between(lo: Option<&Rank>, hi: Option<&Rank>) -> Option<Rank> {
    if let (Some(lo), Some(hi)) = (lo, hi)
        && lo >= hi
    {
        return None;
    }
    let lo = lo.map(Rank::digits).unwrap_or_default();
    let hi = hi.map(Rank::digits);
    let mid = midpoint(&lo, hi.as_deref())?;
    (mid.len() <= MAX_RANK_LEN).then(|| Rank::of_digits(&mid))
}

/// The digits of a fraction strictly between `0.lo` and `0.hi` (`None`: 1), given `lo < hi`, both
/// without trailing zeros; the result has none either and is at most one digit longer than the
/// longer of the two. After David Greenspan's "Implementing Fractional Indexing".
fn midpoint(lo: &[u8], hi: Option<&[u8]>) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let (mut lo, mut hi) = (lo, hi);
    loop {
        if let Some(h) = hi {
            // The digits both share (`lo` read with zeros after its end) are the result's too.
            let shared = h
                .iter()
                .enumerate()
                .take_while(|&(i, &d)| lo.get(i).copied().unwrap_or(0) == d)
                .count();
            if shared == h.len() {
                return None; // lo >= hi
            }
            out.extend_from_slice(&h[..shared]);
            lo = lo.get(shared..).unwrap_or_default();
            hi = Some(&h[shared..]);
        }
        let dl = u32::from(lo.first().copied().unwrap_or(0));
        let dh = hi.and_then(|h| h.first()).map_or(BASE, |&d| u32::from(d));
        if dh > dl + 1 {
            // Room for a digit between: dl < mid < dh, and mid > 0.
            out.push(u8::try_from(u32::midpoint(dl, dh)).ok()?);
            return Some(out);
        }
        if let Some(h) = hi.filter(|h| h.len() > 1) {
            // hi's first digit alone is above lo (whose first digit is one less) and below hi.
            out.push(h[0]);
            return Some(out);
        }
        // hi's first digit is one more than lo's and all of hi: go on after lo's first digit,
        // with no upper bound.
        out.push(u8::try_from(dl).ok()?);
        lo = lo.get(1..).unwrap_or_default();
        hi = None;
    }
}

/// `n` keys in ascending order, spread evenly over the key space with room between each two: the
/// keys of a re-ranked agenda. They have `d + 1` digits at most, where `62^d > n`.
pub fn spread(n: usize) -> Vec<Rank> {
    let n = n as u128;
    // 62^len > 62 * (n + 1): gaps of at least 62 between keys.
    let mut len = 1u32;
    let mut space: u128 = u128::from(BASE);
    while space <= n.saturating_add(1).saturating_mul(u128::from(BASE)) {
        len += 1;
        space = space.saturating_mul(u128::from(BASE));
    }
    let step = space / n.saturating_add(1);
    (1..=n)
        .map(|i| {
            let mut value = i.saturating_mul(step);
            let mut digits = vec![0u8; len as usize];
            for slot in digits.iter_mut().rev() {
                *slot = (value % u128::from(BASE)) as u8;
                value /= u128::from(BASE);
            }
            while digits.last() == Some(&0) {
                digits.pop();
            }
            Rank::of_digits(&digits)
        })
        .collect()
}

#[cfg(test)]
#[path = "rank_tests.rs"]
mod tests;
