//! The status markers and their typestate response builders.
//!
//! A *kind* of builder is a code, or a code and a request method that has method-scoped MUST rules. Each
//! unconditional MUST rule of a kind is one type parameter of its builder (`Unset` → `Set`); `build()` is
//! bounded on one trait per rule whose `#[diagnostic::on_unimplemented]` names the code, the header and the
//! RFC section. A header that is required or forbidden somewhere gets its setter through `MayCarry<H>`,
//! implemented only for the kinds where it is optional; other headers have setters on every builder.

use std::fmt::Write as _;

use proc_macro2::TokenStream;
use quote::quote;
use sip_codes_runtime::catalog::{self, HeaderInfo};

use super::{docs, names, quoted};
use crate::input::MacroInput;
use crate::spec::Spec;
use crate::spec::model::{Code, Rule};

/// A code, or a code in responses to one method.
struct Kind<'a> {
    code: &'a Code,
    method: Option<&'a str>,
    /// The unconditional MUST rules of this kind: one typestate slot each.
    slots: Vec<&'a Rule>,
}

impl<'a> Kind<'a> {
    fn all(spec: &'a Spec) -> Vec<Kind<'a>> {
        let mut kinds = Vec::new();
        for code in &spec.codes {
            kinds.push(Kind {
                code,
                method: None,
                slots: code.enforced(None),
            });
            for method in code.scoped_methods() {
                kinds.push(Kind {
                    code,
                    method: Some(method),
                    slots: code.enforced(Some(method)),
                });
            }
        }
        kinds
    }

    /// The type that stands for this kind in `Builder<C, S>`.
    fn ty(&self) -> String {
        match self.method {
            None => self.code.variant.clone(),
            Some(method) => format!(
                "({}, method::{})",
                self.code.variant,
                names::method_marker(method)
            ),
        }
    }

    fn forbids(&self, header: &HeaderInfo) -> bool {
        self.code.forbids(header, self.method)
    }

    fn requires(&self, header: &HeaderInfo) -> bool {
        self.slots
            .iter()
            .any(|rule| rule.headers.iter().any(|h| h.name == header.name))
    }

    /// `405 Method Not Allowed`, or `200 OK to SUBSCRIBE`.
    fn title(&self) -> String {
        match self.method {
            None => self.code.title(),
            Some(method) => format!("{} to {method}", self.code.title()),
        }
    }

    /// The name of the rule trait of slot `index`.
    fn rule_trait(&self, index: usize) -> String {
        let scope = self
            .method
            .map(names::method_marker)
            .map_or(String::new(), |m| format!("To{m}"));
        let rule = self.slots[index];
        let headers: Vec<String> = rule
            .headers
            .iter()
            .map(|h| names::variant_of_phrase(h.name))
            .collect();
        let what = if rule.one_of {
            format!("OneOf{}", headers.join("Or"))
        } else {
            headers.join("")
        };
        format!("{}{scope}Needs{what}", self.code.variant)
    }
}

pub fn generate(spec: &Spec, input: &MacroInput) -> TokenStream {
    let krate = &input.krate;
    let module = &input.module;
    let vis = &input.vis;
    let name = input.name.to_string();
    let kinds = Kind::all(spec);
    let restricted: Vec<&'static HeaderInfo> = catalog::HEADERS
        .iter()
        .filter(|h| kinds.iter().any(|k| k.requires(h) || k.forbids(h)))
        .collect();
    let mut markers = String::new();
    for code in &spec.codes {
        marker(&mut markers, &name, code, &kinds);
    }
    let mut code_impls = String::new();
    for kind in &kinds {
        code_impl(&mut code_impls, kind);
    }
    // One row per restricted header: the kinds on which it is optional. A local `macro_rules!` turns the
    // rows into `impl MayCarry<H> for Kind {}` inside the compiler, which is much cheaper than emitting
    // the ~1,500 impls as tokens.
    let mut permits = String::new();
    for header in &restricted {
        let optional: Vec<String> = kinds
            .iter()
            .filter(|k| !k.requires(header) && !k.forbids(header))
            .map(Kind::ty)
            .collect();
        let _ = writeln!(permits, "{}: {};", header.type_name, optional.join(", "));
    }
    let mut open_setters = String::new();
    for header in catalog::HEADERS.iter().filter(|h| !restricted.contains(h)) {
        setter(&mut open_setters, header, None);
    }
    let mut restricted_setters = String::new();
    for header in &restricted {
        let _ = writeln!(
            restricted_setters,
            "impl<C: MayCarry<__rt::header::{}>, S> Builder<C, S> {{",
            header.type_name
        );
        setter(&mut restricted_setters, header, None);
        restricted_setters.push_str("}\n");
    }
    let mut kind_impls = String::new();
    for kind in kinds.iter().filter(|k| !k.slots.is_empty()) {
        kind_impl(&mut kind_impls, kind);
    }
    let mut rule_traits = String::new();
    for kind in &kinds {
        self::rule_traits(&mut rule_traits, kind);
    }
    let body = MODULE
        .replace("__MARKERS__", &markers)
        .replace("__METHODS__", &method_markers(spec))
        .replace("__CODE_IMPLS__", &code_impls)
        .replace("__PERMITS__", &permits)
        .replace("__OPEN_SETTERS__", &open_setters)
        .replace("__RESTRICTED_SETTERS__", &restricted_setters)
        .replace("__KIND_IMPLS__", &kind_impls)
        .replace("__RULE_TRAITS__", &rule_traits);
    let body = super::parse(&body);
    let module_doc = docs::lit(&format!(
        "One zero-sized marker per status code of [`{name}`](super::{name}), each with a `builder()` that \
         returns its typestate response [`Builder`]: `build()` does not compile until every header the RFCs \
         say the response MUST carry is set, and a header the response MUST NOT carry has no setter."
    ));
    quote! {
        #[doc = #module_doc]
        #[allow(deprecated)]
        #vis mod #module {
            use #krate::__private::runtime as __rt;
            #body
        }
    }
}

/// The body of the status module, with the `__PARTS__` left to fill in (see `status_code::IMPLS` for why
/// it is source text).
const MODULE: &str = r#"
__MARKERS__

__METHODS__

/// The state of a required header that has been set.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Set;

/// The state of a required header that has not been set yet: `build()` is not available.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Unset;

/// What a builder knows about its status code: implemented by every status marker, and by
/// `(marker, method)` for method-scoped builders.
pub trait Code {
    /// The status code.
    const CODE: u16;
    /// The IANA reason phrase.
    const PHRASE: &'static str;
    /// The headers this code MUST NOT carry, which no setter, not even [`Builder::header`], adds.
    const FORBIDDEN: &'static [&'static str];
}

__CODE_IMPLS__

/// `C: MayCarry<H>`: a response of kind `C` may carry header `H`, so the header's setter exists.
///
/// Implemented for the builder kinds on which `H` is optional. Where `H` is required, the kind has
/// its own setter that also moves the typestate; where the spec says MUST NOT, there is no setter
/// at all, and calling one fails with "the following trait bounds were not satisfied:
/// `…: MayCarry<…>`".
pub trait MayCarry<H> {}

macro_rules! __may_carry {
    ($($header:ident: $($kind:ty),*;)*) => {
        $($(impl MayCarry<__rt::header::$header> for $kind {})*)*
    };
}
__may_carry! {
    __PERMITS__
}

/// A response under construction for the status code `C`; `S` holds the state of each required
/// header (`Unset` or `Set`). Made by the status markers' `builder()`.
#[must_use = "a response builder does nothing until `.build()`"]
pub struct Builder<C, S> {
    draft: __rt::Draft,
    state: ::core::marker::PhantomData<fn() -> (C, S)>,
}

impl<C, S> ::core::fmt::Debug for Builder<C, S> {
    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        f.debug_struct("Builder").field("draft", &self.draft).finish()
    }
}

impl<C: Code, S> Builder<C, S> {
    fn start() -> Self {
        Builder { draft: __rt::Draft::new(C::CODE, C::PHRASE), state: ::core::marker::PhantomData }
    }

    /// Adds a header by name, for headers without a setter of their own. Fails for a header this
    /// code MUST NOT carry, and for the headers the builder writes itself (Content-Length,
    /// Content-Type, and the transaction headers of [`Builder::reply_to`]).
    pub fn header(
        mut self,
        name: __rt::header::HeaderName,
        value: __rt::header::HeaderValue,
    ) -> ::core::result::Result<Self, __rt::Error> {
        self.draft.extra_header(name, value, C::FORBIDDEN)?;
        ::core::result::Result::Ok(self)
    }
}

impl<C, S> Builder<C, S> {
    fn into_state<T>(self) -> Builder<C, T> {
        Builder { draft: self.draft, state: ::core::marker::PhantomData }
    }

    /// Copies the transaction headers of the request (RFC 3261 §8.2.6): every Via in order, From,
    /// To (adding this response's To tag where the request had none, except on 100), Call-ID,
    /// CSeq, and Timestamp on 100.
    pub fn reply_to(mut self, request: &__rt::RequestHeaders) -> Self {
        self.draft.reply_to(request);
        self
    }

    /// The To tag this UAS uses for the dialog (keep it stable across retransmissions); without it,
    /// [`Builder::reply_to`] makes a random one where one is needed.
    pub fn to_tag(mut self, tag: __rt::header::Token) -> Self {
        self.draft.to_tag(tag);
        self
    }

    /// Sends this reason phrase instead of the IANA one (RFC 3261 §21: the phrase is free text).
    pub fn reason_phrase(mut self, phrase: __rt::response::ReasonPhrase) -> Self {
        self.draft.set_reason_phrase(phrase);
        self
    }

    /// Sets the body and its Content-Type; Content-Length is always computed.
    pub fn body(mut self, content_type: __rt::header::MediaType, body: impl ::core::convert::Into<::std::vec::Vec<u8>>) -> Self {
        self.draft.body(content_type, body);
        self
    }

    __OPEN_SETTERS__
}

__RESTRICTED_SETTERS__

impl<C: Code> Builder<C, ()> {
    /// Finishes the response: this code has no required header left to set.
    pub fn build(self) -> __rt::Response {
        self.draft.finish()
    }
}

__KIND_IMPLS__

/// The traits behind the "missing required header" errors of `build()`: one per MUST rule.
#[doc(hidden)]
pub mod rules {
    __RULE_TRAITS__
}
"#;

/// A status marker with its entry points (`builder()`, and `for_<method>()` for method-scoped rules).
fn marker(out: &mut String, name: &str, code: &Code, kinds: &[Kind<'_>]) {
    let ident = &code.variant;
    let title = code.title();
    out.push_str(&docs::attr(&format!(
        "`{title}` — {}: see [`{name}::{ident}`](super::{name}::{ident}).\n\n`{ident}::builder()` starts the \
         response.\n{}",
        code.citation.link(),
        docs::rules(code)
    )));
    if code.status.warns() {
        let note = docs::escape_braces(&format!(
            "{title} is {} ({}); build it only to talk to equipment that needs it",
            code.status,
            code.citation.text()
        ));
        let _ = writeln!(out, "#[deprecated(note = {})]", quoted(&note));
    }
    let _ = writeln!(
        out,
        "#[derive(Debug, Clone, Copy, Default)]\npub struct {ident};\n\nimpl {ident} {{\n\
         /// The status code of this marker.\npub const STATUS: super::{name} = super::{name}::{ident};"
    );
    for kind in kinds.iter().filter(|k| std::ptr::eq(k.code, code)) {
        let (entry, doc) = match kind.method {
            None => (
                "builder".to_string(),
                format!("Starts a `{title}` response.{}", required_note(kind)),
            ),
            Some(method) => (
                names::scoped_entry(method),
                format!(
                    "Starts a `{title}` response to a {method} request, which also enforces the rules the \
                     spec scopes to {method}.{}",
                    required_note(kind)
                ),
            ),
        };
        out.push_str(&docs::attr(&doc));
        let _ = writeln!(
            out,
            "pub fn {entry}() -> Builder<{}, ({})> {{ Builder::start() }}",
            kind.ty(),
            "Unset,".repeat(kind.slots.len())
        );
    }
    out.push_str("}\n");
}

fn required_note(kind: &Kind<'_>) -> String {
    if kind.slots.is_empty() {
        return String::new();
    }
    let list: Vec<String> = kind
        .slots
        .iter()
        .map(|r| format!("`{}` ({})", r.header_list(), r.citation.link()))
        .collect();
    format!(
        " `build()` compiles once these are set: {}.",
        list.join("; ")
    )
}

fn method_markers(spec: &Spec) -> String {
    let mut methods: Vec<&str> = spec.codes.iter().flat_map(Code::scoped_methods).collect();
    methods.sort_unstable();
    methods.dedup();
    if methods.is_empty() {
        return String::new();
    }
    let mut out = String::from(
        "/// Request methods that have method-scoped header rules in the spec.\npub mod method {\n",
    );
    for method in methods {
        out.push_str(&docs::attr(&format!(
            "The {method} method, for builders of responses to {method}."
        )));
        let _ = writeln!(
            out,
            "#[derive(Debug, Clone, Copy, Default)] pub struct {};",
            names::method_marker(method)
        );
    }
    out.push_str("}\n");
    out
}

fn code_impl(out: &mut String, kind: &Kind<'_>) {
    let forbidden: Vec<String> = catalog::HEADERS
        .iter()
        .filter(|h| kind.forbids(h))
        .map(|h| quoted(h.name))
        .collect();
    let _ = writeln!(
        out,
        "impl Code for {} {{ const CODE: u16 = {}; const PHRASE: &'static str = {}; \
         const FORBIDDEN: &'static [&'static str] = &[{}]; }}",
        kind.ty(),
        kind.code.code,
        quoted(&kind.code.phrase),
        forbidden.join(", ")
    );
}

/// A setter; with `slots` (a kind and the state it moves to), one of a kind's required headers, which
/// moves the typestate.
fn setter(out: &mut String, header: &HeaderInfo, slots: Option<(&Kind<'_>, &str)>) {
    let multiple = header.multiple;
    let how = if multiple { "Adds a" } else { "Sets the" };
    let mut doc = format!("{how} `{}` header (RFC {}).", header.name, header.rfc);
    let (ret, finish) = match slots {
        None => ("Self".to_string(), "self"),
        Some((kind, state)) => {
            let rule = kind
                .slots
                .iter()
                .find(|r| r.headers.iter().any(|h| h.name == header.name));
            if let Some(rule) = rule {
                doc.push_str(&format!(
                    " Required for `{}`: {}.",
                    kind.title(),
                    rule.citation.link()
                ));
            }
            (
                format!("Builder<{}, {state}>", kind.ty()),
                "self.into_state()",
            )
        }
    };
    out.push_str(&docs::attr(&doc));
    let _ = writeln!(
        out,
        "pub fn {}(mut self, value: impl ::core::convert::Into<__rt::header::{}>) -> {ret} {{\n\
         self.draft.typed(&value.into(), {multiple});\n{finish}\n}}",
        header.setter, header.type_name
    );
}

/// The impl of a kind with required headers: its required setters and its gated `build()`.
fn kind_impl(out: &mut String, kind: &Kind<'_>) {
    let params: Vec<String> = (0..kind.slots.len()).map(|i| format!("S{i}")).collect();
    let _ = writeln!(
        out,
        "impl<{}> Builder<{}, ({},)> {{",
        params.join(", "),
        kind.ty(),
        params.join(", ")
    );
    for header in catalog::HEADERS.iter().filter(|h| kind.requires(h)) {
        let state: Vec<&str> = kind
            .slots
            .iter()
            .zip(&params)
            .map(|(rule, param)| {
                if rule.headers.iter().any(|h| h.name == header.name) {
                    "Set"
                } else {
                    param.as_str()
                }
            })
            .collect();
        setter(
            out,
            header,
            Some((kind, &format!("({},)", state.join(", ")))),
        );
    }
    out.push_str(&docs::attr(&format!(
        "Finishes the `{}` response; compiles once every required header is set.",
        kind.title()
    )));
    let bounds: Vec<String> = params
        .iter()
        .enumerate()
        .map(|(i, param)| format!("{param}: rules::{}", kind.rule_trait(i)))
        .collect();
    let _ = writeln!(
        out,
        "pub fn build(self) -> __rt::Response where {} {{ self.draft.finish() }}\n}}",
        bounds.join(", ")
    );
}

/// The traits of a kind's required headers, each with the error message a missing header gives.
fn rule_traits(out: &mut String, kind: &Kind<'_>) {
    for (index, rule) in kind.slots.iter().enumerate() {
        let ident = kind.rule_trait(index);
        let title = kind.title();
        let cite = rule.citation.text();
        let calls: Vec<String> = rule
            .headers
            .iter()
            .map(|h| format!("`.{}(...)`", h.setter))
            .collect();
        let (message, label, call) = if rule.one_of {
            (
                format!(
                    "`{title}` requires one of the headers {} ({cite})",
                    rule.header_list()
                ),
                format!("missing one of {}", rule.header_list()),
                format!("call one of {} before `.build()`", calls.join(", ")),
            )
        } else {
            (
                format!(
                    "`{title}` requires the `{}` header ({cite})",
                    rule.header_list()
                ),
                format!("missing `{}`", rule.header_list()),
                format!("call {} before `.build()`", calls.join("")),
            )
        };
        let note = match rule.citation.url() {
            Some(url) => format!("{call}: {cite} says this response MUST carry it ({url})"),
            None => format!("{call}: {cite} says this response MUST carry it"),
        };
        out.push_str(&docs::attr(&format!(
            "Satisfied once {} is set on a `{title}` builder.",
            rule.header_list()
        )));
        let _ = writeln!(
            out,
            "#[diagnostic::on_unimplemented(message = {}, label = {}, note = {})]\npub trait {ident} {{}}\n\
             #[diagnostic::do_not_recommend]\nimpl {ident} for super::Set {{}}",
            quoted(&docs::escape_braces(&message)),
            quoted(&docs::escape_braces(&label)),
            quoted(&docs::escape_braces(&note)),
        );
    }
}
