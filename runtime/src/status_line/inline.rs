//! [`Text`]: the storage of a [`StatusLine`](super::StatusLine), inline when short, else on the heap.

/// How many bytes of a line [`Text::Inline`] holds: [`Text`], and so [`StatusLine`], is then 64 bytes.
pub(super) const INLINE: usize = 56;

/// The text and the code of a [`StatusLine`]: inline when short, else on the heap.
#[derive(Clone)]
pub(super) enum Text {
    /// The first `len` bytes of `bytes` are the line (copied from a `&str`, or ASCII, so UTF-8).
    Inline {
        len: u8,
        code: u16,
        bytes: InlineBytes,
    },
    Heap {
        code: u16,
        line: String,
    },
}

/// The bytes of an inline line, at an offset that is a multiple of 8: UTF-8 validation (see
/// [`StatusLine::as_str`]) is then about twice as fast as from an odd offset.
#[derive(Clone, Copy)]
#[repr(C, align(8))]
pub(super) struct InlineBytes([u8; INLINE]);

impl Text {
    /// A copy of `line`, whose code is `code`.
    #[inline]
    pub(super) fn copy(line: &str, code: u16) -> Text {
        if line.len() > INLINE {
            return Text::Heap {
                code,
                line: line.to_owned(),
            };
        }
        Text::inline(line.as_bytes(), code)
    }

    /// `src`, at most [`INLINE`] bytes of UTF-8, kept inline.
    #[inline]
    pub(super) fn inline(src: &[u8], code: u16) -> Text {
        debug_assert!(src.len() <= INLINE && core::str::from_utf8(src).is_ok());
        let mut bytes = [0; INLINE];
        // Word by word in registers, stored once: the line as seven little-endian words, zero past its
        // end. (Copying into a stack buffer and then moving it stalls on store forwarding.)
        if let Some(last) = src.last_chunk::<8>() {
            let last = u64::from_le_bytes(*last);
            let word = |i: usize| match src.get(i * 8..i * 8 + 8) {
                Some(word) => u64::from_le_bytes(word.try_into().unwrap_or_default()),
                // The bytes of the last word past `i * 8`, shifted down to the start.
                None if i * 8 < src.len() => last >> (8 * (i * 8 + 8 - src.len())),
                None => 0,
            };
            for (i, chunk) in bytes.chunks_exact_mut(8).enumerate() {
                chunk.copy_from_slice(&word(i).to_le_bytes());
            }
        } else {
            bytes[..src.len()].copy_from_slice(src);
        }
        Text::Inline {
            len: src.len() as u8,
            code,
            bytes: InlineBytes(bytes),
        }
    }

    /// `a` then `b`, whose code is `code`.
    pub(super) fn concat(a: &str, b: &str, code: u16) -> Text {
        let len = a.len() + b.len();
        if len > INLINE {
            let mut line = String::with_capacity(len);
            line.push_str(a);
            line.push_str(b);
            return Text::Heap { code, line };
        }
        let mut bytes = [0; INLINE];
        bytes[..a.len()].copy_from_slice(a.as_bytes());
        bytes[a.len()..len].copy_from_slice(b.as_bytes());
        Text::Inline {
            len: len as u8,
            code,
            bytes: InlineBytes(bytes),
        }
    }

    pub(super) fn code(&self) -> u16 {
        match *self {
            Text::Inline { code, .. } | Text::Heap { code, .. } => code,
        }
    }

    pub(super) fn as_bytes(&self) -> &[u8] {
        match self {
            Text::Inline { len, bytes, .. } => &bytes.0[..usize::from(*len)],
            Text::Heap { line, .. } => line.as_bytes(),
        }
    }

    pub(super) fn as_str(&self) -> &str {
        match self {
            // Always `Ok`: the bytes are UTF-8 (see `Inline`); the runtime has no `unsafe` to skip the
            // check.
            Text::Inline { len, bytes, .. } => {
                core::str::from_utf8(&bytes.0[..usize::from(*len)]).unwrap_or_default()
            }
            Text::Heap { line, .. } => line,
        }
    }
}
