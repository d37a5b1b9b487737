//! The address and Via grammar of RFC 3261 §25.1 that this UAS checks itself (see `syntax.rs` for why):
//! From, To and Contact values (`name-addr` / `addr-spec` with parameters) and Via values.

use crate::syntax::{is_token, is_token_char, scheme};

fn is_ws(b: u8) -> bool {
    b == b' ' || b == b'\t'
}

/// An address of From, To or one Contact value: `( name-addr / addr-spec ) *( SEMI generic-param )`.
pub struct Address<'a> {
    pub uri: &'a str,
    pub params: Vec<(&'a str, Option<&'a str>)>,
}

impl Address<'_> {
    pub fn param(&self, name: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .and_then(|(_, v)| *v)
    }
}

struct Cursor<'a> {
    s: &'a str,
    i: usize,
}

impl<'a> Cursor<'a> {
    fn peek(&self) -> Option<u8> {
        self.s.as_bytes().get(self.i).copied()
    }
    fn skip_ws(&mut self) {
        while self.peek().is_some_and(is_ws) {
            self.i += 1;
        }
    }
    fn eat(&mut self, c: u8) -> bool {
        let hit = self.peek() == Some(c);
        self.i += usize::from(hit);
        hit
    }
    fn take_while(&mut self, f: impl Fn(u8) -> bool) -> &'a str {
        let start = self.i;
        while self.peek().is_some_and(&f) {
            self.i += 1;
        }
        &self.s[start..self.i]
    }
    /// A quoted-string, the cursor on its opening quote.
    fn quoted(&mut self) -> Result<&'a str, &'static str> {
        let start = self.i;
        self.i += 1;
        loop {
            match self.peek() {
                None => return Err("unterminated quoted string"),
                Some(b'\\') => {
                    self.i += 1;
                    if self.peek().is_none() {
                        return Err("unterminated quoted string");
                    }
                    // Step over the whole escaped character (it may be a UTF-8 sequence).
                    self.i += self.s[self.i..].chars().next().map_or(1, char::len_utf8);
                }
                Some(b'"') => {
                    self.i += 1;
                    return Ok(&self.s[start..self.i]);
                }
                Some(_) => self.i += self.s[self.i..].chars().next().map_or(1, char::len_utf8),
            }
        }
    }
    /// `LAQUOT addr-spec RAQUOT`, the cursor on `<`: no whitespace inside (RFC 4475 §3.1.2.14).
    fn angle(&mut self) -> Result<&'a str, &'static str> {
        self.i += 1;
        let uri = self.take_while(|b| !matches!(b, b'>' | b'<' | b'"') && !is_ws(b));
        match self.peek() {
            Some(b'>') => {
                self.i += 1;
                Ok(uri)
            }
            Some(b' ' | b'\t') => Err("whitespace inside <>"),
            _ => Err("unterminated <"),
        }
    }
    /// `*( SEMI generic-param )` to the end; `generic-param = token [ EQUAL gen-value ]`, `gen-value =
    /// token / host / quoted-string`.
    fn params(&mut self) -> Result<Vec<(&'a str, Option<&'a str>)>, &'static str> {
        let mut params = Vec::new();
        loop {
            self.skip_ws();
            if self.peek().is_none() {
                return Ok(params);
            }
            if !self.eat(b';') {
                return Err("unexpected text after the address");
            }
            self.skip_ws();
            let name = self.take_while(is_token_char);
            if name.is_empty() {
                return Err("empty parameter");
            }
            self.skip_ws();
            let value = if self.eat(b'=') {
                self.skip_ws();
                // gen-value = token / host / quoted-string; read leniently up to the next separator, as
                // peers put `@` and the like in tags.
                let v = if self.peek() == Some(b'"') {
                    self.quoted()?
                } else {
                    self.take_while(|b| b > b' ' && b != 0x7f && !b";,\"<>".contains(&b))
                };
                if v.is_empty() {
                    return Err("parameter without a value after =");
                }
                Some(v)
            } else {
                None
            };
            params.push((name, value));
        }
    }
}

/// Reads a From, To or Contact value (unfolded): a display name (a quoted string or tokens) with the
/// URI in `<>`, or a bare URI that then holds no `,`, `?` or `;` of its own (RFC 3261 §20.10), followed
/// by parameters. Any URI scheme is accepted here; the caller decides which it serves.
pub fn address(value: &str) -> Result<Address<'_>, &'static str> {
    let mut c = Cursor { s: value, i: 0 };
    c.skip_ws();
    let uri = match c.peek() {
        None => return Err("empty address"),
        Some(b'"') => {
            c.quoted()?;
            c.skip_ws();
            if c.peek() != Some(b'<') {
                return Err("a display name must be followed by <URI>");
            }
            c.angle()?
        }
        Some(b'<') => c.angle()?,
        Some(_) => {
            let rest = &value[c.i..];
            if let Some(lt) = rest.find('<') {
                // display-name = *(token LWS): unquoted, it is token words only (RFC 4475 §3.1.2.15).
                if !rest[..lt]
                    .split([' ', '\t'])
                    .all(|w| w.is_empty() || is_token(w))
                {
                    return Err("an unquoted display name must be tokens");
                }
                c.i += lt;
                c.angle()?
            } else {
                let uri = c.take_while(|b| b != b';' && !is_ws(b));
                if uri.contains(['?', ',', '<', '>', '"']) {
                    return Err("a URI with ? or , must be enclosed in <>");
                }
                uri
            }
        }
    };
    if scheme(uri).is_none() {
        return Err("address without a URI scheme");
    }
    let params = c.params()?;
    Ok(Address { uri, params })
}

/// Splits a list header value at the commas that are outside quoted strings and `<>`.
pub fn split_list(value: &str) -> Vec<&str> {
    let b = value.as_bytes();
    let (mut out, mut start, mut i) = (Vec::new(), 0, 0);
    let (mut quoted, mut angle) = (false, false);
    while i < b.len() {
        match b[i] {
            b'\\' if quoted => i += 1,
            b'"' if !angle => quoted = !quoted,
            b'<' if !quoted => angle = true,
            b'>' if !quoted => angle = false,
            b',' if !quoted && !angle => {
                out.push(&value[start..i]);
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    out.push(&value[start..]);
    out
}

/// One Via value: `sent-protocol LWS sent-by *( SEMI via-params )`, with `SWS "/" SWS` between the
/// three parts of sent-protocol and `host [ COLON port ]` as sent-by (RFC 3261 §20.42, §25.1).
pub fn via_value(value: &str) -> Result<(), &'static str> {
    let mut c = Cursor { s: value, i: 0 };
    c.skip_ws();
    for part in 0..3 {
        if part > 0 {
            c.skip_ws();
            if !c.eat(b'/') {
                return Err("Via: sent-protocol is not NAME/VERSION/TRANSPORT");
            }
            c.skip_ws();
        }
        if c.take_while(is_token_char).is_empty() {
            return Err("Via: sent-protocol is not NAME/VERSION/TRANSPORT");
        }
    }
    if c.take_while(is_ws).is_empty() {
        return Err("Via: no space before sent-by");
    }
    let host = if c.peek() == Some(b'[') {
        c.take_while(|b| b != b']');
        c.eat(b']').then_some("[]")
    } else {
        Some(c.take_while(|b| b.is_ascii_alphanumeric() || b"-.".contains(&b)))
    };
    if host.is_none_or(str::is_empty) {
        return Err("Via: bad sent-by host");
    }
    let before_colon = c.i;
    c.skip_ws();
    if c.eat(b':') {
        c.skip_ws();
        let port = c.take_while(|b| b.is_ascii_digit());
        if port.is_empty() || port.parse::<u16>().is_err() {
            return Err("Via: bad sent-by port");
        }
    } else {
        c.i = before_colon;
    }
    c.params().map(drop).map_err(|_| "Via: bad parameters")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses() {
        let a =
            address(r#""J Rosenberg \\\""       <sip:jdrosen@example.com>   ;   tag = 98asjd8"#)
                .unwrap();
        assert_eq!(
            (a.uri, a.param("tag")),
            ("sip:jdrosen@example.com", Some("98asjd8"))
        );
        let a = address(" sip:vivekg@chair-dnrc.example.com ;   tag    = 1918181833n").unwrap();
        assert_eq!(a.param("tag"), Some("1918181833n"));
        assert!(address("caller<sip:caller@example.com>;tag=323").is_ok());
        assert!(address("A. Bell <sip:a.g.bell@example.com>;tag=qweoiqpe").is_ok());
        assert!(address("sip:+19725552222@gw1.example.net;unknownparam").is_ok());
        assert!(address("isbn:2983792873").is_ok());
        for bad in [
            r#""Mr. J. User <sip:j.user@example.com>"#,
            r#""Watson, Thomas" < sip:t.watson@example.org >"#,
            "Bell, Alexander <sip:a.g.bell@example.com>;tag=43",
            "sip:user@example.com?Route=%3Csip:sip.example.com%3E",
            r#""Joe" <sip:joe@example.org>;;;;"#,
            "sip:a@b junk",
            "nobody",
        ] {
            assert!(address(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn vias() {
        assert!(via_value("SIP  /   2.0 /UDP    192.0.2.2;branch=390skdjuw").is_ok());
        assert!(
            via_value("SIP  /    2.0   / UDP  192.168.255.111   ; branch= z9hG4bK30239").is_ok()
        );
        assert!(via_value("SIP/2.0/UDP [2001:db8::1]:5060;branch=z9hG4bK1").is_ok());
        assert!(via_value("SIP/2.0/UDP 192.0.2.15;;").is_err());
        assert!(via_value(";").is_err());
        assert!(via_value("SIP/2.0/UDP host:99999").is_err());
    }

    #[test]
    fn lists() {
        assert_eq!(split_list(r#""a, b" <sip:x@y>, <sip:z@w;p=1,2>"#).len(), 2);
    }
}
