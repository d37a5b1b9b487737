//! The status module: one zero-sized marker per code, each with `reply_to(request)` (and `detached()`),
//! the typestate [`Builder`](self) they start, with one setter per header, and the `rules` module behind
//! its compile-time checks ([`super::typestate`]).

use std::rc::Rc;

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use sip_codes_core::headers::ValueKind;
use sip_codes_core::sentence;

use super::typestate::{self, answer_bounds, is_forbidden, is_required, may_carry, start_state};
use super::{Ctx, docs, lit, variant};
use crate::spec::model::{Code, Header};

pub fn generate(ctx: &Ctx<'_>) -> TokenStream {
    let Ctx {
        input,
        name,
        module,
        ..
    } = ctx;
    let krate = &input.krate;
    let vis = &input.vis;
    let setter_headers: Vec<Rc<Header>> = ctx
        .spec
        .headers
        .iter()
        .filter(|h| h.value.has_setter())
        .cloned()
        .collect();
    let markers = ctx.spec.codes.iter().map(|code| marker(ctx, code));
    let setters = setter_headers.iter().map(|h| setter(ctx, h));
    let (rules, builds) = typestate::generate(ctx, &setter_headers);
    // An inner attribute: its links resolve inside the module, where `Builder` is.
    let module_doc = lit(&format!(
        "One zero-sized marker per status code of [`{name}`](super::{name}), each with `reply_to(request)`, \
         which starts its typestate response [`Builder`]: `build()` does not compile until every header the \
         RFCs say the response MUST carry is set, a header the response MUST NOT carry cannot be set, and a \
         typed request of a method the code never answers is refused."
    ));
    quote! {
        #[allow(deprecated)]
        #vis mod #module {
            #![doc = #module_doc]
            use #krate::__private::runtime as __rt;

            // One status marker: its docs and attributes, its name, the spanned name of `reply_to`, the
            // builder's first state, the bounds of `reply_to` (the methods the code answers), the docs of
            // `reply_to` and of `detached`.
            macro_rules! __marker {
                ($(#[$attr:meta])* $ident:ident, $reply_to:ident, $start:ty, [$($bound:tt)*],
                    #[$reply_doc:meta], #[$detached_doc:meta]) => {
                    $(#[$attr])*
                    #[derive(Debug, Clone, Copy, Default)]
                    pub struct $ident;

                    impl $ident {
                        /// The status code of this marker.
                        pub const STATUS: super::#name = super::#name::$ident;

                        #[$reply_doc]
                        pub fn $reply_to<'r, R: __rt::ReplyTo<'r>>(request: R) -> Builder<Self, R::Method, $start>
                        where
                            $($bound)*
                        {
                            Builder::dynamic(Self::STATUS.rules(), request.headers())
                        }

                        #[$detached_doc]
                        #[inline]
                        pub fn detached() -> Builder<Self, __rt::method::Detached, $start> {
                            Builder::detached(Self::STATUS.rules())
                        }
                    }
                };
            }

            #(#markers)*

            /// A response under construction: code `C` (a status marker, or `AnyCode` for a code chosen at
            /// run time), the method `M` of the request it answers (a `method` marker, `AnyMethod` for a
            /// request whose method is known at run time only, `Detached` for none) and the state `S` of
            /// each header its code MUST carry (`Unset`, then `Set`).
            ///
            /// Start one with a marker's `reply_to(&request)`; `build()` compiles once every required
            /// header is set. A setter of a required header changes the builder's type, so set it on
            /// every path of a branch, the same way:
            ///
            /// ```ignore
            /// let builder = status::Unauthorized::reply_to(&request);
            /// let builder = match preferred {
            ///     Algorithm::Sha256 => builder.www_authenticate(sha256_challenge),
            ///     Algorithm::Md5 => builder.www_authenticate(md5_challenge),
            /// };
            /// // An optional header may be set on one path only: it does not change the type.
            /// let builder = if let Some(server) = banner { builder.server(server) } else { builder };
            /// let response = builder.build();
            /// ```
            #[must_use = "a response builder does nothing until `.build()`"]
            pub struct Builder<C, M, S> {
                draft: __rt::Draft,
                state: ::core::marker::PhantomData<fn() -> (C, M, S)>,
            }

            impl<C, M, S> ::core::fmt::Debug for Builder<C, M, S> {
                fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                    f.debug_struct("Builder").field("draft", &self.draft).finish()
                }
            }

            impl<C, M, S> Builder<C, M, S> {
                /// A builder of the code `rules` describes, answering `request` (or none).
                #[doc(hidden)]
                pub fn dynamic(rules: &'static __rt::CodeRules, request: &__rt::RequestHeaders) -> Self {
                    let mut draft = __rt::Draft::new(rules);
                    draft.reply_to(request);
                    Builder { draft, state: ::core::marker::PhantomData }
                }

                fn detached(rules: &'static __rt::CodeRules) -> Self {
                    Builder { draft: __rt::Draft::new(rules), state: ::core::marker::PhantomData }
                }

                fn into_state<T>(self) -> Builder<C, M, T> {
                    Builder { draft: self.draft, state: ::core::marker::PhantomData }
                }

                /// The tag this UAS puts in To where the request's To has none (RFC 3261 §8.2.6.2, §12.1.1):
                /// the same in every response of a dialog and in retransmissions. Without it, a response
                /// that needs one gets a random tag.
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

                /// Adds a header by name, for headers without a setter. Refuses, naming the rule, a header
                /// this code MUST NOT carry (for the request's method), and the headers the builder writes
                /// itself (Via, From, To, Call-ID, CSeq, Record-Route, Timestamp, Content-Type,
                /// Content-Length). A header set this way counts for the rules checked at run time, not
                /// for the compile-time ones: use the setter of a required header.
                pub fn header(
                    mut self,
                    name: __rt::header::HeaderName,
                    value: __rt::header::HeaderValue,
                ) -> ::core::result::Result<Self, __rt::RuleViolation> {
                    self.draft.extra_header(name, value)?;
                    ::core::result::Result::Ok(self)
                }

                /// The response as it stands: its code, the request's method, the headers set so far.
                pub fn draft(&self) -> &__rt::Draft {
                    &self.draft
                }

                /// Finishes the response. Compiles once every header the code MUST carry is set; returns
                /// the `Response`, or, where rules are left to check at run time (a code chosen at run
                /// time, or a request whose method is known at run time only and a code whose rules depend
                /// on it), a `Result<Response, RuleViolations>` with every rule it breaks.
                ///
                /// (Each code has its own `build()`, whose `where` bounds are its rules, so that the
                /// compiler's error names the rule a response breaks.)
                #[cfg(doc)]
                pub fn build<O>(self) -> O
                where
                    (): rules::Complete<C, M, S, Output = O>,
                {
                    unreachable!("documentation only: each code has its own `build()`")
                }

                #(#setters)*
            }

            #builds

            #rules
        }
    }
}

/// A status marker and its entry points.
fn marker(ctx: &Ctx<'_>, code: &Code) -> TokenStream {
    let name = ctx.name;
    let ident = variant(code);
    let title = code.title();
    let doc = docs::attr(&format!(
        "{} — {}: see [`{name}::{ident}`](super::{name}::{ident}).\n\nStart a response with \
         [`{ident}::reply_to`].\n{}",
        docs::code(&title),
        code.citation.link(),
        docs::rules(code)
    ));
    let deprecated =
        super::status_code::deprecation(code, "build it only to talk to equipment that needs it");
    let start = start_state(code);
    let answers = answer_bounds(ctx, code);
    // The names of methods with bounds users meet are placed on the spec literal, with the bounds, so
    // the compiler's note on the bound shows one line.
    let reply_to = Ident::new("reply_to", ctx.bound_span);
    let required = required_note(code);
    let reply_doc = docs::attr(&format!(
        "Starts a {} response to `request`, copying its transaction headers (RFC 3261 §8.2.6.2) and, where \
         the response establishes a dialog, its Record-Route (§12.1.1).{required}\n\nWith a typed request \
         ([`RequestHeaders::typed`](super::RequestHeaders::typed)), the rules the spec scopes to \
         its method are checked by the compiler too; with a plain `&RequestHeaders`, where this code has \
         such rules, `build()` checks them when it runs and returns a `Result`.",
        docs::code(&title)
    ));
    let detached_doc = docs::attr(&format!(
        "Starts a {} response that answers no request: it has no Via, From, To, Call-ID or CSeq (RFC 3261 \
         §8.2.6.2 says every response copies them), so it is fit for tests and templates, not for the wire. \
         The code's unconditional MUST headers are still required.",
        docs::code(&title)
    ));
    quote! {
        __marker! {
            #doc
            #deprecated
            #ident, #reply_to, #start, [#((): #answers,)*], #reply_doc, #detached_doc
        }
    }
}

/// ` `build()` compiles once these are set: …` for a code with unconditional MUST rules.
fn required_note(code: &Code) -> String {
    let list: Vec<String> = code
        .checkable_musts()
        .map(|r| {
            let scope = r
                .method
                .as_deref()
                .map_or(String::new(), |m| format!(" (to {m})"));
            format!(
                "{}{scope}, {}",
                sentence::Headers(&r.names(), r.one_of),
                r.citation.link()
            )
        })
        .collect();
    if list.is_empty() {
        return String::new();
    }
    format!(
        " `build()` compiles once these are set: {}.",
        list.join("; ")
    )
}

/// The value type of a header's setter, inside the status module.
fn value_type(header: &Header) -> TokenStream {
    let ty = match header.value {
        ValueKind::Typed => format_ident!("{}", header.type_name()),
        ValueKind::Text => format_ident!("HeaderValue"),
        ValueKind::Token => format_ident!("Token"),
        ValueKind::TokenList => format_ident!("TokenList"),
        ValueKind::NameAddr => format_ident!("NameAddr"),
        ValueKind::Uri => format_ident!("Uri"),
        ValueKind::DeltaSeconds | ValueKind::Managed | ValueKind::NameOnly => {
            format_ident!("DeltaSeconds")
        }
    };
    quote!(__rt::header::#ty)
}

/// The setter of one header: it moves the state where some code requires the header, and exists only for
/// the codes that may carry it where some code forbids it.
fn setter(ctx: &Ctx<'_>, header: &Header) -> TokenStream {
    let setter = Ident::new(&header.setter(), ctx.bound_span);
    let ty = value_type(header);
    let name = lit(&header.name);
    let multiple = header.multiple;
    let mut doc = format!(
        "{} ({}).",
        sentence::setter_doc(&header.name, multiple),
        header.citation.link()
    );
    let required_by: Vec<String> = ctx
        .spec
        .codes
        .iter()
        .filter(|c| c.checkable_musts().any(|r| r.names_header(header)))
        .map(|c| format!("`{}`", c.title()))
        .collect();
    if !required_by.is_empty() {
        doc.push_str(&format!(" Required by {}.", required_by.join(", ")));
    }
    let doc = docs::attr(&doc);
    let mut bounds = Vec::new();
    let next = if is_required(ctx, header) {
        let tag = typestate::tag(header);
        bounds.push(quote!(C: rules::Put<rules::header::#tag, S>));
        quote!(<C as rules::Put<rules::header::#tag, S>>::Next)
    } else {
        quote!(S)
    };
    if is_forbidden(ctx, header) {
        let trait_name = Ident::new(&may_carry(header).to_string(), ctx.bound_span);
        let bound = quote_spanned!(ctx.bound_span=> rules::#trait_name<C, M>);
        bounds.push(quote!((): #bound));
    }
    quote! {
        #doc
        pub fn #setter(mut self, value: impl ::core::convert::Into<#ty>) -> Builder<C, M, #next>
        where
            #(#bounds,)*
        {
            self.draft.set(#name, &value.into(), #multiple);
            self.into_state()
        }
    }
}
