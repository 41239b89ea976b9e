//! The agenda's keys: always strictly between their neighbours, valid, and short.

use proptest::prelude::*;

use super::*;

/// Any key brief can make or read: 1 to [`MAX_RANK_LEN`] digits, the last not `0`.
fn key() -> impl Strategy<Value = Rank> {
    (prop::collection::vec(0u8..62, 0..MAX_RANK_LEN), 1u8..62).prop_map(|(mut digits, last)| {
        digits.push(last);
        Rank::of_digits(&digits)
    })
}

fn rank(text: &str) -> Rank {
    Rank::parse(text).unwrap()
}

/// Whether `k` is a key brief would read back as it is.
fn valid(k: &Rank) -> bool {
    Rank::parse(k.as_str()).as_ref() == Some(k)
}

proptest! {
    #[test]
    fn a_key_between_two_keys_is_strictly_between_and_valid(a in key(), b in key()) {
        let (lo, hi) = if a < b { (a, b) } else { (b, a) };
        let got = between(Some(&lo), Some(&hi));
        if lo == hi {
            prop_assert_eq!(got, None);
            return Ok(());
        }
        let longer = lo.as_str().len().max(hi.as_str().len());
        if let Some(k) = got {
            prop_assert!(lo < k && k < hi, "{lo:?} < {k:?} < {hi:?}");
            prop_assert!(valid(&k));
            prop_assert!(k.as_str().len() <= longer + 1);
        } else {
            // Only when the result would pass the bound.
            prop_assert_eq!(longer, MAX_RANK_LEN);
        }
        // Neighbours the wrong way round give nothing.
        prop_assert_eq!(between(Some(&hi), Some(&lo)), None);
    }

    #[test]
    fn a_key_before_the_first_or_after_the_last_is_valid_and_outside(a in key()) {
        let len = a.as_str().len();
        if let Some(k) = between(None, Some(&a)) {
            prop_assert!(k < a && valid(&k) && k.as_str().len() <= len + 1);
        } else {
            prop_assert_eq!(len, MAX_RANK_LEN);
        }
        if let Some(k) = between(Some(&a), None) {
            prop_assert!(k > a && valid(&k) && k.as_str().len() <= len + 1);
        } else {
            prop_assert_eq!(len, MAX_RANK_LEN);
        }
    }

    #[test]
    fn spread_keys_ascend_and_are_short(n in 0usize..3000) {
        let keys = spread(n);
        prop_assert_eq!(keys.len(), n);
        prop_assert!(keys.windows(2).all(|w| w[0] < w[1]));
        prop_assert!(keys.iter().all(valid));
        // 62 * (n + 1) < 62^2 below n = 61: two digits; else three (up to n = 3842).
        let most = if n < 61 { 2 } else { 3 };
        prop_assert!(keys.iter().all(|k| k.as_str().len() <= most), "{keys:?}");
    }

    #[test]
    fn text_that_is_not_a_key_is_no_rank(text in "\\PC{0,30}") {
        if let Some(k) = Rank::parse(&text) {
            prop_assert!(k.as_str().len() <= MAX_RANK_LEN);
            prop_assert!(text.bytes().all(|b| b.is_ascii_alphanumeric()));
            prop_assert!(!text.ends_with('0'));
        }
    }
}

#[test]
fn the_first_key_is_in_the_middle() {
    assert_eq!(between(None, None), Some(rank("V")));
    assert_eq!(between(None, Some(&rank("1"))), Some(rank("0V")));
    assert_eq!(
        between(Some(&rank("y")), Some(&rank("z"))),
        Some(rank("yV"))
    );
    assert_eq!(between(Some(&rank("z")), None), Some(rank("zV")));
    assert_eq!(
        between(Some(&rank("a")), Some(&rank("a1"))),
        Some(rank("a0V"))
    );
}

#[test]
fn keys_that_brief_does_not_make_are_refused() {
    let long = "a".repeat(MAX_RANK_LEN + 1);
    for bad in ["", "a0", "0", "a-b", "é", " a", "a\u{1b}[1m", long.as_str()] {
        assert_eq!(Rank::parse(bad), None, "{bad:?}");
    }
    assert!(Rank::parse(&"a".repeat(MAX_RANK_LEN)).is_some());
    for good in ["1", "V", "zz", "0V", "Az9"] {
        assert!(Rank::parse(good).is_some(), "{good:?}");
    }
}

#[test]
fn a_big_agenda_spreads_into_short_keys() {
    let keys = spread(100_000);
    assert!(keys.iter().all(|k| k.as_str().len() <= 4));
    assert!(keys.windows(2).all(|w| w[0] < w[1]));
}

#[test]
fn a_lenient_rank_reads_anything_but_a_key_as_none() {
    #[derive(serde::Deserialize)]
    struct R {
        #[serde(default, deserialize_with = "lenient")]
        rank: Option<Rank>,
    }
    let read = |json: &str| serde_json::from_str::<R>(json).unwrap().rank;
    assert_eq!(read(r#"{"rank": "V"}"#), Some(rank("V")));
    for bad in [
        r#"{"rank": 5}"#,
        r#"{"rank": null}"#,
        r#"{"rank": ["V"]}"#,
        r#"{"rank": "V0"}"#,
        r#"{"rank": "\u001b]0;x"}"#,
        "{}",
    ] {
        assert_eq!(read(bad), None, "{bad}");
    }
}
