//! The arguments of `sip_codes_impl!`, as the facade's `sip_codes!` passes them, read with `syn`:
//! `krate = $crate, bundled = "spec/sip-codes.yaml", "path.yaml" [, name = StatusCode] [, module = status]
//! [, vis = pub(crate)] [, derive(serde::Serialize, …)] [, codes = [100, 180, 200, …]]`.

use proc_macro2::{Span, TokenStream};
use syn::parse::{Parse, ParseStream, Parser};
use syn::punctuated::Punctuated;
use syn::{Ident, LitInt, LitStr, Path, Token, Visibility, bracketed, parenthesized};

use crate::error::Error;

/// The parsed arguments.
pub struct MacroInput {
    /// The path of the facade crate (`$crate` as the wrapper passes it).
    pub krate: TokenStream,
    /// The spec path literal: errors in the spec point at it, and generated bounds are placed on it.
    pub spec: StrLit,
    /// The bundled spec, relative to the file the facade's wrapper is written in (`extends: sip-codes`).
    pub bundled: Option<StrLit>,
    /// The name of the generated enum (`StatusCode`).
    pub name: Ident,
    /// The name of the module of status markers and builders (`status`).
    pub module: Ident,
    /// The visibility of everything generated (`pub`), as written.
    pub vis: TokenStream,
    /// Extra derives for the enum, one path each.
    pub derives: Vec<Path>,
    /// Only these codes of the spec, if given.
    pub codes: Option<Vec<IntLit>>,
}

/// A string literal: its value and where it was written.
pub struct StrLit {
    /// The value, escapes resolved.
    pub value: String,
    /// The literal's span.
    pub span: Span,
}

impl From<LitStr> for StrLit {
    fn from(lit: LitStr) -> Self {
        StrLit {
            value: lit.value(),
            span: lit.span(),
        }
    }
}

/// An integer literal of the `codes` list: its value (if it is a decimal number that fits a `u16`), its
/// text and where it was written.
pub struct IntLit {
    pub value: Option<u16>,
    pub text: String,
    pub span: Span,
}

const OPTIONS: &str = "name, module, vis, derive(...), codes";

/// One argument.
enum Arg {
    Spec(LitStr),
    Option(Ident, OptionValue),
}

enum OptionValue {
    Tokens(TokenStream),
    /// What `derive(…)` holds, checked when the option is applied.
    Derives(TokenStream),
}

impl Parse for Arg {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        if input.peek(syn::Lit) {
            return match input.parse::<syn::Lit>()? {
                syn::Lit::Str(lit) => Ok(Arg::Spec(lit)),
                other => Err(syn::Error::new(other.span(), "expected a string literal")),
            };
        }
        let key: Ident = input.call(syn::ext::IdentExt::parse_any).map_err(|err| {
            syn::Error::new(
                err.span(),
                format!("expected the spec path or an option `key = value`; options: {OPTIONS}"),
            )
        })?;
        if key == "derive" && input.peek(syn::token::Paren) {
            let content;
            parenthesized!(content in input);
            return Ok(Arg::Option(key, OptionValue::Derives(content.parse()?)));
        }
        if !input.peek(Token![=]) {
            return Err(syn::Error::new(
                key.span(),
                format!("expected the spec path or an option `key = value`; options: {OPTIONS}"),
            ));
        }
        input.parse::<Token![=]>()?;
        Ok(Arg::Option(key, OptionValue::Tokens(until_comma(input)?)))
    }
}

impl MacroInput {
    /// Parses the macro's arguments; every bad option is reported, each at its own tokens.
    pub fn parse(tokens: TokenStream) -> Result<Self, Error> {
        let args = Punctuated::<Arg, Token![,]>::parse_terminated
            .parse2(flatten(tokens))
            .map_err(Error::from)?;
        let mut args = args.into_iter();
        let krate = match args.next() {
            Some(Arg::Option(key, OptionValue::Tokens(value)))
                if key == "krate" && !value.is_empty() =>
            {
                value
            }
            _ => return Err(Error::new(Span::call_site(), "expected `krate = $crate`")),
        };
        let mut out = MacroInput {
            krate,
            spec: StrLit {
                value: String::new(),
                span: Span::call_site(),
            },
            bundled: None,
            name: Ident::new("StatusCode", Span::call_site()),
            module: Ident::new("status", Span::call_site()),
            vis: quote::quote!(pub),
            derives: Vec::new(),
            codes: None,
        };
        let mut spec = None;
        let mut errors: Option<Error> = None;
        for arg in args {
            if let Err(err) = out.option(arg, &mut spec) {
                Error::push(&mut errors, err.into());
            }
        }
        if let Some(errors) = errors {
            return Err(errors);
        }
        out.spec = spec.ok_or_else(|| {
            Error::new(
                Span::call_site(),
                "expected the spec path, e.g. sip_codes!(\"spec/codes.yaml\")",
            )
        })?;
        Ok(out)
    }

    /// Applies one argument.
    fn option(&mut self, arg: Arg, spec: &mut Option<StrLit>) -> syn::Result<()> {
        let (key, value) = match arg {
            Arg::Spec(lit) => {
                *spec = Some(lit.into());
                return Ok(());
            }
            Arg::Option(_, OptionValue::Derives(tokens)) => {
                let list = |input: ParseStream<'_>| {
                    Punctuated::<TokenStream, Token![,]>::parse_terminated_with(input, until_comma)
                };
                let paths = list.parse2(tokens)?;
                for path in paths.into_iter().filter(|p| !p.is_empty()) {
                    let parsed = syn::parse2::<Path>(path.clone()).map_err(|_| {
                        syn::Error::new_spanned(&path, "expected a path to a derive macro")
                    })?;
                    self.derives.push(parsed);
                }
                return Ok(());
            }
            Arg::Option(key, OptionValue::Tokens(value)) => (key, value),
        };
        let string = |value: TokenStream| {
            syn::parse2::<LitStr>(value.clone())
                .map(StrLit::from)
                .map_err(|_| syn::Error::new_spanned(value, "expected a string literal"))
        };
        let ident = |value: TokenStream| {
            syn::parse2::<Ident>(value.clone())
                .map_err(|_| syn::Error::new_spanned(value, "expected an identifier"))
        };
        match key.to_string().as_str() {
            "spec" => *spec = Some(string(value)?),
            "bundled" => self.bundled = Some(string(value)?),
            "name" => self.name = ident(value)?,
            "module" => self.module = ident(value)?,
            "vis" => self.vis = visibility(value)?,
            "codes" => self.codes = Some(codes(value)?),
            other => {
                return Err(syn::Error::new(
                    key.span(),
                    format!("unknown option `{other}`; expected one of: {OPTIONS}"),
                ));
            }
        }
        Ok(())
    }
}

/// The tokens up to the next top-level comma.
fn until_comma(input: ParseStream<'_>) -> syn::Result<TokenStream> {
    let mut out = TokenStream::new();
    while !input.is_empty() && !input.peek(Token![,]) {
        out.extend([input.parse::<proc_macro2::TokenTree>()?]);
    }
    Ok(out)
}

/// `tokens` with every invisible group (what a `macro_rules!` fragment such as `$path:literal` arrives
/// wrapped in) opened.
fn flatten(tokens: TokenStream) -> TokenStream {
    tokens
        .into_iter()
        .flat_map(|token| match token {
            proc_macro2::TokenTree::Group(g) if g.delimiter() == proc_macro2::Delimiter::None => {
                flatten(g.stream()).into_iter().collect::<Vec<_>>()
            }
            other => vec![other],
        })
        .collect()
}

/// `pub`, `pub(crate)`, `pub(super)`, `pub(self)`, `pub(in path)`, or nothing (private to the module).
fn visibility(value: TokenStream) -> syn::Result<TokenStream> {
    let error = || {
        syn::Error::new_spanned(
            &value,
            "expected a visibility: `pub`, `pub(crate)`, `pub(super)` or `pub(in path)`",
        )
    };
    let vis = syn::parse2::<Visibility>(value.clone()).map_err(|_| error())?;
    match &vis {
        Visibility::Inherited if !value.is_empty() => Err(error()),
        _ => Ok(value),
    }
}

/// `[100, 180, 200]`.
fn codes(value: TokenStream) -> syn::Result<Vec<IntLit>> {
    let list = |input: ParseStream<'_>| {
        let content;
        bracketed!(content in input);
        let items = Punctuated::<syn::Lit, Token![,]>::parse_terminated(&content)
            .map_err(|err| syn::Error::new(err.span(), "expected a code, e.g. 486"))?;
        items
            .into_iter()
            .map(|lit| match lit {
                syn::Lit::Int(int) => Ok(int_lit(&int)),
                other => Err(syn::Error::new(other.span(), "expected a code, e.g. 486")),
            })
            .collect()
    };
    list.parse2(value.clone())
        .map_err(|err| match err.to_string().as_str() {
            "expected a code, e.g. 486" => err,
            _ => syn::Error::new_spanned(value, "expected a list of codes: `[100, 180, 200]`"),
        })
}

/// A code of the list: its value if it is a decimal literal (with an integer suffix or none) that fits a
/// `u16`; `select` reports the others with their text.
fn int_lit(lit: &LitInt) -> IntLit {
    let text = lit.to_string();
    let decimal = text.starts_with(|c: char| c.is_ascii_digit())
        && !text.starts_with("0x")
        && !text.starts_with("0o")
        && !text.starts_with("0b");
    IntLit {
        value: decimal.then(|| lit.base10_parse::<u16>().ok()).flatten(),
        text,
        span: lit.span(),
    }
}
