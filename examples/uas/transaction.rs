//! Server transactions (RFC 3261 §17.2) and the UAS core's 2xx retransmission (§13.3.1.4).
//!
//! The table is keyed by the top Via's branch and sent-by and by the method, ACK mapping to INVITE
//! (§17.2.3). Each transaction keeps the last response it sent, so a retransmitted request gets the same
//! bytes again. Timers (T1 = 500 ms, T2 = 4 s, T4 = 5 s):
//!
//! - INVITE, final non-2xx: Completed; over UDP the response is resent on Timer G (T1, doubling up to
//!   T2) until the ACK, which the transaction absorbs (→ Confirmed, removed after Timer I = T4; 0 over
//!   TCP); no ACK by Timer H (64·T1): removed.
//! - INVITE, 2xx: Accepted (RFC 6026): a retransmitted INVITE gets the 2xx again; removed after Timer L
//!   (64·T1). The 2xx itself is resent over UDP by the UAS core until the ACK, which is a request of its
//!   own (new branch) matched by Call-ID and CSeq number; given up after 64·T1.
//! - Non-INVITE, final: Completed; removed after Timer J (64·T1 over UDP, 0 over TCP).

use crate::parse::Method;
use crate::server::{Peer, Server, State};
use crate::wire::{log_response, status_of, wire};
use sip_codes::{RequestHeaders, Response, RuleViolations, status};
use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;
use tracing::{debug, info, warn};

pub const T1: Duration = Duration::from_millis(500);
pub const T2: Duration = Duration::from_secs(4);
pub const T4: Duration = Duration::from_secs(5);
pub const TIMER_64T1: Duration = Duration::from_secs(32);

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct TxKey {
    pub branch: String,
    pub sent_by: String,
    pub method: String,
}

impl TxKey {
    /// The key of the transaction a request belongs to. An ACK belongs to the INVITE transaction of
    /// its branch (which only exists while a non-2xx final response waits for it). A branch without
    /// the RFC 3261 magic cookie falls back to the Call-ID and CSeq number (RFC 2543 matching, coarse).
    pub fn of(req: &crate::parse::Request) -> Self {
        let method = if req.method == Method::Ack {
            "INVITE".to_string()
        } else {
            req.method_name.clone()
        };
        // The magic cookie alone is no transaction identifier (RFC 4475 §3.2.1): RFC 2543 matching.
        let branch = if req.branch.len() > 7 && req.branch.starts_with("z9hG4bK") {
            req.branch.clone()
        } else {
            format!("2543|{}|{}|{:?}", req.call_id, req.cseq, req.from_tag)
        };
        Self {
            branch,
            sent_by: req.sent_by(),
            method,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TxState {
    /// No response yet (non-INVITE) or a provisional one sent.
    Proceeding,
    /// A final response sent (a non-2xx one for INVITE).
    Completed,
    /// INVITE: the ACK for the non-2xx final arrived.
    Confirmed,
    /// INVITE: a 2xx was sent (RFC 6026).
    Accepted,
}

pub struct Txn {
    pub id: u64,
    pub state: TxState,
    pub is_invite: bool,
    pub peer: Peer,
    pub to_tag: sip_codes::header::Token,
    /// What a response copies from the request (a 513 made here, when the intended one is too large).
    pub rh: RequestHeaders,
    /// The last response sent, as wire bytes, and its status code.
    pub last: Option<(Arc<Vec<u8>>, u16)>,
    /// INVITE: what the UAS core needs to answer later (after ringing) or with 487 on CANCEL.
    pub invite: Option<Arc<crate::invite::InviteCtx>>,
    /// The dialog the request was sent in (it had a To tag), whose fate the final response decides.
    pub dialog: Option<crate::dialog::DialogKey>,
}

/// A 2xx to an INVITE that waits for its ACK.
pub struct PendingAck {
    pub id: u64,
    pub bytes: Arc<Vec<u8>>,
    /// The dialog it establishes (Call-ID, local tag).
    pub dialog: crate::dialog::DialogKey,
}

#[derive(Default)]
pub struct Table {
    pub txns: HashMap<TxKey, Txn>,
    /// Keyed by Call-ID and CSeq number of the INVITE.
    pub pending_acks: HashMap<(String, u32), PendingAck>,
    next_id: u64,
}

impl Table {
    pub fn next_id(&mut self) -> u64 {
        self.next_id += 1;
        self.next_id
    }
}

impl Server {
    /// Sends a response in a server transaction and moves it along (see the top of this file).
    pub fn respond(self: &Arc<Self>, st: &mut State, key: &TxKey, resp: Response) {
        self.respond_code(st, key, resp);
    }

    /// Sends a response whose rules were checked at run time (a code chosen at run time, or a request
    /// whose method is only known at run time). A refusal is no response to send: for an ACK, which is
    /// never answered (RFC 3261 §17), that is expected; anything else is a bug of this server, logged, and
    /// the transaction is dropped rather than left waiting.
    pub fn respond_checked(
        self: &Arc<Self>,
        st: &mut State,
        key: &TxKey,
        built: Result<Response, RuleViolations>,
    ) {
        match built {
            Ok(resp) => self.respond(st, key, resp),
            Err(violations) => {
                let method = st.table.txns.get(key).map(|tx| tx.rh.method().clone());
                if method == Some(sip_codes::header::Method::Ack) {
                    debug!("an ACK gets no response ({violations})");
                } else {
                    warn!("no response could be made ({violations}); transaction dropped");
                }
                st.table.txns.remove(key);
            }
        }
    }

    /// [`Server::respond`], returning the code sent: 513 instead of a final response too large for a UDP
    /// datagram (RFC 3261 §21.5.7: the UAS cannot send it over UDP, §18.2.2 gives it no other way, and
    /// the transaction must still end), 0 when nothing could be sent.
    pub fn respond_code(self: &Arc<Self>, st: &mut State, key: &TxKey, resp: Response) -> u16 {
        let mut bytes = wire(&resp);
        let Some(tx) = st.table.txns.get_mut(key) else {
            warn!("no transaction for a {} response; dropped", resp.code());
            return 0;
        };
        if let Peer::Udp(addr) = &tx.peer {
            let max = max_datagram(addr);
            if bytes.len() > max {
                if resp.code() < 200 {
                    warn!(
                        "a {} of {} bytes does not fit a UDP datagram ({max}); not sent",
                        resp.code(),
                        bytes.len()
                    );
                    return 0;
                }
                warn!(
                    "the {} is {} bytes, more than a UDP datagram holds ({max}); 513 Message Too Large instead",
                    resp.code(),
                    bytes.len()
                );
                let too_large = status::MessageTooLarge::reply_to(&tx.rh)
                    .to_tag(tx.to_tag.clone())
                    .build();
                bytes = match too_large {
                    Ok(r) => wire(&r),
                    Err(e) => {
                        warn!("no 513 either ({e}); the transaction ends without a response");
                        st.table.txns.remove(key);
                        return 0;
                    }
                };
                if bytes.len() > max {
                    warn!(
                        "even the 513 does not fit a UDP datagram; the transaction ends without one"
                    );
                    st.table.txns.remove(key);
                    return 0;
                }
            }
        }
        let bytes = Arc::new(bytes);
        let code = status_of(&bytes);
        log_response(&tx.peer, &bytes, false);
        self.send_bytes(&tx.peer, &bytes);
        tx.last = Some((bytes.clone(), code));
        if code >= 200
            && let Some(dialog) = &tx.dialog
            && crate::dialog::ends_dialog(code, tx.rh.method())
            && st.dialogs.remove(dialog)
        {
            info!(
                "dialog call-id={} ended by the {code} to {}",
                dialog.0,
                tx.rh.method()
            );
        }
        let (id, reliable) = (tx.id, tx.peer.reliable());
        match (tx.is_invite, code) {
            (_, 100..=199) => tx.state = TxState::Proceeding,
            (true, 200..=299) => {
                tx.state = TxState::Accepted;
                self.after(TIMER_64T1, key.clone(), id, |_, st, key| {
                    st.table.txns.remove(key);
                });
                // The UAS core resends the 2xx until the ACK (RFC 3261 §13.3.1.4).
                if let Some(inv) = tx.invite.clone() {
                    let dialog = (inv.call_id.clone(), tx.to_tag.to_string());
                    let ack_key = (inv.call_id.clone(), inv.cseq);
                    let pid = st.table.next_id();
                    st.table.pending_acks.insert(
                        ack_key.clone(),
                        PendingAck {
                            id: pid,
                            bytes: bytes.clone(),
                            dialog,
                        },
                    );
                    self.clone().retransmit_2xx(ack_key, pid, inv.peer.clone());
                }
            }
            (true, _) => {
                tx.state = TxState::Completed;
                if !reliable {
                    self.clone().timer_g(key.clone(), id);
                }
                self.after(TIMER_64T1, key.clone(), id, |_, st, key| {
                    if let Some(tx) = st.table.txns.get(key)
                        && tx.state == TxState::Completed
                    {
                        warn!(
                            "Timer H: no ACK for the {} to INVITE; transaction dropped",
                            tx.last.as_ref().map_or(0, |l| l.1)
                        );
                        st.table.txns.remove(key);
                    }
                });
            }
            (false, _) => {
                tx.state = TxState::Completed;
                if reliable {
                    st.table.txns.remove(key);
                } else {
                    self.after(TIMER_64T1, key.clone(), id, |_, st, key| {
                        st.table.txns.remove(key);
                    });
                }
            }
        }
        code
    }

    /// Runs `f` on the state after `delay` if the transaction `key` is still the one numbered `id`.
    pub fn after(
        self: &Arc<Self>,
        delay: Duration,
        key: TxKey,
        id: u64,
        f: impl FnOnce(&Arc<Server>, &mut State, &TxKey) + Send + 'static,
    ) {
        let server = self.clone();
        tokio::spawn(async move {
            tokio::time::sleep(delay).await;
            let mut st = server.lock();
            if st.table.txns.get(&key).is_some_and(|t| t.id == id) {
                f(&server, &mut st, &key);
            }
        });
    }

    /// Timer G: resend a non-2xx final response to INVITE over UDP until the ACK (or Timer H).
    fn timer_g(self: Arc<Self>, key: TxKey, id: u64) {
        tokio::spawn(async move {
            let mut interval = T1;
            loop {
                tokio::time::sleep(interval).await;
                let st = self.lock();
                let Some(tx) = st.table.txns.get(&key).filter(|t| t.id == id) else {
                    return;
                };
                if tx.state != TxState::Completed {
                    return;
                }
                if let Some((bytes, _)) = &tx.last {
                    log_response(&tx.peer, bytes, true);
                    self.send_bytes(&tx.peer, bytes);
                }
                interval = (interval * 2).min(T2);
            }
        });
    }

    /// The UAS core's 2xx retransmission over UDP (§13.3.1.4): T1 doubling up to T2, for 64·T1.
    fn retransmit_2xx(self: Arc<Self>, ack_key: (String, u32), pid: u64, peer: Peer) {
        tokio::spawn(async move {
            let mut interval = T1;
            let mut waited = Duration::ZERO;
            loop {
                tokio::time::sleep(interval).await;
                waited += interval;
                let mut st = self.lock();
                let Some(p) = st.table.pending_acks.get(&ack_key).filter(|p| p.id == pid) else {
                    return;
                };
                if waited >= TIMER_64T1 {
                    warn!(
                        "no ACK for the 2xx of call-id={} cseq={}; given up, dialog forgotten",
                        ack_key.0, ack_key.1
                    );
                    // §13.3.1.4: the session SHOULD end; this UAS sends no BYE, it drops the dialog.
                    if let Some(p) = st.table.pending_acks.remove(&ack_key) {
                        st.dialogs.remove(&p.dialog);
                    }
                    return;
                }
                if !peer.reliable() {
                    log_response(&peer, &p.bytes, true);
                    self.send_bytes(&peer, &p.bytes);
                }
                interval = (interval * 2).min(T2);
            }
        });
    }
}

/// The largest UDP payload: 65535 minus the UDP header and, for IPv4, the IP header (IPv6's payload
/// length does not count its header).
fn max_datagram(addr: &SocketAddr) -> usize {
    if addr.is_ipv4() { 65_507 } else { 65_527 }
}
