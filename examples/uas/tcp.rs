//! TCP: the listener and one task per connection; messages framed by Content-Length (RFC 3261 §18.3).
//!
//! Bounded so that no peer can hold the server's memory or file descriptors (`--help` lists the
//! options): at most `--tcp-max-conns` connections (one more is closed as soon as it is accepted, and
//! accepting goes on as connections end; when the process runs out of descriptors anyway, accepting
//! pauses 100 ms at a time instead of spinning), a silence limit (`--tcp-idle-secs`), a time limit on
//! each message head and body (`--tcp-head-secs`), heads of at most [`MAX_HEAD`] bytes, bodies of at
//! most `--max-body` bytes (413, then the connection is closed), and at most [`QUEUE`] responses queued
//! for a peer that does not read them (then the connection is closed).

use crate::parse::{Reject, RejectCode};
use crate::server::{Peer, Server};
use bytes::{Buf, BytesMut};
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{Notify, Semaphore, mpsc};
use tracing::{debug, warn};

/// The largest message head accepted on a stream; a longer one closes the connection.
pub const MAX_HEAD: usize = 16 * 1024;
/// Responses waiting for a connection's writer; beyond that the peer is not reading and is dropped.
pub const QUEUE: usize = 64;

/// The sending side of one connection, held by its transactions.
#[derive(Clone)]
pub struct Conn {
    tx: mpsc::Sender<Vec<u8>>,
    close: Arc<Notify>,
}

impl Conn {
    /// Queues bytes for the writer; `false` if they were dropped (connection gone, or closed now
    /// because its peer lets responses pile up).
    pub fn send(&self, bytes: &[u8]) -> bool {
        match self.tx.try_send(bytes.to_vec()) {
            Ok(()) => true,
            Err(mpsc::error::TrySendError::Full(_)) => {
                self.close.notify_one();
                false
            }
            Err(mpsc::error::TrySendError::Closed(_)) => false,
        }
    }
}

pub async fn tcp_loop(server: Arc<Server>, listener: TcpListener) {
    let slots = Arc::new(Semaphore::new(server.cfg.limits.tcp_max_conns));
    // Warnings at most once a second (`None`: none yet).
    let (mut refused, mut last_report) = (0u64, None::<Instant>);
    let due = |last: Option<Instant>| last.is_none_or(|t| t.elapsed() >= Duration::from_secs(1));
    loop {
        match listener.accept().await {
            Ok((stream, from)) => match slots.clone().try_acquire_owned() {
                Ok(slot) => {
                    let server = server.clone();
                    tokio::spawn(async move {
                        tcp_conn(server, stream, from).await;
                        drop(slot);
                    });
                }
                Err(_) => {
                    // At the cap: close it at once, the peer sees the connection end.
                    drop(stream);
                    refused += 1;
                    if due(last_report) {
                        warn!(
                            "tcp: {} connections open (--tcp-max-conns); {refused} refused so far, last {from}",
                            server.cfg.limits.tcp_max_conns
                        );
                        last_report = Some(Instant::now());
                    }
                }
            },
            Err(e) => {
                // EMFILE/ENFILE and the like: the pending connection stays in the backlog; wait for
                // descriptors to free up rather than spin on the error.
                if due(last_report) {
                    warn!("tcp accept: {e}; pausing accepts");
                    last_report = Some(Instant::now());
                }
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
        }
    }
}

/// Milliseconds since `epoch`, for the activity stamp shared by a connection's reader and writer.
fn millis(epoch: Instant) -> u64 {
    epoch.elapsed().as_millis() as u64
}

/// Where the reader is in the stream.
enum Phase {
    /// Between messages: only the idle limit applies.
    Idle,
    /// A message head is arriving since then.
    Head(Instant),
    /// The head is in, the body is arriving since then.
    Body(Instant),
}

/// One TCP connection: messages framed by Content-Length; responses go back on it.
async fn tcp_conn(server: Arc<Server>, stream: TcpStream, from: SocketAddr) {
    let limits = &server.cfg.limits;
    let _ = stream.set_nodelay(true);
    let (mut rd, mut wr) = stream.into_split();
    let (tx, mut rx) = mpsc::channel::<Vec<u8>>(QUEUE);
    let close = Arc::new(Notify::new());
    let epoch = Instant::now();
    let active = Arc::new(AtomicU64::new(0));
    let writer_active = active.clone();
    let writer = tokio::spawn(async move {
        while let Some(bytes) = rx.recv().await {
            // An empty message is the reader's "close after what is queued".
            if bytes.is_empty() || wr.write_all(&bytes).await.is_err() {
                break;
            }
            writer_active.store(millis(epoch), Ordering::Relaxed);
        }
        let _ = wr.shutdown().await;
    });
    let conn = Conn {
        tx: tx.clone(),
        close: close.clone(),
    };
    let peer = Peer::Tcp(from, conn);
    let mut buf = BytesMut::with_capacity(4096);
    // The first message must start arriving within the head limit of the accept.
    let mut phase = Phase::Head(epoch);
    let why = 'read: loop {
        let idle_at =
            epoch + Duration::from_millis(active.load(Ordering::Relaxed)) + limits.tcp_idle;
        let deadline = match phase {
            Phase::Idle => idle_at,
            Phase::Head(t) | Phase::Body(t) => idle_at.min(t + limits.tcp_head),
        };
        let read = tokio::select! {
            r = rd.read_buf(&mut buf) => r,
            _ = tokio::time::sleep_until(deadline.into()) => {
                // The writer may store a later stamp than `millis` read just before: saturate.
                let quiet = Duration::from_millis(
                    millis(epoch).saturating_sub(active.load(Ordering::Relaxed)),
                );
                match phase {
                    // The writer may have been busy meanwhile: only silence both ways counts.
                    Phase::Idle if quiet < limits.tcp_idle => continue,
                    Phase::Idle => break "idle",
                    Phase::Head(_) => break "message head not complete in time",
                    Phase::Body(_) => break "message body not complete in time",
                }
            }
            _ = close.notified() => break "responses pile up unread",
        };
        match read {
            Ok(0) => break "closed by peer",
            Err(_) => break "read error",
            Ok(_) => active.store(millis(epoch), Ordering::Relaxed),
        }
        loop {
            // Keep-alives (CRLF, RFC 5626 §3.5.1) between messages.
            let skip = buf
                .iter()
                .take_while(|b| matches!(b, b'\r' | b'\n'))
                .count();
            buf.advance(skip);
            if buf.is_empty() {
                if !matches!(phase, Phase::Head(t) if t == epoch) {
                    phase = Phase::Idle;
                }
                break;
            }
            match frame(&buf, limits.max_body) {
                Frame::Complete(n) => {
                    let msg = buf.split_to(n).freeze();
                    server.handle(msg, peer.clone());
                    phase = Phase::Idle;
                }
                Frame::NeedHead => {
                    if matches!(phase, Phase::Idle | Phase::Body(_)) {
                        phase = Phase::Head(Instant::now());
                    }
                    break;
                }
                Frame::NeedBody => {
                    if !matches!(phase, Phase::Body(_)) {
                        phase = Phase::Body(Instant::now());
                    }
                    break;
                }
                Frame::HeadTooLong => break 'read "message head too long",
                Frame::Reject(head_end, reject) => {
                    // The framing is lost: answer if the head allows it, then close (RFC 4475 §3.1.2.3).
                    server.reject(&buf[..head_end], &peer, &reject);
                    break 'read "framing error";
                }
            }
        }
    };
    // Debug only: a flood of hostile connections must not flood the log too.
    debug!("tcp:{from}: closing ({why})");
    drop(peer);
    // Let the writer send what is queued (a last 400), then close; transactions that still hold the
    // connection find it closed.
    let _ = tx.try_send(Vec::new());
    drop(tx);
    let abort = writer.abort_handle();
    if tokio::time::timeout(Duration::from_secs(2), writer)
        .await
        .is_err()
    {
        abort.abort();
    }
}

/// What the front of a stream buffer holds.
#[derive(Debug)]
pub enum Frame {
    /// One whole message of this many bytes.
    Complete(usize),
    NeedHead,
    NeedBody,
    HeadTooLong,
    /// A head (this long) whose framing cannot be trusted: answer it and close.
    Reject(usize, Reject),
}

/// Cuts one message from the front of a stream buffer (RFC 3261 §18.3: framing by Content-Length, which
/// a stream must carry, §20.14). Leading CRLFs must have been skipped by the caller.
pub fn frame(buf: &[u8], max_body: usize) -> Frame {
    let Some(head_end) = buf.windows(4).position(|w| w == b"\r\n\r\n").map(|i| i + 4) else {
        return if buf.len() > MAX_HEAD {
            Frame::HeadTooLong
        } else {
            Frame::NeedHead
        };
    };
    if head_end > MAX_HEAD {
        return Frame::HeadTooLong;
    }
    let mut lengths = Vec::new();
    for line in buf[..head_end].split(|&b| b == b'\n').skip(1) {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        let Some(colon) = line.iter().position(|&b| b == b':') else {
            continue;
        };
        let name = line[..colon].trim_ascii();
        if name.eq_ignore_ascii_case(b"Content-Length") || name.eq_ignore_ascii_case(b"l") {
            lengths.push(String::from_utf8_lossy(&line[colon + 1..]).to_string());
        }
    }
    let length = match &lengths[..] {
        [] => Err("no Content-Length on a stream"),
        [v] => crate::syntax::digits::<usize>(v).ok_or("Content-Length is not a number"),
        _ => Err("more than one Content-Length header"),
    };
    let length = match length {
        Ok(n) => n,
        Err(why) => {
            let reject = Reject {
                code: RejectCode::BadRequest,
                why: why.into(),
            };
            return Frame::Reject(head_end, reject);
        }
    };
    if length > max_body {
        let reject = Reject {
            code: RejectCode::TooLarge,
            why: format!("body of {length} bytes, above the limit of {max_body}"),
        };
        return Frame::Reject(head_end, reject);
    }
    let total = head_end + length;
    if buf.len() >= total {
        Frame::Complete(total)
    } else {
        Frame::NeedBody
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEAD: &str = "OPTIONS sip:a@b SIP/2.0\r\nVia: SIP/2.0/TCP h;branch=z9hG4bK1\r\n";

    fn f(rest: &str) -> Frame {
        frame(format!("{HEAD}{rest}").as_bytes(), 100)
    }

    #[test]
    fn framing() {
        assert!(matches!(
            f("Content-Length: 2\r\n\r\nab"),
            Frame::Complete(_)
        ));
        assert!(matches!(f("l: 3\r\n\r\nab"), Frame::NeedBody));
        assert!(matches!(f("Content-Length: 0\r\n"), Frame::NeedHead));
        for bad in [
            "Content-Length: abc\r\n\r\n",
            "Content-Length: -1\r\n\r\n",
            "\r\n",
            "Content-Length: 1\r\nContent-Length: 1\r\n\r\nx",
        ] {
            let Frame::Reject(_, r) = f(bad) else {
                panic!("{bad}")
            };
            assert_eq!(r.code, RejectCode::BadRequest, "{bad}");
        }
        let Frame::Reject(_, r) = f("Content-Length: 101\r\n\r\n") else {
            panic!()
        };
        assert_eq!(r.code, RejectCode::TooLarge);
        assert!(matches!(
            frame(&[b'a'; MAX_HEAD + 1], 100),
            Frame::HeadTooLong
        ));
    }
}
