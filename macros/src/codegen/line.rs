//! The status-line types of the enum: an owned line and one borrowed from the caller's buffer.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::{Ctx, docs, line_name};

pub fn generate(ctx: &Ctx<'_>) -> TokenStream {
    let Ctx {
        rt, name, input, ..
    } = ctx;
    let vis = &input.vis;
    let line = line_name(name);
    let line_ref = format_ident!("{line}Ref");
    let line_doc = docs::attr(&format!(
        "A parsed SIP status line whose code is looked up in [`{name}`]."
    ));
    let line_ref_doc = docs::attr(&format!(
        "[`{line}`] borrowed from the caller's buffer: the same parser and accessors, without allocating."
    ));
    quote! {
        #line_doc
        #vis type #line = #rt::StatusLine<#name>;

        #line_ref_doc
        #vis type #line_ref<'a> = #rt::status_line::StatusLineRef<'a, #name>;
    }
}
