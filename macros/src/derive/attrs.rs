//! The `#[sip(...)]` attributes of `#[derive(SipResponse)]`, read with `syn`: on the type (`spec`, `crate`,
//! and for a struct its code), on a variant (its code, `dynamic`, `reason`, `q850`), on a field (`header`,
//! `body`, `code`, `to_tag`, `skip`).

use proc_macro2::Span;
use sip_codes_core::headers::{self as catalog, ValueKind};
use sip_codes_core::text;
use syn::spanned::Spanned;
use syn::{Attribute, LitInt, LitStr, Path};

/// What decides a variant's (or a struct's) status code.
pub enum CodeSource {
    /// A status marker: `#[sip(BusyHere)]`, `#[sip(status::BusyHere)]`.
    Marker(Path),
    /// A field holding a code chosen at run time: `#[sip(dynamic)]`.
    Dynamic(Span),
}

/// The attributes of the type.
#[derive(Default)]
pub struct TypeAttrs {
    /// The status module of the spec the codes come from (`operator`), if not the bundled one.
    pub spec: Option<Path>,
    /// The path of the `sip-codes` crate, if it is not `::sip_codes`.
    pub krate: Option<Path>,
    /// For a struct: its code and options.
    pub response: ResponseAttrs,
}

/// The attributes of a variant (or of a struct): its code, reason phrase and Q.850 cause.
#[derive(Default)]
pub struct ResponseAttrs {
    pub code: Option<CodeSource>,
    pub reason: Option<LitStr>,
    pub q850: Option<LitInt>,
}

/// What a field is.
pub enum FieldAttr {
    /// Nothing said: decided by its name and type.
    Unmarked,
    /// `#[sip(header = "Allow")]`.
    Header(LitStr),
    /// `#[sip(body = "application/sdp")]`.
    Body(LitStr),
    /// `#[sip(code)]`: the code of a `dynamic` variant.
    Code,
    /// `#[sip(to_tag)]`: the tag of the To header (a `Token`), for a final response after a provisional
    /// one that already gave the tag.
    ToTag,
    /// `#[sip(skip)]`.
    Skip,
}

const VARIANT_KEYS: &str =
    "a status marker (`#[sip(BusyHere)]`), `dynamic`, `reason = \"…\"` or `q850 = N`";

/// Reads the `#[sip(...)]` attributes of the type. A struct's code is among them.
pub fn type_attrs(attrs: &[Attribute], is_struct: bool) -> syn::Result<TypeAttrs> {
    let mut out = TypeAttrs::default();
    for attr in attrs.iter().filter(|a| a.path().is_ident("sip")) {
        attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("spec") {
                out.spec = Some(meta.value()?.parse()?);
            } else if meta.path.is_ident("crate") {
                let lit: LitStr = meta.value()?.parse()?;
                out.krate = Some(lit.parse()?);
            } else if is_struct {
                response_item(&mut out.response, meta)?;
            } else {
                return Err(meta.error(
                    "unknown `sip` attribute on an enum: expected `spec = module` or `crate = \"path\"` \
                     (the codes go on the variants)",
                ));
            }
            Ok(())
        })?;
    }
    Ok(out)
}

/// Reads the `#[sip(...)]` attributes of a variant.
pub fn response_attrs(attrs: &[Attribute]) -> syn::Result<ResponseAttrs> {
    let mut out = ResponseAttrs::default();
    for attr in attrs.iter().filter(|a| a.path().is_ident("sip")) {
        attr.parse_nested_meta(|meta| response_item(&mut out, meta))?;
    }
    Ok(out)
}

fn response_item(out: &mut ResponseAttrs, meta: syn::meta::ParseNestedMeta<'_>) -> syn::Result<()> {
    let set_code = |out: &mut ResponseAttrs, code: CodeSource, span: Span| {
        if out.code.is_some() {
            return Err(syn::Error::new(
                span,
                "a response has one status code: this is the second",
            ));
        }
        out.code = Some(code);
        Ok(())
    };
    if meta.path.is_ident("reason") {
        let lit: LitStr = meta.value()?.parse()?;
        let phrase = lit.value();
        if let Some(at) = text::invalid_text_byte(phrase.as_bytes()) {
            let byte = phrase.as_bytes()[at];
            return Err(syn::Error::new(
                lit.span(),
                format!(
                    "a reason phrase cannot hold byte 0x{byte:02x} (at offset {at}): no control characters but tab (RFC 3261 §25)"
                ),
            ));
        }
        out.reason = Some(lit);
    } else if meta.path.is_ident("q850") {
        let lit: LitInt = meta.value()?.parse()?;
        match lit.base10_parse::<u8>() {
            Ok(1..=127) => out.q850 = Some(lit),
            _ => {
                return Err(syn::Error::new(
                    lit.span(),
                    "a Q.850 cause value is in 1..=127 (ITU-T Q.850, RFC 3398)",
                ));
            }
        }
    } else if meta.path.is_ident("dynamic") {
        set_code(out, CodeSource::Dynamic(meta.path.span()), meta.path.span())?;
    } else if meta.input.peek(syn::Token![=]) || meta.input.peek(syn::token::Paren) {
        return Err(meta.error(format!("unknown `sip` attribute: expected {VARIANT_KEYS}")));
    } else {
        let span = meta.path.span();
        set_code(out, CodeSource::Marker(meta.path.clone()), span)?;
    }
    Ok(())
}

/// Reads the `#[sip(...)]` attribute of a field. `own_spec`: the type names a spec of its own, whose
/// declared headers the derive does not know, so any header name is let through to the compiler.
pub fn field_attr(attrs: &[Attribute], own_spec: bool) -> syn::Result<FieldAttr> {
    let mut out = FieldAttr::Unmarked;
    for attr in attrs.iter().filter(|a| a.path().is_ident("sip")) {
        attr.parse_nested_meta(|meta| {
            out = if meta.path.is_ident("header") {
                let lit: LitStr = meta.value()?.parse()?;
                check_header(&lit, own_spec)?;
                FieldAttr::Header(lit)
            } else if meta.path.is_ident("body") {
                let lit: LitStr = meta.value()?.parse()?;
                check_media_type(&lit)?;
                FieldAttr::Body(lit)
            } else if meta.path.is_ident("code") {
                FieldAttr::Code
            } else if meta.path.is_ident("to_tag") {
                FieldAttr::ToTag
            } else if meta.path.is_ident("skip") {
                FieldAttr::Skip
            } else {
                return Err(meta.error(
                    "unknown `sip` attribute on a field: expected `header = \"Name\"`, `body = \"type/subtype\"`, \
                     `code`, `to_tag` or `skip`",
                ));
            };
            Ok(())
        })?;
    }
    Ok(out)
}

/// A header a field names: a catalog header with a setter, or (with a spec of the user's own) any token.
fn check_header(lit: &LitStr, own_spec: bool) -> syn::Result<()> {
    let name = lit.value();
    match catalog::find(&name) {
        Some(info) if info.value.has_setter() => Ok(()),
        Some(info) => Err(syn::Error::new(
            lit.span(),
            match info.value {
                ValueKind::Managed => format!(
                    "`{}` is written by the builder itself, from the request or the body",
                    info.name
                ),
                _ => format!("`{}` has no setter: responses never carry it", info.name),
            },
        )),
        None if own_spec && text::is_token(&name) => Ok(()),
        None => {
            let settable = catalog::HEADERS
                .iter()
                .filter(|h| h.value.has_setter())
                .map(|h| h.name);
            let near = crate::suggest::did_you_mean(&name, settable)
                .map(|near| format!("did you mean `{near}`? "))
                .unwrap_or_default();
            Err(syn::Error::new(
                lit.span(),
                format!(
                    "unknown header `{name}`: {near}a header of a spec of your own needs `#[sip(spec = module)]` on the type"
                ),
            ))
        }
    }
}

/// `type/subtype`, both tokens (RFC 3261 §20.15; parameters are not taken here).
fn check_media_type(lit: &LitStr) -> syn::Result<()> {
    let value = lit.value();
    match value.split_once('/') {
        Some((t, s)) if text::is_token(t) && text::is_token(s) => Ok(()),
        _ => Err(syn::Error::new(
            lit.span(),
            "expected a media type `type/subtype`, such as \"application/sdp\"",
        )),
    }
}
