//! The UAS core (RFC 3261 §8.2, §10.3, §13.3, §15): what to answer. Every response here is made by a
//! `sip_codes` builder.
//!
//! The checks that come before dispatch (Max-Forwards, the method, the Request-URI scheme, Require) answer
//! whatever the method is, so their builders start from the plain `&RequestHeaders` and check the method
//! when `build()` runs (`Server::respond_checked`). Then `RequestHeaders::by_method` hands each handler a
//! typed request, and the compiler checks the rules the spec scopes to its method: a 200 to INVITE
//! without Contact, or a 180 to an OPTIONS, does not compile.

use crate::parse::{Method, Request};
use crate::server::{Peer, Server, State};
use crate::transaction::{TxKey, TxState};
use ezk_sip_types::header::typed::Require;
use sip_codes::header::{MediaType, Method as M, OptionTag, Token};
use sip_codes::{ByMethod, RequestHeaders, Response, RuleViolations, method, status};
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

/// Whether a method is one this UAS knows, implemented or not: a method of the IANA registry, which
/// `sip_codes::header::Method` names, compared case-sensitively (RFC 3261 §7.1). A method it knows but
/// does not implement gets 405, any other 501 (§8.2.1, §21.5.2).
pub fn is_known_method(name: &str) -> bool {
    M::new(name).is_ok_and(|m| !matches!(m, M::Extension(_)))
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
        let r = status::TooManyHops::reply_to(rh).to_tag(tag).build();
        return server.respond_checked(st, key, r);
    }

    // §8.2.1 method inspection, by the request line and case-sensitively (§7.1): `invite` is an unknown
    // method, and so is one whose CSeq names another (RFC 4475 §3.1.2.18).
    if req.method == Method::Other {
        let r = if is_known_method(&req.method_name) {
            status::MethodNotAllowed::reply_to(rh)
                .to_tag(tag)
                .allow(ALLOW)
                .build()
        } else {
            status::NotImplemented::reply_to(rh).to_tag(tag).build()
        };
        return server.respond_checked(st, key, r);
    }

    // §8.2.2.1: a Request-URI scheme this UAS does not serve (it serves sip and sips only).
    if req.uri.is_none() {
        let r = status::UnsupportedUriScheme::reply_to(rh)
            .to_tag(tag)
            .build();
        return server.respond_checked(st, key, r);
    }

    // §9.2: a CANCEL is matched before any extension is looked at.
    if let Some(cancel) = rh.typed::<method::Cancel>() {
        return on_cancel(server, st, key, req, cancel, &tag);
    }

    if let Some(refused) = unsupported_extensions(req, rh, &tag) {
        return server.respond_checked(st, key, refused);
    }

    match rh.by_method() {
        ByMethod::Options(options) => {
            let r = status::Ok::reply_to(options)
                .to_tag(tag)
                .allow(ALLOW)
                .accept(MediaType::APPLICATION_SDP)
                .supported(Vec::<OptionTag>::new())
                .build();
            server.respond(st, key, r)
        }
        ByMethod::Register(register) => {
            crate::registrar::on_register(server, st, key, req, register, &tag)
        }
        ByMethod::Invite(invite) => {
            crate::invite::on_invite(server, st, key, req, invite, &tag, peer)
        }
        ByMethod::Bye(bye) => on_bye(server, st, key, bye, &tag),
        // The parser makes CSeq's method the request line's for every method it knows, the others got
        // 405 or 501 above, CANCEL is answered above and ACK by the transaction layer: nothing is left.
        _ => {
            warn!("no handler for a {} request", rh.method());
            let r = status::ServerInternalError::reply_to(rh)
                .to_tag(tag)
                .build();
            server.respond_checked(st, key, r)
        }
    }
}

/// §8.2.2.3 Require: this UAS supports no extension, so any option tag is unsupported (420), and one
/// that is no option tag makes the request malformed (400).
fn unsupported_extensions(
    req: &Request,
    rh: &RequestHeaders,
    tag: &Token,
) -> Option<Result<Response, RuleViolations>> {
    let required: Result<Vec<OptionTag>, _> = match req.headers.try_get_named::<Vec<Require>>() {
        Some(Ok(tags)) => tags.iter().map(|t| OptionTag::new(t.0.as_str())).collect(),
        Some(Err(_)) | None => Ok(Vec::new()),
    };
    match required {
        Err(_) => Some(status::BadRequest::reply_to(rh).to_tag(tag.clone()).build()),
        Ok(tags) if tags.is_empty() => None,
        Ok(tags) => Some(
            status::BadExtension::reply_to(rh)
                .to_tag(tag.clone())
                .unsupported(tags)
                .build(),
        ),
    }
}

fn on_cancel(
    server: &Arc<Server>,
    st: &mut State,
    key: &TxKey,
    req: &Request,
    cancel: sip_codes::Request<'_, method::Cancel>,
    tag: &Token,
) {
    // §9.2: the CANCEL matches the INVITE transaction with the same branch and sent-by.
    let invite_key = TxKey {
        method: "INVITE".to_string(),
        ..key.clone()
    };
    let Some(inv_tx) = st.table.txns.get(&invite_key) else {
        // RFC 5057 §5.1: a 481 to a CANCEL ends the transaction only, not the dialog.
        let r = status::CallTransactionDoesNotExist::reply_to(cancel)
            .to_tag(tag.clone())
            .build();
        return server.respond(st, key, r);
    };
    let invite_tag = inv_tx.to_tag.clone();
    let pending = (inv_tx.state == TxState::Proceeding)
        .then(|| inv_tx.invite.clone())
        .flatten();
    let ok = status::Ok::reply_to(cancel)
        .to_tag(invite_tag.clone())
        .build();
    server.respond(st, key, ok);
    if let Some(inv) = pending {
        info!("CANCEL of call-id={}: 487 for the INVITE", req.call_id);
        crate::invite::refuse(
            server,
            st,
            &invite_key,
            &inv.rh,
            &invite_tag,
            crate::invite::Refusal::Cancelled,
        );
    }
}

/// BYE (§15.1.2): 200 inside a dialog this UAS knows (the transaction layer matched its Call-ID, To tag
/// and From tag to one); else 481 (§12.2.2). The 200 ends that dialog, as `dialog::ends_dialog` decides
/// when the transaction layer sends it.
fn on_bye(
    server: &Arc<Server>,
    st: &mut State,
    key: &TxKey,
    bye: sip_codes::Request<'_, method::Bye>,
    tag: &Token,
) {
    let known = st.table.txns.get(key).is_some_and(|tx| tx.dialog.is_some());
    let r = if known {
        status::Ok::reply_to(bye).to_tag(tag.clone()).build()
    } else {
        status::CallTransactionDoesNotExist::reply_to(bye)
            .to_tag(tag.clone())
            .build()
    };
    server.respond(st, key, r)
}
