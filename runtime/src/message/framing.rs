//! Where a message ends (RFC 3261 §7.4.2, §18.3): [`frame`] for streams, [`BodyLength`] for datagrams.

use super::error::{ParseError, ParseErrorKind};
use super::limits::Limits;
use super::scan::{Head, Sink, scan_head};

/// The Content-Length header of a message (RFC 3261 §20.14): its value and where it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ContentLength {
    value: usize,
    at: usize,
    value_at: usize,
}

impl ContentLength {
    pub(super) const fn new(value: usize, at: usize, value_at: usize) -> Self {
        ContentLength {
            value,
            at,
            value_at,
        }
    }

    /// The declared length of the body, in bytes.
    pub const fn value(&self) -> usize {
        self.value
    }

    /// The offset of the header field (its name) in the message.
    pub const fn offset(&self) -> usize {
        self.at
    }

    /// The offset of its value in the message.
    pub const fn value_offset(&self) -> usize {
        self.value_at
    }
}

/// How the body of a datagram compares with its Content-Length (RFC 3261 §18.3).
///
/// On a datagram the body is the rest of the datagram. A Content-Length that disagrees is not an error
/// of [`super::Message::parse`] but is reported here, so that a checker can flag it (with
/// [`ContentLength::offset`]) and a receiver can do what §18.3 says: discard the bytes past the declared
/// body ([`super::Message::declared_body`]), and treat a datagram that ends before it as an error (a
/// response is then discarded, a request answered with 400).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BodyLength {
    /// No Content-Length: the body is the rest of the datagram, as §18.3 allows.
    Undeclared,
    /// The Content-Length equals the length of the body.
    Matches(usize),
    /// The datagram holds more bytes than declared; §18.3 says they MUST be discarded.
    Extra {
        /// The Content-Length.
        declared: usize,
        /// The bytes after the head.
        actual: usize,
    },
    /// The datagram ends before the declared body does: an error (§18.3).
    Truncated {
        /// The Content-Length.
        declared: usize,
        /// The bytes after the head.
        actual: usize,
    },
}

impl BodyLength {
    /// How `actual` bytes of body compare with `declared`.
    pub(super) fn of(declared: Option<usize>, actual: usize) -> BodyLength {
        match declared {
            None => BodyLength::Undeclared,
            Some(declared) if declared == actual => BodyLength::Matches(actual),
            Some(declared) if declared < actual => BodyLength::Extra { declared, actual },
            Some(declared) => BodyLength::Truncated { declared, actual },
        }
    }

    /// Whether the body agrees with the Content-Length, or there is none.
    pub const fn is_consistent(&self) -> bool {
        matches!(self, BodyLength::Undeclared | BodyLength::Matches(_))
    }
}

/// What [`frame`] found at the start of a stream's buffer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Frame {
    /// The first message has not been received whole: call again when more bytes have arrived.
    Incomplete,
    /// The first message is the first `len` bytes: its head and the body its Content-Length declares.
    /// [`super::Message::parse`] of exactly those bytes succeeds.
    Complete(usize),
    /// The buffer starts with `len` bytes of line ends (CRLF or LF) before any start line: a keep-alive
    /// (RFC 5626 §3.5.1) or padding, which RFC 3261 §7.5 says to ignore. Drop them and call again.
    KeepAlive(usize),
}

/// Frames the first message of a stream's buffer (TCP, TLS, …) with the default [`Limits`]: see
/// [`frame_with`].
pub fn frame(buf: &[u8]) -> Result<Frame, ParseError> {
    frame_with(buf, &Limits::DEFAULT)
}

/// Frames the first message of a stream's buffer: where it ends, from its Content-Length, which a stream
/// requires (RFC 3261 §18.3). Does not allocate.
///
/// The head is checked exactly as [`super::Message::parse_with`] checks it, so an error is reported as
/// soon as the bytes that show it have arrived (a bad start line does not wait for the rest of the
/// head), and `Complete(len)` promises that `Message::parse_with(&buf[..len], limits)` succeeds with a
/// body of the declared length. Beyond the head's errors: no Content-Length, or one larger than
/// [`Limits::max_body_len`]; a head still unfinished at [`Limits::max_head_len`] bytes is an error, not
/// [`Frame::Incomplete`].
///
/// Each call scans the head again, O(head length): a caller reading a slow peer bounds the total work
/// with the head limit.
///
/// ```
/// use sip_codes_runtime::message::{Frame, frame};
/// let msg = b"SIP/2.0 200 OK\r\nContent-Length: 2\r\n\r\nhi";
/// assert_eq!(frame(&msg[..20])?, Frame::Incomplete);
/// assert_eq!(frame(&msg[..msg.len() - 1])?, Frame::Incomplete);
/// let mut stream = msg.to_vec();
/// stream.extend_from_slice(b"SIP/2.0 180 Ringing\r\n");
/// assert_eq!(frame(&stream)?, Frame::Complete(msg.len()));
/// assert_eq!(frame(b"\r\n\r\nINVITE")?, Frame::KeepAlive(4));
/// assert!(frame(b"SIP/2.0 200 OK\r\n\r\n").is_err()); // no Content-Length
/// # Ok::<(), sip_codes_runtime::message::ParseError>(())
/// ```
pub fn frame_with(buf: &[u8], limits: &Limits) -> Result<Frame, ParseError> {
    let skip = keep_alive(buf);
    if skip > 0 {
        return Ok(Frame::KeepAlive(skip));
    }
    if buf == b"\r" {
        return Ok(Frame::Incomplete);
    }
    Ok(match stream_head(buf, limits, &mut ())? {
        Stream::Head => Frame::Incomplete,
        Stream::Body { .. } => Frame::Incomplete,
        Stream::Complete { len, .. } => Frame::Complete(len),
    })
}

/// The length of the run of line ends (CRLF or LF) at the start of `buf`.
fn keep_alive(buf: &[u8]) -> usize {
    let mut i = 0;
    loop {
        match buf.get(i..i + 2) {
            Some(b"\r\n") => i += 2,
            _ if buf.get(i) == Some(&b'\n') => i += 1,
            _ => return i,
        }
    }
}

/// How far a stream's first message has arrived.
pub(super) enum Stream<'a> {
    /// The head has not ended.
    Head,
    /// The head has ended (and is valid UTF-8); the body has not all arrived.
    Body {
        content_length: super::ContentLength,
    },
    /// The message is the first `len` bytes; `text` is its head.
    Complete {
        head: Head,
        text: &'a str,
        start: super::StartLine<'a>,
        len: usize,
    },
}

/// Scans the head of a stream's first message (fields to `sink`), checks it is UTF-8 and has a usable
/// Content-Length, and says whether the body is all there.
pub(super) fn stream_head<'a>(
    buf: &'a [u8],
    limits: &Limits,
    sink: &mut impl Sink,
) -> Result<Stream<'a>, ParseError> {
    let Some(head) = scan_head(buf, limits, sink)? else {
        return Ok(Stream::Head);
    };
    let (text, start) = head.finish(buf)?;
    let Some(content_length) = head.content_length else {
        return Err(ParseError::new(
            ParseErrorKind::MissingContentLength,
            head.body_start,
        ));
    };
    if content_length.value() > limits.max_body_len() {
        return Err(ParseError::new(
            ParseErrorKind::BodyTooLarge,
            content_length.offset(),
        ));
    }
    // No overflow: the head is at most 2 GiB and the body at most `max_body_len`, both in `buf`'s
    // address space, or the body is not there yet.
    match head.body_start.checked_add(content_length.value()) {
        Some(len) if len <= buf.len() => Ok(Stream::Complete {
            head,
            text,
            start,
            len,
        }),
        _ => Ok(Stream::Body { content_length }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn body_length_cases() {
        assert_eq!(BodyLength::of(None, 3), BodyLength::Undeclared);
        assert_eq!(BodyLength::of(Some(3), 3), BodyLength::Matches(3));
        assert_eq!(
            BodyLength::of(Some(1), 3),
            BodyLength::Extra {
                declared: 1,
                actual: 3
            }
        );
        assert!(!BodyLength::of(Some(4), 3).is_consistent());
        assert!(BodyLength::of(None, 0).is_consistent());
    }

    #[test]
    fn keep_alives() {
        assert_eq!(keep_alive(b""), 0);
        assert_eq!(keep_alive(b"\r"), 0);
        assert_eq!(keep_alive(b"\r\n\r\n"), 4);
        assert_eq!(keep_alive(b"\n\r\nS"), 3);
        assert_eq!(keep_alive(b"\r\r\n"), 0);
        assert_eq!(frame(b"").unwrap(), Frame::Incomplete);
        assert_eq!(frame(b"\r").unwrap(), Frame::Incomplete);
        assert_eq!(frame(b"\n").unwrap(), Frame::KeepAlive(1));
    }

    #[test]
    fn stream_errors() {
        let limits = Limits::DEFAULT.with_max_body_len(10);
        let e = frame_with(b"SIP/2.0 200 OK\r\nl: 11\r\n\r\n", &limits).unwrap_err();
        assert_eq!((e.kind(), e.offset()), (ParseErrorKind::BodyTooLarge, 16));
        let e = frame(b"SIP/2.0 200 OK\r\nX: \xff\r\nl: 0\r\n\r\n").unwrap_err();
        assert_eq!((e.kind(), e.offset()), (ParseErrorKind::InvalidUtf8, 19));
        let e = frame(b"SIP/2.0 200 OK\r\nl: 1\r\nl: 1\r\n\r\n").unwrap_err();
        assert_eq!(
            (e.kind(), e.offset()),
            (ParseErrorKind::DuplicateContentLength, 22)
        );
        let e = frame(b"SIP/2.0 200 OK\r\nl: -1\r\n\r\n").unwrap_err();
        assert_eq!(
            (e.kind(), e.offset()),
            (ParseErrorKind::InvalidContentLength, 19)
        );
        let e = frame(b"SIP/2.0 200 OK\r\nVia: x\r\n\r\n").unwrap_err();
        assert_eq!(
            (e.kind(), e.offset()),
            (ParseErrorKind::MissingContentLength, 26)
        );
        let long = Limits::DEFAULT.with_max_head_len(20);
        let e = frame_with(b"SIP/2.0 200 OK\r\nVia: x\r\n", &long).unwrap_err();
        assert_eq!((e.kind(), e.offset()), (ParseErrorKind::HeadTooLarge, 20));
        assert_eq!(
            frame_with(b"SIP/2.0 200 OK\r\nVia:", &long).unwrap(),
            Frame::Incomplete
        );
        // A bad start line is reported before the head has ended.
        let e = frame(b"HTTP/1.1 200 OK\r\n").unwrap_err();
        assert_eq!(e.kind(), ParseErrorKind::BadStartLine);
    }
}
