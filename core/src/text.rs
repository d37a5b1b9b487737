//! The character classes of the RFC 3261 §25 grammar that validation needs, in one place: `token`
//! characters, and the text a header value or reason phrase may hold on the wire.

/// Whether `b` is a `token` character (RFC 3261 §25.1: ``alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" /
/// "`" / "'" / "~"``).
pub const fn is_token_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric()
        || matches!(
            b,
            b'-' | b'.' | b'!' | b'%' | b'*' | b'_' | b'+' | b'`' | b'\'' | b'~'
        )
}

/// Whether `s` is a non-empty `token`.
pub fn is_token(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(is_token_byte)
}

/// The offset of the first byte of `s` that is not a `token` character, if any.
pub fn invalid_token_byte(s: &str) -> Option<usize> {
    s.bytes().position(|b| !is_token_byte(b))
}

/// The offset of the first byte of `text` that may not stand on the wire inside a header value or a reason
/// phrase, if any: a control character other than horizontal tab (CR, LF and NUL among them) or DEL
/// (RFC 3261 §25: `TEXT-UTF8char` and `LWS` only). This is what makes header injection and response
/// splitting impossible. Made eight bytes at a time.
#[inline]
pub fn invalid_text_byte(text: &[u8]) -> Option<usize> {
    invalid_text_byte_after(text, 0)
}

/// [`invalid_text_byte`] of `b[start..]`, as an offset in `b`, for a caller that knows that `b[..start]`
/// holds no such byte (so the scan may read it again).
#[inline]
pub fn invalid_text_byte_after(b: &[u8], start: usize) -> Option<usize> {
    let first_bad = |word: &[u8; 8]| {
        let word = u64::from_le_bytes(*word);
        if !may_hold_bad_byte(word) {
            return None;
        }
        let bad = bad_bytes(word);
        // Little-endian: the lowest set bit is the first byte.
        (bad != 0).then_some(bad.trailing_zeros() as usize / 8)
    };
    // Eight bytes at a time, then the last word of `b` for what is left (it overlaps bytes found clean).
    let tail = b.get(start..).unwrap_or_default();
    let (words, rest) = tail.as_chunks::<8>();
    for (i, word) in words.iter().enumerate() {
        if let Some(at) = first_bad(word) {
            return Some(start + i * 8 + at);
        }
    }
    if rest.is_empty() {
        return None;
    }
    if let Some(last) = b.last_chunk::<8>() {
        return first_bad(last).map(|at| b.len() - 8 + at);
    }
    // All of `b` is shorter than a word: pad it with spaces.
    let mut word = [b' '; 8];
    word[..b.len()].copy_from_slice(b);
    first_bad(&word)
}

/// Whether `word` may hold a byte that text may not: one below 0x20 (a tab, say) or equal to 0x7f. Cheaper
/// than [`bad_bytes`], for the usual clean word; it may say yes for a clean one (a tab, or a borrow from a
/// byte below 0x20), never no for a bad one.
#[inline]
fn may_hold_bad_byte(word: u64) -> bool {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGHS: u64 = u64::from_ne_bytes([0x80; 8]);
    const SPACES: u64 = u64::from_ne_bytes([0x20; 8]);
    const DELS: u64 = u64::from_ne_bytes([0x7f; 8]);
    let below_space = word.wrapping_sub(SPACES) & !word & HIGHS;
    let del = (word ^ DELS).wrapping_sub(ONES) & !(word ^ DELS) & HIGHS;
    below_space | del != 0
}

/// The bytes of `word` (eight bytes, little-endian) that text may not hold, each marked by the high bit of
/// its byte: those below 0x20 but tab, and 0x7f.
#[inline]
fn bad_bytes(word: u64) -> u64 {
    const LOW7: u64 = u64::from_ne_bytes([0x7f; 8]);
    const HIGHS: u64 = u64::from_ne_bytes([0x80; 8]);
    const TABS: u64 = u64::from_ne_bytes([b'\t'; 8]);
    // Each sum below stays within its byte (at most 0x7f + 0x7f), so no carry crosses into the next
    // byte: the result is exact for every byte, not only for the first one that matches.
    // High bit set where the byte is below 0x20: its low seven bits plus 0x60 stay below 0x80, and its
    // own high bit is clear.
    let below_space = !(((word & LOW7) + u64::from_ne_bytes([0x60; 8])) | word) & HIGHS;
    // High bit set where the byte of `y` is zero.
    let zero = |y: u64| !(((y & LOW7) + LOW7) | y) & HIGHS;
    (below_space & !zero(word ^ TABS)) | zero(word ^ LOW7)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens() {
        assert!(is_token("100rel"));
        assert!(is_token("Call-ID"));
        assert!(!is_token(""));
        assert!(!is_token("a b"));
        assert_eq!(invalid_token_byte("a:b"), Some(1));
    }

    #[test]
    fn word_mask_is_exact_per_byte() {
        let bad = |b: u8| (b < 0x20 && b != b'\t') || b == 0x7f;
        for fill in [
            0x00, 0x01, 0x09, 0x1f, 0x20, 0x21, 0x7e, 0x7f, 0x80, 0x89, 0xa0, 0xff, b'a',
        ] {
            for at in 0..8 {
                for byte in 0..=u8::MAX {
                    let mut word = [fill; 8];
                    word[at] = byte;
                    let want = word
                        .iter()
                        .enumerate()
                        .filter(|&(_, &b)| bad(b))
                        .fold(0u64, |m, (i, _)| m | 0x80 << (8 * i));
                    let word = u64::from_le_bytes(word);
                    assert_eq!(bad_bytes(word), want, "{word:016x}");
                    if want != 0 {
                        assert!(may_hold_bad_byte(word), "{word:016x}");
                    }
                }
            }
        }
    }

    #[test]
    fn word_at_a_time_agrees_with_byte_at_a_time() {
        let slow = |b: &[u8]| {
            b.iter()
                .position(|&c| (c < 0x20 && c != b'\t') || c == 0x7f)
        };
        for len in 0..24 {
            for at in 0..len {
                for bad in [0u8, b'\t', b'\r', b'\n', 0x1f, 0x20, 0x7f, 0x80, 0xff] {
                    let mut v = [b'a'; 24];
                    v[at] = bad;
                    let text = &v[..len];
                    assert_eq!(invalid_text_byte(text), slow(text), "{text:?}");
                    for start in 0..=at {
                        if slow(&text[..start]).is_none() {
                            assert_eq!(invalid_text_byte_after(text, start), slow(text));
                        }
                    }
                }
            }
        }
    }
}
