//! The bytes of the index's parts: LEB128 varints written, and a [`Reader`] that decodes them from
//! untrusted bytes, every step checked (no read past the end, no overlong or overflowing number,
//! no count the bytes cannot hold), each failure an [`PartError`] naming the part and the byte.

use crate::packfile::PartError;

/// Appends `v` as a LEB128 varint: seven bits a byte, low bits first, the top bit set on every
/// byte but the last.
pub(super) fn put(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// Appends `bytes` with their length before them.
pub(super) fn put_bytes(out: &mut Vec<u8>, bytes: &[u8]) {
    put(out, bytes.len() as u64);
    out.extend_from_slice(bytes);
}

/// Decodes the bytes `base..` of part `part`.
pub(super) struct Reader<'a> {
    part: &'static str,
    bytes: &'a [u8],
    at: usize,
    base: u64,
}

impl<'a> Reader<'a> {
    /// A reader of `bytes`, which are the part's bytes from `base` on.
    pub(super) fn new(part: &'static str, bytes: &'a [u8], base: u64) -> Reader<'a> {
        Reader {
            part,
            bytes,
            at: 0,
            base,
        }
    }

    /// Whether every byte has been read.
    #[inline]
    pub(super) fn is_done(&self) -> bool {
        self.at >= self.bytes.len()
    }

    /// How many bytes are left.
    #[inline]
    pub(super) fn left(&self) -> usize {
        self.bytes.len().saturating_sub(self.at)
    }

    /// The error `reason` at the byte being read.
    pub(super) fn fail(&self, reason: impl Into<String>) -> PartError {
        let at = self.base.saturating_add(self.at as u64);
        PartError::damaged(self.part, format!("byte {at}: {}", reason.into()))
    }

    /// One varint.
    #[inline]
    pub(super) fn varint(&mut self) -> Result<u64, PartError> {
        // Most numbers of the index fit one or two bytes (gaps between the cards of a common
        // word, and between its places): those are read without a loop.
        let (at, bytes) = (self.at, self.bytes);
        if let Some(&b0) = bytes.get(at) {
            if b0 < 0x80 {
                self.at = at + 1;
                return Ok(u64::from(b0));
            }
            if let Some(&b1) = bytes.get(at + 1).filter(|&&b| b < 0x80) {
                self.at = at + 2;
                return Ok(u64::from(b0 & 0x7F) | (u64::from(b1) << 7));
            }
        }
        self.long_varint()
    }

    fn long_varint(&mut self) -> Result<u64, PartError> {
        let mut v: u64 = 0;
        for shift in (0..64).step_by(7) {
            let Some(&b) = self.bytes.get(self.at) else {
                return Err(self.fail("ends inside a number"));
            };
            self.at += 1;
            let low = u64::from(b & 0x7F);
            if shift == 63 && low > 1 {
                return Err(self.fail("a number past 64 bits"));
            }
            v |= low << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err(self.fail("a number past 64 bits"))
    }

    /// One varint that must be at most `max` (`what` names it in the error).
    #[inline]
    pub(super) fn upto(&mut self, max: u64, what: &str) -> Result<u64, PartError> {
        let v = self.varint()?;
        if v > max {
            return Err(self.fail(format!("{what} {v} is past {max}")));
        }
        Ok(v)
    }

    /// One varint that fits a `u32`.
    #[inline]
    pub(super) fn u32(&mut self, what: &str) -> Result<u32, PartError> {
        Ok(self.upto(u64::from(u32::MAX), what)? as u32)
    }

    /// A count of things that take at least `each` bytes apiece: at most what the bytes left
    /// can hold, so nothing is allocated for more than the bytes justify.
    #[inline]
    pub(super) fn count(&mut self, each: usize, what: &str) -> Result<usize, PartError> {
        let n = self.varint()?;
        let most = self.left() / each.max(1);
        if n > most as u64 {
            return Err(self.fail(format!(
                "{n} {what} cannot fit in the {} bytes left",
                self.left()
            )));
        }
        Ok(n as usize)
    }

    /// The next `n` bytes.
    #[inline]
    pub(super) fn take(&mut self, n: u64) -> Result<&'a [u8], PartError> {
        let end = usize::try_from(n)
            .ok()
            .and_then(|n| self.at.checked_add(n))
            .filter(|&end| end <= self.bytes.len());
        let Some(end) = end else {
            return Err(self.fail(format!("{n} bytes run past the end")));
        };
        let out = &self.bytes[self.at..end];
        self.at = end;
        Ok(out)
    }

    /// A length and that many bytes.
    #[inline]
    pub(super) fn bytes(&mut self) -> Result<&'a [u8], PartError> {
        let n = self.varint()?;
        self.take(n)
    }

    /// Four bytes, little-endian.
    pub(super) fn fixed_u32(&mut self) -> Result<u32, PartError> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    /// Eight bytes, little-endian.
    pub(super) fn fixed_u64(&mut self) -> Result<u64, PartError> {
        let b = self.take(8)?;
        let mut a = [0u8; 8];
        a.copy_from_slice(b);
        Ok(u64::from_le_bytes(a))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn varints_round_trip_at_every_width() {
        let values = [
            0,
            1,
            127,
            128,
            300,
            16_383,
            16_384,
            u64::from(u32::MAX),
            u64::MAX,
        ];
        let mut out = Vec::new();
        for v in values {
            put(&mut out, v);
        }
        let mut r = Reader::new("t", &out, 0);
        for v in values {
            assert_eq!(r.varint().unwrap(), v);
        }
        assert!(r.is_done());
    }

    #[test]
    fn bad_numbers_are_errors_naming_the_part_and_byte() {
        // Ends inside a number, eleven bytes, and a tenth byte past bit 63.
        for bytes in [
            vec![0x80],
            vec![0xFF; 11],
            [vec![0xFF; 9], vec![0x02]].concat(),
        ] {
            let err = Reader::new("index.test", &bytes, 100).varint().unwrap_err();
            assert!(err.to_string().starts_with("index.test: byte 1"), "{err}");
        }
        let mut r = Reader::new("t", &[5, 1], 0);
        assert!(r.count(1, "things").is_err(), "5 things in 1 byte");
        let mut r = Reader::new("t", &[9, 1, 2], 0);
        assert!(r.bytes().is_err());
        let mut r = Reader::new("t", &[0xFF, 0xFF, 0xFF, 0xFF, 0x7F], 0);
        assert!(r.u32("n").is_err());
        assert!(Reader::new("t", &[1, 2, 3], 0).fixed_u32().is_err());
    }
}
