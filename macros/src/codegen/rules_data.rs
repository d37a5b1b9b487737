//! The spec's rules as static data (`runtime::CodeRules` of each code): what `header_rules()` returns and
//! what every run-time check reads. A rule shared by many codes (the `common` ones) is one `const`.

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use super::{Ctx, citation, lit, option_lit};
use crate::spec::model::{AnswerRule, Code, LEVELS, Rule};

/// What makes two rules the same `const`: headers, one-of, method, condition and citation.
type RuleKey = (Vec<String>, bool, Option<String>, Option<String>, String);

/// Every distinct rule of the spec as one `const`, and the `CodeRules` expression of each code.
#[derive(Default)]
pub struct RuleTable {
    consts: Vec<TokenStream>,
    rules: Vec<RuleKey>,
    answers: Vec<AnswerRule>,
}

impl RuleTable {
    /// The name of the const for `rule`, defining it on first use.
    fn rule(&mut self, ctx: &Ctx<'_>, rule: &Rule) -> Ident {
        let key = (
            rule.names()
                .into_iter()
                .map(String::from)
                .collect::<Vec<_>>(),
            rule.one_of,
            rule.method.clone(),
            rule.condition.clone(),
            rule.citation.text(),
        );
        if let Some(index) = self.rules.iter().position(|seen| *seen == key) {
            return format_ident!("RULE_{index}");
        }
        let name = format_ident!("RULE_{}", self.rules.len());
        let rt = &ctx.rt;
        let headers = rule.headers.iter().map(|h| lit(&h.name));
        let one_of = rule.one_of;
        let method = option_lit(rule.method.as_deref());
        let condition = option_lit(rule.condition.as_deref());
        let cite = citation(rt, &rule.citation);
        self.consts.push(quote! {
            const #name: #rt::Rule = #rt::Rule {
                headers: &[#(#headers),*],
                one_of: #one_of,
                method: #method,
                condition: #condition,
                citation: #cite,
            };
        });
        self.rules.push(key);
        name
    }

    /// The name of the const for an answer rule, defining it on first use.
    fn answer(&mut self, ctx: &Ctx<'_>, rule: &AnswerRule) -> Ident {
        if let Some(index) = self.answers.iter().position(|seen| seen == rule) {
            return format_ident!("ANSWERS_{index}");
        }
        let name = format_ident!("ANSWERS_{}", self.answers.len());
        let rt = &ctx.rt;
        let methods = rule.methods.iter().map(|m| lit(m));
        let only = rule.only;
        let cite = citation(rt, &rule.citation);
        self.consts.push(quote! {
            const #name: #rt::rules::AnswerRule = #rt::rules::AnswerRule {
                methods: &[#(#methods),*],
                only: #only,
                citation: #cite,
            };
        });
        self.answers.push(rule.clone());
        name
    }

    /// The `CodeRules` of `code`: its own answer rules first, then the common ones, so that a run-time
    /// refusal cites the same rule as the compile error.
    pub fn code_rules(&mut self, ctx: &Ctx<'_>, code: &Code) -> TokenStream {
        let rt = &ctx.rt;
        let [must, should, may, must_not] = LEVELS.map(|level| {
            let names: Vec<Ident> = code
                .rules
                .list(level)
                .iter()
                .map(|r| self.rule(ctx, r))
                .collect();
            quote!(&[#(#names),*])
        });
        let answers: Vec<Ident> = code.all_answers().map(|r| self.answer(ctx, r)).collect();
        let number = code.code;
        let phrase = lit(&code.phrase);
        quote! {
            #rt::CodeRules {
                code: #number,
                phrase: #phrase,
                headers: #rt::HeaderRules { must: #must, should: #should, may: #may, must_not: #must_not },
                answers: &[#(#answers),*],
            }
        }
    }

    /// The `const` items of every rule used so far.
    pub fn consts(&self) -> &[TokenStream] {
        &self.consts
    }
}
