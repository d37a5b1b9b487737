//! TCP: the listener and one task per connection; messages framed by Content-Length (RFC 3261 §18.3),
//! which a stream must carry (§20.14): a message without it, with two, or with one that is no number
//! is answered 400 if its head allows, one whose body is above `--max-body` 413, and the connection is
//! then closed, its framing being lost (RFC 4475 §3.1.2.3, §3.3.9).

use crate::parse::{Reject, RejectCode};
use crate::server::{Peer, Server};
use bytes::{Buf, BytesMut};
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::mpsc;
use tracing::warn;

/// The largest message head accepted on a stream; a longer one closes the connection.
pub const MAX_HEAD: usize = 16 * 1024;

pub async fn tcp_loop(server: Arc<Server>, listener: TcpListener) {
    loop {
        match listener.accept().await {
            Ok((stream, from)) => {
                tokio::spawn(tcp_conn(server.clone(), stream, from));
            }
            Err(e) => {
                warn!("tcp accept: {e}");
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
        }
    }
}

/// One TCP connection: messages framed by Content-Length (RFC 3261 §18.3); responses go back on it.
async fn tcp_conn(server: Arc<Server>, stream: TcpStream, from: SocketAddr) {
    let _ = stream.set_nodelay(true);
    let (mut rd, mut wr) = stream.into_split();
    let (tx, mut rx) = mpsc::unbounded_channel::<Vec<u8>>();
    let writer = tokio::spawn(async move {
        while let Some(bytes) = rx.recv().await {
            if wr.write_all(&bytes).await.is_err() {
                break;
            }
        }
    });
    let peer = Peer::Tcp(from, tx);
    let mut buf = BytesMut::with_capacity(8192);
    'read: loop {
        match rd.read_buf(&mut buf).await {
            Ok(0) | Err(_) => break,
            Ok(_) => {}
        }
        loop {
            let skip = buf
                .iter()
                .take_while(|b| matches!(b, b'\r' | b'\n'))
                .count();
            buf.advance(skip);
            match frame(&buf, server.cfg.limits.max_body) {
                Frame::Complete(n) => {
                    let msg = buf.split_to(n).freeze();
                    server.handle(msg, peer.clone());
                }
                Frame::NeedHead | Frame::NeedBody => break,
                Frame::HeadTooLong => {
                    warn!("tcp:{from}: message head too long; closing the connection");
                    break 'read;
                }
                Frame::Reject(head_end, reject) => {
                    // The framing is lost: answer if the head allows it, then close.
                    server.reject(&buf[..head_end], &peer, &reject);
                    break 'read;
                }
            }
        }
    }
    // The writer ends once no transaction holds this peer any more.
    drop(peer);
    drop(writer);
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
