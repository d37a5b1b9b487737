//! The spec file as written: one struct per YAML mapping, with every key the format allows and no other.
//! Checking what the values mean is `validate`'s job.
//!
//! The `Deserialize` impls are written by the [`mapping!`] and [`keyword!`] macros below rather than by
//! `#[derive(Deserialize)]`: serde's derive would put `serde_derive` (and the wait for it) on the cold-build
//! path of every user of `sip-codes`. The errors are serde's own (`unknown field`, `missing field`,
//! `duplicate field`, `unknown variant`), and serde_yaml still attaches the line and column.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserialize, DeserializeSeed, Deserializer, MapAccess, Visitor};

/// Declares a struct read from a YAML mapping with exactly these keys (unknown keys are an error).
/// A field marked `required` must be present; one marked `default` takes `Default::default()` when absent.
macro_rules! mapping {
    (
        $(#[$meta:meta])*
        pub struct $name:ident {
            $( $(#[$field_meta:meta])* pub $field:ident: $ty:ty = $presence:ident, )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug)]
        pub struct $name {
            $( $(#[$field_meta])* pub $field: $ty, )*
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                const FIELDS: &[&str] = &[$(stringify!($field)),*];
                struct MappingVisitor;
                impl<'de> Visitor<'de> for MappingVisitor {
                    type Value = $name;
                    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        f.write_str(concat!("a mapping (", stringify!($name), ")"))
                    }
                    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<$name, A::Error> {
                        $( let mut $field: Option<$ty> = None; )*
                        while let Some(key) = map.next_key_seed(FieldName(FIELDS))? {
                            match key {
                                $(stringify!($field) => {
                                    if $field.is_some() {
                                        return Err(de::Error::duplicate_field(stringify!($field)));
                                    }
                                    $field = Some(map.next_value()?);
                                })*
                                other => return Err(de::Error::unknown_field(other, FIELDS)),
                            }
                        }
                        Ok($name {
                            $( $field: mapping!(@take $field, $presence), )*
                        })
                    }
                }
                deserializer.deserialize_struct(stringify!($name), FIELDS, MappingVisitor)
            }
        }
    };
    (@take $field:ident, required) => {
        $field.ok_or_else(|| de::Error::missing_field(stringify!($field)))?
    };
    (@take $field:ident, default) => {
        $field.unwrap_or_default()
    };
}

/// Reads a key of a [`mapping!`] struct: one of its field names, or an `unknown field` error raised while the
/// key is read, so that serde_yaml reports the key's own line and column.
struct FieldName(&'static [&'static str]);

impl<'de> DeserializeSeed<'de> for FieldName {
    type Value = &'static str;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<&'static str, D::Error> {
        deserializer.deserialize_identifier(self)
    }
}

impl Visitor<'_> for FieldName {
    type Value = &'static str;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a field name")
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<&'static str, E> {
        self.0
            .iter()
            .find(|&&field| field == key)
            .copied()
            .ok_or_else(|| E::unknown_field(key, self.0))
    }
}

/// Declares an enum read from one of a fixed set of plain scalars.
macro_rules! keyword {
    (
        $(#[$meta:meta])*
        pub enum $name:ident { $( $variant:ident = $text:literal, )* }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum $name { $( $variant, )* }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                deserializer.deserialize_str(KeywordVisitor::<$name>(PhantomData))
            }
        }

        impl Keyword for $name {
            const NAME: &'static str = stringify!($name);
            const VARIANTS: &'static [&'static str] = &[$($text),*];
            fn from_text(text: &str) -> Option<Self> {
                match text {
                    $( $text => Some($name::$variant), )*
                    _ => None,
                }
            }
        }
    };
}

/// What [`KeywordVisitor`] needs of an enum declared with [`keyword!`].
trait Keyword: Sized {
    const NAME: &'static str;
    const VARIANTS: &'static [&'static str];
    fn from_text(text: &str) -> Option<Self>;
}

/// Reads a [`Keyword`] enum from a string.
struct KeywordVisitor<K>(PhantomData<K>);

impl<K: Keyword> Visitor<'_> for KeywordVisitor<K> {
    type Value = K;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "one of {} ({})", K::VARIANTS.join(", "), K::NAME)
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<K, E> {
        K::from_text(text).ok_or_else(|| E::unknown_variant(text, K::VARIANTS))
    }
}

mapping! {
    /// The whole file.
    pub struct RawSpec {
        pub schema: u32 = required,
        /// `sip-codes`: start from the bundled spec.
        pub extends: Option<String> = default,
        /// Headers the spec declares, beyond the catalog's.
        pub headers: Vec<RawHeader> = default,
        pub codes: Vec<RawCode> = default,
        pub overrides: Vec<RawOverride> = default,
        pub common: Option<RawCommon> = default,
        pub q850: Option<RawQ850> = default,
    }
}

mapping! {
    /// One entry of `headers`: a header the spec declares.
    pub struct RawHeader {
        pub name: String = required,
        /// The compact form, one letter.
        pub compact: Option<String> = default,
        pub multiple: Option<bool> = default,
        /// `text`, `token`, `token-list`, `name-addr`, `uri` or `delta-seconds`.
        pub value: String = required,
        pub rfc: Option<u32> = default,
        pub section: Option<String> = default,
        pub source: Option<String> = default,
    }
}

mapping! {
    /// The `common` block: header rules and answer rules that apply to every code.
    pub struct RawCommon {
        pub must: Vec<RawRule> = default,
        pub should: Vec<RawRule> = default,
        pub may: Vec<RawRule> = default,
        pub must_not: Vec<RawRule> = default,
        pub answers: Vec<RawAnswer> = default,
    }
}

mapping! {
    /// One answer rule: the methods a code answers (`only`) or does not (`never`).
    pub struct RawAnswer {
        pub only: Option<Vec<String>> = default,
        pub never: Option<Vec<String>> = default,
        /// Why, in a few words: the note of the compile error.
        pub why: Option<String> = default,
        pub rfc: Option<u32> = default,
        pub section: Option<String> = default,
        pub source: Option<String> = default,
        pub except: Option<Vec<u32>> = default,
    }
}

mapping! {
    /// One behaviour fact: a keyword and its citation; `except` (dialog only) for methods where it differs.
    pub struct RawFact {
        pub is: String = required,
        pub except: Vec<RawFactException> = default,
        pub rfc: Option<u32> = default,
        pub section: Option<String> = default,
        pub source: Option<String> = default,
    }
}

mapping! {
    /// Methods for which a dialog effect differs.
    pub struct RawFactException {
        pub methods: Vec<String> = required,
        pub is: String = required,
    }
}

mapping! {
    /// Who sends a code.
    pub struct RawSentBy {
        pub is: Vec<String> = required,
        pub rfc: Option<u32> = default,
        pub section: Option<String> = default,
        pub source: Option<String> = default,
    }
}

mapping! {
    /// The `q850` block: ISUP/Q.850 cause values and SIP responses, both ways.
    pub struct RawQ850 {
        pub to_sip: RawTable = required,
        pub from_sip: RawTable = required,
        pub names: Vec<RawCauseName> = required,
    }
}

mapping! {
    /// One direction of the mapping (`to_sip`: cause → response; `from_sip`: response → cause): its
    /// citation, the default for unlisted keys, the keys that map to nothing, and the listed rows.
    pub struct RawTable {
        pub rfc: u32 = required,
        pub section: String = required,
        pub default: u32 = required,
        pub no_response: Vec<u32> = default,
        pub map: Vec<RawMapRow> = required,
    }
}

mapping! {
    /// One row of a `map`: a cause and a code (which one is the key depends on the direction).
    pub struct RawMapRow {
        pub cause: u32 = required,
        pub code: u32 = required,
    }
}

mapping! {
    /// One entry of `names`.
    pub struct RawCauseName {
        pub cause: u32 = required,
        pub name: String = required,
    }
}

mapping! {
    /// One entry of `overrides`: changes to a code of the spec this one extends.
    pub struct RawOverride {
        pub code: u32 = required,
        pub phrase: Option<String> = default,
        pub description: Option<String> = default,
        pub aliases: Vec<RawAlias> = default,
        pub headers: Option<RawRules> = default,
        pub answers: Vec<RawAnswer> = default,
        /// What the code does to a dialog and its usages (RFC 5057 §5.1), if not its class's default.
        pub dialog: Option<RawFact> = default,
        /// What a client does next, if not its class's default.
        pub uac: Option<RawFact> = default,
        /// How a stateful proxy treats it (RFC 3261 §16.7), if not its class's default.
        pub proxy: Option<RawFact> = default,
        /// What Retry-After means on it, where an RFC says.
        pub retry_after: Option<RawFact> = default,
        /// Who sends it, where an RFC says.
        pub sent_by: Option<RawSentBy> = default,
    }
}

mapping! {
    /// One entry of `codes`.
    pub struct RawCode {
        pub code: u32 = required,
        pub phrase: String = required,
        pub class: RawClass = required,
        pub rfc: Option<u32> = default,
        pub section: Option<String> = default,
        /// Instead of `rfc` and `section`: who defines a code no RFC defines (a vendor, a local policy).
        pub source: Option<String> = default,
        pub status: RawStatus = required,
        pub description: String = required,
        pub variant: Option<String> = default,
        pub aliases: Vec<RawAlias> = default,
        pub headers: Option<RawRules> = default,
        pub answers: Vec<RawAnswer> = default,
        /// What the code does to a dialog and its usages (RFC 5057 §5.1), if not its class's default.
        pub dialog: Option<RawFact> = default,
        /// What a client does next, if not its class's default.
        pub uac: Option<RawFact> = default,
        /// How a stateful proxy treats it (RFC 3261 §16.7), if not its class's default.
        pub proxy: Option<RawFact> = default,
        /// What Retry-After means on it, where an RFC says.
        pub retry_after: Option<RawFact> = default,
        /// Who sends it, where an RFC says.
        pub sent_by: Option<RawSentBy> = default,
    }
}

keyword! {
    /// The `class` of a code.
    pub enum RawClass {
        Provisional = "provisional",
        Success = "success",
        Redirection = "redirection",
        RequestFailure = "request-failure",
        ServerFailure = "server-failure",
        GlobalFailure = "global-failure",
    }
}

keyword! {
    /// The registry `status` of a code.
    pub enum RawStatus {
        Current = "current",
        Deprecated = "deprecated",
        Reserved = "reserved",
        Historic = "historic",
    }
}

mapping! {
    /// One entry of `aliases`.
    pub struct RawAlias {
        pub phrase: String = required,
        pub source: String = required,
    }
}

mapping! {
    /// A `headers` (or `common`) block.
    #[derive(Default)]
    pub struct RawRules {
        pub must: Vec<RawRule> = default,
        pub should: Vec<RawRule> = default,
        pub may: Vec<RawRule> = default,
        pub must_not: Vec<RawRule> = default,
    }
}

mapping! {
    /// One header rule.
    pub struct RawRule {
        pub header: Option<String> = default,
        pub one_of: Option<Vec<String>> = default,
        pub rfc: Option<u32> = default,
        pub section: Option<String> = default,
        /// Instead of `rfc` and `section`: where a local rule comes from.
        pub source: Option<String> = default,
        pub method: Option<String> = default,
        pub condition: Option<String> = default,
        /// Why the rule holds, in a few words: the note of its compile error.
        pub why: Option<String> = default,
        pub except: Option<Vec<u32>> = default,
    }
}
