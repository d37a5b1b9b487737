//! The UAS core (RFC 3261 §8.2, §10.3, §13.3, §15): what to answer. Every response here is made by a
//! `sip_codes` builder, so a response missing a header its RFC requires does not compile.

use crate::parse::{Method, Reject, RejectCode, Request};
use crate::server::{Peer, Server, State};
use crate::transaction::{TxKey, TxState};
use ezk_sip_types::header::typed::Require;
use sip_codes::header::{MediaType, Method as M, OptionTag, Token, Warning};
use sip_codes::{RequestHeaders, Response, status};
use std::sync::Arc;
use tracing::info;

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

/// Whether a method is one this UAS knows (implemented or not), compared case-sensitively (RFC 3261
/// §7.1); for any other, 501 (§8.2.1, §21.5.2).
pub fn is_known_method(name: &str) -> bool {
    ALLOW.iter().any(|m| m.as_str() == name) || KNOWN_UNSUPPORTED.contains(&name)
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

    // Max-Forwards 0 (RFC 3261 §16.3 step 3, applied by this UAS as the issue asks).
    if req.max_forwards == Some(0) {
        let r = status::TooManyHops::builder()
            .reply_to(rh)
            .to_tag(tag.clone())
            .build();
        return server.respond(st, key, r);
    }

    // §8.2.1 method inspection, case-sensitive (§7.1): `invite` is an unknown method.
    if req.method == Method::Other {
        let r = if KNOWN_UNSUPPORTED.contains(&req.method_name.as_str()) {
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

    // §8.2.2.1: a Request-URI scheme this UAS does not serve (it serves sip and sips only).
    if req.uri.is_none() {
        let r = status::UnsupportedUriScheme::builder()
            .reply_to(rh)
            .to_tag(tag.clone())
            .build();
        return server.respond(st, key, r);
    }

    if req.method == Method::Cancel {
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

    if req.method == Method::Options {
        let r = status::Ok::builder()
            .reply_to(rh)
            .to_tag(tag.clone())
            .allow(ALLOW)
            .accept(MediaType::APPLICATION_SDP)
            .supported(Vec::<OptionTag>::new())
            .build();
        server.respond(st, key, r)
    } else if req.method == Method::Register {
        crate::registrar::on_register(server, st, key, req, rh, &tag)
    } else if req.method == Method::Invite {
        crate::invite::on_invite(server, st, key, req, rh, &tag, peer)
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
        method: "INVITE".to_string(),
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
        .and_then(|d| st.dialogs.remote_tag(d))
        .is_some_and(|remote| Some(remote) == req.from_tag.as_deref());
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

/// The stateless response to a request the parser refused (see `Server::reject`). What was wrong goes
/// into a `Warning: 399` (RFC 3261 §20.43), not the reason phrase: §21.4.1 suggests the phrase, but a
/// peer that looks for a header name anywhere in the message (sipp does) would then read the phrase
/// for the header.
pub fn refusal(rh: &RequestHeaders, tag: Token, reject: &Reject, agent: &str) -> Response {
    let warning = Warning::new(399, agent, &reject.why).ok();
    match reject.code {
        RejectCode::BadRequest => {
            let b = status::BadRequest::builder().reply_to(rh).to_tag(tag);
            match warning {
                Some(w) => b.warning(w).build(),
                None => b.build(),
            }
        }
        RejectCode::TooLarge => {
            let b = status::RequestEntityTooLarge::builder()
                .reply_to(rh)
                .to_tag(tag);
            match warning {
                Some(w) => b.warning(w).build(),
                None => b.build(),
            }
        }
        RejectCode::VersionNotSupported => status::VersionNotSupported::builder()
            .reply_to(rh)
            .to_tag(tag)
            .build(),
    }
}
