//! A set of cards, one bit each: what the index answers for each node of a query.

/// A set of cards, one bit each.
pub(crate) struct Bits {
    words: Vec<u64>,
    len: usize,
}

impl Bits {
    /// No card of `len`.
    pub(crate) fn empty(len: usize) -> Bits {
        Bits {
            words: vec![0; len.div_ceil(64)],
            len,
        }
    }

    /// Adds card `i`.
    pub(crate) fn set(&mut self, i: usize) {
        self.words[i / 64] |= 1 << (i % 64);
    }

    /// The cards in both.
    pub(crate) fn and(mut self, other: &Bits) -> Bits {
        self.words
            .iter_mut()
            .zip(&other.words)
            .for_each(|(a, b)| *a &= b);
        self
    }

    /// The cards in either.
    pub(crate) fn or(mut self, other: &Bits) -> Bits {
        self.words
            .iter_mut()
            .zip(&other.words)
            .for_each(|(a, b)| *a |= b);
        self
    }

    /// The cards not in this set.
    pub(crate) fn not(mut self) -> Bits {
        self.words.iter_mut().for_each(|w| *w = !*w);
        let tail = self.len % 64;
        if let Some(last) = self.words.last_mut().filter(|_| tail != 0) {
            *last &= (1u64 << tail) - 1;
        }
        self
    }

    /// The cards in the set, ascending.
    pub(crate) fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        self.words.iter().enumerate().flat_map(|(i, &w)| {
            let mut rest = w;
            std::iter::from_fn(move || {
                (rest != 0).then(|| {
                    let bit = rest.trailing_zeros() as usize;
                    rest &= rest - 1;
                    i * 64 + bit
                })
            })
        })
    }
}
