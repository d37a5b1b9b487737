//! The registrar (RFC 3261 §10.3) with Digest authentication (RFC 3261 §22.4, RFC 8760).

use crate::digest::{self, Algorithm, Credentials, NonceState};
use crate::parse::Request;
use crate::server::{Server, State};
use crate::transaction::TxKey;
use crate::wire::with_to_tag;
use ezk_sip_types::Name;
use ezk_sip_types::header::HeaderParse;
use ezk_sip_types::header::typed::{AuthResponse, Contact as EzkContact, QopOption, Username};
use ezk_sip_types::print::AppendCtx;
use sip_codes::header::{
    Challenge, Contact, DigestAlgorithm, DigestChallenge, Expires, MinExpires, NameAddr, Qop,
    Token, Uri,
};
use sip_codes::{SipResponse, method};
use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tracing::{info, warn};

/// The in-memory registrar (RFC 3261 §10.3): bindings per address-of-record user.
#[derive(Default)]
pub struct Registrar {
    bindings: HashMap<String, Vec<Binding>>,
}

struct Binding {
    contact: String,
    expires_at: Instant,
}

impl Registrar {
    fn current(&mut self, user: &str) -> &mut Vec<Binding> {
        let list = self.bindings.entry(user.to_string()).or_default();
        let now = Instant::now();
        list.retain(|b| b.expires_at > now);
        list
    }

    pub fn is_registered(&mut self, user: &str) -> bool {
        !self.current(user).is_empty()
    }
}

/// What the registrar answers a REGISTER (§10.3), each outcome with the headers its RFC asks for.
#[derive(Debug, SipResponse)]
enum Outcome {
    /// §10.3 step 8: every current binding (none left: no Contact) and the longest expiry granted.
    #[sip(Ok)]
    Registered {
        contact: Option<Contact>,
        expires: Expires,
    },
    /// §22.4, RFC 8760 §2.4: one Digest challenge per algorithm, the preferred first.
    #[sip(Unauthorized)]
    Challenge { www_authenticate: Vec<Challenge> },
    /// §10.3 step 7: a binding asked to expire sooner than `--min-expires`.
    #[sip(IntervalTooBrief)]
    TooBrief { min_expires: MinExpires },
    /// §10.3 step 6: the authenticated user may only register its own address of record.
    #[sip(Forbidden)]
    NotYours,
    /// A To, Contact or Expires this registrar cannot read.
    #[sip(BadRequest)]
    Malformed,
    /// No challenge could be made (not expected: the realm was checked at start-up, the nonce is hex).
    #[sip(ServerInternalError)]
    NoChallenge,
}

pub fn on_register(
    server: &Arc<Server>,
    st: &mut State,
    key: &TxKey,
    req: &Request,
    register: sip_codes::Request<'_, method::Register>,
    tag: &Token,
) {
    let outcome = register_outcome(server, st, req);
    let built = outcome.into_response(&with_to_tag(&register, tag));
    server.respond_checked(st, key, built)
}

fn register_outcome(server: &Server, st: &mut State, req: &Request) -> Outcome {
    let cfg = &server.cfg;
    // §10.2: the To of a REGISTER is the address of record, a SIP or SIPS URI; another scheme is a
    // malformed registration, refused before any challenge (RFC 4475 §3.3.4).
    if !matches!(
        crate::syntax::scheme(&req.to_uri).as_deref(),
        Some("sip" | "sips")
    ) {
        return Outcome::Malformed;
    }
    // §10.3 steps 4–6: authenticate, and the authenticated user may only register itself.
    let user = match authenticate(server, st, req) {
        Ok(user) => user,
        Err(stale) => return challenge(server, st, stale),
    };
    if req.to_user.as_deref() != Some(user.as_str()) {
        return Outcome::NotYours;
    }

    // §10.3 step 7: expiry of each Contact (parameter, else Expires header, else the default).
    let header_expires = req
        .first(&Name::EXPIRES)
        .and_then(|v| v.parse::<u32>().ok());
    let star = req.first(&Name::CONTACT).is_some_and(|c| c == "*");
    let contacts: Vec<EzkContact> = if star {
        Vec::new()
    } else {
        match req.headers.try_get_named::<Vec<EzkContact>>() {
            Some(Ok(c)) => c,
            Some(Err(_)) => {
                return Outcome::Malformed;
            }
            None => Vec::new(),
        }
    };
    let mut changes = Vec::new();
    if star {
        // Contact: * removes every binding, and only with Expires: 0 (§10.2.2).
        if header_expires != Some(0) || req.headers.get_raw(&Name::CONTACT).count() > 1 {
            return Outcome::Malformed;
        }
        changes.push((None, 0));
    }
    for c in &contacts {
        let expires = c
            .params
            .get_val("expires")
            .and_then(|v| v.parse::<u32>().ok())
            .or(header_expires)
            .unwrap_or(cfg.default_expires);
        if expires != 0 && expires < cfg.min_expires {
            return Outcome::TooBrief {
                min_expires: MinExpires::from(cfg.min_expires),
            };
        }
        let uri = c.uri.uri.default_print_ctx().to_string();
        if Uri::new(&uri).is_err() {
            return Outcome::Malformed;
        }
        changes.push((Some(uri), expires.min(cfg.max_expires)));
    }

    // §10.3 step 8: apply, then answer with every current binding.
    let now = Instant::now();
    let list = st.registrar.current(&user);
    for (uri, expires) in changes {
        match uri {
            None => list.clear(),
            Some(uri) => {
                list.retain(|b| b.contact != uri);
                if expires > 0 {
                    list.push(Binding {
                        contact: uri,
                        expires_at: now + Duration::from_secs(expires.into()),
                    });
                }
            }
        }
    }
    let granted = list
        .iter()
        .map(|b| b.expires_at.saturating_duration_since(now).as_secs() as u32)
        .max()
        .unwrap_or(0);
    let addresses: Vec<NameAddr> = list
        .iter()
        .filter_map(|b| {
            let left = b.expires_at.saturating_duration_since(now).as_secs() as u32;
            Uri::new(&b.contact)
                .ok()
                .map(|u| NameAddr::new(u).with_expires(left))
        })
        .collect();
    info!("registrar: {user} has {} binding(s)", addresses.len());
    // §10.3 step 8: Contact lists every current binding; with none left there is none to list.
    Outcome::Registered {
        contact: Contact::list(addresses).ok(),
        expires: Expires::from(granted),
    }
}

/// Checks the Authorization header: `Ok(user)` when a credential for our realm is right; `Err(stale)`
/// when a (new) challenge is due.
fn authenticate(server: &Server, st: &mut State, req: &Request) -> Result<String, bool> {
    let cfg = &server.cfg;
    let mut stale = false;
    for raw in req.headers.get_raw(&Name::AUTHORIZATION) {
        // Each Authorization line is decoded on its own: a request may carry one per realm.
        let Ok((_, AuthResponse::Digest(d))) = AuthResponse::parse(raw.as_ref(), raw.as_str())
        else {
            continue;
        };
        if d.realm.as_str() != cfg.realm {
            continue;
        }
        let Username::Username(username) = &d.username else {
            continue;
        };
        let Some(password) = cfg.users.get(username.as_str()) else {
            warn!("digest: unknown user {username}");
            continue;
        };
        let Some(algorithm) = Algorithm::parse(&d.algorithm.to_string()) else {
            continue;
        };
        if !cfg.algorithms.contains(&algorithm) {
            continue;
        }
        let qop = match &d.qop_response {
            Some(q) if q.qop == QopOption::Auth => {
                Some(("auth", format!("{:08x}", q.nc), q.cnonce.as_str()))
            }
            Some(_) => continue,
            None if algorithm == Algorithm::Md5 => None,
            None => continue,
        };
        let nc = d.qop_response.as_ref().map(|q| q.nc);
        let c = Credentials {
            username: username.as_str(),
            realm: d.realm.as_str(),
            nonce: d.nonce.as_str(),
            uri: d.uri.as_str(),
            response: d.response.as_str(),
            algorithm,
            qop,
        };
        let expected = digest::expected_response(&c, password, &req.method_name);
        if !expected.eq_ignore_ascii_case(c.response) {
            warn!("digest: wrong response for {}", c.username);
            continue;
        }
        match st.nonces.check(c.nonce, nc) {
            NonceState::Fresh => return Ok(c.username.to_string()),
            NonceState::Stale => stale = true,
            NonceState::Invalid => warn!("digest: nonce not ours or replayed"),
        }
    }
    Err(stale)
}

fn challenge(server: &Server, st: &mut State, stale: bool) -> Outcome {
    let cfg = &server.cfg;
    let nonce = st.nonces.issue();
    // RFC 8760 §2.4: one challenge per algorithm, the preferred first.
    let challenges: Result<Vec<Challenge>, _> = cfg
        .algorithms
        .iter()
        .map(|alg| {
            let algorithm = match alg {
                Algorithm::Md5 => DigestAlgorithm::Md5,
                Algorithm::Sha256 => DigestAlgorithm::Sha256,
            };
            DigestChallenge::new(&cfg.realm, &nonce).map(|c| {
                Challenge::from(
                    c.with_algorithm(algorithm)
                        .with_qop(Qop::Auth)
                        .with_stale(stale),
                )
            })
        })
        .collect();
    match challenges {
        Ok(www_authenticate) if !www_authenticate.is_empty() => {
            Outcome::Challenge { www_authenticate }
        }
        _ => Outcome::NoChallenge,
    }
}
