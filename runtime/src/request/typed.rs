//! [`Request`]: a request whose method is a type; [`ByMethod`]: every request sorted by method;
//! [`ReplyTo`]: what a response can be started from.

use core::marker::PhantomData;
use core::ops::Deref;

use super::RequestHeaders;
use crate::header::Method;
use crate::method::{self, AnyMethod, MethodMarker};

/// A request whose method `M` is known at compile time (one of the [method markers](crate::method)): the
/// responses started from it obey the rules the spec scopes to that method, checked by the compiler.
///
/// Made by [`RequestHeaders::typed`] or [`RequestHeaders::by_method`]; derefs to its headers.
///
/// ```
/// use sip_codes::{method, RequestHeaders};
/// let request = RequestHeaders::new("<sip:a@example.com>;tag=1", "<sip:b@example.com>", "c1", "7 SUBSCRIBE")?
///     .via("SIP/2.0/UDP host.example.com;branch=z9hG4bK1")?;
/// assert!(request.typed::<method::Invite>().is_none());
/// let subscribe = request.typed::<method::Subscribe>().expect("a SUBSCRIBE");
/// assert_eq!(subscribe.call_id().as_str(), "c1");
/// # Ok::<(), sip_codes::Error>(())
/// ```
pub struct Request<'a, M> {
    headers: &'a RequestHeaders,
    method: PhantomData<M>,
}

impl<'a, M: MethodMarker> Request<'a, M> {
    /// The request's headers.
    pub fn headers(&self) -> &'a RequestHeaders {
        self.headers
    }

    fn new(headers: &'a RequestHeaders) -> Self {
        Request {
            headers,
            method: PhantomData,
        }
    }
}

impl<M> Clone for Request<'_, M> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<M> Copy for Request<'_, M> {}

impl<M> core::fmt::Debug for Request<'_, M> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_tuple("Request").field(self.headers).finish()
    }
}

impl<M> Deref for Request<'_, M> {
    type Target = RequestHeaders;
    fn deref(&self) -> &RequestHeaders {
        self.headers
    }
}

impl RequestHeaders {
    /// This request as a [`Request<M>`], if its method is `M`'s.
    pub fn typed<M: MethodMarker>(&self) -> Option<Request<'_, M>> {
        (self.method() == &M::METHOD).then(|| Request::new(self))
    }
}

macro_rules! by_method {
    ($($marker:ident $name:literal $rfc:literal $dialog:literal;)*) => {
        /// A request sorted by its method: one variant per method of the registry, each holding the
        /// typed [`Request`], and [`ByMethod::Other`] for an extension method. `match` on
        /// [`RequestHeaders::by_method`] to answer each method with its own typed rules.
        ///
        /// ```
        /// use sip_codes::{header::Method, status, ByMethod, RequestHeaders};
        /// let request = RequestHeaders::new("<sip:a@example.com>;tag=1", "<sip:b@example.com>", "c1", "1 OPTIONS")?
        ///     .via("SIP/2.0/UDP host.example.com;branch=z9hG4bK1")?;
        /// let response = match request.by_method() {
        ///     ByMethod::Options(options) => status::Ok::reply_to(&options).allow([Method::Options]).build(),
        ///     // Any other method, known at run time only: `build()` checks it (an ACK is never answered).
        ///     _ => status::NotImplemented::reply_to(&request).build()?,
        /// };
        /// assert_eq!(response.code(), 200);
        /// # Ok::<(), Box<dyn std::error::Error>>(())
        /// ```
        #[derive(Debug, Clone, Copy)]
        #[non_exhaustive]
        pub enum ByMethod<'a> {
            $(
                #[doc = concat!("A `", $name, "` request.")]
                $marker(Request<'a, method::$marker>),
            )*
            /// A request of an extension method (`RequestHeaders::method` is `Method::Extension`).
            Other(&'a RequestHeaders),
        }

        impl RequestHeaders {
            /// This request sorted by its method, for a `match` that answers each method with the rules
            /// the spec scopes to it.
            pub fn by_method(&self) -> ByMethod<'_> {
                match self.method() {
                    $(Method::$marker => ByMethod::$marker(Request::new(self)),)*
                    Method::Extension(_) => ByMethod::Other(self),
                }
            }
        }
    };
}
sip_codes_core::__for_each_method!(by_method);

/// What a response can be started from (`status::Ok::reply_to(request)`): a plain `&RequestHeaders`,
/// whose method-scoped rules are checked when `build()` runs, or a typed [`Request`], whose rules the
/// compiler checks.
#[diagnostic::on_unimplemented(
    message = "a response starts from the request it answers: `{Self}` is not one",
    label = "not a request",
    note = "pass `&RequestHeaders`, or a typed request from `RequestHeaders::typed` or `RequestHeaders::by_method`"
)]
pub trait ReplyTo<'a>: Copy {
    /// The method of the request as a type: a [method marker](crate::method), or [`AnyMethod`].
    type Method: method::MethodKind;
    /// The request's headers.
    fn headers(self) -> &'a RequestHeaders;
}

impl<'a> ReplyTo<'a> for &'a RequestHeaders {
    type Method = AnyMethod;
    fn headers(self) -> &'a RequestHeaders {
        self
    }
}

impl<'a, M: MethodMarker> ReplyTo<'a> for Request<'a, M> {
    type Method = M;
    fn headers(self) -> &'a RequestHeaders {
        self.headers
    }
}

impl<'a, M: MethodMarker> ReplyTo<'a> for &Request<'a, M> {
    type Method = M;
    fn headers(self) -> &'a RequestHeaders {
        self.headers
    }
}
