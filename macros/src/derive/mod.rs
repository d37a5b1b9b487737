//! `#[derive(SipResponse)]` (work in progress in this tree: not committed in this state).

use proc_macro2::TokenStream;

pub fn expand(input: syn::DeriveInput) -> TokenStream {
    syn::Error::new_spanned(input.ident, "SipResponse: not implemented yet").to_compile_error()
}
