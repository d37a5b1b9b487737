//! The status markers and their typestate response builders.
//!
//! A *kind* of builder is a code, or a code and a request method that has method-scoped MUST rules. Each
//! unconditional MUST rule of a kind is one type parameter of its builder (`Unset` → `Set`); `build()` is
//! bounded on one trait per rule whose `#[diagnostic::on_unimplemented]` names the code, the header and the
//! RFC section. A header that is required or forbidden somewhere gets its setter through `MayCarry<H>`,
//! implemented only for the kinds where it is optional; other headers have setters on every builder.

use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::{format_ident, quote};
use sip_codes_runtime::catalog::{self, HeaderInfo};

use super::{docs, names, variant};
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
    fn ty(&self) -> TokenStream {
        let marker = variant(self.code);
        match self.method {
            None => quote!(#marker),
            Some(method) => {
                let method = format_ident!("{}", names::method_marker(method));
                quote!((#marker, method::#method))
            }
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
    fn rule_trait(&self, index: usize) -> Ident {
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
        format_ident!("{}{scope}Needs{what}", self.code.variant)
    }
}

pub fn generate(spec: &Spec, input: &MacroInput) -> TokenStream {
    let krate = &input.krate;
    // The module reaches the runtime through a short private name: fewer tokens at every build.
    let rt = quote!(__rt);
    let module = &input.module;
    let vis = &input.vis;
    let name = &input.name;
    let kinds = Kind::all(spec);
    let restricted: Vec<&'static HeaderInfo> = catalog::HEADERS
        .iter()
        .filter(|h| kinds.iter().any(|k| k.requires(h) || k.forbids(h)))
        .collect();
    let markers = spec.codes.iter().map(|code| marker(name, code, &kinds));
    let methods = method_markers(spec);
    let code_impls = kinds.iter().map(|kind| code_impl(kind));
    // One row per restricted header: the kinds on which it is optional. A local `macro_rules!` turns the
    // rows into `impl MayCarry<H> for Kind {}` inside the compiler, which is much cheaper than emitting
    // the ~1,500 impls as tokens.
    let permits = restricted.iter().map(|h| {
        let header = format_ident!("{}", h.type_name);
        let kinds = kinds
            .iter()
            .filter(|k| !k.requires(h) && !k.forbids(h))
            .map(Kind::ty);
        quote!(#header: #(#kinds),*;)
    });
    let open_setters = catalog::HEADERS
        .iter()
        .filter(|h| !restricted.contains(h))
        .map(|h| setter(&rt, h, None));
    let restricted_setters = restricted.iter().map(|h| {
        let header = format_ident!("{}", h.type_name);
        let setter = setter(&rt, h, None);
        quote! {
            impl<C: MayCarry<#rt::header::#header>, S> Builder<C, S> {
                #setter
            }
        }
    });
    let rule_traits = kinds.iter().map(rule_traits);
    let kind_impls = kinds
        .iter()
        .filter(|k| !k.slots.is_empty())
        .map(|kind| kind_impl(&rt, kind));
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

            #(#markers)*

            #methods

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

            #(#code_impls)*

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
                #(#permits)*
            }

            /// A response under construction for the status code `C`; `S` holds the state of each required
            /// header (`Unset` or `Set`). Made by the status markers' `builder()`.
            #[must_use = "a response builder does nothing until `.build()`"]
            pub struct Builder<C, S> {
                draft: #rt::Draft,
                state: ::core::marker::PhantomData<fn() -> (C, S)>,
            }

            impl<C, S> ::core::fmt::Debug for Builder<C, S> {
                fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                    f.debug_struct("Builder").field("draft", &self.draft).finish()
                }
            }

            impl<C: Code, S> Builder<C, S> {
                fn start() -> Self {
                    Builder { draft: #rt::Draft::new(C::CODE, C::PHRASE), state: ::core::marker::PhantomData }
                }

                /// Adds a header by name, for headers without a setter of their own. Fails for a header this
                /// code MUST NOT carry, and for the headers the builder writes itself (Content-Length,
                /// Content-Type, and the transaction headers of [`Builder::reply_to`]).
                pub fn header(
                    mut self,
                    name: #rt::header::HeaderName,
                    value: #rt::header::HeaderValue,
                ) -> ::core::result::Result<Self, #rt::Error> {
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
                pub fn reply_to(mut self, request: &#rt::RequestHeaders) -> Self {
                    self.draft.reply_to(request);
                    self
                }

                /// The To tag this UAS uses for the dialog (keep it stable across retransmissions); without it,
                /// [`Builder::reply_to`] makes a random one where one is needed.
                pub fn to_tag(mut self, tag: #rt::header::Token) -> Self {
                    self.draft.to_tag(tag);
                    self
                }

                /// Sends this reason phrase instead of the IANA one (RFC 3261 §21: the phrase is free text).
                pub fn reason_phrase(mut self, phrase: #rt::response::ReasonPhrase) -> Self {
                    self.draft.set_reason_phrase(phrase);
                    self
                }

                /// Sets the body and its Content-Type; Content-Length is always computed.
                pub fn body(mut self, content_type: #rt::header::MediaType, body: impl ::core::convert::Into<::std::vec::Vec<u8>>) -> Self {
                    self.draft.body(content_type, body);
                    self
                }

                #(#open_setters)*
            }

            #(#restricted_setters)*

            impl<C: Code> Builder<C, ()> {
                /// Finishes the response: this code has no required header left to set.
                pub fn build(self) -> #rt::Response {
                    self.draft.finish()
                }
            }

            #(#kind_impls)*

            /// The traits behind the "missing required header" errors of `build()`: one per MUST rule.
            #[doc(hidden)]
            pub mod rules {
                #(#rule_traits)*
            }
        }
    }
}

fn marker(name: &Ident, code: &Code, kinds: &[Kind<'_>]) -> TokenStream {
    let ident = variant(code);
    let title = code.title();
    let deprecated = if code.status.warns() {
        let note = docs::escape_braces(&format!(
            "{title} is {} ({}); build it only to talk to equipment that needs it",
            code.status,
            code.citation.text()
        ));
        quote!(#[deprecated(note = #note)])
    } else {
        TokenStream::new()
    };
    let doc = docs::lit(&format!(
        "`{title}` — {}: see [`{name}::{ident}`](super::{name}::{ident}).\n\n`{ident}::builder()` starts the \
         response.\n{}",
        code.citation.link(),
        docs::rules(code)
    ));
    let entries = kinds.iter().filter(|k| std::ptr::eq(k.code, code)).map(|kind| {
        let ty = kind.ty();
        let unset = kind.slots.iter().map(|_| quote!(Unset));
        let state = quote!((#(#unset,)*));
        let (entry, doc) = match kind.method {
            None => (
                format_ident!("builder"),
                format!("Starts a `{title}` response.{}", required_note(kind)),
            ),
            Some(method) => (
                format_ident!("{}", names::scoped_entry(method)),
                format!(
                    "Starts a `{title}` response to a {method} request, which also enforces the rules the \
                     spec scopes to {method}.{}",
                    required_note(kind)
                ),
            ),
        };
        let doc = docs::lit(&doc);
        quote! {
            #[doc = #doc]
            pub fn #entry() -> Builder<#ty, #state> {
                Builder::start()
            }
        }
    });
    quote! {
        #[doc = #doc]
        #deprecated
        #[derive(Debug, Clone, Copy, Default)]
        pub struct #ident;

        impl #ident {
            /// The status code of this marker.
            pub const STATUS: super::#name = super::#name::#ident;

            #(#entries)*
        }
    }
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

fn method_markers(spec: &Spec) -> TokenStream {
    let mut methods: Vec<&str> = spec.codes.iter().flat_map(Code::scoped_methods).collect();
    methods.sort_unstable();
    methods.dedup();
    if methods.is_empty() {
        return TokenStream::new();
    }
    let markers = methods.iter().map(|method| {
        let ident = format_ident!("{}", names::method_marker(method));
        let doc = docs::lit(&format!(
            "The {method} method, for builders of responses to {method}."
        ));
        quote!(#[doc = #doc] #[derive(Debug, Clone, Copy, Default)] pub struct #ident;)
    });
    quote! {
        /// Request methods that have method-scoped header rules in the spec.
        pub mod method {
            #(#markers)*
        }
    }
}

fn code_impl(kind: &Kind<'_>) -> TokenStream {
    let ty = kind.ty();
    let code = Literal::u16_unsuffixed(kind.code.code);
    let phrase = &kind.code.phrase;
    let forbidden = catalog::HEADERS
        .iter()
        .filter(|h| kind.forbids(h))
        .map(|h| h.name);
    quote! {
        impl Code for #ty {
            const CODE: u16 = #code;
            const PHRASE: &'static str = #phrase;
            const FORBIDDEN: &'static [&'static str] = &[#(#forbidden),*];
        }
    }
}

/// A setter; with `slots`, one of a kind's required headers, which moves the typestate.
fn setter(
    rt: &TokenStream,
    header: &HeaderInfo,
    slots: Option<(&Kind<'_>, TokenStream)>,
) -> TokenStream {
    let method = Ident::new(header.setter, Span::call_site());
    let ty = format_ident!("{}", header.type_name);
    let multiple = header.multiple;
    let how = if multiple { "Adds a" } else { "Sets the" };
    let mut doc = format!("{how} `{}` header (RFC {}).", header.name, header.rfc);
    let (ret, finish) = match slots {
        None => (quote!(Self), quote!(self)),
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
            let ty = kind.ty();
            (quote!(Builder<#ty, #state>), quote!(self.into_state()))
        }
    };
    let doc = docs::lit(&doc);
    quote! {
        #[doc = #doc]
        pub fn #method(mut self, value: impl ::core::convert::Into<#rt::header::#ty>) -> #ret {
            self.draft.typed(&value.into(), #multiple);
            #finish
        }
    }
}

/// The impl of a kind with required headers: its required setters and its gated `build()`.
fn kind_impl(rt: &TokenStream, kind: &Kind<'_>) -> TokenStream {
    let ty = kind.ty();
    let params: Vec<Ident> = (0..kind.slots.len())
        .map(|i| format_ident!("S{i}"))
        .collect();
    let required: Vec<&'static HeaderInfo> = catalog::HEADERS
        .iter()
        .filter(|h| kind.requires(h))
        .collect();
    let setters = required.iter().map(|header| {
        let state = kind.slots.iter().zip(&params).map(|(rule, param)| {
            if rule.headers.iter().any(|h| h.name == header.name) {
                quote!(Set)
            } else {
                quote!(#param)
            }
        });
        setter(rt, header, Some((kind, quote!((#(#state,)*)))))
    });
    let bounds = params.iter().enumerate().map(|(i, param)| {
        let rule = kind.rule_trait(i);
        quote!(#param: rules::#rule)
    });
    let build_doc = docs::lit(&format!(
        "Finishes the `{}` response; compiles once every required header is set.",
        kind.title()
    ));
    quote! {
        impl<#(#params),*> Builder<#ty, (#(#params,)*)> {
            #(#setters)*

            #[doc = #build_doc]
            pub fn build(self) -> #rt::Response
            where
                #(#bounds,)*
            {
                self.draft.finish()
            }
        }
    }
}

/// The traits of a kind's required headers, each with the error message a missing header gives.
fn rule_traits(kind: &Kind<'_>) -> TokenStream {
    let traits = kind.slots.iter().enumerate().map(|(index, rule)| {
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
        let (message, label, note) = (
            docs::escape_braces(&message),
            docs::escape_braces(&label),
            docs::escape_braces(&note),
        );
        let doc = docs::lit(&format!(
            "Satisfied once {} is set on a `{title}` builder.",
            rule.header_list()
        ));
        quote! {
            #[doc = #doc]
            #[diagnostic::on_unimplemented(message = #message, label = #label, note = #note)]
            pub trait #ident {}

            #[diagnostic::do_not_recommend]
            impl #ident for super::Set {}
        }
    });
    quote!(#(#traits)*)
}
