//! The arguments of `sip_codes_impl!`, as the facade's `sip_codes!` passes them:
//! `krate = $crate, bundled = "/abs/sip-codes.yaml", spec = "path.yaml" [, name = StatusCode] [, module = status] [, vis = pub(crate)]
//! [, derive(serde::Serialize, …)] [, codes = [100, 180, 200, …]]`.
//!
//! Read straight from the tokens: the grammar is a handful of `key = value` pairs, and a parser library
//! (syn) would cost every user of `sip-codes` its compile time on a cold build.

use proc_macro2::{Delimiter, Ident, Span, TokenStream, TokenTree};

use crate::error::Error;

/// The parsed arguments.
pub struct MacroInput {
    /// The path of the facade crate (`$crate` as the wrapper passes it).
    pub krate: TokenStream,
    /// The spec path literal: errors in the spec point at it.
    pub spec: StrLit,
    /// The absolute path of the spec bundled with the facade, which `extends: sip-codes` starts from.
    pub bundled: Option<StrLit>,
    /// The name of the generated enum (`StatusCode`).
    pub name: Ident,
    /// The name of the module of status markers and builders (`status`).
    pub module: Ident,
    /// The visibility of everything generated (`pub`), as written.
    pub vis: TokenStream,
    /// Extra derives for the enum, one path each.
    pub derives: Vec<TokenStream>,
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

/// An integer literal of the `codes` list: its value (if it fits a `u16`), its text and where it was written.
pub struct IntLit {
    /// The value, if it is a decimal number that fits a `u16`.
    pub value: Option<u16>,
    /// The literal as written.
    pub text: String,
    /// The literal's span.
    pub span: Span,
}

const OPTIONS: &str = "name, module, vis, derive(...), codes";

impl MacroInput {
    /// Parses the macro's arguments.
    pub fn parse(tokens: TokenStream) -> Result<Self, Error> {
        let mut args = split_commas(tokens);
        if args.is_empty() {
            return Err(Error::new(Span::call_site(), "expected `krate = $crate`"));
        }
        let first = args.remove(0);
        let krate = match key_value(&first) {
            Some((key, value)) if key == "krate" && !value.is_empty() => {
                value.iter().cloned().collect()
            }
            _ => return Err(Error::new(span_of(&first), "expected `krate = $crate`")),
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
        for arg in args.iter().filter(|arg| !arg.is_empty()) {
            if let Err(err) = out.option(arg, &mut spec) {
                Error::push(&mut errors, err);
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

    /// Reads one argument: the spec path, or one `key = value` option.
    fn option(&mut self, arg: &[TokenTree], spec: &mut Option<StrLit>) -> Result<(), Error> {
        if let [TokenTree::Literal(_)] = arg {
            *spec = Some(str_lit(&arg[0])?);
            return Ok(());
        }
        if let [TokenTree::Ident(key), TokenTree::Group(group)] = arg
            && key == "derive"
            && group.delimiter() == Delimiter::Parenthesis
        {
            for path in split_commas(group.stream()) {
                if path.is_empty() {
                    continue;
                }
                if !is_path(&path) {
                    return Err(Error::new(
                        span_of(&path),
                        "expected a path to a derive macro",
                    ));
                }
                self.derives.push(path.into_iter().collect());
            }
            return Ok(());
        }
        let Some((key, value)) = key_value(arg) else {
            return Err(Error::new(
                span_of(arg),
                format!("expected the spec path or an option `key = value`; options: {OPTIONS}"),
            ));
        };
        match key.to_string().as_str() {
            "spec" => *spec = Some(string(value)?),
            "bundled" => self.bundled = Some(string(value)?),
            "name" => self.name = ident(value)?,
            "module" => self.module = ident(value)?,
            "vis" => self.vis = visibility(value)?,
            "codes" => self.codes = Some(codes(value)?),
            other => {
                return Err(Error::new(
                    key.span(),
                    format!("unknown option `{other}`; expected one of: {OPTIONS}"),
                ));
            }
        }
        Ok(())
    }
}

/// The tokens of `tokens` split at its top-level commas, with invisible groups (what a `macro_rules!`
/// fragment such as `$path:literal` arrives wrapped in) opened.
fn split_commas(tokens: TokenStream) -> Vec<Vec<TokenTree>> {
    let mut args = vec![Vec::new()];
    for token in flatten(tokens) {
        match &token {
            TokenTree::Punct(p) if p.as_char() == ',' => args.push(Vec::new()),
            _ => {
                if let Some(last) = args.last_mut() {
                    last.push(token);
                }
            }
        }
    }
    if args.last().is_some_and(Vec::is_empty) {
        args.pop();
    }
    args
}

/// The tokens of `tokens` with every `Delimiter::None` group replaced by its contents.
fn flatten(tokens: TokenStream) -> Vec<TokenTree> {
    let mut out = Vec::new();
    for token in tokens {
        match token {
            TokenTree::Group(g) if g.delimiter() == Delimiter::None => {
                out.extend(flatten(g.stream()))
            }
            other => out.push(other),
        }
    }
    out
}

/// `key = value…`: the key and the value's tokens.
fn key_value(arg: &[TokenTree]) -> Option<(&Ident, &[TokenTree])> {
    match arg {
        [TokenTree::Ident(key), TokenTree::Punct(eq), value @ ..] if eq.as_char() == '=' => {
            Some((key, value))
        }
        _ => None,
    }
}

/// A span covering `tokens` (the first one's where spans cannot be joined), or the call site if none.
fn span_of(tokens: &[TokenTree]) -> Span {
    let Some(first) = tokens.first() else {
        return Span::call_site();
    };
    let last = tokens.last().map_or(first.span(), TokenTree::span);
    first.span().join(last).unwrap_or(first.span())
}

fn expected_str(span: Span) -> Error {
    Error::new(span, "expected a string literal")
}

/// A string option (`spec = "codes.yaml"`).
fn string(value: &[TokenTree]) -> Result<StrLit, Error> {
    match value {
        [token] => str_lit(token),
        _ => Err(expected_str(span_of(value))),
    }
}

/// An identifier option (`name = VendorCode`).
fn ident(value: &[TokenTree]) -> Result<Ident, Error> {
    match value {
        [TokenTree::Ident(ident)] => Ok(ident.clone()),
        _ => Err(Error::new(span_of(value), "expected an identifier")),
    }
}

/// `pub`, `pub(crate)`, `pub(super)`, `pub(in path)`, or nothing (private to the calling module).
fn visibility(value: &[TokenTree]) -> Result<TokenStream, Error> {
    let ok = match value {
        [] => true,
        [TokenTree::Ident(p)] => p == "pub",
        [TokenTree::Ident(p), TokenTree::Group(g)] => {
            p == "pub" && g.delimiter() == Delimiter::Parenthesis && {
                let inner: Vec<TokenTree> = g.stream().into_iter().collect();
                match inner.as_slice() {
                    [TokenTree::Ident(scope)] => {
                        scope == "crate" || scope == "super" || scope == "self"
                    }
                    [TokenTree::Ident(kw), path @ ..] => {
                        kw == "in" && !path.is_empty() && is_path(path)
                    }
                    _ => false,
                }
            }
        }
        _ => false,
    };
    if ok {
        Ok(value.iter().cloned().collect())
    } else {
        Err(Error::new(
            span_of(value),
            "expected a visibility: `pub`, `pub(crate)`, `pub(super)` or `pub(in path)`",
        ))
    }
}

/// A path: identifiers separated by `::`, optionally starting with `::`.
fn is_path(tokens: &[TokenTree]) -> bool {
    let mut want_ident = true;
    let mut i = 0;
    if let [TokenTree::Punct(a), TokenTree::Punct(b), ..] = tokens
        && a.as_char() == ':'
        && b.as_char() == ':'
    {
        i = 2;
    }
    while i < tokens.len() {
        match (&tokens[i], want_ident) {
            (TokenTree::Ident(_), true) => {
                want_ident = false;
                i += 1;
            }
            (TokenTree::Punct(a), false) if a.as_char() == ':' => {
                match tokens.get(i + 1) {
                    Some(TokenTree::Punct(b)) if b.as_char() == ':' => {}
                    _ => return false,
                }
                want_ident = true;
                i += 2;
            }
            _ => return false,
        }
    }
    !want_ident
}

/// `[100, 180, 200]`.
fn codes(value: &[TokenTree]) -> Result<Vec<IntLit>, Error> {
    let [TokenTree::Group(list)] = value else {
        return Err(Error::new(
            span_of(value),
            "expected a list of codes: `[100, 180, 200]`",
        ));
    };
    if list.delimiter() != Delimiter::Bracket {
        return Err(Error::new(
            list.span(),
            "expected a list of codes: `[100, 180, 200]`",
        ));
    }
    let mut out = Vec::new();
    for item in split_commas(list.stream()) {
        match item.as_slice() {
            [TokenTree::Literal(lit)] => {
                let text = lit.to_string();
                out.push(IntLit {
                    value: int_value(&text),
                    text,
                    span: lit.span(),
                });
            }
            [] => {}
            other => return Err(Error::new(span_of(other), "expected a code, e.g. 486")),
        }
    }
    Ok(out)
}

/// The value of a decimal integer literal (`486`, `4_86`, `486u16`) if it fits a `u16`.
fn int_value(text: &str) -> Option<u16> {
    const SUFFIXES: [&str; 12] = [
        "u8", "u16", "u32", "u64", "u128", "usize", "i8", "i16", "i32", "i64", "i128", "isize",
    ];
    let end = text
        .find(|c: char| !(c.is_ascii_digit() || c == '_'))
        .unwrap_or(text.len());
    let (number, suffix) = text.split_at(end);
    if !number.starts_with(|c: char| c.is_ascii_digit())
        || !(suffix.is_empty() || SUFFIXES.contains(&suffix))
    {
        return None;
    }
    number.replace('_', "").parse().ok()
}

/// The value of a string literal token: `"…"` with its escapes, or a raw string `r"…"` / `r#"…"#`.
fn str_lit(token: &TokenTree) -> Result<StrLit, Error> {
    let TokenTree::Literal(lit) = token else {
        return Err(expected_str(token.span()));
    };
    let text = lit.to_string();
    let value = if let Some(rest) = text.strip_prefix('r') {
        let hashes = rest.len() - rest.trim_start_matches('#').len();
        let fence = "#".repeat(hashes);
        rest[hashes..]
            .strip_prefix('"')
            .and_then(|r| r.strip_suffix(&fence))
            .and_then(|r| r.strip_suffix('"'))
            .map(str::to_string)
    } else {
        text.strip_prefix('"')
            .and_then(|r| r.strip_suffix('"'))
            .and_then(unescape)
    };
    value
        .map(|value| StrLit {
            value,
            span: lit.span(),
        })
        .ok_or_else(|| expected_str(lit.span()))
}

/// Resolves the escapes of the body of a (non-raw) string literal; `None` on one this reader does not know.
fn unescape(body: &str) -> Option<String> {
    let mut out = String::with_capacity(body.len());
    let mut chars = body.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next()? {
            'n' => out.push('\n'),
            'r' => out.push('\r'),
            't' => out.push('\t'),
            '0' => out.push('\0'),
            '\\' => out.push('\\'),
            '\'' => out.push('\''),
            '"' => out.push('"'),
            'x' => {
                let hex: String = [chars.next()?, chars.next()?].iter().collect();
                let byte = u8::from_str_radix(&hex, 16).ok().filter(u8::is_ascii)?;
                out.push(char::from(byte));
            }
            'u' => {
                if chars.next()? != '{' {
                    return None;
                }
                let hex: String = chars
                    .by_ref()
                    .take_while(|&c| c != '}')
                    .filter(|&c| c != '_')
                    .collect();
                out.push(char::from_u32(u32::from_str_radix(&hex, 16).ok()?)?);
            }
            '\n' => {
                // A line continuation: the newline and the whitespace after it are not part of the string.
                while chars.next_if(|c| c.is_whitespace()).is_some() {}
            }
            _ => return None,
        }
    }
    Some(out)
}
