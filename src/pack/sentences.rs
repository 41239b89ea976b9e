//! Counts the sentences of a summary, in any script: the loader calls it for every card, so it
//! jumps from one end mark to the next instead of walking every character.
//!
//! A sentence ends at an end mark — `.` `!` `?`, and outside ASCII every character Unicode calls
//! a sentence terminator (`。` `！` `？` `｡` `؟` `۔` `।` `॥` `։` `።` `။` `។`...) and the Greek
//! question mark `;` (U+037E) — that is followed, past any closing quotes and brackets, by the end
//! of the text or by the start of another sentence: a letter that is not lower case (caseless
//! scripts, such as Arabic, Hebrew, Chinese or Korean, have no capitals to look for), a digit or an
//! opening quote mark. After `.` `!` `?` and the other period-like marks (`．` U+FF0E, `﹒` U+FE52)
//! that start must come after whitespace, and a period right after a lone capital (`U.S.`, `J.D.`)
//! is an abbreviation, not an end: so `2.5%`, `example.com` and `J.D. Vance` end nothing. The other
//! marks end a sentence with or without a space after them, as Chinese and Japanese are written.

/// The end marks outside ASCII, as sorted, disjoint, inclusive ranges: the characters of the
/// sentence-break classes STerm and ATerm (UAX #29, Unicode 16, as unicode-segmentation 1.13's
/// tables have them) but the one dot leader U+2024 and the Myanmar little section `၊` U+104A
/// (used as a comma), and with the Greek question mark U+037E.
#[rustfmt::skip]
const WIDE_MARKS: &[(char, char)] = &[
    ('\u{37e}', '\u{37e}'), ('\u{589}', '\u{589}'), ('\u{61d}', '\u{61f}'), ('\u{6d4}', '\u{6d4}'),
    ('\u{700}', '\u{702}'), ('\u{7f9}', '\u{7f9}'), ('\u{837}', '\u{837}'), ('\u{839}', '\u{839}'),
    ('\u{83d}', '\u{83e}'), ('\u{964}', '\u{965}'), ('\u{104b}', '\u{104b}'),
    ('\u{1362}', '\u{1362}'), ('\u{1367}', '\u{1368}'), ('\u{166e}', '\u{166e}'),
    ('\u{1735}', '\u{1736}'), ('\u{17d4}', '\u{17d5}'), ('\u{1803}', '\u{1803}'),
    ('\u{1809}', '\u{1809}'), ('\u{1944}', '\u{1945}'), ('\u{1aa8}', '\u{1aab}'),
    ('\u{1b4e}', '\u{1b4f}'), ('\u{1b5a}', '\u{1b5b}'), ('\u{1b5e}', '\u{1b5f}'),
    ('\u{1b7d}', '\u{1b7f}'), ('\u{1c3b}', '\u{1c3c}'), ('\u{1c7e}', '\u{1c7f}'),
    ('\u{203c}', '\u{203d}'), ('\u{2047}', '\u{2049}'), ('\u{2cf9}', '\u{2cfb}'),
    ('\u{2e2e}', '\u{2e2e}'), ('\u{2e3c}', '\u{2e3c}'), ('\u{2e53}', '\u{2e54}'),
    ('\u{3002}', '\u{3002}'), ('\u{a4ff}', '\u{a4ff}'), ('\u{a60e}', '\u{a60f}'),
    ('\u{a6f3}', '\u{a6f3}'), ('\u{a6f7}', '\u{a6f7}'), ('\u{a876}', '\u{a877}'),
    ('\u{a8ce}', '\u{a8cf}'), ('\u{a92f}', '\u{a92f}'), ('\u{a9c8}', '\u{a9c9}'),
    ('\u{aa5d}', '\u{aa5f}'), ('\u{aaf0}', '\u{aaf1}'), ('\u{abeb}', '\u{abeb}'),
    ('\u{fe12}', '\u{fe12}'), ('\u{fe15}', '\u{fe16}'), ('\u{fe52}', '\u{fe52}'),
    ('\u{fe56}', '\u{fe57}'), ('\u{ff01}', '\u{ff01}'), ('\u{ff0e}', '\u{ff0e}'),
    ('\u{ff1f}', '\u{ff1f}'), ('\u{ff61}', '\u{ff61}'), ('\u{10a56}', '\u{10a57}'),
    ('\u{10f55}', '\u{10f59}'), ('\u{10f86}', '\u{10f89}'), ('\u{11047}', '\u{11048}'),
    ('\u{110be}', '\u{110c1}'), ('\u{11141}', '\u{11143}'), ('\u{111c5}', '\u{111c6}'),
    ('\u{111cd}', '\u{111cd}'), ('\u{111de}', '\u{111df}'), ('\u{11238}', '\u{11239}'),
    ('\u{1123b}', '\u{1123c}'), ('\u{112a9}', '\u{112a9}'), ('\u{113d4}', '\u{113d5}'),
    ('\u{1144b}', '\u{1144c}'), ('\u{115c2}', '\u{115c3}'), ('\u{115c9}', '\u{115d7}'),
    ('\u{11641}', '\u{11642}'), ('\u{1173c}', '\u{1173e}'), ('\u{11944}', '\u{11944}'),
    ('\u{11946}', '\u{11946}'), ('\u{11a42}', '\u{11a43}'), ('\u{11a9b}', '\u{11a9c}'),
    ('\u{11c41}', '\u{11c42}'), ('\u{11ef7}', '\u{11ef8}'), ('\u{11f43}', '\u{11f44}'),
    ('\u{16a6e}', '\u{16a6f}'), ('\u{16af5}', '\u{16af5}'), ('\u{16b37}', '\u{16b38}'),
    ('\u{16b44}', '\u{16b44}'), ('\u{16d6e}', '\u{16d6f}'), ('\u{16e98}', '\u{16e98}'),
    ('\u{1bc9f}', '\u{1bc9f}'), ('\u{1da88}', '\u{1da88}'),
];

/// For each byte, whether it starts the UTF-8 of some character of [`WIDE_MARKS`]: the scan
/// decodes a character only where one could be an end mark.
const WIDE_MARK_LEADS: [bool; 256] = wide_mark_leads();

const fn wide_mark_leads() -> [bool; 256] {
    let mut leads = [false; 256];
    let mut i = 0;
    while i < WIDE_MARKS.len() {
        // The lead byte grows with the character, so a range's leads run from its first's to
        // its last's.
        let mut lead = lead_byte(WIDE_MARKS[i].0);
        while lead <= lead_byte(WIDE_MARKS[i].1) {
            leads[lead as usize] = true;
            lead += 1;
        }
        i += 1;
    }
    leads
}

const fn lead_byte(c: char) -> u8 {
    let mut utf8 = [0; 4];
    c.encode_utf8(&mut utf8);
    utf8[0]
}

/// Whether `c` ends a sentence when a sentence start follows it.
pub fn is_end_mark(c: char) -> bool {
    matches!(c, '.' | '!' | '?')
        || (!c.is_ascii() && {
            let k = WIDE_MARKS.partition_point(|&(_, hi)| hi < c);
            WIDE_MARKS.get(k).is_some_and(|&(lo, _)| lo <= c)
        })
}

/// Whether the end mark `c` must be followed by whitespace before the next sentence: the ASCII
/// marks and the period-like ones, which also appear inside numbers, names and abbreviations.
pub fn needs_space_after(c: char) -> bool {
    c.is_ascii() || is_period(c)
}

/// Whether the end mark `c` is a period, which a lone capital before it makes an abbreviation.
pub fn is_period(c: char) -> bool {
    matches!(c, '.' | '\u{fe52}' | '\u{ff0e}')
}

/// The ASCII marks that close a quotation or bracket.
const ASCII_CLOSING: [char; 4] = ['"', '\'', ')', ']'];

/// Whether `c` closes a quotation or bracket, and so may stand between an end mark and what
/// follows it.
pub fn is_closing(c: char) -> bool {
    if c.is_ascii() {
        return ASCII_CLOSING.contains(&c);
    }
    matches!(
        c,
        '”' | '’' | '»' | '›' | '」' | '』' | '）' | '》' | '〉' | '］'
    )
}

/// The ASCII quotation marks a sentence may open with.
const ASCII_OPENING_QUOTES: [char; 2] = ['"', '\''];

/// Whether `c` can start a sentence: a letter that is not lower case, a digit, or an opening
/// quote mark (or Spanish `¿` `¡`). Georgian's everyday letters are lower case by their Unicode
/// category, but the script does not capitalise sentences, so they count as caseless.
pub fn starts_sentence(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_uppercase() || c.is_ascii_digit() || ASCII_OPENING_QUOTES.contains(&c);
    }
    (c.is_alphabetic() && (!c.is_lowercase() || matches!(c, '\u{10d0}'..='\u{10ff}')))
        || c.is_numeric()
        || matches!(
            c,
            '“' | '‘' | '„' | '«' | '‹' | '¿' | '¡' | '「' | '『' | '《' | '〈' | '（'
        )
}

/// Counts the sentences of `text`, by the rules in this module's documentation.
pub fn count_sentences(text: &str) -> usize {
    let text = text.trim_end();
    // The ASCII marks are never part of another character, so memchr finds them directly.
    let mut count = memchr::memchr3_iter(b'.', b'!', b'?', text.as_bytes())
        .filter(|&i| ends_sentence(text, i, char::from(text.as_bytes()[i])))
        .count();
    // Without an early exit, so that it compiles to a few vector instructions: most summaries
    // are ASCII and need no second look.
    if text.as_bytes().iter().fold(0, |all, &b| all | b) >= 0x80 {
        for_each_wide_mark(text, |i, mark| {
            if ends_sentence(text, i, mark) {
                count += 1;
            }
        });
    }
    count
}

/// Calls `visit` with the byte offset of every end mark of `text` outside ASCII. Most text is
/// ASCII: look at 32 bytes at a time and decode only where a byte could start an end mark.
fn for_each_wide_mark(text: &str, mut visit: impl FnMut(usize, char)) {
    const CHUNK: usize = 32;
    for (k, chunk) in text.as_bytes().chunks(CHUNK).enumerate() {
        // Without an early exit, so that it compiles to a few vector instructions.
        if chunk.iter().fold(true, |all, &b| all & b.is_ascii()) {
            continue;
        }
        for (j, &b) in chunk.iter().enumerate() {
            if !WIDE_MARK_LEADS[usize::from(b)] {
                continue;
            }
            let at = k * CHUNK + j;
            // A lead byte always starts a character, so `at` is on a character boundary.
            if let Some(c) = text.get(at..).and_then(|rest| rest.chars().next())
                && is_end_mark(c)
            {
                visit(at, c);
            }
        }
    }
}

/// Whether the end mark `mark` at byte `i` of `text` (trimmed at its end) ends a sentence.
fn ends_sentence(text: &str, i: usize, mark: char) -> bool {
    if is_period(mark) {
        // The two characters before this one.
        let mut before = text[..i].chars().rev();
        let (prev, prev2) = (before.next(), before.next());
        if prev.is_some_and(char::is_uppercase) && prev2.is_none_or(|p| !p.is_alphanumeric()) {
            return false;
        }
    }
    let mut rest = text[i + mark.len_utf8()..].chars().peekable();
    while rest.next_if(|&c| is_closing(c)).is_some() {}
    if rest.peek().is_none() {
        return true;
    }
    let mut spaces = 0;
    while rest.next_if(|c| c.is_whitespace()).is_some() {
        spaces += 1;
    }
    (spaces > 0 || !needs_space_after(mark)) && rest.peek().is_some_and(|&c| starts_sentence(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_are_counted_with_abbreviations_and_figures() {
        assert_eq!(count_sentences("One. Two."), 2);
        assert_eq!(count_sentences("The U.S. ambassador quit. Rutte spoke."), 2);
        assert_eq!(
            count_sentences("Spending rose to 2.5% of GDP. It may reach 3%! Why?"),
            3
        );
        assert_eq!(count_sentences("He said \"no.\" Then 32 allies agreed."), 2);
        assert_eq!(count_sentences("no end"), 0);
        assert_eq!(count_sentences(""), 0);
        assert_eq!(count_sentences("Ends with J.D. Vance. Next one."), 2);
        assert_eq!(count_sentences("See example.com and e.g. this. Done."), 2);
        assert_eq!(count_sentences("Really?! Yes."), 2);
    }

    /// One real summary per script, with the number of sentences a reader counts.
    #[test]
    fn sentences_are_counted_in_every_script() {
        let cases = [
            // Chinese and Japanese: no space after the full stop.
            ("北约秘书长吕特访问了基辅。他承诺继续援助乌克兰。", 2),
            (
                "首脑会议在海牙举行。成员国同意增加国防开支！这是历史性的吗？",
                3,
            ),
            (
                "ルッテ事務総長はキーウを訪問した。ウクライナへの支援を約束した。",
                2,
            ),
            ("半角の句点も使われる｡次の文が続く｡", 2),
            ("他说：“我们会坚持。”然后离开了。", 2),
            // Arabic: the Arabic question mark, the Arabic full stop and the ASCII period.
            (
                "زار الأمين العام لحلف الناتو كييف. وتعهد بمواصلة الدعم لأوكرانيا.",
                2,
            ),
            ("هل سيزيد الحلفاء الإنفاق؟ قال روته إن ذلك ضروري.", 2),
            ("وصل الوزير إلى بروكسل۔ بدأ الاجتماع صباحا۔", 2),
            // Hebrew and Korean: no capitals.
            ("מזכ״ל נאט״ו ביקר בקייב. הוא הבטיח תמיכה נוספת.", 2),
            (
                "뤼터 사무총장이 키이우를 방문했다. 그는 추가 지원을 약속했다. 회의는 내일 열린다.",
                3,
            ),
            // Hindi: the danda, and the double danda at the end.
            (
                "नाटो महासचिव ने कीव का दौरा किया। उन्होंने समर्थन का वादा किया॥",
                2,
            ),
            // Armenian full stop, with capitals.
            ("Ռյուտեն այցելեց Կիև։ Նա խոստացավ աջակցություն։", 2),
            // Ethiopic full stop.
            ("ዋና ጸሐፊው ኪየቭን ጎበኙ። ድጋፍ እንደሚቀጥል ቃል ገቡ።", 2),
            // Greek: full stop and the Greek question mark.
            (
                "Ο Ρούτε επισκέφθηκε το Κίεβο. Θα αυξηθούν οι δαπάνες\u{37e}",
                2,
            ),
            // Georgian does not capitalise sentences.
            ("რუტემ კიევი მოინახულა. მან დახმარება აღუთქვა.", 2),
            // Myanmar and Khmer section marks.
            ("အတွင်းရေးမှူးချုပ် ကိယက်ဗ်သို့ သွားရောက်ခဲ့သည်။ ကူညီမည်ဟု ကတိပြုခဲ့သည်။", 2),
            ("អគ្គលេខាធិការបានទៅទស្សនកិច្ចនៅកៀវ។ លោកបានសន្យាផ្តល់ជំនួយ។", 2),
        ];
        for (text, want) in cases {
            assert_eq!(count_sentences(text), want, "{text}");
        }
    }

    #[test]
    fn every_wide_mark_has_its_lead_byte_marked() {
        for &(lo, hi) in WIDE_MARKS {
            for c in lo..=hi {
                assert!(is_end_mark(c), "{c:?}");
                assert!(WIDE_MARK_LEADS[usize::from(lead_byte(c))], "{c:?}");
            }
        }
        assert!(
            WIDE_MARKS.windows(2).all(|w| w[0].1 < w[1].0),
            "sorted, disjoint"
        );
        assert!(!is_end_mark('\u{104a}') && !is_end_mark(';') && !is_end_mark('…'));
    }
}

#[cfg(test)]
mod properties {
    use proptest::prelude::*;

    use super::{
        count_sentences, is_closing, is_end_mark, is_period, needs_space_after, starts_sentence,
    };

    /// The rule written out over a vector of characters, one character at a time: the reference.
    fn count_sentences_reference(text: &str) -> usize {
        let chars: Vec<char> = text.trim_end().chars().collect();
        let mut count = 0;
        for (i, &c) in chars.iter().enumerate() {
            if !is_end_mark(c) {
                continue;
            }
            let abbreviation = is_period(c)
                && i >= 1
                && chars[i - 1].is_uppercase()
                && (i < 2 || !chars[i - 2].is_alphanumeric());
            if abbreviation {
                continue;
            }
            let rest = &chars[i + 1..];
            let closing = rest.iter().take_while(|&&c| is_closing(c)).count();
            let rest = &rest[closing..];
            if rest.is_empty() {
                count += 1;
                continue;
            }
            let spaces = rest.iter().take_while(|c| c.is_whitespace()).count();
            if (spaces > 0 || !needs_space_after(c))
                && rest.get(spaces).is_some_and(|&n| starts_sentence(n))
            {
                count += 1;
            }
        }
        count
    }

    proptest! {
        #[test]
        fn sentence_count_matches_the_reference(text in prop_oneof![
            "[A-Za-z0-9 .!?\"'”’)“‘\\n]{0,40}",
            "[a-zA-Zა-ჰ中文ア한글ابא .!?。！？｡؟۔।॥։።;．﹒」»「«¿0-9\\n]{0,40}",
            any::<String>(),
        ]) {
            prop_assert_eq!(count_sentences(&text), count_sentences_reference(&text));
        }
    }
}
