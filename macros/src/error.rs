//! Compile errors of the macro: each a message at a span, several reported at once.

use proc_macro2::{Span, TokenStream};
use quote::quote_spanned;

/// One or more compile errors.
pub struct Error {
    errors: Vec<(Span, String)>,
}

impl Error {
    /// One error at `span`.
    pub fn new(span: Span, message: impl Into<String>) -> Self {
        Error {
            errors: vec![(span, message.into())],
        }
    }

    /// Adds `err` to `all` (or makes it the first).
    pub fn push(all: &mut Option<Error>, err: Error) {
        match all {
            Some(all) => all.errors.extend(err.errors),
            None => *all = Some(err),
        }
    }

    /// One `compile_error!` per error, each at its span, so the compiler reports them all where they are.
    pub fn into_compile_error(self) -> TokenStream {
        self.errors
            .into_iter()
            .map(|(span, message)| quote_spanned!(span=> ::core::compile_error! { #message }))
            .collect()
    }
}

impl From<syn::Error> for Error {
    fn from(err: syn::Error) -> Self {
        Error {
            errors: err.into_iter().map(|e| (e.span(), e.to_string())).collect(),
        }
    }
}
