//! The arguments of `sip_codes_impl!`, as the facade's `sip_codes!` passes them:
//! `krate = $crate, bundled = "/abs/sip-codes.yaml", spec = "path.yaml" [, name = StatusCode] [, module = status] [, vis = pub(crate)]
//! [, derive(serde::Serialize, …)] [, codes = [100, 180, 200, …]]`.

use proc_macro2::{Span, TokenStream, TokenTree};
use syn::parse::{Parse, ParseStream};
use syn::punctuated::Punctuated;
use syn::{Ident, LitInt, LitStr, Path, Token, Visibility, bracketed, parenthesized};

/// The parsed arguments.
pub struct MacroInput {
    /// The path of the facade crate (`$crate` as the wrapper passes it).
    pub krate: TokenStream,
    /// The spec path literal: errors in the spec point at it.
    pub spec: LitStr,
    /// The absolute path of the spec bundled with the facade, which `extends: sip-codes` starts from.
    pub bundled: Option<LitStr>,
    /// The name of the generated enum (`StatusCode`).
    pub name: Ident,
    /// The name of the module of status markers and builders (`status`).
    pub module: Ident,
    /// The visibility of everything generated (`pub`).
    pub vis: Visibility,
    /// Extra derives for the enum.
    pub derives: Vec<Path>,
    /// Only these codes of the spec, if given.
    pub codes: Option<Vec<LitInt>>,
}

impl Parse for MacroInput {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let krate_key: Ident = input.parse()?;
        if krate_key != "krate" {
            return Err(syn::Error::new(
                krate_key.span(),
                "expected `krate = $crate`",
            ));
        }
        input.parse::<Token![=]>()?;
        // `$crate` arrives as a single ident token; take every token up to the first top-level comma.
        let mut krate = TokenStream::new();
        while !input.is_empty() && !input.peek(Token![,]) {
            krate.extend([input.parse::<TokenTree>()?]);
        }
        let mut spec = None;
        let mut out = MacroInput {
            krate,
            spec: LitStr::new("", Span::call_site()),
            bundled: None,
            name: Ident::new("StatusCode", Span::call_site()),
            module: Ident::new("status", Span::call_site()),
            vis: syn::parse_quote!(pub),
            derives: Vec::new(),
            codes: None,
        };
        while !input.is_empty() {
            input.parse::<Token![,]>()?;
            if input.is_empty() {
                break;
            }
            if input.peek(LitStr) {
                spec = Some(input.parse()?);
                continue;
            }
            let key: Ident = input.parse()?;
            match key.to_string().as_str() {
                "derive" => {
                    let content;
                    parenthesized!(content in input);
                    let paths = Punctuated::<Path, Token![,]>::parse_terminated(&content)?;
                    out.derives.extend(paths);
                    continue;
                }
                "spec" | "bundled" | "name" | "module" | "vis" | "codes" => {}
                other => {
                    return Err(syn::Error::new(
                        key.span(),
                        format!(
                            "unknown option `{other}`; expected one of: name, module, vis, derive(...), codes"
                        ),
                    ));
                }
            }
            input.parse::<Token![=]>()?;
            match key.to_string().as_str() {
                "spec" => spec = Some(input.parse()?),
                "bundled" => out.bundled = Some(input.parse()?),
                "name" => out.name = input.parse()?,
                "module" => out.module = input.parse()?,
                "vis" => out.vis = input.parse()?,
                _ => {
                    let content;
                    bracketed!(content in input);
                    let codes = Punctuated::<LitInt, Token![,]>::parse_terminated(&content)?;
                    out.codes = Some(codes.into_iter().collect());
                }
            }
        }
        out.spec = spec.ok_or_else(|| {
            input.error("expected the spec path, e.g. sip_codes!(\"spec/codes.yaml\")")
        })?;
        Ok(out)
    }
}
