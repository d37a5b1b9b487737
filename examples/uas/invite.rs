//! INVITE in the UAS core (RFC 3261 §13.3): the checks before ringing, 100 and 180, then the 200 with
//! Contact and the SDP answer that starts a dialog (§12.1.1).

use crate::parse::Request;
use crate::server::{Peer, Server, State};
use crate::transaction::{TxKey, TxState};
use ezk_sip_types::Name;
use sip_codes::header::{Contact, HeaderName, HeaderValue, MediaType, RetryAfter, Token, Uri};
use sip_codes::{RequestHeaders, status};
use std::sync::Arc;
use tracing::warn;

/// What the UAS core keeps of an INVITE until it is answered.
pub struct InviteCtx {
    pub rh: RequestHeaders,
    pub call_id: String,
    pub cseq: u32,
    pub peer: Peer,
    pub user: String,
    pub remote_tag: Option<String>,
    pub answer: Result<String, &'static str>,
    /// The request's Record-Route values, in order, for the dialog-establishing responses.
    pub record_route: Vec<String>,
}

/// RFC 3261 §12.1.1: the UAS MUST copy every Record-Route of the request, in order, into the responses
/// that establish a dialog (2xx, and 101-199 with a To tag), so the caller learns the route set that
/// its ACK, BYE and re-INVITE must follow.
// TODO(builder-record-route): `RequestHeaders` and `reply_to` are about to copy Record-Route in the
// library itself; then drop this function and its calls (the 180 and the 200 below).
fn copy_record_route<C: status::Code, S>(
    mut b: status::Builder<C, S>,
    record_route: &[String],
) -> Result<status::Builder<C, S>, sip_codes::Error> {
    for value in record_route {
        b = b.header(
            HeaderName::from_static("Record-Route")?,
            HeaderValue::new(value.as_str())?,
        )?;
    }
    Ok(b)
}

/// Whether the request's Accept admits an `application/sdp` body (RFC 3261 §20.1: no Accept means
/// application/sdp; an Accept that leaves it out rules the answer out, RFC 4475 §3.3.15).
fn accepts_sdp(req: &Request) -> bool {
    let accepts = req.all(&Name::ACCEPT);
    if accepts.is_empty() {
        return true;
    }
    accepts.iter().flat_map(|a| a.split(',')).any(|range| {
        let mut parts = range.split(';');
        let media = parts.next().unwrap_or("").trim().to_ascii_lowercase();
        let refused = parts.any(|p| {
            p.trim()
                .strip_prefix("q=")
                .and_then(|q| q.trim().parse::<f32>().ok())
                .is_some_and(|q| q == 0.0)
        });
        !refused && matches!(media.as_str(), "application/sdp" | "application/*" | "*/*")
    })
}

fn service_unavailable(rh: &RequestHeaders, tag: &Token, st: &State) -> sip_codes::Response {
    warn!(
        "{} dialogs open (--max-dialogs); 503 for a new one",
        st.dialogs.len()
    );
    status::ServiceUnavailable::builder()
        .reply_to(rh)
        .to_tag(tag.clone())
        .retry_after(RetryAfter::new(st.dialogs.retry_after()))
        .build()
}

pub fn on_invite(
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
    // §8.2.2.1: a callee this UAS does not serve. Busy and unanswering names are callees whether or
    // not they are Digest users too.
    let callee = cfg.users.contains_key(&user)
        || cfg.busy.contains(&user)
        || cfg.no_answer.contains(&user)
        || st.registrar.is_registered(&user);
    if !callee {
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
    // §21.4.7: the answer is SDP; an Accept without it gets 406.
    if !accepts_sdp(req) {
        let r = status::NotAcceptable::builder()
            .reply_to(rh)
            .to_tag(tag.clone())
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
    if st.dialogs.is_full(&(req.call_id.clone(), tag.to_string())) {
        let r = service_unavailable(rh, tag, st);
        return server.respond(st, key, r);
    }

    let ctx = Arc::new(InviteCtx {
        rh: rh.clone(),
        call_id: req.call_id.clone(),
        cseq: req.cseq,
        peer: peer.clone(),
        user: user.clone(),
        remote_tag: req.from_tag.clone(),
        answer,
        record_route: req.all(&Name::RECORD_ROUTE),
    });
    if let Some(tx) = st.table.txns.get_mut(key) {
        tx.invite = Some(ctx.clone());
    }
    // §17.2.1: 100 Trying at once (without a To tag, §8.2.6.1), then ringing (with one, so it carries
    // the Record-Route, §12.1.1).
    let trying = status::Trying::builder().reply_to(rh).build();
    server.respond(st, key, trying);
    let ringing = status::Ringing::builder().reply_to(rh).to_tag(tag.clone());
    match copy_record_route(ringing, &ctx.record_route) {
        Ok(ringing) => server.respond(st, key, ringing.build()),
        Err(e) => warn!("Record-Route not copied into the 180 ({e}); 180 not sent"),
    }

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

/// 200 to INVITE with Contact, the request's Record-Route and the SDP answer; the dialog starts
/// (§12.1.1) once the 200 is sent.
fn answer_invite(server: &Arc<Server>, st: &mut State, key: &TxKey) {
    let Some(inv) = proceeding(st, key) else {
        return;
    };
    let tag = st.table.txns[key].to_tag.clone();
    let dialog = (inv.call_id.clone(), tag.to_string());
    // The table may have filled while this INVITE rang.
    if st.dialogs.is_full(&dialog) {
        let r = service_unavailable(&inv.rh, &tag, st);
        server.respond(st, key, r);
        return;
    }
    let transport = if inv.peer.reliable() {
        ";transport=tcp"
    } else {
        ""
    };
    let sdp = inv.answer.clone().unwrap_or_default();
    let ok = Uri::new(&format!("sip:{}@{}{transport}", inv.user, server.local))
        .map_err(|e| e.to_string())
        .and_then(|uri| {
            let b = status::Ok::for_invite()
                .reply_to(&inv.rh)
                .to_tag(tag.clone())
                .contact(Contact::new(uri))
                .body(MediaType::APPLICATION_SDP, sdp.into_bytes());
            copy_record_route(b, &inv.record_route).map_err(|e| e.to_string())
        });
    let r = match ok {
        Ok(b) => b.build(),
        // A user name that is no URI user part, or a Record-Route no header value can hold.
        Err(e) => {
            warn!("no 200 for call-id={}: {e}; 500 instead", inv.call_id);
            status::ServerInternalError::builder()
                .reply_to(&inv.rh)
                .to_tag(tag.clone())
                .build()
        }
    };
    let sent = server.respond_code(st, key, r);
    if (200..300).contains(&sent)
        && let Some(remote) = &inv.remote_tag
    {
        st.dialogs.insert(dialog, remote.clone());
    }
}
