//! Code generation from a validated spec: [`status_code`] writes the enum and its impls, [`builders`] the
//! status markers and typestate builders, [`docs`] the rustdoc text both use.

pub mod builders;
pub mod docs;
pub mod names;
pub mod q850;
pub mod status_code;

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use crate::error::Error;
use crate::input::MacroInput;
use crate::spec::Spec;
use crate::spec::model::{Citation, Code};

/// Everything the macro emits for `spec`.
pub fn generate(spec: &Spec, input: &MacroInput) -> TokenStream {
    let status_code = status_code::generate(spec, input);
    let builders = builders::generate(spec, input);
    let q850 = q850::generate(spec, input);
    quote! {
        #status_code
        #q850
        #builders
    }
}

/// Keeps only the codes the `codes = [...]` option names, if it is given.
pub fn select(mut spec: Spec, input: &MacroInput) -> Result<Spec, Error> {
    let Some(wanted) = &input.codes else {
        return Ok(spec);
    };
    let mut keep = Vec::with_capacity(wanted.len());
    let mut errors = None;
    for lit in wanted {
        let message = match lit.value {
            Some(code) if spec.codes.iter().any(|c| c.code == code) => {
                keep.push(code);
                continue;
            }
            Some(code) => format!("code {code} is not in the spec"),
            None => format!(
                "`{}` is not a code: expected a decimal number such as 486",
                lit.text
            ),
        };
        Error::push(&mut errors, Error::new(lit.span, message));
    }
    if let Some(errors) = errors {
        return Err(errors);
    }
    spec.codes.retain(|c| keep.contains(&c.code));
    Ok(spec)
}

/// The identifier of a code's variant and marker.
pub fn variant(code: &Code) -> Ident {
    Ident::new(&code.variant, Span::call_site())
}

/// `text` as a Rust string literal, as source.
pub fn quoted(text: &str) -> String {
    format!("{text:?}")
}

/// A `runtime::rules::Citation` constant for `citation`, as source (the runtime reached as `__rt`).
pub fn citation(citation: &Citation) -> String {
    match citation {
        Citation::Rfc { rfc, section } => format!(
            "__rt::rules::Citation::Rfc {{ rfc: {rfc}, section: {} }}",
            quoted(section)
        ),
        Citation::Local(source) => format!("__rt::rules::Citation::Local({})", quoted(source)),
    }
}

/// Generated source as tokens. Inside the compiler, the compiler's own lexer reads it in one call
/// (proc-macro2's `parse` would first re-lex it with its own, unoptimised in a dev build, to validate it);
/// elsewhere (unit tests) proc-macro2 does. The text is ours and always lexes; if it did not, the error
/// says so instead of the macro panicking.
pub fn parse(source: &str) -> TokenStream {
    let parsed = if proc_macro::is_available() {
        source
            .parse::<proc_macro::TokenStream>()
            .map(TokenStream::from)
            .map_err(|err| err.to_string())
    } else {
        source.parse::<TokenStream>().map_err(|err| err.to_string())
    };
    parsed.unwrap_or_else(|err| {
        let message = format!("sip_codes!: internal error, generated code does not lex: {err}");
        quote!(::core::compile_error! { #message })
    })
}
