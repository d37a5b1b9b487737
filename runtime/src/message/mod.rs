//! [`Message`]: a whole SIP message (RFC 3261 §7) parsed in place from its bytes, without copying and,
//! for typical messages, without allocating; and [`frame`], which finds where a message ends on a
//! stream (§18.3).
//!
//! ```
//! use sip_codes_runtime::message::{BodyLength, Message};
//! let msg = Message::parse(
//!     b"SIP/2.0 200 OK\r\n\
//!       v: SIP/2.0/UDP p1.example.com;branch=z9hG4bK1, SIP/2.0/UDP ua.example.com;branch=z9hG4bK2\r\n\
//!       To: <sip:bob@example.com>;tag=8321234356\r\n\
//!       Subject: a folded\r\n  subject\r\n\
//!       Content-Length: 4\r\n\
//!       \r\n\
//!       v=0\n",
//! )?;
//! assert_eq!(msg.response_line().map(|l| l.code()), Some(200));
//! assert_eq!(msg.values("Via").count(), 2);
//! assert_eq!(msg.field("to").unwrap().value(), "<sip:bob@example.com>;tag=8321234356");
//! assert_eq!(msg.field("Subject").unwrap().value().unfolded(), "a folded subject");
//! assert_eq!(msg.body(), b"v=0\n");
//! assert_eq!(msg.body_length(), BodyLength::Matches(4));
//! # Ok::<(), sip_codes_runtime::message::ParseError>(())
//! ```
//!
//! # What is accepted
//!
//! - **Start line** (§7.1, §7.2): a Request-Line `Method SP Request-URI SP SIP-Version` or a Status-Line
//!   `SIP-Version SP Status-Code SP Reason-Phrase`, single spaces, version `SIP/2.0` (`SIP` in any ASCII
//!   case); see [`RequestLine`] and [`ResponseLine`].
//! - **Line ends**: CRLF, and leniently a bare LF (as many stacks send). The two may be mixed. A CR not
//!   followed by LF is a control character, an error.
//! - **Header fields** (§7.3, §25.1): `token *(SP / HTAB) ":" value`. The value may hold any byte but
//!   control characters (CR, LF, NUL, others below 0x20 but tab, DEL; the C1 range U+0080–U+009F is
//!   UTF-8 text, which `TEXT-UTF8char` allows); it is trimmed of white space at both ends.
//! - **Folding** (§7.3.1): a line that starts with a space or tab continues the previous field. The
//!   field's value then spans the fold as received; [`Value::unfolded`] replaces each fold with a single
//!   space, allocating only then, and [`Value::pieces`] gives the text between folds without allocating.
//! - **UTF-8**: the whole head (start line to empty line) must be UTF-8, so that every name and value
//!   is handed out as `&str` with one check of the head; the body is bytes, never looked at.
//! - **Compact forms** (§7.3.3): lookups by name ignore ASCII case and treat `v`, `f`, `t`, `i`, `m`,
//!   `l`, `c`, `k`, … as their long forms, through the crate's one table of compact forms.
//! - **Lists** (§7.3.1): [`Message::values`] splits every field of a header at commas outside quoted
//!   strings and angle brackets; see [`Split`] for the headers it must not be used on.
//! - **Body and Content-Length** (§7.4.2, §18.3): on a datagram ([`Message::parse`]) the body is the rest
//!   of the datagram and a Content-Length that disagrees is reported by [`Message::body_length`], not
//!   rejected. On a stream ([`frame`], [`Message::parse_stream`]) Content-Length is required and frames
//!   the body. A Content-Length that is not `1*DIGIT` (`-1`, `0x10`, empty, too large for `usize`), or
//!   a second one, is an error in both.
//! - **Limits** ([`Limits`]): header count, head length, and on streams body length are bounded; every
//!   byte of the head is looked at a bounded number of times, so parsing is O(n).
//!
//! Errors ([`ParseError`]) carry a kind and the byte offset where the problem is. Nothing here panics,
//! whatever the input: fuzzed (`fuzz/fuzz_targets/message_parse.rs`) and property-tested.
//!
//! # How fields are kept
//!
//! The parse validates the head in one pass and records each field as offsets into it (16 bytes: name,
//! value start and end, name length). Up to 32 records are kept inline in the [`Message`] (about 650
//! bytes in all), so a typical message parses without allocating; a message with more fields moves
//! them all to one `Vec`. Lookups walk the records and skip names of another length without reading
//! them (a one-byte name is looked at, as it may be a compact form).
//!
//! The other design, keeping nothing and re-scanning the head on each lookup, was measured against this
//! one on the messages of `benches/benches/message.rs` (instructions per message under callgrind, which
//! the noise of a shared machine does not move): for "parse, then look up Via, From, To, Call-ID, CSeq
//! and Content-Length" in a 200 OK to an INVITE, about 5,200 instructions with the records against
//! 11,400 re-scanning (a parse that keeps nothing is 3,700, but each lookup then reads the head again,
//! about 1,300); in a 405 with Allow, 3,900 against 7,700. The records win from the second lookup on.

mod error;
mod field;
mod framing;
mod limits;
mod list;
mod scan;
mod start_line;
mod store;

#[cfg(test)]
mod tests;

pub use error::{ParseError, ParseErrorKind};
pub use field::{Field, Pieces, Value};
pub use framing::{BodyLength, ContentLength, Frame, frame, frame_with};
pub use limits::Limits;
pub use list::{Split, Values};
pub use start_line::{RequestLine, ResponseLine, StartLine};
pub use store::{Fields, Named};

use framing::{Stream, stream_head};
use scan::scan_head;
use store::Store;

/// A SIP message borrowed from its bytes: start line, header fields, body. See the [module](self) for
/// what is accepted and how.
#[derive(Debug, Clone)]
pub struct Message<'a> {
    head: &'a str,
    body: &'a [u8],
    start: StartLine<'a>,
    content_length: Option<ContentLength>,
    fields: Store,
}

impl<'a> Message<'a> {
    /// Parses a message received as a datagram (UDP), with the default [`Limits`]: see
    /// [`Message::parse_with`].
    pub fn parse(datagram: &'a [u8]) -> Result<Self, ParseError> {
        Self::parse_with(datagram, &Limits::DEFAULT)
    }

    /// Parses a message received as a datagram: the body is everything after the head (RFC 3261 §18.3),
    /// whatever the Content-Length says; [`Message::body_length`] tells whether they agree.
    ///
    /// Fails on an empty datagram, a bad start line or header line, a head that is not UTF-8, that has
    /// no empty line, or that passes a limit, and a Content-Length that is not a number or is repeated.
    /// Allocates only for a message of more than 32 header fields.
    pub fn parse_with(datagram: &'a [u8], limits: &Limits) -> Result<Self, ParseError> {
        if datagram.is_empty() {
            return Err(ParseError::new(ParseErrorKind::Empty, 0));
        }
        let mut fields = Store::new();
        let Some(head) = scan_head(datagram, limits, &mut fields)? else {
            return Err(ParseError::new(ParseErrorKind::NoEmptyLine, datagram.len()));
        };
        let (text, start) = head.finish(datagram)?;
        Ok(Message {
            head: text,
            body: datagram.get(head.body_start..).unwrap_or_default(),
            start,
            content_length: head.content_length,
            fields,
        })
    }

    /// Parses the first message of a stream's data that is complete, with the default [`Limits`]: see
    /// [`Message::parse_stream_with`].
    pub fn parse_stream(buf: &'a [u8]) -> Result<(Self, usize), ParseError> {
        Self::parse_stream_with(buf, &Limits::DEFAULT)
    }

    /// Parses the first message of `buf`, data from a stream (TCP, TLS) that holds all of it, such as
    /// what is left when the peer has closed the connection or a capture: the body is what its
    /// Content-Length says (RFC 3261 §18.3). Returns the message and its length; bytes after it are
    /// the next message's.
    ///
    /// Fails as [`frame_with`] does, and where `frame_with` would wait for more data: a head without
    /// its empty line ([`ParseErrorKind::NoEmptyLine`]), a Content-Length larger than the data after
    /// the head ([`ParseErrorKind::Truncated`]). Keep-alive line ends before the start line are not
    /// skipped (they are an empty start line): [`frame`] reports them.
    pub fn parse_stream_with(buf: &'a [u8], limits: &Limits) -> Result<(Self, usize), ParseError> {
        if buf.is_empty() {
            return Err(ParseError::new(ParseErrorKind::Empty, 0));
        }
        let mut fields = Store::new();
        match stream_head(buf, limits, &mut fields)? {
            Stream::Head => Err(ParseError::new(ParseErrorKind::NoEmptyLine, buf.len())),
            Stream::Body { content_length } => Err(ParseError::new(
                ParseErrorKind::Truncated,
                content_length.offset(),
            )),
            Stream::Complete {
                head,
                text,
                start,
                len,
            } => {
                let message = Message {
                    head: text,
                    body: buf.get(head.body_start..len).unwrap_or_default(),
                    start,
                    content_length: head.content_length,
                    fields,
                };
                Ok((message, len))
            }
        }
    }

    /// The start line.
    pub fn start_line(&self) -> &StartLine<'a> {
        &self.start
    }

    /// The Request-Line, if the message is a request.
    pub fn request_line(&self) -> Option<&RequestLine<'a>> {
        self.start.request()
    }

    /// The Status-Line, if the message is a response.
    pub fn response_line(&self) -> Option<&ResponseLine<'a>> {
        self.start.response()
    }

    /// Whether the message is a request.
    pub fn is_request(&self) -> bool {
        matches!(self.start, StartLine::Request(_))
    }

    /// The head as received: start line, header fields and the empty line.
    pub fn head(&self) -> &'a str {
        self.head
    }

    /// The body: on a datagram, every byte after the head; on a stream, the bytes Content-Length says.
    pub fn body(&self) -> &'a [u8] {
        self.body
    }

    /// The body as RFC 3261 §18.3 frames a datagram: its first Content-Length bytes when the datagram
    /// holds more, all of it otherwise (no Content-Length, or too few bytes: see
    /// [`Message::body_length`]).
    pub fn declared_body(&self) -> &'a [u8] {
        match self.content_length {
            Some(cl) => self.body.get(..cl.value()).unwrap_or(self.body),
            None => self.body,
        }
    }

    /// The Content-Length header, if there is one (there is at most one).
    pub fn content_length(&self) -> Option<ContentLength> {
        self.content_length
    }

    /// How the body compares with the Content-Length: the check a receiver of datagrams must make
    /// (RFC 3261 §18.3). Always consistent for a message from [`Message::parse_stream`].
    pub fn body_length(&self) -> BodyLength {
        BodyLength::of(self.content_length.map(|cl| cl.value()), self.body.len())
    }

    /// Every header field, in order.
    pub fn fields(&self) -> Fields<'_, 'a> {
        Fields::new(self.head, &self.fields)
    }

    /// The number of header fields (a folded field counts once).
    pub fn field_count(&self) -> usize {
        self.fields.as_slice().len()
    }

    /// The first field of the header `name` (ASCII case ignored, compact forms equal to their long
    /// forms: `field("Via")` finds a `v:` line).
    pub fn field(&self, name: &str) -> Option<Field<'a>> {
        store::first(self.head, &self.fields, store::Wanted::new(name))
    }

    /// Every field of the header `name`, in order (as [`Message::field`] matches names).
    pub fn fields_named<'m>(&'m self, name: &'m str) -> Named<'m, 'a> {
        Named::new(self.head, &self.fields, name)
    }

    /// The comma-separated values of the header `name` across all its fields, in order (RFC 3261
    /// §7.3.1): `Via: a, b` then `v: c` gives `a`, `b`, `c`. See [`Split`] for how values are split, and
    /// for the headers whose commas are not separators (WWW-Authenticate, Authorization, …), which are
    /// to be read with [`Message::fields_named`].
    pub fn values<'m>(&'m self, name: &'m str) -> Values<'m, 'a> {
        Values::new(self.fields_named(name))
    }
}
