//! `#[derive(SipResponse)]`: a server's own enum or struct as responses. Each variant names its code (a
//! status marker, or `dynamic` for a code held in a field); its fields become headers (by the name of a
//! setter, by a header's value type, or by `#[sip(header = "…")]`) or the body (`#[sip(body = "…")]`).
//!
//! The expansion calls the builders a person would write by hand, so no rule is checked twice: a variant
//! whose header fields are plain values goes through the status marker's typestate builder (a missing
//! header is a compile error at the variant); a variant with `Option` or `Vec` header fields, which may
//! be empty at run time, or a `dynamic` code, through the run-time checked builder of the same code.

mod attrs;
mod fields;

use proc_macro2::{Span, TokenStream};
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;
use syn::{Data, DeriveInput, Fields, Path};

use attrs::{CodeSource, ResponseAttrs};
use fields::{Role, Wrapper};

use crate::error::Error;

/// The impl of `SipResponse`, or the errors, each at its tokens, and an impl that stands in for the real
/// one so that code using the type does not add errors of its own.
pub fn expand(input: DeriveInput) -> TokenStream {
    match generate(&input) {
        Ok(tokens) => tokens,
        Err(errors) => {
            let krate = quote!(::sip_codes);
            let name = &input.ident;
            let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
            let errors = Error::from(errors).into_compile_error();
            quote! {
                #errors
                impl #impl_generics #krate::SipResponse for #name #ty_generics #where_clause {
                    fn into_response(self, _: &#krate::RequestHeaders) -> ::core::result::Result<#krate::Response, #krate::RuleViolations> {
                        ::core::unreachable!("the derive reported an error")
                    }
                    fn code(&self) -> u16 {
                        ::core::unreachable!("the derive reported an error")
                    }
                }
            }
        }
    }
}

/// The paths every part of the expansion uses.
struct Paths {
    /// `::sip_codes`, or the `crate = "…"` path.
    krate: TokenStream,
    /// The status module of the markers: `::sip_codes::status`, or `spec = …`.
    spec: TokenStream,
    /// Whether the type names a spec of its own.
    own_spec: bool,
}

fn generate(input: &DeriveInput) -> syn::Result<TokenStream> {
    let is_struct = matches!(input.data, Data::Struct(_));
    let type_attrs = attrs::type_attrs(&input.attrs, is_struct)?;
    let krate = match &type_attrs.krate {
        Some(path) => quote!(#path),
        None => quote!(::sip_codes),
    };
    let spec = match &type_attrs.spec {
        Some(path) => quote!(#path),
        None => quote!(#krate::status),
    };
    let paths = Paths {
        krate,
        spec,
        own_spec: type_attrs.spec.is_some(),
    };
    let mut errors: Option<syn::Error> = None;
    let mut push = |err: syn::Error| match &mut errors {
        Some(all) => all.combine(err),
        None => errors = Some(err),
    };
    let mut arms = Vec::new();
    match &input.data {
        Data::Enum(data) => {
            for variant in &data.variants {
                let ident = &variant.ident;
                let result = attrs::response_attrs(&variant.attrs).and_then(|attrs| {
                    arm(
                        &paths,
                        quote!(Self::#ident),
                        ident.span(),
                        &attrs,
                        &variant.fields,
                        &ident.to_string(),
                    )
                });
                match result {
                    Ok(arm) => arms.push(arm),
                    Err(err) => push(err),
                }
            }
        }
        Data::Struct(data) => {
            let ident = &input.ident;
            match arm(
                &paths,
                quote!(Self),
                ident.span(),
                &type_attrs.response,
                &data.fields,
                &ident.to_string(),
            ) {
                Ok(arm) => arms.push(arm),
                Err(err) => push(err),
            }
        }
        Data::Union(data) => push(syn::Error::new(
            data.union_token.span,
            "`SipResponse` is derived for enums (one code per variant) and structs, not unions",
        )),
    }
    if let Some(errors) = errors {
        return Err(errors);
    }
    let krate = &paths.krate;
    let name = &input.ident;
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    let (responses, codes): (Vec<TokenStream>, Vec<TokenStream>) = arms.into_iter().unzip();
    Ok(quote! {
        #[automatically_derived]
        impl #impl_generics #krate::SipResponse for #name #ty_generics #where_clause {
            fn into_response(self, request: &#krate::RequestHeaders) -> ::core::result::Result<#krate::Response, #krate::RuleViolations> {
                #[allow(unused_imports)]
                use #krate::__private::runtime::respond::IntoResult as _;
                match self {
                    #(#responses)*
                }
            }

            fn code(&self) -> u16 {
                match self {
                    #(#codes)*
                }
            }
        }
    })
}

/// The two match arms of one variant (or of a struct): its response, and its code.
fn arm(
    paths: &Paths,
    pattern: TokenStream,
    span: Span,
    attrs: &ResponseAttrs,
    fields: &Fields,
    name: &str,
) -> syn::Result<(TokenStream, TokenStream)> {
    let Some(code) = &attrs.code else {
        return Err(syn::Error::new(
            span,
            format!(
                "`{name}` has no status code: add `#[sip(BusyHere)]` (a status marker) or `#[sip(dynamic)]`"
            ),
        ));
    };
    let mut fields = fields::classify(fields, paths.own_spec)?;
    if matches!(code, CodeSource::Dynamic(_)) {
        fields::find_code(&mut fields);
    }
    let bindings = fields.iter().map(|f| &f.binding);
    let pattern = match fields.first().map(|f| f.named) {
        Some(true) => quote!(#pattern { #(#bindings),* }),
        Some(false) => quote!(#pattern ( #(#bindings),* )),
        None => quote!(#pattern),
    };
    let rt = {
        let krate = &paths.krate;
        quote!(#krate::__private::runtime)
    };
    // Where a header may be missing at run time, the code's run-time checked builder; else its typestate one.
    let checked = fields
        .iter()
        .any(|f| matches!(f.role, Role::Header(_)) && f.wrapper != Wrapper::Plain);
    let (start, code_of) = match code {
        CodeSource::Marker(path) => {
            let marker = marker_path(paths, path);
            let start = if checked {
                quote_spanned!(path.span()=> #marker::STATUS.reply_to(request))
            } else {
                quote_spanned!(path.span()=> #marker::reply_to(request))
            };
            (start, quote_spanned!(path.span()=> #marker::STATUS.code()))
        }
        CodeSource::Dynamic(at) => {
            let holder = fields::code_field(&fields, *at, name)?;
            (quote!(#holder.reply_to(request)), quote!(#holder.code()))
        }
    };
    let mut steps = Vec::new();
    if let Some(reason) = &attrs.reason {
        steps.push(quote_spanned!(reason.span()=> let builder = builder.reason_phrase(#rt::respond::checked_phrase(#reason));));
    }
    if let Some(cause) = &attrs.q850 {
        steps.push(quote_spanned!(cause.span()=> let builder = builder.reason(#rt::respond::checked_q850(#cause));));
    }
    for field in &fields {
        steps.extend(fields::step(field, &rt));
    }
    let build = quote_spanned!(span=> builder.build());
    let response = quote! {
        #pattern => {
            let builder = #start;
            #(#steps)*
            #build.into_result()
        }
    };
    let ignore = match fields.first().map(|f| f.named) {
        Some(true) => quote!({ .. }),
        Some(false) => quote!((..)),
        None => quote!(),
    };
    let code = match code {
        CodeSource::Marker(_) => {
            let bare = pattern_head(&pattern);
            quote!(#bare #ignore => #code_of,)
        }
        CodeSource::Dynamic(at) => {
            // Bind only the field that holds the code.
            let holder = fields::code_field(&fields, *at, name)?;
            let bare = pattern_head(&pattern);
            let position = fields.iter().position(|f| &f.var == holder).unwrap_or(0);
            let before = (0..position).map(|_| quote!(_));
            let binding = if fields.first().is_some_and(|f| f.named) {
                quote!({ #holder, .. })
            } else {
                quote!((#(#before,)* #holder, ..))
            };
            quote!(#bare #binding => #code_of,)
        }
    };
    Ok((response, code))
}

/// `Self::Variant` of a pattern `Self::Variant { … }`.
fn pattern_head(pattern: &TokenStream) -> TokenStream {
    pattern
        .clone()
        .into_iter()
        .take_while(|t| !matches!(t, proc_macro2::TokenTree::Group(_)))
        .collect()
}

/// The path of a status marker: a bare name is looked up in the spec's status module, a path is taken as
/// written (so `status::BusyHere` resolves where the type is defined).
fn marker_path(paths: &Paths, path: &Path) -> TokenStream {
    match path.get_ident() {
        Some(ident) => {
            let spec = &paths.spec;
            quote_spanned!(ident.span()=> #spec::#ident)
        }
        None => quote!(#path),
    }
}
