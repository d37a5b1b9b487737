//! The fields of a variant: which header (or the body, or the code) each one is, and the builder call it
//! makes.

use proc_macro2::{Ident, Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use sip_codes_core::headers::{self as catalog, ValueKind};
use syn::spanned::Spanned;
use syn::{Fields, GenericArgument, PathArguments, Type};

use super::attrs::{self, FieldAttr};

/// What a field is.
pub enum Role {
    /// A header, set by this setter.
    Header(Ident),
    /// The body, of this media type.
    Body(String),
    /// The code of a `dynamic` variant.
    Code,
    /// Nothing the response carries.
    Ignored,
}

/// How a field holds its value.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Wrapper {
    /// One value.
    Plain,
    /// `Option<T>`: perhaps none.
    Option,
    /// `Vec<T>`: any number (a header that may repeat).
    Vec,
}

/// One field, as the expansion binds and uses it.
pub struct Field {
    /// Whether the variant's fields are named.
    pub named: bool,
    /// Its part of the match pattern (`name`, `name: _`, `__field0`, `_`).
    pub binding: TokenStream,
    /// The variable the pattern binds it to.
    pub var: Ident,
    pub role: Role,
    pub wrapper: Wrapper,
    pub span: Span,
}

/// `T` and how it is wrapped, for `T`, `Option<T>` and `Vec<T>`.
fn unwrap(ty: &Type) -> (&Type, Wrapper) {
    if let Type::Path(path) = ty
        && let Some(last) = path.path.segments.last()
        && let PathArguments::AngleBracketed(args) = &last.arguments
        && let Some(GenericArgument::Type(inner)) = args.args.first()
    {
        if last.ident == "Option" {
            return (inner, Wrapper::Option);
        }
        if last.ident == "Vec" {
            return (inner, Wrapper::Vec);
        }
    }
    (ty, Wrapper::Plain)
}

/// The catalog header whose value type `ty` is (`MinExpires` → Min-Expires), by its last path segment.
fn header_of_type(ty: &Type) -> Option<&'static catalog::HeaderInfo> {
    let Type::Path(path) = ty else { return None };
    let last = path.path.segments.last()?.ident.to_string();
    catalog::HEADERS
        .iter()
        .find(|h| h.value == ValueKind::Typed && catalog::type_name(h.name) == last)
}

/// The catalog header whose setter is named `name`.
fn header_of_name(name: &str) -> Option<&'static catalog::HeaderInfo> {
    catalog::HEADERS
        .iter()
        .find(|h| h.value.has_setter() && catalog::setter_name(h.name) == name)
}

/// Classifies the fields of a variant.
pub fn classify(fields: &Fields, own_spec: bool) -> syn::Result<Vec<Field>> {
    let named = matches!(fields, Fields::Named(_));
    let mut out = Vec::new();
    for (index, field) in fields.iter().enumerate() {
        let (inner, wrapper) = unwrap(&field.ty);
        let attr = attrs::field_attr(&field.attrs, own_spec)?;
        let by_name = field
            .ident
            .as_ref()
            .and_then(|i| header_of_name(&i.to_string()));
        let role = match attr {
            FieldAttr::Header(lit) => Role::Header(format_ident!(
                "{}",
                catalog::setter_name(&lit.value()),
                span = lit.span()
            )),
            FieldAttr::Body(lit) => Role::Body(lit.value()),
            FieldAttr::Code => Role::Code,
            // The builder's own `to_tag(Token)`, set like an optional header.
            FieldAttr::ToTag => Role::Header(format_ident!("to_tag", span = field.span())),
            FieldAttr::Skip => Role::Ignored,
            FieldAttr::Unmarked => match by_name.or_else(|| header_of_type(inner)) {
                Some(info) => Role::Header(format_ident!(
                    "{}",
                    catalog::setter_name(info.name),
                    span = field.span()
                )),
                None => Role::Ignored,
            },
        };
        let var = match &field.ident {
            Some(ident) => ident.clone(),
            None => format_ident!("__field{index}"),
        };
        let used = !matches!(role, Role::Ignored);
        let binding = match (&field.ident, used) {
            (Some(ident), true) => quote!(#ident),
            (Some(ident), false) => quote!(#ident: _),
            (None, true) => quote!(#var),
            (None, false) => quote!(_),
        };
        out.push(Field {
            named,
            binding,
            var,
            role,
            wrapper,
            span: field.ty.span(),
        });
    }
    Ok(out)
}

/// In a `dynamic` variant without a `#[sip(code)]` field, the only field holds the code.
pub fn find_code(fields: &mut [Field]) {
    if let [only] = fields
        && matches!(only.role, Role::Ignored)
    {
        only.role = Role::Code;
        // Now used: bound by its name (a named field) or its generated variable (a tuple field).
        let var = &only.var;
        only.binding = quote!(#var);
    }
}

/// The field holding the code of a `dynamic` variant.
pub fn code_field<'a>(fields: &'a [Field], at: Span, name: &str) -> syn::Result<&'a Ident> {
    match fields.iter().find(|f| matches!(f.role, Role::Code)) {
        Some(field) => Ok(&field.var),
        None => Err(syn::Error::new(
            at,
            format!(
                "`{name}` is `dynamic`: mark the field that holds its status code with `#[sip(code)]`"
            ),
        )),
    }
}

/// The builder call a field makes, if it makes one.
pub fn step(field: &Field, rt: &TokenStream) -> Option<TokenStream> {
    let var = &field.var;
    let span = field.span;
    let call = |value: TokenStream| match &field.role {
        Role::Header(setter) => Some(quote_spanned!(span=> b.#setter(#value))),
        Role::Body(essence) => {
            Some(quote_spanned!(span=> b.body(#rt::respond::checked_media_type(#essence), #value)))
        }
        Role::Code | Role::Ignored => None,
    };
    let one = call(quote!(v))?;
    Some(match field.wrapper {
        Wrapper::Plain => {
            quote_spanned!(span=> let builder = { let b = builder; let v = #var; #one };)
        }
        Wrapper::Option => {
            quote_spanned!(span=> let builder = match #var { ::core::option::Option::Some(v) => { let b = builder; #one } ::core::option::Option::None => builder };)
        }
        Wrapper::Vec => {
            quote_spanned!(span=> let builder = #var.into_iter().fold(builder, |b, v| #one);)
        }
    })
}
