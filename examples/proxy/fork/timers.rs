//! The proxy's timers (RFC 3261 §17.1.1.2, §17.1.2.2, §16.8, §17.2.1): a branch's request resent until a
//! response (Timers A, E), a branch that never answers (B, F) or rings too long (C), a cancelled branch
//! that never ends, the final response resent upstream until its ACK (G), and a context forgotten once
//! retransmissions can no longer come (H, J). Each timer is a task that checks, under the lock, that its
//! context is still the one it was started for.

use super::{Branch, Context, Proxy, State};
use crate::sip;
use sip_codes::StatusCode;
use sip_codes::message::Message;
use std::sync::Arc;
use std::time::Duration;
use tracing::info;

/// Whether the branch has its final response (or the context is gone).
fn ctx_done(proxy: &Proxy, key: &str, id: u64, index: usize) -> bool {
    let st = proxy.lock();
    let ctx = st.contexts.get(key).filter(|c| c.id == id);
    ctx.and_then(|c| c.branches.get(index))
        .is_none_or(|b| b.done)
}

/// T2: the longest interval between retransmissions (of non-INVITE requests and of responses).
const T2: Duration = Duration::from_secs(4);

impl Proxy {
    /// Timers A/E (retransmit until a response), B/F (no response: a timeout), and C (an INVITE branch
    /// that rings too long is cancelled, §16.8).
    pub(super) fn client_timers(
        self: Arc<Self>,
        key: String,
        id: u64,
        index: usize,
        is_invite: bool,
    ) {
        let t1 = self.cfg.t1;
        tokio::spawn(async move {
            let mut interval = t1;
            let mut waited = Duration::ZERO;
            loop {
                let step = interval.min((t1 * 64).saturating_sub(waited));
                tokio::time::sleep(step).await;
                waited += step;
                let mut st = self.lock();
                let Some(ctx) = st.contexts.get_mut(&key).filter(|c| c.id == id) else {
                    return;
                };
                let Some(b) = ctx.branches.get(index) else {
                    return;
                };
                if b.done || (is_invite && b.provisional) {
                    break;
                }
                if waited >= t1 * 64 {
                    // Timer B, or F: a non-INVITE that got only a provisional response times out too.
                    info!(
                        "branch {} ({}): no final response, timed out (Timer B/F)",
                        index + 1,
                        b.target
                    );
                    self.branch_timed_out(&mut st, &key, index);
                    return;
                }
                if !b.provisional {
                    self.send(b.target, &b.request);
                }
                interval = if is_invite {
                    interval * 2
                } else {
                    (interval * 2).min(T2)
                };
            }
            if !is_invite || ctx_done(&self, &key, id, index) {
                return;
            }
            tokio::time::sleep(self.cfg.timer_c.saturating_sub(waited)).await;
            let mut st = self.lock();
            let Some(ctx) = st.contexts.get_mut(&key).filter(|c| c.id == id) else {
                return;
            };
            if ctx.branches.get(index).is_some_and(|b| !b.done) {
                info!("branch {}: Timer C fired; cancelled", index + 1);
                self.cancel_branch(ctx, index, &key);
            }
        });
    }

    /// A branch that will not answer: a 408 for an INVITE (§16.8), nothing for the others (RFC 4320 §4.2).
    pub(super) fn branch_timed_out(self: &Arc<Self>, st: &mut State, key: &str, index: usize) {
        let Some(ctx) = st.contexts.get_mut(key) else {
            return;
        };
        let Some(b) = ctx.branches.get_mut(index).filter(|b| !b.done) else {
            return;
        };
        b.done = true;
        if ctx.is_invite {
            ctx.finals.push((StatusCode::RequestTimeout, None));
        }
        self.maybe_decide(st, key);
    }

    /// Cancels one pending INVITE branch (§16.10): at once if it has rung, else once it does. A branch
    /// that still gives no final response 64·T1 later counts as timed out.
    pub(super) fn cancel_branch(self: &Arc<Self>, ctx: &mut Context, index: usize, key: &str) {
        let Some(b) = ctx.branches.get_mut(index).filter(|b| !b.done && !b.cancel) else {
            return;
        };
        b.cancel = true;
        self.send_cancel(b, index);
        let (proxy, key, id) = (self.clone(), key.to_string(), ctx.id);
        tokio::spawn(async move {
            tokio::time::sleep(proxy.cfg.t1 * 64).await;
            let mut st = proxy.lock();
            if st.contexts.get(&key).is_some_and(|c| c.id == id) {
                proxy.branch_timed_out(&mut st, &key, index);
            }
        });
    }

    pub(super) fn send_cancel(&self, b: &mut Branch, index: usize) {
        if !b.cancel || b.cancel_sent || !b.provisional {
            return;
        }
        let cancel = Message::parse(&b.request)
            .ok()
            .and_then(|m| sip::cancel(&m));
        if let Some(cancel) = cancel {
            info!("-> CANCEL branch {} to {}", index + 1, b.target);
            self.send(b.target, &cancel);
            b.cancel_sent = true;
        }
    }

    /// Timer G: the final non-2xx response to an INVITE goes upstream again until its ACK.
    pub(super) fn retransmit_final(self: Arc<Self>, key: String, id: u64) {
        tokio::spawn(async move {
            let mut interval = self.cfg.t1;
            loop {
                tokio::time::sleep(interval).await;
                let st = self.lock();
                let Some(ctx) = st.contexts.get(&key).filter(|c| c.id == id && !c.acked) else {
                    return;
                };
                if let Some(last) = &ctx.last {
                    self.send(ctx.upstream, last);
                }
                interval = (interval * 2).min(T2);
            }
        });
    }

    /// The context is kept 64·T1 for retransmissions and the ACK (Timers H, J), then forgotten.
    pub(super) fn forget_later(self: &Arc<Self>, key: String, id: u64) {
        let proxy = self.clone();
        tokio::spawn(async move {
            tokio::time::sleep(proxy.cfg.t1 * 64).await;
            let mut st = proxy.lock();
            if st.contexts.get(&key).is_some_and(|c| c.id == id)
                && let Some(ctx) = st.contexts.remove(&key)
            {
                for b in ctx.branches {
                    st.branches.remove(&b.id);
                }
            }
        });
    }
}
