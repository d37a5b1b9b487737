//! The UAS core (RFC 3261 §8.2, §10.3, §13.3, §15): what to answer. Every response here is made by a
//! `sip_codes` builder, so a response missing a header its RFC requires does not compile.

use crate::digest::{self, Algorithm, Credentials, NonceState};
use crate::parse::Request;
use crate::server::{Peer, Server, State};
use crate::transaction::{TxKey, TxState};
use ezk_sip_types::header::HeaderParse;
use ezk_sip_types::header::typed::{
    AuthResponse, Contact as EzkContact, QopOption, Require, Username,
};
use ezk_sip_types::print::AppendCtx;
use ezk_sip_types::{Method, Name};
use sip_codes::header::{
    Contact, DigestAlgorithm, DigestChallenge, MediaType, Method as M, NameAddr, OptionTag, Qop,
    Token, Uri,
};
use sip_codes::{RequestHeaders, Response, status};
use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tracing::{info, warn};

/// Methods this UAS implements (the Allow header of 200 to OPTIONS and of 405).
const ALLOW: [M; 6] = [
    M::Invite,
    M::Ack,
    M::Bye,
    M::Cancel,
    M::Options,
    M::Register,
];

/// Methods this UAS knows but does not implement: 405. Any other method: 501 (RFC 3261 §8.2.1).
const KNOWN_UNSUPPORTED: [&str; 8] = [
    "SUBSCRIBE",
    "NOTIFY",
    "PUBLISH",
    "MESSAGE",
    "INFO",
    "UPDATE",
    "PRACK",
    "REFER",
];

/// What the UAS core keeps of an INVITE until it is answered.
pub struct InviteCtx {
    pub rh: RequestHeaders,
    pub call_id: String,
    pub cseq: u32,
    pub peer: Peer,
    pub user: String,
    pub remote_tag: Option<String>,
    pub answer: Result<String, &'static str>,
}

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

pub fn on_request(
    server: &Arc<Server>,
    st: &mut State,
    key: &TxKey,
    req: &Request,
    rh: &RequestHeaders,
    peer: &Peer,
) {
    let tag = st.table.txns[key].to_tag.clone();
    let method = req.method.to_string();

    // Max-Forwards 0 (RFC 3261 §16.3 step 3, applied by this UAS as the issue asks).
    if req.max_forwards == Some(0) {
        let r = status::TooManyHops::builder()
            .reply_to(rh)
            .to_tag(tag.clone())
            .build();
        return server.respond(st, key, r);
    }

    // §8.2.1 method inspection.
    let supported = [
        Method::INVITE,
        Method::BYE,
        Method::CANCEL,
        Method::OPTIONS,
        Method::REGISTER,
    ];
    if !supported.contains(&req.method) {
        let r = if KNOWN_UNSUPPORTED.contains(&method.as_str()) {
            status::MethodNotAllowed::builder()
                .reply_to(rh)
                .to_tag(tag.clone())
                .allow(ALLOW)
                .build()
        } else {
            status::NotImplemented::builder()
                .reply_to(rh)
                .to_tag(tag.clone())
                .build()
        };
        return server.respond(st, key, r);
    }

    if req.method == Method::CANCEL {
        return on_cancel(server, st, key, req, rh, &tag);
    }

    // §8.2.2.3 Require: this UAS supports no extension, so any option tag is unsupported.
    let required: Result<Vec<OptionTag>, _> = match req.headers.try_get_named::<Vec<Require>>() {
        Some(Ok(tags)) => tags.iter().map(|t| OptionTag::new(t.0.as_str())).collect(),
        Some(Err(_)) => Ok(Vec::new()),
        None => Ok(Vec::new()),
    };
    let Ok(required) = required else {
        let r = status::BadRequest::builder()
            .reply_to(rh)
            .to_tag(tag.clone())
            .build();
        return server.respond(st, key, r);
    };
    if !required.is_empty() {
        let r = status::BadExtension::builder()
            .reply_to(rh)
            .to_tag(tag.clone())
            .unsupported(required)
            .build();
        return server.respond(st, key, r);
    }

    if req.method == Method::OPTIONS {
        let r = status::Ok::builder()
            .reply_to(rh)
            .to_tag(tag.clone())
            .allow(ALLOW)
            .accept(MediaType::APPLICATION_SDP)
            .supported(Vec::<OptionTag>::new())
            .build();
        server.respond(st, key, r)
    } else if req.method == Method::REGISTER {
        on_register(server, st, key, req, rh, &tag)
    } else if req.method == Method::INVITE {
        on_invite(server, st, key, req, rh, &tag, peer)
    } else {
        on_bye(server, st, key, req, rh, &tag)
    }
}

fn on_cancel(
    server: &Arc<Server>,
    st: &mut State,
    key: &TxKey,
    req: &Request,
    rh: &RequestHeaders,
    tag: &Token,
) {
    // §9.2: the CANCEL matches the INVITE transaction with the same branch and sent-by.
    let invite_key = TxKey {
        method: Method::INVITE.to_string(),
        ..key.clone()
    };
    let Some(inv_tx) = st.table.txns.get(&invite_key) else {
        let r = status::CallTransactionDoesNotExist::builder()
            .reply_to(rh)
            .to_tag(tag.clone())
            .build();
        return server.respond(st, key, r);
    };
    let invite_tag = inv_tx.to_tag.clone();
    let pending = (inv_tx.state == TxState::Proceeding)
        .then(|| inv_tx.invite.clone())
        .flatten();
    let ok = status::Ok::builder()
        .reply_to(rh)
        .to_tag(invite_tag.clone())
        .build();
    server.respond(st, key, ok);
    if let Some(inv) = pending {
        info!("CANCEL of call-id={}: 487 for the INVITE", req.call_id);
        let r = status::RequestTerminated::builder()
            .reply_to(&inv.rh)
            .to_tag(invite_tag.clone())
            .build();
        server.respond(st, &invite_key, r);
    }
}

fn on_bye(
    server: &Arc<Server>,
    st: &mut State,
    key: &TxKey,
    req: &Request,
    rh: &RequestHeaders,
    tag: &Token,
) {
    let dialog = req
        .to_tag
        .as_ref()
        .map(|local| (req.call_id.clone(), local.clone()));
    let known = dialog
        .as_ref()
        .and_then(|d| st.dialogs.get(d))
        .is_some_and(|remote| Some(remote) == req.from_tag.as_ref());
    let r = if known {
        st.dialogs.remove(&dialog.unwrap_or_default());
        status::Ok::builder()
            .reply_to(rh)
            .to_tag(tag.clone())
            .build()
    } else {
        status::CallTransactionDoesNotExist::builder()
            .reply_to(rh)
            .to_tag(tag.clone())
            .build()
    };
    server.respond(st, key, r)
}

fn on_register(
    server: &Arc<Server>,
    st: &mut State,
    key: &TxKey,
    req: &Request,
    rh: &RequestHeaders,
    tag: &Token,
) {
    let cfg = &server.cfg;
    // §10.3 steps 4–6: authenticate, and the authenticated user may only register itself.
    let user = match authenticate(server, st, req) {
        Ok(user) => user,
        Err(stale) => return challenge(server, st, key, rh, tag, stale),
    };
    if req.to_user.as_deref() != Some(user.as_str()) {
        let r = status::Forbidden::builder()
            .reply_to(rh)
            .to_tag(tag.clone())
            .build();
        return server.respond(st, key, r);
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
                let r = status::BadRequest::builder()
                    .reply_to(rh)
                    .to_tag(tag.clone())
                    .build();
                return server.respond(st, key, r);
            }
            None => Vec::new(),
        }
    };
    let mut changes = Vec::new();
    if star {
        // Contact: * removes every binding, and only with Expires: 0 (§10.2.2).
        if header_expires != Some(0) || req.headers.get_raw(&Name::CONTACT).count() > 1 {
            let r = status::BadRequest::builder()
                .reply_to(rh)
                .to_tag(tag.clone())
                .build();
            return server.respond(st, key, r);
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
            let r = status::IntervalTooBrief::for_register()
                .reply_to(rh)
                .to_tag(tag.clone())
                .min_expires(cfg.min_expires)
                .build();
            return server.respond(st, key, r);
        }
        let uri = c.uri.uri.default_print_ctx().to_string();
        if Uri::new(&uri).is_err() {
            let r = status::BadRequest::builder()
                .reply_to(rh)
                .to_tag(tag.clone())
                .build();
            return server.respond(st, key, r);
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
    let r = match Contact::list(addresses) {
        Ok(contact) => status::Ok::builder()
            .reply_to(rh)
            .to_tag(tag.clone())
            .contact(contact)
            .expires(granted)
            .build(),
        Err(_) => status::Ok::builder()
            .reply_to(rh)
            .to_tag(tag.clone())
            .expires(granted)
            .build(),
    };
    server.respond(st, key, r)
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
        let expected = digest::expected_response(&c, password, &req.method.to_string());
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

fn challenge(
    server: &Arc<Server>,
    st: &mut State,
    key: &TxKey,
    rh: &RequestHeaders,
    tag: &Token,
    stale: bool,
) {
    let cfg = &server.cfg;
    let nonce = st.nonces.issue();
    // RFC 8760 §2.4: one challenge per algorithm, the preferred first.
    let challenges: Result<Vec<DigestChallenge>, _> = cfg
        .algorithms
        .iter()
        .map(|alg| {
            let algorithm = match alg {
                Algorithm::Md5 => DigestAlgorithm::Md5,
                Algorithm::Sha256 => DigestAlgorithm::Sha256,
            };
            DigestChallenge::new(&cfg.realm, &nonce).map(|c| {
                c.with_algorithm(algorithm)
                    .with_qop(Qop::Auth)
                    .with_stale(stale)
            })
        })
        .collect();
    // The realm was checked at start-up and the nonce is hex, so this is not expected to fail.
    let r = match challenges.as_deref() {
        Ok([first, rest @ ..]) => {
            let mut b = status::Unauthorized::builder()
                .reply_to(rh)
                .to_tag(tag.clone())
                .www_authenticate(first.clone());
            for c in rest {
                b = b.www_authenticate(c.clone());
            }
            b.build()
        }
        _ => status::ServerInternalError::builder()
            .reply_to(rh)
            .to_tag(tag.clone())
            .build(),
    };
    server.respond(st, key, r)
}

fn on_invite(
    server: &Arc<Server>,
    st: &mut State,
    key: &TxKey,
    req: &Request,
    rh: &RequestHeaders,
    tag: &Token,
    peer: &Peer,
) {
    let cfg = &server.cfg;
    let user = req.uri_user().unwrap_or_default().to_string();
    // §8.2.2.1: a callee this UAS does not serve.
    if !cfg.users.contains_key(&user) && !st.registrar.is_registered(&user) {
        let r = status::NotFound::builder()
            .reply_to(rh)
            .to_tag(tag.clone())
            .build();
        return server.respond(st, key, r);
    }
    // §8.2.3: only SDP bodies are understood.
    let content_type = req.first(&Name::CONTENT_TYPE);
    let is_sdp = |ct: &str| {
        ct.split(';')
            .next()
            .is_some_and(|m| m.trim().eq_ignore_ascii_case("application/sdp"))
    };
    if !req.body.is_empty() && !content_type.as_deref().is_some_and(is_sdp) {
        let r = status::UnsupportedMediaType::builder()
            .reply_to(rh)
            .to_tag(tag.clone())
            .accept(MediaType::APPLICATION_SDP)
            .build();
        return server.respond(st, key, r);
    }
    if cfg.busy.contains(&user) {
        let r = status::BusyHere::builder()
            .reply_to(rh)
            .to_tag(tag.clone())
            .build();
        return server.respond(st, key, r);
    }
    let answer = crate::sdp::answer(&req.body, server.local.ip());
    if let Err(why) = &answer {
        warn!("SDP offer not acceptable: {why}");
        let r = status::NotAcceptableHere::builder()
            .reply_to(rh)
            .to_tag(tag.clone())
            .build();
        return server.respond(st, key, r);
    }

    let ctx = Arc::new(InviteCtx {
        rh: rh.clone(),
        call_id: req.call_id.clone(),
        cseq: req.cseq.cseq,
        peer: peer.clone(),
        user: user.clone(),
        remote_tag: req.from_tag.clone(),
        answer,
    });
    if let Some(tx) = st.table.txns.get_mut(key) {
        tx.invite = Some(ctx.clone());
    }
    // §17.2.1: 100 Trying at once (without a To tag, §8.2.6.1), then ringing.
    let trying = status::Trying::builder().reply_to(rh).build();
    server.respond(st, key, trying);
    let ringing = status::Ringing::builder()
        .reply_to(rh)
        .to_tag(tag.clone())
        .build();
    server.respond(st, key, ringing);

    let id = st.table.txns[key].id;
    if cfg.no_answer.contains(&user) {
        server.after(cfg.no_answer_after, key.clone(), id, |server, st, key| {
            if let Some(inv) = proceeding(st, key) {
                let tag = st.table.txns[key].to_tag.clone();
                let r = status::TemporarilyUnavailable::builder()
                    .reply_to(&inv.rh)
                    .to_tag(tag.clone())
                    .build();
                server.respond(st, key, r);
            }
        });
    } else if cfg.ring.is_zero() {
        answer_invite(server, st, key);
    } else {
        server.after(cfg.ring, key.clone(), id, |server, st, key| {
            answer_invite(server, st, key)
        });
    }
}

fn proceeding(st: &State, key: &TxKey) -> Option<Arc<InviteCtx>> {
    let tx = st.table.txns.get(key)?;
    (tx.state == TxState::Proceeding)
        .then(|| tx.invite.clone())
        .flatten()
}

/// 200 to INVITE with Contact and the SDP answer; the dialog starts (§12.1.1).
fn answer_invite(server: &Arc<Server>, st: &mut State, key: &TxKey) {
    let Some(inv) = proceeding(st, key) else {
        return;
    };
    let tag = st.table.txns[key].to_tag.clone();
    let transport = if inv.peer.reliable() {
        ";transport=tcp"
    } else {
        ""
    };
    let sdp = inv.answer.clone().unwrap_or_default();
    let r = match Uri::new(&format!("sip:{}@{}{transport}", inv.user, server.local)) {
        Ok(uri) => status::Ok::for_invite()
            .reply_to(&inv.rh)
            .to_tag(tag.clone())
            .contact(Contact::new(uri))
            .body(MediaType::APPLICATION_SDP, sdp.into_bytes())
            .build(),
        // A user name that is no URI user part (it matched a configured or registered one).
        Err(_) => status::ServerInternalError::builder()
            .reply_to(&inv.rh)
            .to_tag(tag.clone())
            .build(),
    };
    if let Some(remote) = &inv.remote_tag {
        st.dialogs
            .insert((inv.call_id.clone(), tag.to_string()), remote.clone());
    }
    server.respond(st, key, r);
}

/// 400 for a request the parser refused but whose transaction headers are readable.
pub fn bad_request(rh: &RequestHeaders, tag: Token) -> Response {
    status::BadRequest::builder()
        .reply_to(rh)
        .to_tag(tag)
        .build()
}
