//! `uas`: a small SIP user agent server over UDP and TCP whose every response is made with the typed
//! builders of `sip-codes`.
//!
//! ```text
//! cargo run --example uas -- --port 5060 --user alice:secret --user bob:secret --busy bob
//! ```
//!
//! It answers OPTIONS (200 with Allow, Accept, Supported), REGISTER (Digest challenge with SHA-256 and
//! MD5, 423 with Min-Expires, 200 with the bindings of an in-memory registrar), INVITE (100, 180, 200
//! with Contact and an SDP answer; 404, 486, 420, 415, 488), ACK, BYE and CANCEL (200 and 487), 405
//! with Allow for a method it knows but does not implement, 501 for one it does not know, 483 for
//! Max-Forwards 0, and 400 for a malformed request it can still answer. Retransmitted requests get the
//! same response again (server transactions with the RFC 3261 timers, `transaction.rs`).
//!
//! # Why `ezk-sip-types` parses the requests
//!
//! Candidates, compared on maintenance, correctness and what they do with headers they do not know:
//!
//! - `rsip` (vasilakisfil): a full typed model, but its last release (0.4.0) dates from 2022 and the
//!   active work moved to forks; parsing fixes since then land elsewhere.
//! - `rsipstack`: maintained, but the parser is a module of a whole stack (tokio, rustls, hickory,
//!   websockets); its line splitter quietly skips a header line without a colon and reads a bad
//!   Content-Length as 0, where this server wants to answer 400.
//! - `ezk-sip-types` (kbalt/ezk): maintained with the ezk stack (edition 2024), `forbid(unsafe_code)`,
//!   nom parsers checked against the RFC 4475 torture messages. Headers stay in an ordered multimap of
//!   raw values keyed by name, so unknown headers are kept verbatim and in order, and a typed header
//!   (Via, CSeq, Authorization, Contact, …) is decoded only when asked for, so a broken header the
//!   server never reads does not reject the request. Its Digest types cover RFC 8760 (SHA-256).
//!
//! The parser is used to read requests only; every response goes through a `sip_codes` builder.

mod digest;
mod parse;
mod sdp;
mod server;
mod transaction;
mod uas;

use bytes::{Buf, BytesMut};
use digest::Algorithm;
use server::{Peer, Server};
use std::collections::{HashMap, HashSet};
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream, UdpSocket};
use tokio::sync::mpsc;
use tracing::{error, info, warn};

/// Command-line configuration.
pub struct Config {
    pub bind: IpAddr,
    pub port: u16,
    pub realm: String,
    pub users: HashMap<String, String>,
    pub busy: HashSet<String>,
    pub no_answer: HashSet<String>,
    pub no_answer_after: Duration,
    pub ring: Duration,
    pub min_expires: u32,
    pub default_expires: u32,
    pub max_expires: u32,
    pub nonce_ttl: Duration,
    pub algorithms: Vec<Algorithm>,
}

const USAGE: &str = "\
usage: uas [options]
  --bind ADDR             listen address (default 127.0.0.1; must be loopback unless --allow-non-loopback)
  --port N                UDP and TCP port (default 5060; 0 picks a free one)
  --allow-non-loopback    allow a --bind address that is not a loopback one
  --user NAME:PASSWORD    a user of the Digest table and a callee (repeatable; default alice:secret, bob:secret)
  --realm REALM           Digest realm (default sip-codes.test)
  --busy NAME             INVITEs to NAME get 486 Busy Here (repeatable)
  --no-answer NAME        INVITEs to NAME ring until CANCEL, else 480 after --no-answer-secs (repeatable)
  --no-answer-secs N      (default 20)
  --ring-ms N             time between 180 Ringing and 200 OK (default 0)
  --min-expires N         shortest registration accepted, else 423 (default 60)
  --max-expires N         longest registration granted (default 7200)
  --digest ALGS           challenge algorithms in order of preference (default SHA-256,MD5)
  --nonce-secs N          nonce lifetime (default 300)
  -h, --help              this text
Log level: RUST_LOG (default info: one line per request and per response).";

fn parse_args(args: impl Iterator<Item = String>) -> Result<Config, String> {
    let mut cfg = Config {
        bind: IpAddr::V4(Ipv4Addr::LOCALHOST),
        port: 5060,
        realm: "sip-codes.test".into(),
        users: HashMap::new(),
        busy: HashSet::new(),
        no_answer: HashSet::new(),
        no_answer_after: Duration::from_secs(20),
        ring: Duration::ZERO,
        min_expires: 60,
        default_expires: 3600,
        max_expires: 7200,
        nonce_ttl: Duration::from_secs(300),
        algorithms: vec![Algorithm::Sha256, Algorithm::Md5],
    };
    let mut allow_non_loopback = false;
    let mut args = args.peekable();
    fn num<T: std::str::FromStr>(flag: &str, v: Option<String>) -> Result<T, String> {
        let v = v.ok_or(format!("{flag} needs a value"))?;
        v.parse().map_err(|_| format!("{flag}: not a number: {v}"))
    }
    while let Some(flag) = args.next() {
        let (flag, inline) = match flag.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f.to_string(), Some(v.to_string())),
            _ => (flag, None),
        };
        let mut value = || inline.clone().or_else(|| args.next());
        match flag.as_str() {
            "-h" | "--help" => return Err(String::new()),
            "--allow-non-loopback" => allow_non_loopback = true,
            "--bind" => {
                let v = value().ok_or("--bind needs an address")?;
                cfg.bind = v
                    .parse()
                    .map_err(|_| format!("--bind: not an IP address: {v}"))?;
            }
            "--port" => cfg.port = num(&flag, value())?,
            "--realm" => cfg.realm = value().ok_or("--realm needs a value")?,
            "--user" => {
                let v = value().ok_or("--user needs NAME:PASSWORD")?;
                let (name, password) = v.split_once(':').ok_or("--user needs NAME:PASSWORD")?;
                cfg.users.insert(name.to_string(), password.to_string());
            }
            "--busy" => {
                cfg.busy.insert(value().ok_or("--busy needs a name")?);
            }
            "--no-answer" => {
                cfg.no_answer
                    .insert(value().ok_or("--no-answer needs a name")?);
            }
            "--no-answer-secs" => cfg.no_answer_after = Duration::from_secs(num(&flag, value())?),
            "--ring-ms" => cfg.ring = Duration::from_millis(num(&flag, value())?),
            "--min-expires" => cfg.min_expires = num(&flag, value())?,
            "--max-expires" => cfg.max_expires = num(&flag, value())?,
            "--nonce-secs" => cfg.nonce_ttl = Duration::from_secs(num(&flag, value())?),
            "--digest" => {
                let v = value().ok_or("--digest needs a list")?;
                cfg.algorithms = v
                    .split(',')
                    .map(|a| Algorithm::parse(a.trim()).ok_or(format!("--digest: unknown {a}")))
                    .collect::<Result<_, _>>()?;
                if cfg.algorithms.is_empty() {
                    return Err("--digest needs at least one algorithm".into());
                }
            }
            other => return Err(format!("unknown option {other}")),
        }
    }
    if !cfg.bind.is_loopback() && !allow_non_loopback {
        return Err(format!(
            "refusing to listen on {} (not loopback) without --allow-non-loopback",
            cfg.bind
        ));
    }
    if sip_codes::header::DigestChallenge::new(&cfg.realm, "0").is_err() {
        return Err(format!(
            "--realm: not usable in a Digest challenge: {}",
            cfg.realm
        ));
    }
    if cfg.users.is_empty() {
        cfg.users.insert("alice".into(), "secret".into());
        cfg.users.insert("bob".into(), "secret".into());
    }
    cfg.max_expires = cfg.max_expires.max(cfg.min_expires);
    cfg.default_expires = cfg.default_expires.clamp(cfg.min_expires, cfg.max_expires);
    Ok(cfg)
}

fn main() -> ExitCode {
    let cfg = match parse_args(std::env::args().skip(1)) {
        Ok(cfg) => cfg,
        Err(e) if e.is_empty() => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("uas: {e}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .with_ansi(false)
        .init();
    let rt = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            error!("tokio runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match rt.block_on(run(cfg)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            error!("{e}");
            ExitCode::FAILURE
        }
    }
}

async fn run(cfg: Config) -> std::io::Result<()> {
    let addr = SocketAddr::new(cfg.bind, cfg.port);
    let udp = Arc::new(UdpSocket::bind(addr).await?);
    let local = udp.local_addr()?;
    // TCP on the same port as UDP (when --port 0, the one the OS gave UDP).
    let tcp = TcpListener::bind(local).await?;
    info!(
        "uas listening on udp:{local} and tcp:{local}; realm {}, {} user(s)",
        cfg.realm,
        cfg.users.len()
    );
    let server = Arc::new(Server::new(cfg, udp.clone(), local));

    let udp_task = tokio::spawn(udp_loop(server.clone()));
    let tcp_task = tokio::spawn(tcp_loop(server.clone(), tcp));

    shutdown_signal().await;
    info!("shutting down");
    udp_task.abort();
    tcp_task.abort();
    Ok(())
}

/// Ctrl-C (SIGINT) or SIGTERM (what a test runner's `kill PID` sends).
async fn shutdown_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = term.recv() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}

async fn udp_loop(server: Arc<Server>) {
    let mut buf = vec![0u8; 65_535];
    loop {
        match server.udp.recv_from(&mut buf).await {
            Ok((n, from)) => {
                let data = &buf[..n];
                // Keep-alives (CRLF, RFC 5626 §3.5.1) and stray whitespace.
                if data.iter().all(|b| b.is_ascii_whitespace()) {
                    continue;
                }
                server.handle(bytes::Bytes::copy_from_slice(data), Peer::Udp(from));
            }
            Err(e) => {
                // ICMP port unreachable surfaces here on some systems; keep serving.
                warn!("udp receive: {e}");
            }
        }
    }
}

async fn tcp_loop(server: Arc<Server>, listener: TcpListener) {
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
            match parse::frame(&buf) {
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
