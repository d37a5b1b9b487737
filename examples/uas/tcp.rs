//! TCP: the listener and one task per connection; messages framed by Content-Length (RFC 3261 §18.3).

use crate::server::{Peer, Server};
use bytes::{Buf, Bytes, BytesMut};
use ezk_sip_types::Name;
use ezk_sip_types::msg::{Line, PullParser};
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::mpsc;
use tracing::warn;

/// The largest message head accepted on a stream before the connection is dropped.
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
            match frame(&buf) {
                Ok(Some(n)) => {
                    let msg = buf.split_to(n).freeze();
                    server.handle(msg, peer.clone());
                }
                Ok(None) => break,
                Err(e) => {
                    warn!("tcp:{from}: {e}; closing the connection");
                    break 'read;
                }
            }
        }
    }
    // The writer ends once no transaction holds this peer any more.
    drop(peer);
    drop(writer);
}

/// Cuts one message from the front of a stream buffer (RFC 3261 §18.3: framing by Content-Length).
/// `Ok(None)`: more bytes are needed. `Ok(Some(n))`: the first `n` bytes are one message.
/// Leading CRLFs (keep-alives, RFC 5626 §3.5.1) must have been skipped by the caller.
pub fn frame(buf: &[u8]) -> Result<Option<usize>, String> {
    let Some(head_end) = memfind(buf, b"\r\n\r\n").map(|i| i + 4) else {
        return if buf.len() > MAX_HEAD {
            Err("message head too long".into())
        } else {
            Ok(None)
        };
    };
    let src = Bytes::copy_from_slice(&buf[..head_end]);
    let mut lines = PullParser::new(&src, 0);
    let mut content_length = 0usize;
    let _ = lines.next();
    for line in lines {
        let line = line.map_err(|_| "incomplete head".to_string())?;
        let line = std::str::from_utf8(line).map_err(|_| "header is not UTF-8".to_string())?;
        if let Ok((_, l)) = Line::parse(&src, line)
            && l.name == Name::CONTENT_LENGTH
        {
            content_length = l
                .value
                .trim()
                .parse()
                .map_err(|_| "bad Content-Length".to_string())?;
        }
    }
    if content_length > 1 << 20 {
        return Err("body too large".into());
    }
    let total = head_end + content_length;
    Ok((buf.len() >= total).then_some(total))
}

fn memfind(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}
