//! The `rules` module inside the status module: the traits behind the typestate builder's compile-time
//! checks, and their impls.
//!
//! A builder's state `S` holds one slot per MUST rule the compiler can check for its code (a one-of group
//! is one slot; a rule of each method scope that names the same headers shares the slot): `Unset`, then
//! `Set` once a setter of one of its headers is called (`Put`). `build()` needs `S: Complete<C, M>`, which
//! holds when every slot the rules of code `C` for method `M` need is `Set`; each rule has its own trait,
//! whose `#[diagnostic::on_unimplemented]` is the sentence of the missing header. A header a code MUST NOT
//! carry has a `MayCarry…` trait that code lacks; a code that does not answer a method has an `…Answers…`
//! trait that method lacks, checked by `reply_to`.

use std::rc::Rc;

use proc_macro2::{Ident, Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use sip_codes_core::methods::{self, METHODS};
use sip_codes_core::sentence;

use super::docs::escape_braces;
use super::{Ctx, docs, lit, variant};
use crate::spec::model::{AnswerRule, Code, Header, Rule};

/// One slot of a code's state: the headers of a MUST rule (any of them for a one-of group).
#[derive(Clone, PartialEq, Eq)]
pub struct Slot {
    pub names: Vec<String>,
    pub one_of: bool,
}

/// The slots of `code`, in the order of its rules.
pub fn slots(code: &Code) -> Vec<Slot> {
    let mut slots: Vec<Slot> = Vec::new();
    for rule in code.checkable_musts() {
        let slot = slot_of(rule);
        if !slots.contains(&slot) {
            slots.push(slot);
        }
    }
    slots
}

fn slot_of(rule: &Rule) -> Slot {
    Slot {
        names: rule.names().into_iter().map(String::from).collect(),
        one_of: rule.one_of,
    }
}

/// The state type of `code` at the start: one `Unset` per slot.
pub fn start_state(code: &Code) -> TokenStream {
    let unset = slots(code)
        .iter()
        .map(|_| quote!(__rt::Unset))
        .collect::<Vec<_>>();
    quote!((#(#unset,)*))
}

/// The name of the trait of a MUST rule: `MethodNotAllowedNeedsAllow`, `OkToSubscribeNeedsExpires`,
/// `UnsupportedMediaTypeNeedsOneOfAcceptOrAcceptEncodingOrAcceptLanguage`.
fn rule_trait(code: &Code, rule: &Rule) -> Ident {
    let scope = rule
        .method
        .as_deref()
        .map_or(String::new(), |m| format!("To{}", methods::marker_name(m)));
    let types: Vec<String> = rule.headers.iter().map(|h| h.type_name()).collect();
    let what = if rule.one_of {
        format!("OneOf{}", types.join("Or"))
    } else {
        types.join("")
    };
    format_ident!("{}{scope}Needs{what}", code.variant)
}

/// The name of the trait of an answer rule of `code`: `RingingAnswers0`.
fn answer_trait(code: &Code, index: usize) -> Ident {
    format_ident!("{}Answers{index}", code.variant)
}

/// The name of the `MayCarry` trait of a header some code forbids: `MayCarryMinSe`.
pub fn may_carry(header: &Header) -> Ident {
    format_ident!("MayCarry{}", header.type_name())
}

/// The typestate tag of a header that some code requires: `rules::header::Allow`.
pub fn tag(header: &Header) -> Ident {
    format_ident!("{}", header.type_name())
}

/// Whether some code has a slot for `header`.
pub fn is_required(ctx: &Ctx<'_>, header: &Header) -> bool {
    ctx.spec
        .codes
        .iter()
        .any(|c| slots(c).iter().any(|s| s.names.contains(&header.name)))
}

/// Whether some code forbids `header` in some response.
pub fn is_forbidden(ctx: &Ctx<'_>, header: &Header) -> bool {
    ctx.spec.codes.iter().any(|c| {
        c.rules
            .must_not
            .iter()
            .any(|r| r.condition.is_none() && r.names_header(header))
    })
}

/// The bounds `reply_to` of `code` puts on the request's method.
pub fn answer_bounds(ctx: &Ctx<'_>, code: &Code) -> Vec<TokenStream> {
    let span = ctx.bound_span;
    (0..code.all_answers().count())
        .map(|i| {
            let name = Ident::new(&answer_trait(code, i).to_string(), span);
            quote_spanned!(span=> rules::#name<R::Method>)
        })
        .collect()
}

/// The `rules` module, and the `build()` of each kind of builder (for the status module).
pub fn generate(ctx: &Ctx<'_>, setter_headers: &[Rc<Header>]) -> (TokenStream, TokenStream) {
    let codes = &ctx.spec.codes;
    let required: Vec<&Rc<Header>> = setter_headers
        .iter()
        .filter(|h| is_required(ctx, h))
        .collect();
    let forbidden: Vec<&Rc<Header>> = setter_headers
        .iter()
        .filter(|h| is_forbidden(ctx, h))
        .collect();
    let tags = required.iter().map(|h| {
        let tag = tag(h);
        let doc = docs::attr(&format!("The `{}` header, as `Put` names it.", h.name));
        quote!(#doc pub struct #tag;)
    });
    let puts = required.iter().map(|h| puts(ctx, h));
    let no_slots = codes.iter().filter(|c| slots(c).is_empty()).map(variant);
    let may_carry = forbidden.iter().map(|h| may_carry_impls(ctx, h));
    let (code_items, builds): (Vec<TokenStream>, Vec<TokenStream>) = codes
        .iter()
        .map(|code| code_items(code, ctx.bound_span))
        .unzip();
    let rules = quote! {
        /// The traits behind the builder's compile-time checks (see the module's `Builder`).
        #[doc(hidden)]
        pub mod rules {
            use super::__rt;

            /// `(): Complete<C, M, S>`: in state `S`, a response of code `C` to method `M` has every
            /// header its rules require; what `build()` returns then. This is the contract the docs
            /// state; the compiler checks each code's rules on its own `build()`.
            #[cfg(doc)]
            pub trait Complete<C, M, S> {
                /// `Response`, or `Result<Response, RuleViolations>` where rules are checked at run time.
                type Output;
            }

            /// `C: Put<H, S>`: setting header `H` on a builder of code `C` in state `S` leads to `Next`.
            pub trait Put<H, S> {
                /// The state after the setter.
                type Next;
            }

            /// The headers some code requires, as `Put` names them.
            pub mod header {
                #(#tags)*
            }

            // The codes are named by their markers in the status module. A code without any required
            // header (and a code chosen at run time, `AnyCode`) keeps its state for every header,
            // through one blanket impl per header; the others say so per header.
            macro_rules! __keep_state {
                ($header:ident: $($code:ident),*) => {
                    impl<C: NoSlots, S> Put<header::$header, S> for C { type Next = S; }
                    $(impl<S> Put<header::$header, S> for super::$code { type Next = S; })*
                };
            }

            /// A code whose builder has no state: it requires no header.
            pub trait NoSlots {}
            impl NoSlots for __rt::AnyCode {}
            #(impl NoSlots for super::#no_slots {})*

            // A code chosen at run time may carry every header (its `build()` checks the rules).
            macro_rules! __permit {
                ($permit:ident: $($code:ident),*) => {
                    impl<T, M> $permit<__rt::AnyCode, M> for T {}
                    $(impl<T, M> $permit<super::$code, M> for T {})*
                };
            }

            // The methods are named by their markers in `method`.
            macro_rules! __answers {
                ($answers:ident: $($method:ident),*) => {
                    $(impl<T> $answers<__rt::method::$method> for T {})*
                };
            }

            #[cfg(doc)]
            impl<T, M> Complete<__rt::AnyCode, M, ()> for T {
                type Output = ::core::result::Result<__rt::Response, __rt::RuleViolations>;
            }

            #(#puts)*
            #(#may_carry)*
            #(#code_items)*
        }
    };
    let builds = quote! {
        #[cfg(not(doc))]
        #[doc(hidden)]
        impl<M> Builder<__rt::AnyCode, M, ()> {
            pub fn build(self) -> ::core::result::Result<__rt::Response, __rt::RuleViolations> {
                self.draft.finish_checked()
            }
        }
        // The `build()` users call: its bounds are the rule traits themselves, so a missing header is
        // one error that names the rule and nothing in between; and, for the docs, the same as the
        // documented `build()` states it. `response`: a typed request's or no request's builder;
        // `unscoped`: those of the methods a trait names; `checked`: a request whose method is known
        // at run time only; `finish`: any request, the method checked when known at run time only;
        // `any`: any request, nothing to check.
        macro_rules! __build {
            (response $build:ident $code:ident<$method:ty> [$($p:ident),*] where $($bound:tt)*) => {
                __build!(@ $build $code<$method> [$($p),*] [] __rt::Response, self => self.draft.finish(), $($bound)*);
            };
            (checked $build:ident $code:ident<$method:ty> [$($p:ident),*] where $($bound:tt)*) => {
                __build!(@ $build $code<$method> [$($p),*] []
                    ::core::result::Result<__rt::Response, __rt::RuleViolations>,
                    self => self.draft.finish_checked(), $($bound)*);
            };
            (finish $build:ident $code:ident<$method:ty> [$($p:ident),*] where $($bound:tt)*) => {
                __build!(@ $build $code<M> [$($p),*] [M: __rt::method::Finish,]
                    <M as __rt::method::Finish>::Output,
                    self => <M as __rt::method::Finish>::finish(self.draft), $($bound)*);
            };
            (unscoped $build:ident $code:ident<$methods:path> [$($p:ident),*] where $($bound:tt)*) => {
                __build!(@ $build $code<M> [$($p),*] [M: $methods,] __rt::Response, self => self.draft.finish(), $($bound)*);
            };
            (any $build:ident $code:ident<$method:ty> [$($p:ident),*] where $($bound:tt)*) => {
                __build!(@ $build $code<M> [$($p),*] [M,] __rt::Response, self => self.draft.finish(), $($bound)*);
            };
            (@ $build:ident $code:ident<$method:ty> [$($p:ident),*] [$($g:tt)*] $output:ty,
                $this:ident => $finish:expr, $($bound:tt)*) => {
                #[cfg(not(doc))]
                #[doc(hidden)]
                impl<$($g)* $($p),*> Builder<$code, $method, ($($p,)*)> {
                    #[inline]
                    pub fn $build($this) -> $output where $($bound)* { $finish }
                }
                #[cfg(doc)]
                impl<T, $($g)* $($p),*> rules::Complete<$code, $method, ($($p,)*)> for T where $($bound)* {
                    type Output = $output;
                }
            };
        }

        #(#builds)*
    };
    (rules, builds)
}

/// The `Put` impls of a required header: the state moves for the codes with a slot of it, stays for the
/// others and for a code chosen at run time.
fn puts(ctx: &Ctx<'_>, header: &Header) -> TokenStream {
    let tag = tag(header);
    let mut keep = Vec::new();
    let mut moves = Vec::new();
    for code in &ctx.spec.codes {
        let ident = variant(code);
        let slots = slots(code);
        if slots.is_empty() {
            // `NoSlots`: the blanket impl keeps its state.
            continue;
        }
        if !slots.iter().any(|s| s.names.contains(&header.name)) {
            keep.push(ident);
            continue;
        }
        let params: Vec<Ident> = (0..slots.len()).map(|i| format_ident!("S{i}")).collect();
        let next = slots.iter().zip(&params).map(|(slot, param)| {
            if slot.names.contains(&header.name) {
                quote!(__rt::Set)
            } else {
                quote!(#param)
            }
        });
        moves.push(quote! {
            impl<#(#params),*> Put<header::#tag, (#(#params,)*)> for super::#ident { type Next = (#(#next,)*); }
        });
    }
    quote! {
        __keep_state!(#tag: #(#keep),*);
        #(#moves)*
    }
}

/// The `MayCarry…` trait of a header some code forbids, and its impls for the codes that may carry it.
fn may_carry_impls(ctx: &Ctx<'_>, header: &Header) -> TokenStream {
    let name = may_carry(header);
    let rules: Vec<(&Code, &Rule)> = ctx
        .spec
        .codes
        .iter()
        .flat_map(|c| {
            c.rules
                .must_not
                .iter()
                .filter(|r| r.condition.is_none() && r.names_header(header))
                .map(move |r| (c, r))
        })
        .collect();
    let mut citations: Vec<String> = rules.iter().map(|(_, r)| r.citation.text()).collect();
    citations.dedup();
    let why = rules.iter().find_map(|(_, r)| r.why.clone());
    let message = if citations.len() == 1 {
        format!(
            "a `{{C}}` response must not carry the `{}` header ({})",
            header.name,
            escape_braces(&citations[0])
        )
    } else {
        format!(
            "a `{{C}}` response must not carry the `{}` header (see the rules of its code)",
            header.name
        )
    };
    let label = format!("`{}` is forbidden here", header.name);
    let note = match why {
        Some(why) => escape_braces(&why),
        None => format!("remove the `.{}(...)` call", header.setter()),
    };
    let (message, label, note) = (lit(&message), lit(&label), lit(&note));
    let mut permit = Vec::new();
    let mut scoped = Vec::new();
    for code in &ctx.spec.codes {
        let ident = variant(code);
        if code.forbids(header, None) {
            continue;
        }
        let forbidden_for: Vec<&str> = METHODS
            .iter()
            .map(|m| m.name)
            .filter(|m| code.forbids(header, Some(m)))
            .collect();
        if forbidden_for.is_empty() {
            permit.push(ident);
            continue;
        }
        for method in METHODS.iter().filter(|m| !forbidden_for.contains(&m.name)) {
            let marker = format_ident!("{}", methods::marker_name(method.name));
            scoped.push(quote!(impl<T> #name<super::#ident, __rt::method::#marker> for T {}));
        }
        scoped.push(quote!(impl<T> #name<super::#ident, __rt::method::AnyMethod> for T {}));
        scoped.push(quote!(impl<T> #name<super::#ident, __rt::method::Detached> for T {}));
    }
    quote! {
        #[diagnostic::on_unimplemented(message = #message, label = #label, note = #note)]
        pub trait #name<C, M> {}
        __permit!(#name: #(#permit),*);
        #(#scoped)*
    }
}

/// The items of one code: its rule traits, its answer traits and their impls, its `Complete` impls.
fn code_items(code: &Code, span: Span) -> (TokenStream, TokenStream) {
    let mut out = TokenStream::new();
    let mut builds = TokenStream::new();
    // The trait of each checkable MUST rule.
    for rule in code.checkable_musts() {
        out.extend(rule_trait_item(code, rule));
    }
    // The traits of its answer rules, implemented for the methods each rule lets it answer.
    for (i, rule) in code.all_answers().enumerate() {
        out.extend(answer_trait_item(code, i, rule));
    }
    let ident = variant(code);
    let slots = slots(code);
    let params: Vec<Ident> = (0..slots.len()).map(|i| format_ident!("S{i}")).collect();
    let bounds = |method: Option<&str>| -> Vec<TokenStream> {
        code.checkable_musts()
            .filter(|r| r.holds_for(method))
            .map(|r| {
                let index = slots.iter().position(|s| *s == slot_of(r)).unwrap_or(0);
                // Both names on the spec literal, so that the compiler's note on the bound points there.
                let param = Ident::new(&params[index].to_string(), span);
                let name = Ident::new(&rule_trait(code, r).to_string(), span);
                quote_spanned!(span=> #param: rules::#name)
            })
            .collect()
    };
    // Each kind of builder of this code: what its `build()` returns (a word of `__build!`), its method
    // type, and the bounds of its `build()`.
    let mut kinds: Vec<(&str, TokenStream, Vec<TokenStream>)> = Vec::new();
    let scoped = |method: &str| {
        code.checkable_musts()
            .any(|r| r.method.as_deref() == Some(method))
    };
    if METHODS.iter().any(|m| scoped(m.name)) {
        // A `build()` per method with rules of its own; one for the other methods and no request,
        // through a trait the code's module implements for them; one for a method known at run time.
        let mut unscoped = Vec::new();
        for method in METHODS {
            let marker = format_ident!("{}", methods::marker_name(method.name));
            if scoped(method.name) {
                kinds.push((
                    "response",
                    quote!(__rt::method::#marker),
                    bounds(Some(method.name)),
                ));
            } else {
                unscoped.push(marker);
            }
        }
        let name = format_ident!("{}Unscoped", code.variant);
        out.extend(quote! {
            /// The methods (and no request) whose responses of this code have no rules of their own.
            pub trait #name {}
            #(impl #name for __rt::method::#unscoped {})*
            impl #name for __rt::method::Detached {}
        });
        kinds.push(("unscoped", quote!(rules::#name), bounds(None)));
        kinds.push(("checked", quote!(__rt::method::AnyMethod), bounds(None)));
    } else if code.needs_method() || code.all_answers().next().is_some() {
        // Rules that hang on the method (a MUST NOT scoped to one, the methods a code answers), which the
        // setters and `reply_to` check for a typed request: a request whose method is known at run time
        // only is checked when `build()` runs.
        kinds.push(("finish", quote!(M), bounds(None)));
    } else {
        kinds.push(("any", quote!(M), bounds(None)));
    }
    let build = Ident::new("build", span);
    for (kind, method, bounds) in kinds {
        let kind = Ident::new(kind, Span::call_site());
        builds.extend(quote! {
            __build!(#kind #build #ident<#method> [#(#params),*] where #(#bounds),*);
        });
    }
    (out, builds)
}

/// The trait of one MUST rule, whose unimplemented message is the sentence of the missing header.
fn rule_trait_item(code: &Code, rule: &Rule) -> TokenStream {
    let name = rule_trait(code, rule);
    let subject = code.subject(rule.method.as_deref());
    let names = rule.names();
    let message = sentence::requires(subject, &names, rule.one_of, rule.citation.as_sentence());
    let setters: Vec<String> = rule.headers.iter().map(|h| h.setter()).collect();
    let setters: Vec<&str> = setters.iter().map(String::as_str).collect();
    let fix = sentence::fix_by_calling(&setters);
    let label = format!("missing {}: {fix}", sentence::Headers(&names, rule.one_of));
    let note = rule.why.clone().unwrap_or_default();
    let doc = docs::attr(&format!(
        "Satisfied once {} is set: {message}.",
        sentence::Headers(&names, rule.one_of)
    ));
    let (message, label) = (lit(&escape_braces(&message)), lit(&escape_braces(&label)));
    // A note only where the spec says why: the label already says how to fix it.
    let note = (!note.is_empty()).then(|| {
        let note = lit(&escape_braces(&note));
        quote!(, note = #note)
    });
    quote! {
        #doc
        #[diagnostic::on_unimplemented(message = #message, label = #label #note)]
        pub trait #name {}
        #[diagnostic::do_not_recommend]
        impl #name for __rt::Set {}
    }
}

/// The trait of one answer rule of `code`, implemented for the methods it lets `code` answer, for a
/// request whose method is known at run time only, and for no request.
fn answer_trait_item(code: &Code, index: usize, rule: &AnswerRule) -> TokenStream {
    let name = answer_trait(code, index);
    let methods_named: Vec<&str> = rule.methods.iter().map(String::as_str).collect();
    let message = sentence::answers(
        code.code,
        &code.phrase,
        &methods_named,
        rule.only,
        Some(rule.citation.as_sentence()),
    );
    let label = "this request's method is `{M}`";
    let note = rule.why.as_deref().unwrap_or(
        "a response starts from `reply_to(&request)` with a request it may answer; for a request of another \
         method, choose another code",
    );
    let (message, note) = (lit(&escape_braces(&message)), lit(&escape_braces(note)));
    let impls = if rule.only {
        let allowed = METHODS
            .iter()
            .filter(|m| rule.allows(m.name))
            .map(|m| format_ident!("{}", methods::marker_name(m.name)));
        quote!(__answers!(#name: #(#allowed,)* AnyMethod, Detached);)
    } else {
        // One impl for every method but those named: `IsNot` (which `AnyMethod` and `Detached` have
        // for every method). `do_not_recommend` keeps the error on this trait, with its sentence.
        let refused = rule
            .methods
            .iter()
            .map(|m| format_ident!("{}", methods::marker_name(m)));
        quote! {
            #[diagnostic::do_not_recommend]
            impl<T, M: #(__rt::method::IsNot<__rt::method::#refused>)+*> #name<M> for T {}
        }
    };
    quote! {
        #[diagnostic::on_unimplemented(message = #message, label = #label, note = #note)]
        pub trait #name<M> {}
        #impls
    }
}
