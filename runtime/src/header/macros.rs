//! The macros that give the header value types their shared shape: one place for rendering (`Render` +
//! Display), for validated strings ([`validated_str!`]), for values with a `;name=value` tail
//! ([`params_header!`]) and for comma-separated list headers (RFC 3261 §7.3.1).

use std::sync::Arc;

/// Implements `Display` for types that implement [`crate::header::render::Render`], so that Display and
/// `TypedValue::write_value` always print the same text.
macro_rules! render_display {
    ($($ty:ty),+ $(,)?) => {$(
        impl ::core::fmt::Display for $ty {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                let mut out = ::std::string::String::new();
                $crate::header::render::Render::render(self, &mut out);
                f.write_str(&out)
            }
        }
    )+};
}

/// Implements `TypedValue` and `Display` for a type that implements `Render` (`@write`: `TypedValue` only,
/// for a type that has its Display).
macro_rules! typed_value {
    (@write $($ty:ty),+) => {$(
        impl $crate::header::TypedValue for $ty {
            fn write_value(&self, out: &mut ::std::string::String) {
                $crate::header::render::Render::render(self, out);
            }
        }
    )+};
    ($ty:ty) => {
        typed_value!(@write $ty);
        render_display!($ty);
    };
}

/// The text of a [`validated_str!`] type: a static string, an owned one, or one shared with the request
/// it was copied from (cheap to clone into many responses).
#[derive(Clone)]
pub(crate) enum Str {
    Static(&'static str),
    Owned(String),
    Shared(Arc<str>),
}

impl Str {
    pub(crate) fn as_str(&self) -> &str {
        match self {
            Str::Static(s) => s,
            Str::Owned(s) => s,
            Str::Shared(s) => s,
        }
    }
}

impl From<&'static str> for Str {
    fn from(s: &'static str) -> Str {
        Str::Static(s)
    }
}

impl From<String> for Str {
    fn from(s: String) -> Str {
        Str::Owned(s)
    }
}

/// Defines a string validated where it is made: `$(#[doc])* Name: new(owned | borrowed),
/// check = fn(&str) -> Result<(), Error> [, compare = exact | ascii_case]`.
///
/// The type gets `new` (an `owned` one takes `impl Into<String>` and keeps a `String` without copying, a
/// `borrowed` one takes `&str`), `from_static`, `as_str`, and inside the crate `known` (a `const fn` for
/// constants, which the unit tests check) and `from_valid` (checked in debug builds). Equality, hashing
/// and ordering are those of the string (`exact`, with `PartialEq<str>` and `Borrow<str>`) or ignore
/// ASCII case (`ascii_case`, with `PartialEq<str>`). The conversions are [`validated_str!`]'s
/// `@conversions` arm, which types of another shape (`MediaType`) call alone.
macro_rules! validated_str {
    (
        $(#[$meta:meta])*
        $name:ident: new($new:ident), check = $check:expr $(, compare = $cmp:ident)? $(,)?
    ) => {
        $(#[$meta])*
        #[derive(Clone)]
        pub struct $name($crate::header::macros::Str);

        impl $name {
            /// Checks `s` against the grammar of this value.
            fn validate(s: &str) -> ::core::result::Result<(), $crate::Error> {
                let check: fn(&str) -> ::core::result::Result<(), $crate::Error> = $check;
                check(s)
            }

            /// `s` kept without copying, once validated.
            fn from_string(s: ::std::string::String) -> ::core::result::Result<Self, $crate::Error> {
                Self::validate(&s)?;
                Ok($name($crate::header::macros::Str::Owned(s)))
            }

            $crate::header::macros::validated_str!(@new $new);

            /// Validates a static string as `new` does, without copying it.
            pub fn from_static(s: &'static str) -> ::core::result::Result<Self, $crate::Error> {
                Self::validate(s)?;
                Ok($name($crate::header::macros::Str::Static(s)))
            }

            /// A constant of this crate; the string must follow the grammar (checked by the unit tests).
            #[allow(dead_code)]
            pub(crate) const fn known(s: &'static str) -> Self {
                $name($crate::header::macros::Str::Static(s))
            }

            /// A string this crate knows to follow the grammar; checked in debug builds.
            #[allow(dead_code)]
            pub(crate) fn from_valid(s: impl Into<$crate::header::macros::Str>) -> Self {
                let s = s.into();
                debug_assert!(
                    Self::validate(s.as_str()).is_ok(),
                    concat!("{:?} is not a valid ", stringify!($name)),
                    s.as_str()
                );
                $name(s)
            }

            /// The value as written on the wire.
            pub fn as_str(&self) -> &str {
                self.0.as_str()
            }
        }

        $crate::header::macros::validated_str!(@compare $name $($cmp)?);
        $crate::header::macros::validated_str!(@conversions $name, $name::new, $name::from_string);
    };

    (@new owned) => {
        /// Validates `s` against the grammar of this value (see the type's documentation); CR, LF, NUL
        /// and every other character the grammar forbids are rejected. A `String` is kept as it is.
        pub fn new(
            s: impl ::core::convert::Into<::std::string::String>,
        ) -> ::core::result::Result<Self, $crate::Error> {
            Self::from_string(s.into())
        }
    };
    (@new borrowed) => {
        /// Validates `s` against the grammar of this value (see the type's documentation); CR, LF, NUL
        /// and every other character the grammar forbids are rejected.
        pub fn new(s: &str) -> ::core::result::Result<Self, $crate::Error> {
            Self::validate(s)?;
            Ok(Self($crate::header::macros::Str::Owned(s.to_owned())))
        }
    };

    (@compare $name:ident) => {
        $crate::header::macros::validated_str!(@compare $name exact);
    };
    (@compare $name:ident exact) => {
        impl ::core::cmp::PartialEq for $name {
            fn eq(&self, other: &Self) -> bool {
                self.as_str() == other.as_str()
            }
        }

        impl ::core::cmp::Eq for $name {}

        impl ::core::hash::Hash for $name {
            fn hash<H: ::core::hash::Hasher>(&self, state: &mut H) {
                self.as_str().hash(state);
            }
        }

        impl ::core::cmp::PartialOrd for $name {
            fn partial_cmp(&self, other: &Self) -> Option<::core::cmp::Ordering> {
                Some(self.cmp(other))
            }
        }

        impl ::core::cmp::Ord for $name {
            fn cmp(&self, other: &Self) -> ::core::cmp::Ordering {
                self.as_str().cmp(other.as_str())
            }
        }

        impl ::core::cmp::PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.as_str() == other
            }
        }

        impl ::core::cmp::PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.as_str() == *other
            }
        }

        impl ::core::borrow::Borrow<str> for $name {
            fn borrow(&self) -> &str {
                self.as_str()
            }
        }
    };
    (@compare $name:ident ascii_case) => {
        impl ::core::cmp::PartialEq for $name {
            fn eq(&self, other: &Self) -> bool {
                self.as_str().eq_ignore_ascii_case(other.as_str())
            }
        }

        impl ::core::cmp::Eq for $name {}

        impl ::core::hash::Hash for $name {
            fn hash<H: ::core::hash::Hasher>(&self, state: &mut H) {
                for b in self.as_str().bytes() {
                    state.write_u8(b.to_ascii_lowercase());
                }
                state.write_u8(0xff);
            }
        }

        impl ::core::cmp::PartialOrd for $name {
            fn partial_cmp(&self, other: &Self) -> Option<::core::cmp::Ordering> {
                Some(self.cmp(other))
            }
        }

        impl ::core::cmp::Ord for $name {
            fn cmp(&self, other: &Self) -> ::core::cmp::Ordering {
                let a = self.as_str().bytes().map(|b| b.to_ascii_lowercase());
                let b = other.as_str().bytes().map(|b| b.to_ascii_lowercase());
                a.cmp(b)
            }
        }

        impl ::core::cmp::PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.as_str().eq_ignore_ascii_case(other)
            }
        }

        impl ::core::cmp::PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.as_str().eq_ignore_ascii_case(other)
            }
        }
    };

    // Debug and Display as the string, `AsRef<str>`, the parsing conversions (`$from_str` and
    // `$from_string` make a value of a `&str` and of a `String`) and `Render`, for a type with `as_str`.
    (@conversions $name:ident, $from_str:expr, $from_string:expr) => {
        impl ::core::fmt::Debug for $name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                ::core::fmt::Debug::fmt(self.as_str(), f)
            }
        }

        impl ::core::fmt::Display for $name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::core::convert::AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }

        impl ::core::str::FromStr for $name {
            type Err = $crate::Error;

            fn from_str(s: &str) -> ::core::result::Result<Self, $crate::Error> {
                $from_str(s)
            }
        }

        impl ::core::convert::TryFrom<&str> for $name {
            type Error = $crate::Error;

            fn try_from(s: &str) -> ::core::result::Result<Self, $crate::Error> {
                $from_str(s)
            }
        }

        impl ::core::convert::TryFrom<::std::string::String> for $name {
            type Error = $crate::Error;

            fn try_from(s: ::std::string::String) -> ::core::result::Result<Self, $crate::Error> {
                $from_string(s)
            }
        }

        impl $crate::header::render::Render for $name {
            fn render(&self, out: &mut ::std::string::String) {
                out.push_str(self.as_str());
            }
        }
    };
}
pub(crate) use validated_str;

/// Defines a value made of a main part and a tail of parameters, `*( SEMI generic-param )`
/// (RFC 3261 §25.1): `$(#[doc])* Name { fields }, reserved = [names], typed | item`.
///
/// The struct gets the fields and a `params` list; `with_param`, `with_flag` and `param` for the generic
/// parameters (the `reserved` names, set by typed methods of their own, are refused by the first two);
/// and `Render`: the main part, which the type writes in its own `fn render_value(&self, out: &mut
/// String)`, then the parameters. A `typed` value is a header's (`TypedValue` and Display), an `item` one
/// is an element of a list header (Display).
macro_rules! params_header {
    (
        $(#[$meta:meta])*
        $name:ident { $($(#[$fmeta:meta])* $field:ident: $ty:ty),* $(,)? },
        reserved = [$($reserved:literal),* $(,)?],
        $kind:ident $(,)?
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub struct $name {
            $($(#[$fmeta])* $field: $ty,)*
            /// The `generic-param`s and the parameters set by typed methods, in order.
            params: $crate::header::params::Params,
        }

        impl $name {
            const RESERVED: &'static [&'static str] = &[$($reserved),*];

            /// Sets the parameter `name=value` (`generic-param`), replacing one of the same name (ASCII
            /// case ignored). `name` must be a `token`; `value` is written bare when it is a `token` or an
            /// IPv6 reference, else as a `quoted-string` (CR, LF, NUL and other control characters are
            /// rejected).
            $(#[doc = concat!("`", $reserved, "` has a method of its own and is rejected here.")])*
            pub fn with_param(
                mut self,
                name: &str,
                value: &str,
            ) -> ::core::result::Result<Self, $crate::Error> {
                self.params.set_generic(name, Some(value), Self::RESERVED)?;
                Ok(self)
            }

            /// Sets the parameter `name` without a value (`;name`), replacing one of the same name.
            $(#[doc = concat!("`", $reserved, "` has a method of its own and is rejected here.")])*
            pub fn with_flag(mut self, name: &str) -> ::core::result::Result<Self, $crate::Error> {
                self.params.set_generic(name, None, Self::RESERVED)?;
                Ok(self)
            }

            /// The parameter `name` (ASCII case ignored) of the tail: `None` if absent, `Some(None)` for a
            /// flag without value, else its value as set (unquoted).
            pub fn param(&self, name: &str) -> Option<Option<&str>> {
                self.params.get(name)
            }
        }

        impl $crate::header::render::Render for $name {
            fn render(&self, out: &mut ::std::string::String) {
                self.render_value(out);
                $crate::header::render::Render::render(&self.params, out);
            }
        }

        $crate::header::macros::params_header!(@$kind $name);
    };
    (@typed $name:ident) => {
        typed_value!($name);
    };
    (@item $name:ident) => {
        render_display!($name);
    };
}
pub(crate) use params_header;

/// Defines a header whose value is a comma-separated list of `$item` (RFC 3261 §7.3.1), with the
/// conversions generated builder setters rely on (`From<$item>`, arrays, `Vec`, slices, `FromIterator`).
macro_rules! list_header {
    ($(#[$meta:meta])* $name:ident, $item:ty) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub struct $name(::std::vec::Vec<$item>);

        impl $name {
            /// A value holding `items`, in order.
            pub fn new(items: impl ::core::iter::IntoIterator<Item = $item>) -> Self {
                $name(items.into_iter().collect())
            }

            /// This value with `item` appended.
            #[must_use]
            pub fn with(mut self, item: $item) -> Self {
                self.0.push(item);
                self
            }

            /// The items, in order.
            pub fn items(&self) -> &[$item] {
                &self.0
            }

            /// Whether the list is empty.
            pub fn is_empty(&self) -> bool {
                self.0.is_empty()
            }
        }

        impl $crate::header::render::Render for $name {
            fn render(&self, out: &mut ::std::string::String) {
                $crate::header::render::render_list(out, &self.0);
            }
        }

        typed_value!($name);

        impl ::core::convert::From<$item> for $name {
            fn from(item: $item) -> Self {
                $name(::std::vec![item])
            }
        }

        impl ::core::convert::From<::std::vec::Vec<$item>> for $name {
            fn from(items: ::std::vec::Vec<$item>) -> Self {
                $name(items)
            }
        }

        impl<const N: usize> ::core::convert::From<[$item; N]> for $name {
            fn from(items: [$item; N]) -> Self {
                $name(items.into())
            }
        }

        impl ::core::convert::From<&[$item]> for $name {
            fn from(items: &[$item]) -> Self {
                $name(items.to_vec())
            }
        }

        impl ::core::iter::FromIterator<$item> for $name {
            fn from_iter<I: ::core::iter::IntoIterator<Item = $item>>(iter: I) -> Self {
                $name(iter.into_iter().collect())
            }
        }
    };
}
