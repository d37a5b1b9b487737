//! Contact (RFC 3261 §20.10): the addresses where the user can be reached, or `*`.

use crate::Error;
use crate::header::render::{Render, render_list};
use crate::header::{NameAddr, Uri};

/// `Contact: <sip:alice@pc33.atlanta.com>` — one or more addresses (RFC 3261 §20.10), or `*` (only in a
/// REGISTER with `Expires: 0`, §10.2.2). MUST be in 3xx redirections and 485 Ambiguous (§21.3, §21.4.23).
///
/// # Example
///
/// ```
/// use sip_codes::header::{Contact, NameAddr, Uri};
///
/// let c = Contact::from(Uri::new("sip:alice@pc33.atlanta.com")?);
/// assert_eq!(c.to_string(), "<sip:alice@pc33.atlanta.com>");
/// assert_eq!(Contact::star().to_string(), "*");
/// # Ok::<(), sip_codes::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contact(Repr);

#[derive(Debug, Clone, PartialEq, Eq)]
enum Repr {
    Star,
    /// Never empty.
    Addresses(Vec<NameAddr>),
}

impl Contact {
    /// `Contact: *` (RFC 3261 §10.2.2).
    pub const fn star() -> Self {
        Contact(Repr::Star)
    }

    /// One address.
    pub fn new(address: impl Into<NameAddr>) -> Self {
        Contact(Repr::Addresses(vec![address.into()]))
    }

    /// Several addresses, in order; an empty list is an error (the grammar wants at least one).
    pub fn list(addresses: impl IntoIterator<Item = NameAddr>) -> Result<Self, Error> {
        let addresses: Vec<NameAddr> = addresses.into_iter().collect();
        if addresses.is_empty() {
            return Err(Error::empty("Contact"));
        }
        Ok(Contact(Repr::Addresses(addresses)))
    }

    /// This value with `address` appended; `*` cannot be combined with addresses.
    pub fn with(self, address: impl Into<NameAddr>) -> Result<Self, Error> {
        match self.0 {
            Repr::Star => Err(Error::syntax("Contact", "`*` stands alone")),
            Repr::Addresses(mut list) => {
                list.push(address.into());
                Ok(Contact(Repr::Addresses(list)))
            }
        }
    }

    /// Whether this is `*`.
    pub fn is_star(&self) -> bool {
        matches!(self.0, Repr::Star)
    }

    /// The addresses (empty for `*`).
    pub fn addresses(&self) -> &[NameAddr] {
        match &self.0 {
            Repr::Star => &[],
            Repr::Addresses(list) => list,
        }
    }
}

impl From<NameAddr> for Contact {
    fn from(address: NameAddr) -> Self {
        Contact::new(address)
    }
}

impl From<Uri> for Contact {
    fn from(uri: Uri) -> Self {
        Contact::new(uri)
    }
}

impl Render for Contact {
    fn render(&self, out: &mut String) {
        match &self.0 {
            Repr::Star => out.push('*'),
            Repr::Addresses(list) => render_list(out, list),
        }
    }
}

typed_value!(Contact);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::header::QValue;

    #[test]
    fn renders_rfc_example() {
        // RFC 3261 §20.10, with the optional whitespace dropped.
        let watson = NameAddr::new(Uri::new("sip:watson@worcester.bell-telephone.com").unwrap())
            .with_display_name("Mr. Watson")
            .unwrap()
            .with_q(QValue::from_thousandths(700).unwrap())
            .with_expires(3600);
        let mail = NameAddr::new(Uri::new("mailto:watson@bell-telephone.com").unwrap())
            .with_display_name("Mr. Watson")
            .unwrap()
            .with_q(QValue::from_thousandths(100).unwrap());
        let c = Contact::new(watson).with(mail).unwrap();
        assert_eq!(
            c.to_string(),
            r#""Mr. Watson" <sip:watson@worcester.bell-telephone.com>;q=0.7;expires=3600, "Mr. Watson" <mailto:watson@bell-telephone.com>;q=0.1"#
        );
        assert_eq!(c.addresses().len(), 2);
    }

    #[test]
    fn star() {
        let star = Contact::star();
        assert!(star.is_star());
        assert_eq!(star.to_string(), "*");
        assert!(star.addresses().is_empty());
        assert!(Contact::star().with(Uri::new("sip:a@b").unwrap()).is_err());
    }

    #[test]
    fn list_must_not_be_empty() {
        assert!(Contact::list([]).is_err());
        let a = NameAddr::new(Uri::new("sip:a@b").unwrap());
        assert_eq!(Contact::list([a]).unwrap().to_string(), "<sip:a@b>");
    }
}
