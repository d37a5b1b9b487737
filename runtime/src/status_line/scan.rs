//! The fast scan of a status line's common shape, which the parsers try before their byte-by-byte path.

use super::PHRASE_START;

/// The common shape of a status line, checked in one pass: `SIP/2.0 ` (`SIP` in any ASCII case), a code
/// in 100–699, a space, then phrase bytes up to the first control byte other than horizontal tab.
/// Returns the code and the offset of that control byte (the length of `b` if there is none), or `None`
/// when the first twelve bytes are anything else. Everything it accepts, the byte-by-byte parser accepts
/// too, with the same result; the tests compare the two.
#[inline(always)]
pub(super) fn scan_line(b: &[u8]) -> Option<(u16, usize)> {
    let (head, _) = b.split_first_chunk::<PHRASE_START>()?;
    let [s, i, p, slash, two, dot, zero, sp1, d0, d1, d2, sp2] = *head;
    // `| 0x20` folds the ASCII case of a letter and maps no other byte onto `s`, `i` or `p`.
    if [s | 0x20, i | 0x20, p | 0x20, slash, two, dot, zero, sp1] != *b"sip/2.0 " {
        return None;
    }
    let (b'1'..=b'6', b'0'..=b'9', b'0'..=b'9', b' ') = (d0, d1, d2, sp2) else {
        return None;
    };
    let code = u16::from(d0 - b'0') * 100 + u16::from(d1 - b'0') * 10 + u16::from(d2 - b'0');
    // The twelve bytes read so far are printable ASCII, so the scan may read them again.
    let end = sip_codes_core::text::invalid_text_byte_after(b, PHRASE_START).unwrap_or(b.len());
    Some((code, end))
}

/// [`scan_line`] at the start of a message, whose first control byte must then be the CR of a CRLF (so
/// that LF is the message's first). Returns the code and the offset of that CR.
#[inline(always)]
pub(super) fn scan_message(message: &[u8]) -> Option<(u16, usize)> {
    let (code, cr) = scan_line(message)?;
    (message.get(cr..cr + 2) == Some(b"\r\n")).then_some((code, cr))
}
