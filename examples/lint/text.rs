//! Messages in a text file: one or more, each framed by its Content-Length, or, without one, ending where
//! the next start line begins. A file written with LF line ends is read as CRLF, as it would be sent.

use std::borrow::Cow;

use sip_codes::message::{Frame, frame};

/// The text with CRLF line ends: as it is if it has any CR, else with every LF made CRLF.
pub fn normalise(bytes: &[u8]) -> Cow<'_, [u8]> {
    if bytes.contains(&b'\r') {
        return Cow::Borrowed(bytes);
    }
    let mut out = Vec::with_capacity(bytes.len() + bytes.len() / 16);
    for &b in bytes {
        if b == b'\n' {
            out.push(b'\r');
        }
        out.push(b);
    }
    Cow::Owned(out)
}

/// Each message of `text` with its byte offset; blank lines between messages are skipped.
pub fn messages(text: &[u8]) -> Vec<(usize, &[u8])> {
    let mut out = Vec::new();
    let mut at = 0;
    while at < text.len() {
        let rest = &text[at..];
        let len = match frame(rest) {
            Ok(Frame::KeepAlive(blank)) => {
                at += blank;
                continue;
            }
            Ok(Frame::Complete(len)) => len,
            // No Content-Length (or a head that does not parse, which the check reports): the message
            // ends where the next one starts.
            Ok(Frame::Incomplete) | Err(_) => next_start_line(rest).unwrap_or(rest.len()),
        };
        out.push((at, &rest[..len]));
        at += len;
    }
    out
}

/// The offset of the first line after the first that starts a message (`SIP/2.0 ` or `METHOD sip:`).
fn next_start_line(rest: &[u8]) -> Option<usize> {
    let mut at = 0;
    while let Some(end) = rest[at..].windows(2).position(|w| w == b"\r\n") {
        at += end + 2;
        let line = &rest[at..];
        if starts_message(line) {
            // The blank line before it belongs to no message.
            return Some(at);
        }
    }
    None
}

/// Whether `line` starts like a status line or a request line (`METHOD uri SIP/2.0`).
fn starts_message(line: &[u8]) -> bool {
    let end = line
        .windows(2)
        .position(|w| w == b"\r\n")
        .unwrap_or(line.len());
    let line = &line[..end];
    line.starts_with(b"SIP/2.0 ")
        || line.first().is_some_and(u8::is_ascii_uppercase) && line.ends_with(b" SIP/2.0")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_are_framed_by_length_or_by_the_next_start_line() {
        let text = normalise(
            b"SIP/2.0 200 OK\nContent-Length: 3\n\nabc\n\
              SIP/2.0 486 Busy Here\n\nOPTIONS sip:a@b SIP/2.0\nContent-Length: 0\n\n",
        );
        let found: Vec<&[u8]> = messages(&text).into_iter().map(|(_, m)| m).collect();
        assert_eq!(found.len(), 3);
        assert!(found[0].ends_with(b"\r\n\r\nabc"));
        assert!(found[1].starts_with(b"SIP/2.0 486"));
        assert!(found[2].starts_with(b"OPTIONS"));
    }
}
