//! The macros that give the header value types their shared shape: one place for rendering (`Render` +
//! Display), for validated tokens, and for comma-separated list headers (RFC 3261 §7.3.1).

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

/// Implements `TypedValue` and `Display` for a type that implements `Render`.
macro_rules! typed_value {
    ($ty:ty) => {
        impl $crate::header::TypedValue for $ty {
            fn write_value(&self, out: &mut ::std::string::String) {
                $crate::header::render::Render::render(self, out);
            }
        }

        render_display!($ty);
    };
}

/// Defines a validated token type (RFC 3261 §25.1 `token`): a newtype over a string that can only be made
/// through `new` (which checks the grammar) or, inside this crate, `from_static` for constants.
/// `$check` is the validation function, `fn(&str) -> Result<(), Error>`.
macro_rules! token_type {
    ($(#[$meta:meta])* $name:ident, $check:path) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(::std::borrow::Cow<'static, str>);

        impl $name {
            /// Validates `s` against the grammar of this value; CR, LF, NUL and every other character the
            /// grammar forbids are rejected.
            pub fn new(s: &str) -> ::core::result::Result<Self, $crate::Error> {
                $check(s)?;
                Ok($name(::std::borrow::Cow::Owned(s.to_owned())))
            }

            /// A constant of this crate; the string must follow the grammar (checked by the unit tests).
            #[allow(dead_code)]
            pub(crate) const fn from_static(s: &'static str) -> Self {
                $name(::std::borrow::Cow::Borrowed(s))
            }

            /// The value as written on the wire.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl $crate::header::render::Render for $name {
            fn render(&self, out: &mut ::std::string::String) {
                out.push_str(&self.0);
            }
        }

        render_display!($name);

        impl ::core::str::FromStr for $name {
            type Err = $crate::Error;

            fn from_str(s: &str) -> ::core::result::Result<Self, Self::Err> {
                $name::new(s)
            }
        }

        impl ::core::convert::TryFrom<&str> for $name {
            type Error = $crate::Error;

            fn try_from(s: &str) -> ::core::result::Result<Self, Self::Error> {
                $name::new(s)
            }
        }

        impl ::core::convert::AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }
    };
}

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
