//! The UAS core (RFC 3261 §8.2, §10.3, §13.3, §15): what to answer. Every response here is made by a
//! `sip_codes` builder, so a response missing a header its RFC requires does not compile.

use crate::parse::Request;
use crate::server::{Peer, Server, State};
use crate::transaction::{TxKey, TxState};
use ezk_sip_types::header::typed::Require;
use ezk_sip_types::{Method, Name};
use sip_codes::header::{Contact, MediaType, Method as M, OptionTag, Token, Uri};
use sip_codes::{RequestHeaders, Response, status};
use std::sync::Arc;
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
        crate::registrar::on_register(server, st, key, req, rh, &tag)
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
