//! Short citations for display: `004 ¶8–9, 12`.

use super::model::SourceRef;

/// The short form of a citation: the source id up to its first `_`, then the paragraphs with runs
/// collapsed (`¶8–9, 12`).
pub fn short(cite: &SourceRef) -> String {
    format!("{} ¶{}", number(cite), paragraphs(&cite.paragraphs))
}

/// The cited source's number: its id up to the first `_` (`004` of `004_9f90408f4f43cb33`).
pub fn number(cite: &SourceRef) -> &str {
    cite.source.split('_').next().unwrap_or(&cite.source)
}

/// Paragraph numbers with consecutive runs collapsed: `[4, 6, 7, 8]` → `4, 6–8`.
pub fn paragraphs(numbers: &[u32]) -> String {
    let mut sorted = numbers.to_vec();
    sorted.sort_unstable();
    sorted.dedup();
    let mut parts = Vec::new();
    let mut i = 0;
    while i < sorted.len() {
        let start = sorted[i];
        let mut end = start;
        // A paragraph number comes from the pack: `u32::MAX` has no next one.
        while let Some(next) = end.checked_add(1).filter(|n| sorted.get(i + 1) == Some(n)) {
            end = next;
            i += 1;
        }
        parts.push(if end == start {
            start.to_string()
        } else {
            format!("{start}–{end}")
        });
        i += 1;
    }
    parts.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    // A card may cite paragraph 4294967295: the run check added one to it and overflowed.
    #[test]
    fn the_largest_paragraph_number_has_no_next() {
        assert_eq!(paragraphs(&[u32::MAX]), "4294967295");
        assert_eq!(
            paragraphs(&[u32::MAX - 1, u32::MAX, 3]),
            "3, 4294967294–4294967295"
        );
    }

    #[test]
    fn runs_collapse() {
        assert_eq!(paragraphs(&[4, 6, 7, 8]), "4, 6–8");
        assert_eq!(paragraphs(&[9, 8]), "8–9");
        assert_eq!(paragraphs(&[]), "");
    }

    #[test]
    fn short_names_the_source_by_its_number() {
        let cite = SourceRef {
            source: "004_9f90408f4f43cb33".into(),
            paragraphs: vec![8, 9],
        };
        assert_eq!(short(&cite), "004 ¶8–9");
    }
}
