//! Shared state, sending, the transaction layer's dispatch and its timers.

use crate::Config;
use crate::digest::Nonces;
use crate::parse::{self, Rejected};
use crate::transaction::{PendingAck, T1, T2, T4, TIMER_64T1, Table, TxKey, TxState, Txn};
use crate::uas::{self, Registrar};
use bytes::Bytes;
use ezk_sip_types::Method;
use ezk_sip_types::print::AppendCtx;
use sip_codes::header::Token;
use sip_codes::{RequestHeaders, Response};
use std::collections::HashMap;
use std::fmt;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;
use tokio::net::UdpSocket;
use tokio::sync::mpsc;
use tracing::{debug, info, warn};

/// Where a request came from and where its responses go: over TCP on the same connection; over UDP see
/// [`Peer::response_target`].
#[derive(Clone)]
pub enum Peer {
    Udp(SocketAddr),
    Tcp(SocketAddr, mpsc::UnboundedSender<Vec<u8>>),
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

/// An established dialog (RFC 3261 §12), keyed by Call-ID and local tag; holds the remote tag.
pub type Dialogs = HashMap<(String, String), String>;

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
        Self {
            cfg,
            udp,
            local,
            state: Mutex::new(State {
                table: Table::default(),
                registrar: Registrar::default(),
                nonces,
                dialogs: Dialogs::new(),
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
            Peer::Tcp(addr, tx) => {
                if tx.send(bytes.to_vec()).is_err() {
                    warn!("tcp:{addr} is closed; response dropped");
                }
            }
        }
    }

    /// Sends a response outside any transaction (a 400 to a request too broken to key one).
    pub fn send_stateless(&self, peer: &Peer, resp: &Response) {
        let bytes = wire(resp);
        log_response(peer, &bytes, false);
        self.send_bytes(peer, &bytes);
    }

    /// Sends a response in a server transaction and moves it along (see `transaction.rs`).
    pub fn respond(self: &Arc<Self>, st: &mut State, key: &TxKey, resp: Response) {
        let bytes = Arc::new(wire(&resp));
        let code = status_of(&bytes);
        let Some(tx) = st.table.txns.get_mut(key) else {
            warn!("no transaction for a {code} response; dropped");
            return;
        };
        log_response(&tx.peer, &bytes, false);
        self.send_bytes(&tx.peer, &bytes);
        tx.last = Some((bytes.clone(), code));
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
                    let ack_key = (inv.call_id.clone(), inv.cseq);
                    let pid = st.table.next_id();
                    st.table.pending_acks.insert(
                        ack_key.clone(),
                        PendingAck {
                            id: pid,
                            bytes: bytes.clone(),
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
                        "no ACK for the 2xx of call-id={} cseq={}; given up",
                        ack_key.0, ack_key.1
                    );
                    st.table.pending_acks.remove(&ack_key);
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

    /// Entry point for one datagram or one framed stream message.
    pub fn handle(self: &Arc<Self>, data: Bytes, peer: Peer) {
        let req = match parse::parse_request(data.clone()) {
            Ok(req) => req,
            Err(Rejected::Response) => {
                debug!("{peer}: a response; a UAS has no client transactions, dropped");
                return;
            }
            Err(Rejected::Malformed(why)) => return self.malformed(&data, &peer, &why),
        };
        info!(
            "<- {} {} {peer} call-id={} cseq={} {}",
            req.method,
            req.uri.default_print_ctx(),
            req.call_id,
            req.cseq.cseq,
            req.cseq.method
        );
        let source = peer.source();
        let peer = peer.response_target(&req.via);
        let rh = match RequestHeaders::from_message(&req.text) {
            Ok(rh) => stamp_received(rh, &req.via, source),
            Err(e) => {
                warn!("{peer}: request headers not usable ({e}); dropped");
                return;
            }
        };
        let key = TxKey::of(&req);
        let mut st = self.lock();

        if req.method == Method::ACK {
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
            let ack_key = (req.call_id.clone(), req.cseq.cseq);
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
        st.table.txns.insert(
            key.clone(),
            Txn {
                id,
                state: TxState::Proceeding,
                is_invite: req.method == Method::INVITE,
                peer: peer.clone(),
                to_tag,
                last: None,
                invite: None,
            },
        );
        uas::on_request(self, &mut st, &key, &req, &rh, &peer);
    }

    /// A request the parser refused: 400 if the transaction headers can still be read, else dropped.
    fn malformed(self: &Arc<Self>, data: &[u8], peer: &Peer, why: &str) {
        let text = String::from_utf8_lossy(data);
        let is_ack = text.trim_start().starts_with("ACK ");
        match RequestHeaders::from_message(&text) {
            Ok(rh) if !is_ack => {
                warn!("<- malformed request from {peer} ({why}); answering 400");
                self.send_stateless(peer, &uas::bad_request(&rh, self.new_tag()));
            }
            _ => warn!("<- malformed message from {peer} ({why}); dropped"),
        }
    }
}

pub fn wire(resp: &Response) -> Vec<u8> {
    let mut buf = Vec::with_capacity(512);
    // Writing to a Vec cannot fail.
    let _ = resp.write_to(&mut buf);
    buf
}

fn status_of(bytes: &[u8]) -> u16 {
    bytes
        .get(8..11)
        .and_then(|s| std::str::from_utf8(s).ok())
        .and_then(|s| s.parse().ok())
        .unwrap_or(0)
}

/// One log line per response sent: status line, peer, Call-ID and CSeq.
pub fn log_response(peer: &Peer, bytes: &[u8], retransmission: bool) {
    let text = String::from_utf8_lossy(&bytes[..bytes.len().min(2048)]);
    let mut lines = text.split("\r\n");
    let status = lines.next().unwrap_or("");
    let (mut call_id, mut cseq) = ("", "");
    for l in lines {
        if let Some((n, v)) = l.split_once(':') {
            let n = n.trim();
            if n.eq_ignore_ascii_case("Call-ID") || n == "i" {
                call_id = v.trim();
            } else if n.eq_ignore_ascii_case("CSeq") {
                cseq = v.trim();
            }
        }
    }
    let status = status.strip_prefix("SIP/2.0 ").unwrap_or(status);
    let re = if retransmission {
        " (retransmission)"
    } else {
        ""
    };
    info!("-> {status} {peer} call-id={call_id} cseq={cseq}{re}");
}

fn random_seed() -> u64 {
    use std::hash::{BuildHasher, Hasher};
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u128(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0),
    );
    h.write_u32(std::process::id());
    h.finish()
}

/// What the server transport writes into the top Via of a received request, and so into every response
/// (RFC 3261 §18.2.1): `received` with the source address when it differs from the sent-by host, and
/// the source port in a valueless `rport` (RFC 3581 §4). Keeps the headers as they are if the result
/// would not be valid.
fn stamp_received(
    rh: RequestHeaders,
    via: &ezk_sip_types::header::typed::Via,
    source: SocketAddr,
) -> RequestHeaders {
    let Some(top) = rh.vias().first() else {
        return rh;
    };
    let mut stamped = top.as_str().to_string();
    let wants_rport = via.params.get("rport").is_some_and(|p| p.value.is_none());
    let source_ip = source.ip().to_string();
    if wants_rport {
        // `;rport` is the last token of its parameter: give it the port.
        stamped = match stamped.find(";rport") {
            Some(at) => {
                let end = at + ";rport".len();
                format!(
                    "{};rport={}{}",
                    &stamped[..at],
                    source.port(),
                    &stamped[end..]
                )
            }
            None => stamped,
        };
    }
    if via.sent_by.host.to_string() != source_ip && via.params.get("received").is_none() {
        stamped.push_str(";received=");
        stamped.push_str(&source_ip);
    }
    if stamped == top.as_str() {
        return rh;
    }
    let rebuilt = RequestHeaders::new(rh.from(), rh.to(), rh.call_id(), rh.cseq())
        .and_then(|r| r.via(&stamped))
        .and_then(|r| rh.vias()[1..].iter().try_fold(r, |r, v| r.via(v)))
        .and_then(|r| match rh.timestamp_value() {
            Some(t) => r.timestamp(t),
            None => Ok(r),
        });
    rebuilt.unwrap_or(rh)
}
