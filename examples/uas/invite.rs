//! INVITE in the UAS core (RFC 3261 §13.3): the checks before ringing, 100 and 180, then the 200 with
//! Contact and the SDP answer that starts a dialog (§12.1.1), or one of the callee's [`Refusal`]s. The
//! builders copy the request's Record-Route into the 180 and the 200 themselves (§12.1.1).

use crate::parse::Request;
use crate::server::{Peer, Server, State};
use crate::transaction::{TxKey, TxState};
use crate::wire::with_to_tag;
use ezk_sip_types::Name;
use sip_codes::header::{Accept, Contact, MediaType, RetryAfter, Token, Uri};
use sip_codes::{RequestHeaders, SipResponse, method, status};
use std::sync::Arc;
use tracing::warn;

/// What the UAS core keeps of an INVITE until it is answered.
pub struct InviteCtx {
    pub rh: RequestHeaders,
    pub call_id: String,
    pub cseq: u32,
    pub peer: Peer,
    pub remote_tag: Option<String>,
    pub answer: Result<String, &'static str>,
    /// The Contact of the 180 and the 200 (§12.1.1); `None` for a user name no SIP URI can hold.
    pub contact: Option<Contact>,
}

/// How this UAS declines an INVITE: the callee's outcomes and the offer's problems, each with the code
/// and the headers its RFC asks for, through the same builders as the rest (`#[derive(SipResponse)]`).
#[derive(Debug, SipResponse)]
pub enum Refusal {
    /// §8.2.2.1: no such callee here.
    #[sip(NotFound)]
    NoSuchCallee,
    /// `--busy`.
    #[sip(BusyHere)]
    Busy,
    /// `--no-answer`, after `--no-answer-secs`.
    #[sip(TemporarilyUnavailable)]
    NoAnswer,
    /// `--decline`, after ringing.
    #[sip(Decline)]
    Declined,
    /// `--unavailable`.
    #[sip(ServiceUnavailable)]
    Unavailable,
    /// `--max-dialogs` are open.
    #[sip(ServiceUnavailable)]
    Full { retry_after: RetryAfter },
    /// §8.2.3: a body that is not SDP.
    #[sip(UnsupportedMediaType)]
    NotSdp { accept: Accept },
    /// §21.4.7: an Accept without application/sdp, the only answer this UAS has.
    #[sip(NotAcceptable)]
    AnswerNotAccepted,
    /// An SDP offer with nothing this UAS can answer.
    #[sip(NotAcceptableHere)]
    OfferNotAcceptable,
    /// §9.2: CANCELled while ringing.
    #[sip(RequestTerminated)]
    Cancelled,
    /// No 200 could be made (a user name no SIP URI can hold).
    #[sip(ServerInternalError)]
    Broken,
}

/// Sends `refusal` as the final response of the INVITE transaction `key`, with the transaction's To
/// tag (the one its 180 carried, §12.1.1).
pub fn refuse(
    server: &Arc<Server>,
    st: &mut State,
    key: &TxKey,
    rh: &RequestHeaders,
    tag: &Token,
    refusal: Refusal,
) {
    let built = refusal.into_response(&with_to_tag(rh, tag));
    server.respond_checked(st, key, built)
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

fn dialogs_full(st: &State) -> Refusal {
    warn!(
        "{} dialogs open (--max-dialogs); 503 for a new one",
        st.dialogs.len()
    );
    Refusal::Full {
        retry_after: RetryAfter::new(st.dialogs.retry_after()),
    }
}

pub fn on_invite(
    server: &Arc<Server>,
    st: &mut State,
    key: &TxKey,
    req: &Request,
    invite: sip_codes::Request<'_, method::Invite>,
    tag: &Token,
    peer: &Peer,
) {
    let refuse = |st: &mut State, refusal| refuse(server, st, key, &invite, tag, refusal);
    let cfg = &server.cfg;
    let user = req.uri_user().unwrap_or_default().to_string();
    // §8.2.2.1: a callee this UAS does not serve. Busy, unanswering, declining and unavailable names are
    // callees whether or not they are Digest users too.
    let callee = cfg.users.contains_key(&user)
        || cfg.is_scripted(&user)
        || st.registrar.is_registered(&user);
    if !callee {
        return refuse(st, Refusal::NoSuchCallee);
    }
    // §8.2.3: only SDP bodies are understood.
    let content_type = req.first(&Name::CONTENT_TYPE);
    let is_sdp = |ct: &str| {
        ct.split(';')
            .next()
            .is_some_and(|m| m.trim().eq_ignore_ascii_case("application/sdp"))
    };
    if !req.body.is_empty() && !content_type.as_deref().is_some_and(is_sdp) {
        let accept = Accept::from(MediaType::APPLICATION_SDP);
        return refuse(st, Refusal::NotSdp { accept });
    }
    // §21.4.7: the answer is SDP; an Accept without it gets 406.
    if !accepts_sdp(req) {
        return refuse(st, Refusal::AnswerNotAccepted);
    }
    if cfg.busy.contains(&user) {
        return refuse(st, Refusal::Busy);
    }
    if cfg.unavailable.contains(&user) {
        return refuse(st, Refusal::Unavailable);
    }
    let answer = crate::sdp::answer(&req.body, server.local.ip());
    if let Err(why) = &answer {
        warn!("SDP offer not acceptable: {why}");
        return refuse(st, Refusal::OfferNotAcceptable);
    }
    if st.dialogs.is_full(&(req.call_id.clone(), tag.to_string())) {
        let full = dialogs_full(st);
        return refuse(st, full);
    }

    let transport = if peer.reliable() {
        ";transport=tcp"
    } else {
        ""
    };
    let contact = Uri::new(&format!("sip:{user}@{}{transport}", server.local))
        .map(Contact::new)
        .map_err(|e| warn!("no Contact for call-id={}: {e}", req.call_id))
        .ok();
    let ctx = Arc::new(InviteCtx {
        rh: invite.headers().clone(),
        call_id: req.call_id.clone(),
        cseq: req.cseq,
        peer: peer.clone(),
        remote_tag: req.from_tag.clone(),
        answer,
        contact,
    });
    if let Some(tx) = st.table.txns.get_mut(key) {
        tx.invite = Some(ctx.clone());
    }
    // §17.2.1: 100 Trying at once (without a To tag, §8.2.6.1), then ringing (with one and a Contact:
    // an early dialog, whose Record-Route the builder copies, §12.1.1).
    server.respond(st, key, status::Trying::reply_to(invite).build());
    let ringing = status::Ringing::reply_to(invite).to_tag(tag.clone());
    let ringing = match ctx.contact.clone() {
        Some(contact) => ringing.contact(contact),
        None => ringing,
    };
    server.respond(st, key, ringing.build());

    let id = st.table.txns[key].id;
    if cfg.no_answer.contains(&user) {
        server.after(cfg.no_answer_after, key.clone(), id, |server, st, key| {
            end_ringing(server, st, key, Some(Refusal::NoAnswer))
        });
    } else {
        let outcome = cfg.decline.contains(&user).then_some(Refusal::Declined);
        if cfg.ring.is_zero() {
            end_ringing(server, st, key, outcome);
        } else {
            server.after(cfg.ring, key.clone(), id, |server, st, key| {
                end_ringing(server, st, key, outcome)
            });
        }
    }
}

fn proceeding(st: &State, key: &TxKey) -> Option<Arc<InviteCtx>> {
    let tx = st.table.txns.get(key)?;
    (tx.state == TxState::Proceeding)
        .then(|| tx.invite.clone())
        .flatten()
}

/// The end of ringing, if the INVITE is still unanswered: `refusal`, or else the 200.
fn end_ringing(server: &Arc<Server>, st: &mut State, key: &TxKey, refusal: Option<Refusal>) {
    let Some(inv) = proceeding(st, key) else {
        return;
    };
    let tag = st.table.txns[key].to_tag.clone();
    match refusal {
        Some(refusal) => refuse(server, st, key, &inv.rh, &tag, refusal),
        None => answer_invite(server, st, key, &inv, tag),
    }
}

/// 200 to INVITE with Contact and the SDP answer (the builder adds the request's Record-Route); the
/// dialog starts (§12.1.1) once the 200 is sent.
fn answer_invite(server: &Arc<Server>, st: &mut State, key: &TxKey, inv: &InviteCtx, tag: Token) {
    let dialog = (inv.call_id.clone(), tag.to_string());
    // The table may have filled while this INVITE rang.
    if st.dialogs.is_full(&dialog) {
        let full = dialogs_full(st);
        return refuse(server, st, key, &inv.rh, &tag, full);
    }
    let (Some(invite), Some(contact)) = (inv.rh.typed::<method::Invite>(), inv.contact.clone())
    else {
        warn!("no 200 for call-id={}; 500 instead", inv.call_id);
        return refuse(server, st, key, &inv.rh, &tag, Refusal::Broken);
    };
    let sdp = inv.answer.clone().unwrap_or_default();
    let ok = status::Ok::reply_to(invite)
        .to_tag(tag)
        .contact(contact)
        .body(MediaType::APPLICATION_SDP, sdp.into_bytes())
        .build();
    let sent = server.respond_code(st, key, ok);
    if (200..300).contains(&sent)
        && let Some(remote) = &inv.remote_tag
    {
        st.dialogs.insert(dialog, remote.clone());
    }
}
