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

use crate::server::Peer;
use ezk_sip_types::Method;
use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

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
        let method = if req.method == Method::ACK {
            Method::INVITE.to_string()
        } else {
            req.method.to_string()
        };
        let branch = if req.branch.starts_with("z9hG4bK") {
            req.branch.clone()
        } else {
            format!("2543|{}|{}|{:?}", req.call_id, req.cseq.cseq, req.from_tag)
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
    /// The last response sent, as wire bytes, and its status code.
    pub last: Option<(Arc<Vec<u8>>, u16)>,
    /// INVITE: what the UAS core needs to answer later (after ringing) or with 487 on CANCEL.
    pub invite: Option<Arc<crate::uas::InviteCtx>>,
}

/// A 2xx to an INVITE that waits for its ACK.
pub struct PendingAck {
    pub id: u64,
    pub bytes: Arc<Vec<u8>>,
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
