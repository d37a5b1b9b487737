//! The status-line types of the enum: `StatusLine`, owned, and `StatusLineRef`, borrowed from the caller's
//! buffer. Each is a type of the invoking crate (its methods are on its own documentation page), a thin
//! wrapper over the runtime's parser.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::{Ctx, docs, line_name};

pub fn generate(ctx: &Ctx<'_>) -> TokenStream {
    let Ctx {
        rt, name, input, ..
    } = ctx;
    let krate = &input.krate;
    let vis = &input.vis;
    let line = line_name(name);
    let line_ref = format_ident!("{line}Ref");
    // The owned and the borrowed line, for the impls both have alike.
    let both = [quote!(#line), quote!(#line_ref<'_>)];
    let line_doc = docs::attr(&format!(
        "A SIP status line, kept as sent (`SIP/2.0 403 Wrong Guess`): the version, a code looked up in \
         [`{name}`], and the reason phrase byte for byte (RFC 3261 §7.2, §25: `SIP-Version SP Status-Code SP \
         Reason-Phrase`).\n\nA line of up to 56 bytes (every IANA phrase fits) is kept inside the value, so \
         parsing one does not allocate. [`{line_ref}`] is the same line borrowed from the caller's buffer.\n\n\
         ```\nlet line: sip_codes::StatusLine = \"SIP/2.0 403 Wrong Guess\".parse()?;\n\
         assert_eq!(line.code(), 403);\nassert_eq!(line.reason(), \"Wrong Guess\");\n\
         assert_eq!(line.status(), Some(sip_codes::StatusCode::Forbidden));\n\
         assert!(\"SIP/3.0 200 OK\".parse::<sip_codes::StatusLine>().is_err());\n\
         # Ok::<(), sip_codes::Error>(())\n```"
    ));
    let line_ref_doc = docs::attr(&format!(
        "A [`{line}`] borrowed from the caller's buffer: the same parser and accessors, without allocating \
         or copying."
    ));
    let status_doc = docs::attr(&format!(
        "The code as a member of [`{name}`], if the spec knows it."
    ));
    let interpret_ref_doc = docs::attr(&format!(
        "The code as RFC 3261 §8.1.3.2 reads it (see [`{line}::interpret`])."
    ));
    let inner = quote!(#rt::StatusLine<#name>);
    let inner_ref = quote!(#rt::status_line::StatusLineRef<'a, #name>);
    quote! {
        #line_doc
        #[derive(Clone, PartialEq, Eq)]
        #vis struct #line(#inner);

        #line_ref_doc
        #[derive(Clone, Copy, PartialEq, Eq)]
        #vis struct #line_ref<'a>(#inner_ref);

        const _: () = {
            use ::core::result::Result;
            use ::core::option::Option;

            impl #line {
                /// Parses a status line handed over as a `String` (kept on the heap as it is).
                #[inline]
                pub fn parse(line: ::std::string::String) -> Result<Self, #rt::Error> {
                    #rt::StatusLine::parse(line).map(Self)
                }

                /// The status line of `status` with its IANA phrase: `SIP/2.0 405 Method Not Allowed`.
                #[inline]
                pub fn new(status: #name) -> Self {
                    Self(#rt::StatusLine::new(status))
                }

                /// Parses the status line at the start of a whole message (bytes, up to its first CRLF or
                /// LF), and gives the offset where the headers start.
                #[inline]
                pub fn parse_message_start(message: &[u8]) -> Result<(Self, usize), #rt::Error> {
                    #rt::StatusLine::parse_message_start_as(message, Self)
                }

                /// The line, borrowed.
                #[inline]
                pub fn borrowed(&self) -> #line_ref<'_> {
                    #line_ref(self.0.borrowed())
                }

                /// The three-digit code, known to the spec or not (`499`).
                #[inline]
                pub fn code(&self) -> u16 {
                    self.0.code()
                }

                #status_doc
                #[inline]
                pub fn status(&self) -> Option<#name> {
                    self.0.status()
                }

                /// The code as RFC 3261 §8.1.3.2 reads it: a code the spec does not know is the x00 code of
                /// its class (an unknown provisional code is 183).
                #[inline]
                pub fn interpret(&self) -> Result<#name, #rt::code::InterpretError> {
                    self.0.interpret()
                }

                /// The class of the code (RFC 3261 §7.2).
                #[inline]
                pub fn class(&self) -> #rt::StatusClass {
                    self.0.class()
                }

                /// The reason phrase as sent (`"Wrong Guess"`), possibly empty.
                #[inline]
                pub fn reason(&self) -> &str {
                    self.0.reason()
                }

                /// The SIP version as sent (`"SIP/2.0"`; the version is case-insensitive, RFC 3261 §7.1).
                #[inline]
                pub fn version(&self) -> &str {
                    self.0.version()
                }

                /// The whole line as sent, without its line end.
                #[inline]
                pub fn as_str(&self) -> &str {
                    self.0.as_str()
                }

                /// The runtime's line, for code generic over specs.
                #[inline]
                pub fn into_inner(self) -> #inner {
                    self.0
                }

                #[doc(hidden)]
                #[inline]
                pub fn from_inner(line: #inner) -> Self {
                    Self(line)
                }
            }

            impl<'a> #line_ref<'a> {
                /// Parses a status line borrowed from `line`.
                #[inline]
                pub fn parse(line: &'a str) -> Result<Self, #rt::Error> {
                    #rt::status_line::StatusLineRef::parse_as(line, Self)
                }

                /// Parses the status line at the start of a whole message, and gives the offset where the
                /// headers start.
                #[inline]
                pub fn parse_message_start(message: &'a [u8]) -> Result<(Self, usize), #rt::Error> {
                    #rt::status_line::StatusLineRef::parse_message_start_as(message, Self)
                }

                /// The three-digit code, known to the spec or not.
                #[inline]
                pub fn code(&self) -> u16 {
                    self.0.code()
                }

                #status_doc
                #[inline]
                pub fn status(&self) -> Option<#name> {
                    self.0.status()
                }

                #interpret_ref_doc
                #[inline]
                pub fn interpret(&self) -> Result<#name, #rt::code::InterpretError> {
                    self.0.interpret()
                }

                /// The class of the code.
                #[inline]
                pub fn class(&self) -> #rt::StatusClass {
                    self.0.class()
                }

                /// The reason phrase as sent, borrowed from the buffer.
                #[inline]
                pub fn reason(&self) -> &'a str {
                    self.0.reason()
                }

                /// The SIP version as sent.
                #[inline]
                pub fn version(&self) -> &'a str {
                    self.0.version()
                }

                /// The whole line as sent.
                #[inline]
                pub fn as_str(&self) -> &'a str {
                    self.0.as_str()
                }

                /// The line, owned.
                #[inline]
                pub fn to_owned_line(&self) -> #line {
                    #line(self.0.to_owned_line())
                }
            }

            #(
                impl ::core::fmt::Debug for #both {
                    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                        ::core::fmt::Debug::fmt(&self.0, f)
                    }
                }

                /// Writes the line as sent.
                impl ::core::fmt::Display for #both {
                    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                        ::core::fmt::Display::fmt(&self.0, f)
                    }
                }
            )*

            impl ::core::str::FromStr for #line {
                type Err = #rt::Error;
                #[inline]
                fn from_str(line: &str) -> Result<Self, #rt::Error> {
                    #rt::StatusLine::parse_str_as(line, Self)
                }
            }

            impl ::core::convert::TryFrom<&str> for #line {
                type Error = #rt::Error;
                fn try_from(line: &str) -> Result<Self, #rt::Error> {
                    line.parse()
                }
            }

            impl ::core::convert::TryFrom<::std::string::String> for #line {
                type Error = #rt::Error;
                fn try_from(line: ::std::string::String) -> Result<Self, #rt::Error> {
                    Self::parse(line)
                }
            }

            impl<'a> ::core::convert::TryFrom<&'a str> for #line_ref<'a> {
                type Error = #rt::Error;
                fn try_from(line: &'a str) -> Result<Self, #rt::Error> {
                    Self::parse(line)
                }
            }

            impl ::core::convert::From<#name> for #line {
                fn from(status: #name) -> Self {
                    Self::new(status)
                }
            }

            impl ::core::convert::From<#line> for #inner {
                fn from(line: #line) -> Self {
                    line.0
                }
            }
        };

        #krate::__private::serde_line!(#line);
    }
}
