//! INVITE in the UAS core (RFC 3261 §13.3): the checks before ringing, 100 and 180, then the 200 with
//! Contact and the SDP answer that starts a dialog (§12.1.1).

use crate::parse::Request;
use crate::server::{Peer, Server, State};
use crate::transaction::{TxKey, TxState};
use ezk_sip_types::Name;
use sip_codes::header::{Contact, MediaType, Token, Uri};
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

    let ctx = Arc::new(InviteCtx {
        rh: rh.clone(),
        call_id: req.call_id.clone(),
        cseq: req.cseq,
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
    let dialog = (inv.call_id.clone(), tag.to_string());
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
        st.dialogs.insert(dialog, remote.clone());
    }
    server.respond(st, key, r);
}
