//! The proc-macro behind [`sip-codes`](https://docs.rs/sip-codes): reads a YAML spec of SIP response codes at
//! compile time, validates it, and generates the status-code types and typestate response builders.
//!
//! Do not depend on this crate directly: call `sip_codes::sip_codes!`, which passes the path of the
//! `sip-codes` crate that generated code needs. The pipeline: `spec` (load → validate → model), then
//! `codegen` (enum, parse/print, metadata, Q.850 lookups, builders).
#![forbid(unsafe_code)]

mod codegen;
mod error;
mod input;
mod spec;

use std::path::PathBuf;

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

fn expand(input: &input::MacroInput) -> Result<proc_macro2::TokenStream, Error> {
    let relative = &input.spec.value;
    let error = |message: String| Error::new(input.spec.span, message);
    let manifest_dir = std::env::var_os("CARGO_MANIFEST_DIR").ok_or_else(|| {
        error("CARGO_MANIFEST_DIR is not set: sip_codes! must be expanded by Cargo".into())
    })?;
    let path = PathBuf::from(manifest_dir).join(relative);
    let text = std::fs::read_to_string(&path).map_err(|err| {
        error(format!(
            "{relative}: cannot read the spec ({}): {err}",
            path.display()
        ))
    })?;
    // Every file read is an input of the build: Cargo rebuilds the caller when one changes.
    let mut tracked = vec![path.to_string_lossy().into_owned()];
    let bundled = || {
        let Some(bundled) = &input.bundled else {
            return Err(format!(
                "`extends: {}` needs the bundled spec: call the macro as `sip_codes::sip_codes!`",
                spec::BUNDLED
            ));
        };
        let path = bundled.value.clone();
        let text = std::fs::read_to_string(&path)
            .map_err(|err| format!("cannot read the bundled spec {path}: {err}"))?;
        tracked.push(path.clone());
        spec::parse_standalone(&text).map_err(|problems| {
            let all: Vec<String> = problems.iter().map(|p| p.in_file(&path)).collect();
            format!("the bundled spec is invalid: {}", all.join("; "))
        })
    };
    let spec = spec::parse(&text, bundled).map_err(|problems| {
        let mut all = None;
        for problem in &problems {
            Error::push(&mut all, error(problem.in_file(relative)));
        }
        all.unwrap_or_else(|| error(format!("{relative}: invalid spec")))
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
