//! [`Limits`]: how much work a hostile message can ask of the parser.

/// Bounds on what the parser accepts, so that no input makes it do unbounded work or hold unbounded
/// memory: past a limit it stops and reports [`super::ParseErrorKind::TooManyHeaders`],
/// [`super::ParseErrorKind::HeadTooLarge`] or [`super::ParseErrorKind::BodyTooLarge`].
///
/// The defaults ([`Limits::DEFAULT`]) are far above any real SIP message: 256 header fields, a 64 KiB
/// head (the largest UDP datagram), a 1 MiB body on a stream.
///
/// ```
/// use sip_codes_runtime::message::{Limits, Message, ParseErrorKind};
/// let limits = Limits::DEFAULT.with_max_headers(1);
/// let msg = b"SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP a\r\nVia: SIP/2.0/UDP b\r\n\r\n";
/// let err = Message::parse_with(msg, &limits).unwrap_err();
/// assert_eq!(err.kind(), ParseErrorKind::TooManyHeaders);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Limits {
    max_headers: usize,
    max_head_len: usize,
    max_body_len: usize,
}

impl Limits {
    /// 256 header fields, a head of 64 KiB, a body of 1 MiB.
    pub const DEFAULT: Limits = Limits {
        max_headers: 256,
        max_head_len: 64 * 1024,
        max_body_len: 1024 * 1024,
    };

    /// The largest head any limit allows: offsets in the head are kept in 31 bits.
    const HEAD_CAP: usize = i32::MAX as usize;

    /// At most `n` header fields (each line of a field folded over several counts once).
    pub const fn with_max_headers(self, n: usize) -> Limits {
        Limits {
            max_headers: n,
            ..self
        }
    }

    /// A head (start line, header fields and the empty line) of at most `n` bytes; capped at 2 GiB − 1.
    pub const fn with_max_head_len(self, n: usize) -> Limits {
        Limits {
            max_head_len: if n < Self::HEAD_CAP {
                n
            } else {
                Self::HEAD_CAP
            },
            ..self
        }
    }

    /// A Content-Length of at most `n` on a stream (a datagram's body is whatever the datagram holds).
    pub const fn with_max_body_len(self, n: usize) -> Limits {
        Limits {
            max_body_len: n,
            ..self
        }
    }

    /// The most header fields accepted.
    pub const fn max_headers(&self) -> usize {
        self.max_headers
    }

    /// The longest head accepted, in bytes.
    pub const fn max_head_len(&self) -> usize {
        self.max_head_len
    }

    /// The largest Content-Length accepted on a stream.
    pub const fn max_body_len(&self) -> usize {
        self.max_body_len
    }
}

impl Default for Limits {
    fn default() -> Self {
        Limits::DEFAULT
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builders_and_cap() {
        let l = Limits::default()
            .with_max_headers(3)
            .with_max_head_len(usize::MAX)
            .with_max_body_len(7);
        assert_eq!(l.max_headers(), 3);
        assert_eq!(l.max_head_len(), i32::MAX as usize);
        assert_eq!(l.max_body_len(), 7);
        assert_eq!(Limits::default(), Limits::DEFAULT);
    }
}
