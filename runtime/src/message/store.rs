//! Where a [`super::Message`] keeps its header fields: offsets, inline for up to [`INLINE`] fields, and
//! the iterators that turn them back into [`Field`]s.

use core::slice;

use super::field::{Field, Value};
use super::scan::{RawField, Sink};
use crate::header::long_form;

/// How many fields a message keeps without allocating: more than a typical request or response has
/// (an INVITE through a few proxies has about 15).
pub(super) const INLINE: usize = 32;

/// The fields of a message, in order: in an inline array while they fit, all moved to the heap when
/// one more comes.
#[derive(Clone)]
pub(super) struct Store {
    len: usize,
    inline: [RawField; INLINE],
    heap: Vec<RawField>,
}

impl Store {
    pub(super) fn new() -> Self {
        Store {
            len: 0,
            inline: [RawField::default(); INLINE],
            heap: Vec::new(),
        }
    }

    #[inline(always)]
    pub(super) fn push(&mut self, field: RawField) {
        if let Some(slot) = self.inline.get_mut(self.len) {
            *slot = field;
        } else {
            if self.heap.is_empty() {
                self.heap.reserve(INLINE * 2);
                self.heap.extend_from_slice(&self.inline);
            }
            self.heap.push(field);
        }
        self.len += 1;
    }

    #[inline]
    pub(super) fn as_slice(&self) -> &[RawField] {
        match self.inline.get(..self.len) {
            Some(fields) => fields,
            None => &self.heap,
        }
    }
}

impl Sink for Store {
    #[inline(always)]
    fn push(&mut self, field: RawField) {
        Store::push(self, field);
    }
}

impl core::fmt::Debug for Store {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_list().entries(self.as_slice()).finish()
    }
}

/// The field at `raw` in `head`.
#[inline]
fn field<'a>(head: &'a str, raw: RawField) -> Field<'a> {
    let (name, value, end) = (
        raw.name as usize,
        raw.value as usize,
        raw.value_end() as usize,
    );
    let text = head.get(value..end).unwrap_or_default();
    let name_text = head.get(name..raw.name_end() as usize).unwrap_or_default();
    Field::new(name_text, Value::new(text, value, raw.folded()), name)
}

/// Every header field of a message, in order: see [`super::Message::fields`].
#[derive(Debug, Clone)]
pub struct Fields<'m, 'a> {
    head: &'a str,
    iter: slice::Iter<'m, RawField>,
}

impl<'m, 'a> Fields<'m, 'a> {
    pub(super) fn new(head: &'a str, store: &'m Store) -> Self {
        Fields {
            head,
            iter: store.as_slice().iter(),
        }
    }
}

impl<'a> Iterator for Fields<'_, 'a> {
    type Item = Field<'a>;

    #[inline]
    fn next(&mut self) -> Option<Field<'a>> {
        self.iter.next().map(|&raw| field(self.head, raw))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.iter.size_hint()
    }
}

impl DoubleEndedIterator for Fields<'_, '_> {
    fn next_back(&mut self) -> Option<Self::Item> {
        self.iter.next_back().map(|&raw| field(self.head, raw))
    }
}

impl ExactSizeIterator for Fields<'_, '_> {}
impl core::iter::FusedIterator for Fields<'_, '_> {}

/// A header name looked for: its long form.
#[derive(Debug, Clone, Copy)]
pub(super) struct Wanted<'n> {
    long: &'n str,
}

impl<'n> Wanted<'n> {
    #[inline]
    pub(super) fn new(name: &'n str) -> Self {
        Wanted {
            long: long_form(name),
        }
    }

    /// Whether the field at `raw` of `head` is this header. Names of another length are skipped
    /// without looking at them, unless they are of one byte (a compact form).
    #[inline(always)]
    fn matches(&self, head: &[u8], raw: &RawField) -> bool {
        let len = usize::from(raw.name_len);
        if len != self.long.len() && len != 1 {
            return false;
        }
        let name = head
            .get(raw.name as usize..raw.name_end() as usize)
            .unwrap_or_default();
        match name {
            // A compact form: through its long form.
            [_] => long_form(core::str::from_utf8(name).unwrap_or_default())
                .eq_ignore_ascii_case(self.long),
            _ => eq_ignore_case(name, self.long.as_bytes()),
        }
    }
}

/// `<[u8]>::eq_ignore_ascii_case`, quicker on bytes of the same case (names are usually looked up as
/// written).
#[inline(always)]
pub(super) fn eq_ignore_case(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len()
        && a.iter()
            .zip(b)
            .all(|(&x, &y)| x == y || (x ^ y == 0x20 && (x | 0x20).is_ascii_lowercase()))
}

/// The first field of `store` that is the header `wanted`.
#[inline]
pub(super) fn first<'a>(head: &'a str, store: &Store, wanted: Wanted<'_>) -> Option<Field<'a>> {
    let bytes = head.as_bytes();
    store
        .as_slice()
        .iter()
        .find(|raw| wanted.matches(bytes, raw))
        .map(|&raw| field(head, raw))
}

/// The fields of one header, in order: see [`super::Message::fields_named`].
#[derive(Debug, Clone)]
pub struct Named<'m, 'a> {
    head: &'a str,
    iter: slice::Iter<'m, RawField>,
    wanted: Wanted<'m>,
}

impl<'m, 'a> Named<'m, 'a> {
    pub(super) fn new(head: &'a str, store: &'m Store, name: &'m str) -> Self {
        Named {
            head,
            iter: store.as_slice().iter(),
            wanted: Wanted::new(name),
        }
    }
}

impl<'a> Iterator for Named<'_, 'a> {
    type Item = Field<'a>;

    #[inline]
    fn next(&mut self) -> Option<Field<'a>> {
        let (head, wanted) = (self.head, self.wanted);
        self.iter
            .find(|raw| wanted.matches(head.as_bytes(), raw))
            .map(|&raw| field(head, raw))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (0, self.iter.size_hint().1)
    }
}

impl core::iter::FusedIterator for Named<'_, '_> {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spills_past_inline() {
        let mut store = Store::new();
        for i in 0..INLINE as u32 + 5 {
            let raw = RawField::new(i as usize, 0, (0, 0), false);
            store.push(raw);
            assert_eq!(store.as_slice().len(), i as usize + 1);
            assert_eq!(store.as_slice().last(), Some(&raw));
            assert_eq!(store.heap.is_empty(), i < INLINE as u32);
        }
        let names: Vec<u32> = store.as_slice().iter().map(|r| r.name).collect();
        assert_eq!(names, (0..INLINE as u32 + 5).collect::<Vec<_>>());
        assert!(format!("{store:?}").starts_with('['));
    }

    #[test]
    fn case_folding_matches_core() {
        let bytes: Vec<u8> = (0..=255).collect();
        for &x in &bytes {
            for &y in &bytes {
                assert_eq!(
                    eq_ignore_case(&[x], &[y]),
                    [x].eq_ignore_ascii_case(&[y]),
                    "{x} {y}"
                );
            }
        }
        assert!(eq_ignore_case(b"Call-ID", b"call-id") && !eq_ignore_case(b"Call-ID", b"Call-I"));
    }
}
