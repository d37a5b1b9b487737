//! Shared state, sending, the transaction layer's dispatch and its timers.

use crate::Config;
use crate::dialog::Dialogs;
use crate::digest::Nonces;
use crate::parse::{self, Method, Rejected};
use crate::refuse;
use crate::registrar::Registrar;
use crate::tcp::Conn;
use crate::transaction::{T4, Table, TxKey, TxState, Txn};
use crate::uas;
use crate::wire::{log_response, random_seed, stamp_received};
use bytes::Bytes;
use sip_codes::RequestHeaders;
use sip_codes::header::Token;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use tokio::net::UdpSocket;
use tracing::{debug, info, warn};

/// Where a request came from and where its responses go: over TCP on the same connection; over UDP see
/// [`Peer::response_target`].
#[derive(Clone)]
pub enum Peer {
    Udp(SocketAddr),
    Tcp(SocketAddr, Conn),
}

impl Peer {
    /// Where responses to a request with this top Via go over UDP (RFC 3261 §18.2.2): the source address
    /// of the request (its `received`) at the port of the Via's sent-by, 5060 if it has none; or the
    /// source port too when the Via asks for `rport` (RFC 3581 §4).
    pub fn response_target(self, via: &ezk_sip_types::header::typed::Via) -> Peer {
        match self {
            Peer::Udp(from) if via.params.get("rport").is_none() => {
                Peer::Udp(SocketAddr::new(from.ip(), via.sent_by.port.unwrap_or(5060)))
            }
            other => other,
        }
    }

    /// The address the request came from.
    pub fn source(&self) -> SocketAddr {
        match self {
            Peer::Udp(a) | Peer::Tcp(a, _) => *a,
        }
    }

    pub fn reliable(&self) -> bool {
        matches!(self, Peer::Tcp(..))
    }
}

impl fmt::Display for Peer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Peer::Udp(a) => write!(f, "udp:{a}"),
            Peer::Tcp(a, _) => write!(f, "tcp:{a}"),
        }
    }
}

pub struct State {
    pub table: Table,
    pub registrar: Registrar,
    pub nonces: Nonces,
    pub dialogs: Dialogs,
}

pub struct Server {
    pub cfg: Config,
    pub udp: Arc<UdpSocket>,
    pub local: SocketAddr,
    state: Mutex<State>,
    tag_seed: u64,
    tag_seq: AtomicU64,
}

impl Server {
    pub fn new(cfg: Config, udp: Arc<UdpSocket>, local: SocketAddr) -> Self {
        let seed = random_seed();
        let mut key = [0u8; 32];
        for (i, chunk) in key.chunks_mut(8).enumerate() {
            chunk.copy_from_slice(&(seed.rotate_left(i as u32 * 16) ^ random_seed()).to_le_bytes());
        }
        let nonces = Nonces::new(key, cfg.nonce_ttl);
        let dialogs = Dialogs::new(cfg.limits.max_dialogs, cfg.limits.dialog_max_age);
        Self {
            cfg,
            udp,
            local,
            state: Mutex::new(State {
                table: Table::default(),
                registrar: Registrar::default(),
                nonces,
                dialogs,
            }),
            tag_seed: seed,
            tag_seq: AtomicU64::new(0),
        }
    }

    pub fn lock(&self) -> MutexGuard<'_, State> {
        // A panic elsewhere must not stop the server: the state stays usable.
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// A fresh tag (RFC 3261 §19.3: at least 32 bits of randomness).
    pub fn new_tag(&self) -> Token {
        let n = self.tag_seq.fetch_add(1, Ordering::Relaxed);
        let mixed = (self.tag_seed ^ n.wrapping_mul(0x9e37_79b9_7f4a_7c15)) & 0xffff_ffff_ffff;
        // Hex digits after a letter: always a token.
        Token::new(format!("u{mixed:x}")).unwrap_or_else(|_| unreachable!("hex is a token"))
    }

    /// Writes bytes to a peer without waiting: UDP send is non-blocking here, TCP goes to the
    /// connection's writer task.
    pub fn send_bytes(&self, peer: &Peer, bytes: &[u8]) {
        match peer {
            Peer::Udp(addr) => {
                if let Err(e) = self.udp.try_send_to(bytes, *addr) {
                    let udp = self.udp.clone();
                    let (addr, bytes) = (*addr, bytes.to_vec());
                    if e.kind() == std::io::ErrorKind::WouldBlock {
                        tokio::spawn(async move {
                            let _ = udp.send_to(&bytes, addr).await;
                        });
                    } else {
                        warn!("send to {addr} failed: {e}");
                    }
                }
            }
            Peer::Tcp(addr, conn) => {
                if !conn.send(bytes) {
                    warn!("tcp:{addr} is closed or not reading; response dropped");
                }
            }
        }
    }

    /// Sends a response outside any transaction (a 400 to a request too broken to key one).
    pub fn send_stateless(&self, peer: &Peer, bytes: &[u8]) {
        log_response(peer, bytes, false);
        self.send_bytes(peer, bytes);
    }

    /// Entry point for one datagram or one framed stream message.
    pub fn handle(self: &Arc<Self>, data: Bytes, peer: Peer) {
        let limits = parse::Limits {
            max_body: self.cfg.limits.max_body,
            stream: peer.reliable(),
        };
        let req = match parse::parse_request(data.clone(), &limits) {
            Ok(req) => req,
            Err(Rejected::Response) => {
                debug!("{peer}: a response; a UAS has no client transactions, dropped");
                return;
            }
            Err(Rejected::Answer(reject)) => return self.reject(&data, &peer, &reject),
        };
        info!(
            "<- {} {} {peer} call-id={} cseq={} {}",
            req.method_name, req.uri_text, req.call_id, req.cseq, req.method_name
        );
        let source = peer.source();
        let peer = peer.response_target(&req.via);
        let rh = match RequestHeaders::from_message(&req.text) {
            Ok(rh) => stamp_received(rh, &req.via, source),
            Err(e) => {
                // A value no response can carry (a control character in a quoted-pair, RFC 3261 §25.1
                // allows it; sip_codes::header::HeaderValue does not): no response can be made.
                warn!("{peer}: request headers cannot be copied into a response ({e}); dropped");
                return;
            }
        };
        let key = TxKey::of(&req);
        let mut st = self.lock();

        if req.method == Method::Ack {
            if let Some(tx) = st.table.txns.get_mut(&key) {
                match tx.state {
                    TxState::Completed => {
                        // ACK for a non-2xx final: absorbed by the INVITE transaction (§17.2.1).
                        tx.state = TxState::Confirmed;
                        let id = tx.id;
                        if tx.peer.reliable() {
                            st.table.txns.remove(&key);
                        } else {
                            self.after(T4, key, id, |_, st, key| {
                                st.table.txns.remove(key);
                            });
                        }
                        return;
                    }
                    TxState::Confirmed => return,
                    _ => {}
                }
            }
            // ACK for a 2xx: a request of its own, for the UAS core (§13.3.1.4, §17.1.1.3).
            let ack_key = (req.call_id.clone(), req.cseq);
            if st.table.pending_acks.remove(&ack_key).is_none() {
                debug!("ACK with no 2xx waiting for it (call-id={})", req.call_id);
            }
            return;
        }

        if let Some(tx) = st.table.txns.get(&key) {
            // A retransmission: the same response again, or nothing while there is none yet.
            if let Some((bytes, _)) = &tx.last {
                log_response(&tx.peer, bytes, true);
                self.send_bytes(&peer, bytes);
            }
            return;
        }

        let id = st.table.next_id();
        // In-dialog requests keep their To tag; the others get a fresh one (§8.2.6.2).
        let to_tag = req
            .to_tag
            .as_deref()
            .and_then(|t| Token::new(t).ok())
            .unwrap_or_else(|| self.new_tag());
        // A request inside a dialog this UAS knows: Call-ID, local (To) and remote (From) tags (§12.2.2).
        let dialog = req
            .to_tag
            .clone()
            .map(|local| (req.call_id.clone(), local))
            .filter(|d| {
                st.dialogs
                    .remote_tag(d)
                    .is_some_and(|r| Some(r) == req.from_tag.as_deref())
            });
        st.table.txns.insert(
            key.clone(),
            Txn {
                id,
                state: TxState::Proceeding,
                is_invite: req.method == Method::Invite,
                peer: peer.clone(),
                to_tag,
                rh: rh.clone(),
                last: None,
                invite: None,
                dialog,
            },
        );
        uas::on_request(self, &mut st, &key, &req, &rh, &peer);
    }

    /// A message the parser refused: the response it asks for (400, 413, 505), sent statelessly back
    /// to where the message came from, if its transaction headers can be read and the code may answer
    /// its method (an ACK is never answered, §17.2.1); else dropped.
    pub fn reject(&self, data: &[u8], peer: &Peer, reject: &parse::Reject) {
        // The request line's method decides before the CSeq's (they may differ in a broken request).
        let rh = if data.starts_with(b"ACK ") {
            None
        } else {
            refuse::answerable(data)
        };
        let Some(answerable) = rh else {
            warn!("<- {peer}: {}; no response possible, dropped", reject.why);
            return;
        };
        let rh = &answerable.rh;
        let tag = self.stateless_tag(rh);
        match refuse::refusal(rh, tag, reject, &self.local.to_string()) {
            Ok(response) => {
                warn!("<- {peer}: refused, {}", reject.why);
                self.send_stateless(peer, &answerable.wire(&response));
            }
            Err(e) if !reject.code.status().applies_to(rh.method()) => {
                debug!(
                    "<- {peer}: {}; a {} gets no response ({e})",
                    reject.why,
                    rh.method()
                );
            }
            Err(e) => warn!("<- {peer}: {}; no response could be made ({e})", reject.why),
        }
    }

    /// The To tag of a stateless response: the same for every retransmission of a request (RFC 3261
    /// §8.2.7), and unguessable from outside (keyed with the server's random seed).
    fn stateless_tag(&self, rh: &RequestHeaders) -> Token {
        let mut h = std::hash::DefaultHasher::new();
        self.tag_seed.hash(&mut h);
        for v in [rh.from(), rh.call_id(), rh.cseq()] {
            v.as_str().hash(&mut h);
        }
        rh.vias().first().map(|v| v.as_str()).hash(&mut h);
        let mixed = h.finish() & 0xffff_ffff_ffff;
        Token::new(format!("s{mixed:x}")).unwrap_or_else(|_| unreachable!("hex is a token"))
    }
}
