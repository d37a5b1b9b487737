//! The request methods as types: one zero-sized marker per method of the IANA registry, so that the method of the request a response answers reaches the type
//! system and its method-scoped rules are checked at compile time.
//!
//! Get a typed request with [`RequestHeaders::typed`](crate::RequestHeaders::typed) or match on
//! [`RequestHeaders::by_method`](crate::RequestHeaders::by_method).

use crate::header::Method;

mod sealed {
    pub trait Sealed {}
}

/// A method known when the program is written: one of the markers of this module.
pub trait MethodMarker: Copy + Default + Send + Sync + 'static + sealed::Sealed {
    /// The method.
    const METHOD: Method;
    /// Its name on the wire (`"INVITE"`).
    const NAME: &'static str;
}

/// What a response builder knows about the method of the request it answers: a [`MethodMarker`],
/// [`AnyMethod`] (known only at run time) or [`Detached`] (no request).
pub trait MethodKind: Copy + Default + Send + Sync + 'static + sealed::Sealed {
    /// The method, when it is known at compile time.
    const KNOWN: Option<&'static str>;
}

impl<M: MethodMarker> MethodKind for M {
    const KNOWN: Option<&'static str> = Some(M::NAME);
}

macro_rules! markers {
    ($($marker:ident $name:literal $rfc:literal $dialog:literal;)*) => {$(
        #[doc = concat!(
            "The `", $name, "` method (RFC ", $rfc, ") as a type: a response to a ",
            "[`Request<", stringify!($marker), ">`](crate::Request) obeys the rules the spec scopes to ",
            $name, "."
        )]
        #[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
        pub struct $marker;

        impl sealed::Sealed for $marker {}

        impl MethodMarker for $marker {
            const METHOD: Method = Method::$marker;
            const NAME: &'static str = $name;
        }
    )*};
}
sip_codes_core::__for_each_method!(markers);

/// The method of a request that is only known at run time (a response built from a plain
/// `&RequestHeaders`): the rules the spec scopes to a method are checked when `build()` runs.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct AnyMethod;

impl sealed::Sealed for AnyMethod {}
impl MethodKind for AnyMethod {
    const KNOWN: Option<&'static str> = None;
}

/// No request at all: a response made without one (`detached()`), which lacks the transaction headers.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Detached;

impl sealed::Sealed for Detached {}
impl MethodKind for Detached {
    const KNOWN: Option<&'static str> = None;
}

/// `M: IsNot<X>`: `M` is a method other than `X`, or a method known only at run time ([`AnyMethod`]), or
/// no request ([`Detached`]). What the generated builders bound a code on when a rule says it never answers
/// `X`.
#[doc(hidden)]
pub trait IsNot<X: MethodMarker>: MethodKind {}

// Every marker is not each of the others: walked with the markers before and after the current one.
macro_rules! is_not {
    ($($marker:ident $name:literal $rfc:literal $dialog:literal;)*) => {
        is_not!(@walk [] $($marker)*);
    };
    (@walk [$($before:ident)*] $x:ident $($after:ident)*) => {
        $(impl IsNot<$x> for $before {})*
        $(impl IsNot<$x> for $after {})*
        impl IsNot<$x> for AnyMethod {}
        impl IsNot<$x> for Detached {}
        is_not!(@walk [$($before)* $x] $($after)*);
    };
    (@walk [$($before:ident)*]) => {};
}
sip_codes_core::__for_each_method!(is_not);

/// How a builder whose code has no method-scoped rule finishes, by what it knows of the method: a typed
/// request was checked by `reply_to` (the methods the code answers) and a detached response answers
/// none, so both give a `Response`; a method known only at run time is checked when `build()` runs.
#[doc(hidden)]
pub trait Finish: MethodKind {
    /// `Response`, or `Result<Response, RuleViolations>` where the method is checked at run time.
    type Output;
    /// Finishes `draft`.
    fn finish(draft: crate::Draft) -> Self::Output;
}

impl<M: MethodMarker> Finish for M {
    type Output = crate::Response;
    fn finish(draft: crate::Draft) -> Self::Output {
        draft.finish()
    }
}

impl Finish for Detached {
    type Output = crate::Response;
    fn finish(draft: crate::Draft) -> Self::Output {
        draft.finish()
    }
}

impl Finish for AnyMethod {
    type Output = Result<crate::Response, crate::RuleViolations>;
    fn finish(draft: crate::Draft) -> Self::Output {
        draft.finish_checked()
    }
}
