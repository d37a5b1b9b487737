//! The response contexts of the proxy (RFC 3261 §16.6 to §16.10): one per request it forks, one client
//! transaction per `--branch`, and the choice of what reaches the caller.

use crate::Config;
use crate::own;
use crate::sip::{self, Forwarding};
use sip_codes::message::Message;
use sip_codes::proxy::{Choice, Forward, best_response};
use sip_codes::{RequestHeaders, Response, StatusCode};
use std::collections::HashMap;
use std::net::{SocketAddr, UdpSocket};
use std::sync::{Arc, Mutex, MutexGuard};
use tracing::{debug, info, warn};

mod timers;

/// One forked request and what its branches answered.
struct Context {
    /// Tells a context from a later one under the same key, for the timers.
    id: u64,
    /// The request as received, for the responses the proxy makes itself.
    request: RequestHeaders,
    is_invite: bool,
    upstream: SocketAddr,
    branches: Vec<Branch>,
    /// The final responses, in arrival order: the code, and the message (`None`: a timeout, which
    /// counts as a 408 for an INVITE, §16.8).
    finals: Vec<(StatusCode, Option<Vec<u8>>)>,
    /// A 2xx was relayed (§16.7 step 5): that is the answer.
    answered: bool,
    /// The final response is chosen (or a 2xx relayed): no other one goes upstream.
    done: bool,
    /// What went upstream last (100 or the final), for a retransmitted request.
    last: Option<Vec<u8>>,
    /// The ACK of the final non-2xx response arrived (§17.2.1).
    acked: bool,
}

/// One client transaction of a context.
struct Branch {
    id: String,
    target: SocketAddr,
    /// The request as forwarded on this branch.
    request: Vec<u8>,
    provisional: bool,
    done: bool,
    /// A CANCEL is wanted: it goes once a provisional response has arrived (§9.1).
    cancel: bool,
    cancel_sent: bool,
}

#[derive(Default)]
struct State {
    /// By server transaction key (top Via branch and sent-by of the request received).
    contexts: HashMap<String, Context>,
    /// Our branch parameter → (context key, branch index).
    branches: HashMap<String, (String, usize)>,
    next_id: u64,
}

pub struct Proxy {
    pub cfg: Config,
    socket: UdpSocket,
    state: Mutex<State>,
    seed: u64,
}

impl Proxy {
    pub fn new(cfg: Config, socket: UdpSocket, seed: u64) -> Self {
        let state = Mutex::new(State::default());
        Proxy {
            cfg,
            socket,
            state,
            seed,
        }
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub fn send(&self, to: SocketAddr, bytes: &[u8]) {
        if let Err(e) = self.socket.send_to(bytes, to) {
            warn!("send to {to}: {e}");
        }
    }

    fn send_response(
        &self,
        to: SocketAddr,
        what: &str,
        response: Result<Response, impl std::fmt::Display>,
    ) -> Option<Vec<u8>> {
        match response {
            Ok(response) => {
                info!(
                    "-> {} {} to {to} ({what})",
                    response.code(),
                    response.reason()
                );
                let bytes = response.to_bytes();
                self.send(to, &bytes);
                Some(bytes)
            }
            Err(e) => {
                debug!("no {what} ({e})");
                None
            }
        }
    }

    /// A request that starts a response context (§16.2 to §16.6), or its retransmission.
    pub fn on_new_request(
        self: &Arc<Self>,
        data: &[u8],
        msg: &Message<'_>,
        key: String,
        from: SocketAddr,
    ) {
        let mut st = self.lock();
        if let Some(ctx) = st.contexts.get(&key) {
            if let Some(last) = &ctx.last {
                debug!("retransmitted request: the last response again");
                self.send(ctx.upstream, last);
            }
            return;
        }
        let Ok(request) = RequestHeaders::from_message_bytes(data) else {
            warn!("a request whose transaction headers cannot be read; dropped");
            return;
        };
        let is_invite = msg.request_line().is_some_and(|l| l.method() == "INVITE");
        st.next_id += 1;
        let id = st.next_id;
        let listen = self.cfg.listen;
        let mut branches = Vec::new();
        for (i, target) in self.cfg.branches.iter().enumerate() {
            let branch = format!("z9hG4bK{:x}.{id}.{i}", self.seed);
            let via = format!("SIP/2.0/UDP {listen};branch={branch}");
            let record_route = format!("<sip:{listen};lr>");
            let how = Forwarding {
                via: &via,
                record_route: is_invite.then_some(record_route.as_str()),
                us: listen,
            };
            let Some(forwarded) = sip::forward_request(msg, &how) else {
                let hops = own::too_many_hops(&request);
                self.send_response(from, "Max-Forwards is 0, §16.3 step 3", hops);
                return;
            };
            branches.push(Branch {
                id: branch,
                target: *target,
                request: forwarded,
                provisional: false,
                done: false,
                cancel: false,
                cancel_sent: false,
            });
        }
        let trying = own::trying(&request).map(|t| t.to_bytes());
        if let Some(trying) = &trying {
            info!("-> 100 Trying to {from}");
            self.send(from, trying);
        }
        for (i, b) in branches.iter().enumerate() {
            info!(
                "-> {} branch {} to {}",
                msg.request_line().map_or("", |l| l.method()),
                i + 1,
                b.target
            );
            self.send(b.target, &b.request);
            st.branches.insert(b.id.clone(), (key.clone(), i));
        }
        let count = branches.len();
        st.contexts.insert(
            key.clone(),
            Context {
                id,
                request,
                is_invite,
                upstream: from,
                branches,
                finals: Vec::new(),
                answered: false,
                done: false,
                last: trying,
                acked: false,
            },
        );
        drop(st);
        for i in 0..count {
            self.clone().client_timers(key.clone(), id, i, is_invite);
        }
    }

    /// A response from a branch (§16.7).
    pub fn on_response(self: &Arc<Self>, data: &[u8], msg: &Message<'_>, branch: &str) -> bool {
        let mut st = self.lock();
        let Some((key, index)) = st.branches.get(branch).cloned() else {
            return false;
        };
        let Some(ctx) = st.contexts.get_mut(&key) else {
            return false;
        };
        let Some(code) = msg.response_line().map(|l| l.code()) else {
            return true;
        };
        let Some(b) = ctx.branches.get_mut(index) else {
            return true;
        };
        let cseq = sip::first(msg, "CSeq").unwrap_or_default();
        if cseq.split_whitespace().nth(1) == Some("CANCEL") {
            // The answer to our own CANCEL of this branch (it shares the branch's Via, §9.1).
            info!("<- {code} to the CANCEL of branch {}", index + 1);
            return true;
        }
        info!("<- {code} from branch {} ({})", index + 1, b.target);
        if code >= 300 && ctx.is_invite {
            // §17.1.1.3: the client transaction ACKs a non-2xx final response itself (hop by hop).
            if let Some(ack) = Message::parse(&b.request)
                .ok()
                .and_then(|r| sip::ack(&r, msg))
            {
                self.send(b.target, &ack);
            }
        }
        if b.done {
            if (200..300).contains(&code) && ctx.is_invite {
                // A retransmitted 2xx: relayed, as every 2xx is (RFC 6026 §7.2).
                self.relay(ctx.upstream, msg, &[]);
            }
            return true;
        }
        if code < 200 {
            b.provisional = true;
            self.send_cancel(b, index);
            // §16.7 step 5: provisional responses but 100 go upstream at once.
            if code > 100 && !ctx.done {
                self.relay(ctx.upstream, msg, &[]);
            }
            return true;
        }
        b.done = true;
        let status = StatusCode::interpret(code).unwrap_or(StatusCode::ServerInternalError);
        ctx.finals.push((status, Some(data.to_vec())));
        if (200..300).contains(&code) {
            // §16.7 step 5: every 2xx goes upstream at once; the other branches are cancelled (step 10).
            self.relay(ctx.upstream, msg, &[]);
            ctx.answered = true;
            ctx.done = true;
            self.cancel_pending(ctx, &key);
        } else if code >= 600 {
            // §16.7 step 5: a 6xx is not forwarded at once, but the pending branches are cancelled.
            self.cancel_pending(ctx, &key);
        }
        self.maybe_decide(&mut st, &key);
        true
    }

    fn cancel_pending(self: &Arc<Self>, ctx: &mut Context, key: &str) {
        if ctx.is_invite {
            for i in 0..ctx.branches.len() {
                self.cancel_branch(ctx, i, key);
            }
        }
    }

    fn relay(
        &self,
        upstream: SocketAddr,
        msg: &Message<'_>,
        extra: &[(String, String)],
    ) -> Vec<u8> {
        let bytes = sip::relay_response(msg, extra);
        if let Some(line) = msg.response_line() {
            info!(
                "-> {} {} to {upstream} (relayed)",
                line.code(),
                line.reason()
            );
        }
        self.send(upstream, &bytes);
        bytes
    }

    /// Once every branch has a final response (or timed out): what `best_response` chooses goes upstream
    /// (§16.7 steps 6 and 7), unless a 2xx went already.
    fn maybe_decide(self: &Arc<Self>, st: &mut State, key: &str) {
        let Some(ctx) = st.contexts.get_mut(key) else {
            return;
        };
        if !ctx.branches.iter().all(|b| b.done) {
            return;
        }
        if ctx.done {
            // A 2xx went upstream already (or this context has chosen): it only waits to be forgotten.
            self.forget_later(key.to_string(), ctx.id);
            return;
        }
        ctx.done = true;
        let codes: Vec<StatusCode> = ctx.finals.iter().map(|(c, _)| *c).collect();
        let choice: Choice = best_response(&codes, ctx.request.method());
        let list: Vec<u16> = codes.iter().map(|c| c.code()).collect();
        ctx.last = match &choice.forward {
            Forward::Response(i) => match ctx.finals.get(*i) {
                Some((code, Some(bytes))) => {
                    info!("final: {} chosen of {list:?} (§16.7 step 6)", code.code());
                    Message::parse(bytes).ok().map(|msg| {
                        let extra: Vec<(String, String)> = choice
                            .merge_challenges_from
                            .iter()
                            .filter_map(|j| ctx.finals.get(*j)?.1.as_deref())
                            .filter_map(|b| Message::parse(b).ok())
                            .flat_map(|m| sip::challenges(&m))
                            .collect();
                        self.relay(ctx.upstream, &msg, &extra)
                    })
                }
                _ => {
                    info!("final: 408 (a branch timed out, §16.8) chosen of {list:?}");
                    self.send_response(
                        ctx.upstream,
                        "timeout",
                        own::instead(StatusCode::RequestTimeout, &ctx.request),
                    )
                }
            },
            Forward::ServerInternalError { .. } => {
                info!("final: 500 instead of the only response, a 503, of {list:?} (§16.7 step 6)");
                let response = own::instead(StatusCode::ServerInternalError, &ctx.request);
                self.send_response(ctx.upstream, "for a lone 503", response)
            }
            Forward::RequestTimeout => {
                info!("final: 408, no branch answered (§16.7 step 6)");
                self.send_response(
                    ctx.upstream,
                    "timeout",
                    own::instead(StatusCode::RequestTimeout, &ctx.request),
                )
            }
            Forward::Nothing => {
                info!("final: none, no branch answered a non-INVITE (RFC 4320 §4.2)");
                None
            }
        };
        if ctx.is_invite {
            self.clone().retransmit_final(key.to_string(), ctx.id);
        }
        self.forget_later(key.to_string(), ctx.id);
    }

    /// An ACK with the key of a context: the ACK of the final non-2xx response, absorbed (hop by hop,
    /// §16.7 step 9 ACKed the branches). `false` when it is no such ACK.
    pub fn on_ack(&self, key: &str) -> bool {
        let mut st = self.lock();
        match st.contexts.get_mut(key) {
            Some(ctx) if ctx.done && !ctx.answered => {
                info!("<- ACK of the final response: absorbed (hop by hop)");
                ctx.acked = true;
                true
            }
            _ => false,
        }
    }

    /// A CANCEL from upstream (§16.10): answered at once, and the pending branches cancelled.
    pub fn on_cancel(self: &Arc<Self>, data: &[u8], key: &str, from: SocketAddr) {
        let mut st = self.lock();
        let ctx = st.contexts.get_mut(key).filter(|c| c.is_invite);
        let matched = ctx.is_some();
        if let Ok(request) = RequestHeaders::from_message_bytes(data) {
            let answer = own::cancel_answer(&request, matched).ok_or("not a CANCEL");
            self.send_response(from, "CANCEL", answer);
        }
        if let Some(ctx) = ctx
            && !ctx.done
        {
            info!("<- CANCEL: the pending branches are cancelled");
            self.cancel_pending(ctx, key);
        }
    }
}
