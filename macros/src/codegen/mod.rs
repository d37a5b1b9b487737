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

/// `#krate::__private::runtime`: every generated path to the runtime goes through the facade.
pub fn runtime(input: &MacroInput) -> TokenStream {
    let krate = &input.krate;
    quote!(#krate::__private::runtime)
}

/// A `runtime::rules::Citation` constant for `citation`.
pub fn citation(rt: &TokenStream, citation: &Citation) -> TokenStream {
    match citation {
        Citation::Rfc { rfc, section } => {
            let rfc = proc_macro2::Literal::u16_unsuffixed(*rfc);
            quote!(#rt::rules::Citation::Rfc { rfc: #rfc, section: #section })
        }
        Citation::Local(source) => quote!(#rt::rules::Citation::Local(#source)),
    }
}
