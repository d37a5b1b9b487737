//! ISUP/Q.850 cause values and SIP responses, both ways: `to_q850`, `from_q850`, `q850_name` and the
//! `Reason` header of `q850_reason`, from the spec's `q850` block.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::{Ctx, docs, variant};

pub fn generate(ctx: &Ctx<'_>) -> TokenStream {
    let Ctx { spec, rt, name, .. } = ctx;
    let empty = crate::spec::model::Q850::default();
    let q = spec.q850.as_ref().unwrap_or(&empty);
    let in_spec = |code: u16| spec.codes.iter().find(|c| c.code == code).map(variant);
    let to_sip = q.to_sip.iter().filter_map(|&(cause, code)| {
        let variant = in_spec(code)?;
        Some(quote!(#cause => Some(Self::#variant)))
    });
    let to_sip_none = &q.to_sip_none;
    let to_sip_none = (!to_sip_none.is_empty()).then(|| quote!(#(#to_sip_none)|* => None,));
    let to_sip_default = match in_spec(q.to_sip_default) {
        Some(variant) if spec.q850.is_some() => {
            quote!(Some(Self::#variant))
        }
        _ => quote!(None),
    };
    let from_sip = q.from_sip.iter().filter_map(|&(code, cause)| {
        let variant = in_spec(code)?;
        Some(quote!(Self::#variant => Some(#cause)))
    });
    let from_sip_none = q
        .from_sip_none
        .iter()
        .filter_map(|&code| in_spec(code))
        .collect::<Vec<_>>();
    let from_sip_none =
        (!from_sip_none.is_empty()).then(|| quote!(#(Self::#from_sip_none)|* => None,));
    let from_sip_default = match spec.q850 {
        Some(_) => {
            let cause = Literal::u8_unsuffixed(q.from_sip_default);
            quote!(Some(#cause))
        }
        None => quote!(None),
    };
    let names = q
        .names
        .iter()
        .map(|(cause, name)| quote!(#cause => Some(#name)));
    let to_cite = q.to_sip_citation.text();
    let from_cite = q.from_sip_citation.text();
    let to_doc = docs::attr(&format!(
        "The ISUP/Q.850 cause value a gateway sends for this response ({from_cite}): the listed value, \
         the table's default for an unlisted failure code, `None` for 1xx-3xx and where the table says \
         there is no mapping."
    ));
    let from_doc = docs::attr(&format!(
        "The response a gateway sends for an ISUP/Q.850 cause value ({to_cite}): the listed code, the \
         table's default for an unlisted cause, `None` outside 1-127 and for causes that end a call \
         without a failure response (16 Normal call clearing gives a BYE or CANCEL)."
    ));
    quote! {
        const _: () = {
        use ::core::option::Option::{self, None, Some};

        #[allow(deprecated)]
        impl #name {
            #to_doc
            ///
            /// ```
            /// # use sip_codes::StatusCode;
            /// assert_eq!(StatusCode::BusyHere.to_q850(), Some(17));
            /// assert_eq!(StatusCode::Ringing.to_q850(), None);
            /// ```
            #[must_use]
            pub const fn to_q850(self) -> Option<u8> {
                if (self as u16) < 400 {
                    return None;
                }
                #[allow(unreachable_patterns)]
                match self {
                    #from_sip_none
                    #(#from_sip,)*
                    _ => #from_sip_default,
                }
            }

            #from_doc
            ///
            /// ```
            /// # use sip_codes::StatusCode;
            /// assert_eq!(StatusCode::from_q850(17), Some(StatusCode::BusyHere));
            /// assert_eq!(StatusCode::from_q850(16), None);
            /// ```
            #[must_use]
            pub const fn from_q850(cause: u8) -> Option<Self> {
                #[allow(unreachable_patterns)]
                match cause {
                    0 | 128..=u8::MAX => None,
                    #to_sip_none
                    #(#to_sip,)*
                    _ => #to_sip_default,
                }
            }

            /// The name of an ISUP/Q.850 cause value, as the interworking tables give it (`17` → `"User busy"`).
            #[must_use]
            pub const fn q850_name(cause: u8) -> Option<&'static str> {
                match cause {
                    #(#names,)*
                    _ => None,
                }
            }

            /// The `Reason` header a response of this code carries its Q.850 cause in (RFC 3326, RFC 6432 §3):
            /// `Reason: Q.850;cause=17;text="User busy"` for 486. `None` where [`Self::to_q850`] is.
            ///
            /// ```
            /// # use sip_codes::StatusCode;
            /// let reason = StatusCode::BusyHere.q850_reason().unwrap();
            /// assert_eq!(reason.to_string(), r#"Q.850;cause=17;text="User busy""#);
            /// ```
            #[must_use]
            pub fn q850_reason(self) -> Option<#rt::header::Reason> {
                let cause = self.to_q850()?;
                let reason = #rt::header::Reason::q850(cause).ok()?;
                match Self::q850_name(cause) {
                    Some(text) => reason.with_text(text).ok(),
                    None => Some(reason),
                }
            }
        }
        };
    }
}
