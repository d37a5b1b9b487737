//! [`Text`]: the storage of a [`StatusLine`](super::StatusLine), inline when short, else on the heap.

use arrayvec::ArrayString;

/// How many bytes of a line [`Text::Inline`] holds: [`Text`], and so [`StatusLine`](super::StatusLine),
/// is then 64 bytes.
pub(super) const INLINE: usize = 56;

/// The text and the code of a [`StatusLine`](super::StatusLine): inline when short, else on the heap.
/// Either way a `str`, checked once where the line was parsed, so reading it back checks nothing.
#[derive(Clone)]
pub(super) enum Text {
    Inline {
        code: u16,
        line: ArrayString<INLINE>,
    },
    Heap {
        code: u16,
        line: String,
    },
}

impl Text {
    /// A copy of `line`, whose code is `code`.
    #[inline]
    pub(super) fn copy(line: &str, code: u16) -> Text {
        match ArrayString::from(line) {
            Ok(line) => Text::Inline { code, line },
            Err(_) => Text::Heap {
                code,
                line: line.to_owned(),
            },
        }
    }

    /// `a` then `b`, whose code is `code`.
    pub(super) fn concat(a: &str, b: &str, code: u16) -> Text {
        let mut line = ArrayString::new();
        if line
            .try_push_str(a)
            .and_then(|()| line.try_push_str(b))
            .is_ok()
        {
            return Text::Inline { code, line };
        }
        let mut line = String::with_capacity(a.len() + b.len());
        line.push_str(a);
        line.push_str(b);
        Text::Heap { code, line }
    }

    #[inline]
    pub(super) fn code(&self) -> u16 {
        match *self {
            Text::Inline { code, .. } | Text::Heap { code, .. } => code,
        }
    }

    #[inline]
    pub(super) fn as_str(&self) -> &str {
        match self {
            Text::Inline { line, .. } => line,
            Text::Heap { line, .. } => line,
        }
    }
}
