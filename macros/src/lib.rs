//! The proc-macros behind [`sip-codes`](https://docs.rs/sip-codes): `sip_codes_impl!` reads a YAML spec of SIP
//! response codes at compile time, validates it, and generates the status-code types and typestate response
//! builders; `#[derive(SipResponse)]` turns a server's own types into responses through those builders.
//!
//! Do not depend on this crate directly: call `sip_codes::sip_codes!` and `#[derive(sip_codes::SipResponse)]`,
//! which pass the path of the `sip-codes` crate that generated code needs. The pipeline: `spec` (load →
//! validate → model), then `codegen` (enum, metadata, status lines, Q.850 lookups, builders and their
//! compile-time checks).
#![forbid(unsafe_code)]

mod codegen;
mod derive;
mod error;
mod input;

// The spec as a validated model, and the did-you-mean of its errors and the derive's.
use sip_codes_model as spec;
use sip_codes_model::suggest;

use std::path::{Path, PathBuf};

use proc_macro::TokenStream;
use quote::quote;

use crate::error::Error;

/// Generates the status-code API from a spec file. Use it through `sip_codes::sip_codes!`.
#[doc(hidden)]
#[proc_macro]
pub fn sip_codes_impl(input: TokenStream) -> TokenStream {
    input::MacroInput::parse(input.into())
        .and_then(|input| expand(&input))
        .unwrap_or_else(Error::into_compile_error)
        .into()
}

/// Implements `sip_codes::SipResponse` for a server's own type. Use it as `#[derive(sip_codes::SipResponse)]`.
#[proc_macro_derive(SipResponse, attributes(sip))]
pub fn derive_sip_response(input: TokenStream) -> TokenStream {
    derive::expand(syn::parse_macro_input!(input as syn::DeriveInput)).into()
}

/// The file on disk that `span` stands in, when the compiler knows it.
fn file_of(span: proc_macro2::Span) -> Option<PathBuf> {
    proc_macro::is_available()
        .then(|| span.unwrap().local_file())
        .flatten()
}

/// A path as rustc prints the paths of its own errors: relative to the directory the compiler runs in
/// (the workspace root, under Cargo) when it lies below it, else absolute; so an editor or terminal can
/// open it.
fn printable(path: &Path) -> String {
    let cwd = std::env::current_dir().ok();
    let shown = cwd
        .as_deref()
        .and_then(|cwd| path.strip_prefix(cwd).ok())
        .unwrap_or(path);
    shown.display().to_string()
}

fn expand(input: &input::MacroInput) -> Result<proc_macro2::TokenStream, Error> {
    let relative = &input.spec.value;
    let error = |message: String| Error::new(input.spec.span, message);
    let manifest_dir = std::env::var_os("CARGO_MANIFEST_DIR").ok_or_else(|| {
        error("CARGO_MANIFEST_DIR is not set: sip_codes! must be expanded by Cargo".into())
    })?;
    let path = PathBuf::from(manifest_dir).join(relative);
    let shown = printable(&path);
    let text = std::fs::read_to_string(&path)
        .map_err(|err| error(format!("{shown}: cannot read the spec: {err}")))?;
    // Every file read is an input of the build: Cargo rebuilds the caller when one changes.
    let mut tracked = vec![path.to_string_lossy().into_owned()];
    let bundled = || {
        let Some(bundled) = &input.bundled else {
            return Err(format!(
                "`extends: {}` needs the bundled spec: call the macro as `sip_codes::sip_codes!`",
                spec::BUNDLED
            ));
        };
        // The bundled spec's path is relative to the file of the facade's `sip_codes!` wrapper.
        let wrapper = file_of(bundled.span).ok_or_else(|| {
            "the bundled spec cannot be found: the compiler does not tell where the `sip-codes` crate's \
             source is (is its path remapped?)"
                .to_string()
        })?;
        let path = wrapper
            .parent()
            .unwrap_or(Path::new(""))
            .join(&bundled.value);
        // The compiler names the file relative to its working directory; `include_bytes!` reads relative
        // to the invoking file, so the tracked path is made absolute.
        let path = std::path::absolute(&path).unwrap_or(path);
        let text = std::fs::read_to_string(&path)
            .map_err(|err| format!("cannot read the bundled spec {}: {err}", printable(&path)))?;
        let shown = printable(&path);
        tracked.push(path.to_string_lossy().into_owned());
        spec::parse_standalone(&text).map_err(|problems| {
            let all: Vec<String> = problems.iter().map(|p| p.in_file(&shown)).collect();
            format!("the bundled spec is invalid: {}", all.join("; "))
        })
    };
    let spec = spec::parse(&text, bundled).map_err(|problems| {
        let mut all = None;
        for problem in &problems {
            Error::push(&mut all, error(problem.in_file(&shown)));
        }
        all.unwrap_or_else(|| error(format!("{shown}: invalid spec")))
    })?;
    let spec = codegen::select(spec, input)?;
    let generated = codegen::generate(&spec, input);
    Ok(quote! {
        #(const _: &[u8] = include_bytes!(#tracked);)*
        #generated
    })
}

#[cfg(test)]
mod tests;
