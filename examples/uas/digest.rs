//! HTTP Digest for SIP (RFC 3261 §22.4, RFC 2617, RFC 8760): nonces with an expiry and the check of a
//! `qop=auth` response with MD5 or SHA-256.

use md5::Md5;
use sha2::{Digest as _, Sha256};
use std::collections::HashMap;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// A digest algorithm of RFC 8760 that this server offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Algorithm {
    Md5,
    Sha256,
}

impl Algorithm {
    pub fn name(self) -> &'static str {
        match self {
            Algorithm::Md5 => "MD5",
            Algorithm::Sha256 => "SHA-256",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        if s.eq_ignore_ascii_case("MD5") {
            Some(Algorithm::Md5)
        } else if s.eq_ignore_ascii_case("SHA-256") {
            Some(Algorithm::Sha256)
        } else {
            None
        }
    }

    /// Lower-case hex of the hash of `data`.
    pub fn hex(self, data: &str) -> String {
        match self {
            Algorithm::Md5 => hex(&Md5::digest(data.as_bytes())),
            Algorithm::Sha256 => hex(&Sha256::digest(data.as_bytes())),
        }
    }
}

pub fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes
        .iter()
        .fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        })
}

/// The fields of an Authorization header that the check needs.
pub struct Credentials<'a> {
    pub username: &'a str,
    pub realm: &'a str,
    pub nonce: &'a str,
    pub uri: &'a str,
    pub response: &'a str,
    pub algorithm: Algorithm,
    /// `(qop, nc, cnonce)` when the client used a qop; `nc` as the 8 hex digits it sent.
    pub qop: Option<(&'a str, String, &'a str)>,
}

/// The expected `response` value (RFC 2617 §3.2.2.1; RFC 8760 §2.3 only changes the hash).
pub fn expected_response(c: &Credentials<'_>, password: &str, method: &str) -> String {
    let h = |s: &str| c.algorithm.hex(s);
    let ha1 = h(&format!("{}:{}:{password}", c.username, c.realm));
    let ha2 = h(&format!("{method}:{}", c.uri));
    match &c.qop {
        Some((qop, nc, cnonce)) => h(&format!("{ha1}:{}:{nc}:{cnonce}:{qop}:{ha2}", c.nonce)),
        None => h(&format!("{ha1}:{}:{ha2}", c.nonce)),
    }
}

/// What the nonce check found.
#[derive(Debug, PartialEq, Eq)]
pub enum NonceState {
    Fresh,
    /// Made by this server but expired: challenge again with `stale=true` (RFC 2617 §3.2.1).
    Stale,
    /// Not made by this server, or a replayed nonce count.
    Invalid,
}

/// Makes and checks nonces: `<seconds since epoch, hex>.<serial, hex>-<MAC over both, hex>`, so no
/// table is needed to know whether a nonce is ours; a small table of the last nonce count per nonce
/// stops replays.
pub struct Nonces {
    key: [u8; 32],
    serial: std::sync::atomic::AtomicU64,
    ttl: Duration,
    last_nc: HashMap<String, (u32, u64)>,
}

impl Nonces {
    pub fn new(key: [u8; 32], ttl: Duration) -> Self {
        Self {
            key,
            serial: std::sync::atomic::AtomicU64::new(0),
            ttl,
            last_nc: HashMap::new(),
        }
    }

    fn mac(&self, stamp: &str) -> String {
        let mut h = Sha256::new();
        h.update(self.key);
        h.update(stamp.as_bytes());
        hex(&h.finalize()[..16])
    }

    fn now() -> u64 {
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0)
    }

    pub fn issue(&self) -> String {
        let serial = self
            .serial
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let stamp = format!("{:x}.{serial:x}", Self::now());
        format!("{stamp}-{}", self.mac(&stamp))
    }

    /// Checks a nonce and, with qop, that its nonce count grows (RFC 2617 §3.2.2).
    pub fn check(&mut self, nonce: &str, nc: Option<u32>) -> NonceState {
        let Some((stamp, mac)) = nonce.split_once('-') else {
            return NonceState::Invalid;
        };
        if self.mac(stamp) != mac {
            return NonceState::Invalid;
        }
        let secs = stamp.split('.').next().unwrap_or_default();
        let Ok(issued) = u64::from_str_radix(secs, 16) else {
            return NonceState::Invalid;
        };
        let now = Self::now();
        if now.saturating_sub(issued) > self.ttl.as_secs() {
            return NonceState::Stale;
        }
        if let Some(nc) = nc {
            if self.last_nc.len() > 100_000 {
                let ttl = self.ttl.as_secs();
                self.last_nc
                    .retain(|_, (_, at)| now.saturating_sub(*at) <= ttl);
            }
            match self.last_nc.get_mut(nonce) {
                Some((last, _)) if nc <= *last => return NonceState::Invalid,
                Some((last, _)) => *last = nc,
                None => {
                    self.last_nc.insert(nonce.to_string(), (nc, issued));
                }
            }
        }
        NonceState::Fresh
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 7616 §3.9.1 (the same computation as SIP Digest, RFC 8760).
    fn rfc7616(algorithm: Algorithm) -> String {
        let c = Credentials {
            username: "Mufasa",
            realm: "http-auth@example.org",
            nonce: "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v",
            uri: "/dir/index.html",
            response: "",
            algorithm,
            qop: Some((
                "auth",
                "00000001".into(),
                "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ",
            )),
        };
        expected_response(&c, "Circle of Life", "GET")
    }

    #[test]
    fn rfc7616_vectors() {
        assert_eq!(rfc7616(Algorithm::Md5), "8ca523f5e9506fed4657c9700eebdbec");
        assert_eq!(
            rfc7616(Algorithm::Sha256),
            "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1"
        );
    }

    #[test]
    fn nonce_roundtrip_and_replay() {
        let mut n = Nonces::new([7; 32], Duration::from_secs(60));
        let nonce = n.issue();
        assert_eq!(n.check(&nonce, Some(1)), NonceState::Fresh);
        assert_eq!(n.check(&nonce, Some(1)), NonceState::Invalid);
        assert_eq!(n.check(&nonce, Some(2)), NonceState::Fresh);
        assert_eq!(n.check("0-00", None), NonceState::Invalid);
    }
}
