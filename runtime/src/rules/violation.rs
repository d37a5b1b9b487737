//! [`RuleViolation`]: one broken rule, as a value, stated in the sentence of its compile error.

use core::fmt;

use sip_codes_core::sentence::{self, Subject};

use crate::Citation;
use crate::header::Method;

/// What a response does wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ViolationKind {
    /// It lacks a header a MUST rule requires (`one_of`: at least one of `headers`).
    Missing {
        /// The header, or the members of the one-of group.
        headers: &'static [&'static str],
        /// Whether `headers` is a one-of group.
        one_of: bool,
        /// Whether the rule is scoped to the request's method (so the sentence names it).
        scoped: bool,
    },
    /// It carries a header a MUST NOT rule forbids.
    Forbidden {
        /// The header.
        header: &'static str,
        /// Whether the rule is scoped to the request's method.
        scoped: bool,
    },
    /// Its code does not answer the request's method.
    NotAnswering {
        /// The methods the rule names.
        methods: &'static [&'static str],
        /// `true`: the code answers only `methods`; `false`: never them.
        only: bool,
    },
    /// It sets by hand a header the library writes itself (from the request, or from the body).
    Managed {
        /// The header.
        header: &'static str,
    },
    /// It lacks a header every response copies from its request (RFC 3261 §8.2.6.2).
    MissingTransactionHeader {
        /// Via, From, To, Call-ID or CSeq.
        header: &'static str,
    },
    /// It carries a header more than once that may appear only once (RFC 3261 §7.3.1).
    Repeated {
        /// The header.
        header: &'static str,
    },
    /// Its Content-Length does not give the length of its body (RFC 3261 §18.3, §20.14).
    ContentLength {
        /// The length the header declares (`None`: it has none, which a stream needs).
        declared: Option<u64>,
        /// The length of the body.
        actual: usize,
    },
}

/// One rule a response breaks: the code, the request method where it matters, what is wrong, the
/// citation of the rule and, for a response read from bytes, where.
///
/// Its `Display` is the sentence the compile error of the same mistake starts with:
///
/// ```
/// use sip_codes::{RequestHeaders, StatusCode};
/// let request = RequestHeaders::new("<sip:a@example.com>;tag=1", "<sip:b@example.com>", "c1", "1 MESSAGE")?
///     .via("SIP/2.0/UDP host.example.com;branch=z9hG4bK1")?;
/// let refused = StatusCode::MethodNotAllowed.reply_to(&request).build().unwrap_err();
/// assert_eq!(
///     refused.to_string(),
///     "`405 Method Not Allowed` requires the `Allow` header (RFC 3261 §21.4.6)"
/// );
/// # Ok::<(), sip_codes::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleViolation {
    code: u16,
    phrase: &'static str,
    method: Option<Method>,
    kind: ViolationKind,
    citation: Citation<'static>,
    offset: Option<usize>,
}

impl RuleViolation {
    /// A violation of a rule of `code` (whose spec phrase is `phrase`) in a response to `method`.
    pub fn new(
        code: u16,
        phrase: &'static str,
        method: Option<Method>,
        kind: ViolationKind,
        citation: Citation<'static>,
    ) -> RuleViolation {
        RuleViolation {
            code,
            phrase,
            method,
            kind,
            citation,
            offset: None,
        }
    }

    /// The same violation, placed at byte `offset` of the message it was found in.
    #[must_use]
    pub fn at(mut self, offset: usize) -> RuleViolation {
        self.offset = Some(offset);
        self
    }

    /// The status code of the response.
    pub fn code(&self) -> u16 {
        self.code
    }

    /// The method of the request it answers, if known.
    pub fn method(&self) -> Option<&Method> {
        self.method.as_ref()
    }

    /// What is wrong.
    pub fn kind(&self) -> &ViolationKind {
        &self.kind
    }

    /// The headers the broken rule names (none for [`ViolationKind::NotAnswering`] and
    /// [`ViolationKind::ContentLength`]).
    pub fn headers(&self) -> &[&'static str] {
        match &self.kind {
            ViolationKind::Missing { headers, .. } => headers,
            ViolationKind::Forbidden { header, .. }
            | ViolationKind::MissingTransactionHeader { header }
            | ViolationKind::Managed { header }
            | ViolationKind::Repeated { header } => core::slice::from_ref(header),
            ViolationKind::NotAnswering { .. } | ViolationKind::ContentLength { .. } => &[],
        }
    }

    /// The RFC section (or local source) of the rule.
    pub fn citation(&self) -> Citation<'static> {
        self.citation
    }

    /// The byte offset in the message where the problem is, for a response read from bytes (the header
    /// field at fault, or the start of the message for a header that is missing).
    pub fn offset(&self) -> Option<usize> {
        self.offset
    }

    fn subject(&self, scoped: bool) -> Subject<'_> {
        Subject {
            code: self.code,
            phrase: self.phrase,
            method: self.method.as_ref().filter(|_| scoped).map(Method::as_str),
        }
    }
}

impl fmt::Display for RuleViolation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = match &self.kind {
            ViolationKind::Missing {
                headers,
                one_of,
                scoped,
            } => sentence::requires(self.subject(*scoped), headers, *one_of, self.citation),
            ViolationKind::Forbidden { header, scoped } => {
                sentence::forbids(self.subject(*scoped), header, self.citation)
            }
            ViolationKind::NotAnswering { methods, only } => {
                sentence::answers(self.code, self.phrase, methods, *only, Some(self.citation))
            }
            ViolationKind::MissingTransactionHeader { header } => {
                sentence::requires(self.subject(false), &[header], false, self.citation)
            }
            ViolationKind::Managed { header } => {
                sentence::managed(self.subject(false), header, self.citation)
            }
            ViolationKind::Repeated { header } => {
                sentence::repeats(self.subject(false), header, self.citation)
            }
            ViolationKind::ContentLength { declared, actual } => {
                sentence::content_length(self.subject(false), *declared, *actual, self.citation)
            }
        };
        f.write_str(&text)
    }
}

impl std::error::Error for RuleViolation {}

/// Every rule a response breaks, at least one: what a run-time checked `build()` returns when it refuses
/// to make a response, and what the checker of received responses reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleViolations(Vec<RuleViolation>);

impl RuleViolations {
    /// `list` as an error, or `None` when it is empty.
    pub fn from_list(list: Vec<RuleViolation>) -> Option<RuleViolations> {
        (!list.is_empty()).then_some(RuleViolations(list))
    }

    /// Each violation, in the order the rules were checked.
    pub fn iter(&self) -> core::slice::Iter<'_, RuleViolation> {
        self.0.iter()
    }

    /// How many rules are broken (at least one).
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Always `false`: there is at least one violation.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The violations, as a vector.
    pub fn into_vec(self) -> Vec<RuleViolation> {
        self.0
    }
}

impl<'a> IntoIterator for &'a RuleViolations {
    type Item = &'a RuleViolation;
    type IntoIter = core::slice::Iter<'a, RuleViolation>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl IntoIterator for RuleViolations {
    type Item = RuleViolation;
    type IntoIter = std::vec::IntoIter<RuleViolation>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

/// One sentence per violation, separated by `; `.
impl fmt::Display for RuleViolations {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, violation) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            fmt::Display::fmt(violation, f)?;
        }
        Ok(())
    }
}

impl std::error::Error for RuleViolations {}
