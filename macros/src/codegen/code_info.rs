//! One code's row of the generated data table (`runtime::code::CodeInfo`): its rules, phrase, class,
//! citation, description, registry status, aliases and behaviour, the runtime's types named as the
//! table's block imports them.

use proc_macro2::TokenStream;
use quote::quote;

use super::rules_data::RuleTable;
use super::{Ctx, citation, lit};
use crate::spec::model::Code;

/// The `CodeInfo` of `code`.
pub fn row(ctx: &Ctx<'_>, table: &mut RuleTable, code: &Code) -> TokenStream {
    let rt = &ctx.rt;
    let rules = table.code_rules(ctx, code);
    let digits = lit(&code.code.to_string());
    let status_text = lit(&code.title());
    let class =
        proc_macro2::Ident::new(&format!("{:?}", code.class), proc_macro2::Span::call_site());
    let cite = citation(rt, &code.citation);
    let description = lit(&code.description);
    let registry = proc_macro2::Ident::new(
        &format!("{:?}", code.status),
        proc_macro2::Span::call_site(),
    );
    let aliases = code.aliases.iter().map(|a| lit(&a.phrase));
    let behaviour = behaviour(rt, code);
    quote! {
        CodeInfo {
            rules: #rules,
            digits: #digits,
            status_text: #status_text,
            class: StatusClass::#class,
            citation: #cite,
            description: #description,
            registry: RegistryStatus::#registry,
            aliases: &[#(#aliases),*],
            behaviour: #behaviour,
        }
    }
}

/// The `Behaviour` of `code`.
fn behaviour(rt: &TokenStream, code: &Code) -> TokenStream {
    let b = &code.behaviour;
    let fact = |kind: &str, value: String, cite: &crate::spec::model::Citation| {
        let kind = proc_macro2::Ident::new(kind, proc_macro2::Span::call_site());
        let value = proc_macro2::Ident::new(&value, proc_macro2::Span::call_site());
        let cite = citation(rt, cite);
        quote!(Fact { value: #kind::#value, citation: #cite })
    };
    let dialog = fact(
        "DialogEffect",
        format!("{:?}", b.dialog.value),
        &b.dialog.citation,
    );
    let exceptions = b.dialog_exceptions.iter().map(|(methods, effect)| {
        let methods = methods.iter().map(|m| lit(m));
        let effect =
            proc_macro2::Ident::new(&format!("{effect:?}"), proc_macro2::Span::call_site());
        quote!((&[#(#methods),*], DialogEffect::#effect))
    });
    let uac = fact("UacAction", format!("{:?}", b.uac.value), &b.uac.citation);
    let proxy = fact(
        "ProxyHandling",
        format!("{:?}", b.proxy.value),
        &b.proxy.citation,
    );
    let retry_after = match &b.retry_after {
        Some(f) => {
            let f = fact("RetryAfterMeaning", format!("{:?}", f.value), &f.citation);
            quote!(Some(#f))
        }
        None => quote!(None),
    };
    let sent_by = match &b.sent_by {
        Some(f) => {
            let who = &f.value;
            let (uas, proxy, registrar, redirect, stack) =
                (who.uas, who.proxy, who.registrar, who.redirect, who.stack);
            let cite = citation(rt, &f.citation);
            quote!(Some(Fact {
                value: SentBy { uas: #uas, proxy: #proxy, registrar: #registrar, redirect: #redirect, stack: #stack },
                citation: #cite,
            }))
        }
        None => quote!(None),
    };
    quote! {
        Behaviour {
            dialog: #dialog,
            dialog_exceptions: &[#(#exceptions),*],
            uac: #uac,
            proxy: #proxy,
            retry_after: #retry_after,
            sent_by: #sent_by,
        }
    }
}
