//! Code generation from a validated spec, written with `quote!` throughout: the shape of every item is the
//! Rust in these files, and spec text enters only as literals (`Literal::string`), so no phrase, alias,
//! description, source or condition can change the shape of the output. A shape repeated per code (a
//! status marker, a `build()`, the impls of a rule trait) is a `macro_rules!` the generated module defines
//! once, in `quote!` here, and calls per code with that code's names and literals: fewer tokens for the
//! proc-macro to make, the same items.
//!
//! [`status_code`] writes the enum and its impls, [`code_info`] each code's row of its data table; [`line`] the status-line types;
//! [`rules_data`] the rules as static data; [`builders`] the status markers and the typestate builder;
//! [`typestate`] the traits and impls behind the builder's compile-time checks; [`q850`] the cause tables;
//! [`docs`] the rustdoc text.

pub mod builders;
pub mod code_info;
pub mod docs;
pub mod line;
pub mod q850;
pub mod rules_data;
pub mod status_code;
pub mod typestate;

use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::{format_ident, quote};

use crate::error::Error;
use crate::input::MacroInput;
use crate::spec::Spec;
use crate::spec::model::{Citation, Code};

/// What every part of the generator needs: the names and paths of the invocation.
#[derive(Clone)]
pub struct Ctx<'a> {
    pub spec: &'a Spec,
    pub input: &'a MacroInput,
    /// `$crate::__private::runtime`, as generated code reaches the runtime outside the status module.
    pub rt: TokenStream,
    /// The enum (`StatusCode`).
    pub name: &'a Ident,
    /// The status module (`status`).
    pub module: &'a Ident,
    /// The span of the spec path literal: the `where` bounds whose errors users meet are placed there,
    /// so that the compiler's "required by a bound" note points at the invocation, not at a build script's
    /// output or at the bundled spec's absolute path.
    pub bound_span: Span,
}

impl<'a> Ctx<'a> {
    pub fn new(spec: &'a Spec, input: &'a MacroInput) -> Self {
        let krate = &input.krate;
        Ctx {
            spec,
            input,
            rt: quote!(#krate::__private::runtime),
            name: &input.name,
            module: &input.module,
            bound_span: input.spec.span,
        }
    }
}

/// Everything the macro emits for `spec`.
pub fn generate(spec: &Spec, input: &MacroInput) -> TokenStream {
    let ctx = Ctx::new(spec, input);
    let status_code = status_code::generate(&ctx);
    let line = line::generate(&ctx);
    let q850 = q850::generate(&ctx);
    let builders = builders::generate(&ctx);
    quote! {
        #status_code
        #line
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

/// `text` as a string literal token.
pub fn lit(text: &str) -> Literal {
    Literal::string(text)
}

/// `Some("text")` or `None`.
pub fn option_lit(text: Option<&str>) -> TokenStream {
    match text {
        Some(text) => {
            let text = lit(text);
            quote!(::core::option::Option::Some(#text))
        }
        None => quote!(::core::option::Option::None),
    }
}

/// A `Citation` constant, the runtime reached as `rt`.
pub fn citation(rt: &TokenStream, citation: &Citation) -> TokenStream {
    match citation {
        Citation::Rfc { rfc, section } => {
            let rfc = Literal::u16_unsuffixed(*rfc);
            let section = lit(section);
            quote!(#rt::Citation::Rfc { rfc: #rfc, section: #section })
        }
        Citation::Local(source) => {
            let source = lit(source);
            quote!(#rt::Citation::Local(#source))
        }
    }
}

/// `StatusLine` for `StatusCode`, `VendorLine` for `VendorCode`, `FooLine` for `Foo`.
pub fn line_name(name: &Ident) -> Ident {
    let name = name.to_string();
    format_ident!("{}Line", name.strip_suffix("Code").unwrap_or(&name))
}
