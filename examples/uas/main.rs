//! `uas`: a small SIP user agent server over UDP and TCP whose every response is made with the typed
//! builders of `sip-codes`.
//!
//! ```text
//! cargo run --example uas -- --port 5060 --user alice:secret --user bob:secret --busy bob
//! ```
//!
//! It answers OPTIONS (200 with Allow, Accept, Supported), REGISTER (Digest challenge with SHA-256 and
//! MD5, 423 with Min-Expires, 200 with the bindings of an in-memory registrar), INVITE (100, 180 and
//! 200 with Contact, the request's Record-Route and an SDP answer; 404, 420, 415, 406, 488; 486, 480,
//! 603 and 503 for `--busy`, `--no-answer`, `--decline` and `--unavailable` callees, 503 when
//! `--max-dialogs` are open, 513 when the 200 would not fit a UDP datagram), ACK, BYE and CANCEL
//! (200 and 487), 405 with Allow for a method it knows but does not implement, 501 for one it does not
//! know (methods are case-sensitive), 416 for a Request-URI that is not `sip:` or `sips:`, 483 for
//! Max-Forwards 0, 505 for a SIP version other than 2.0, 413 for a body above `--max-body`, and 400 for
//! a malformed request it can still answer (statelessly, with a `Warning: 399` that says why).
//! Retransmitted requests get the same response again (server transactions with the RFC 3261 timers,
//! `transaction.rs`). TCP connections, bodies and dialogs are bounded (`--help`; `tcp.rs`, `dialog.rs`).
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
//!   nom parsers (lenient: `syntax.rs` and `address.rs` check the grammar this server wants strict,
//!   see `tests/data/rfc4475`). Headers stay in an ordered multimap of
//!   raw values keyed by name, so unknown headers are kept verbatim and in order, and a typed header
//!   (Via, CSeq, Authorization, Contact, …) is decoded only when asked for, so a broken header the
//!   server never reads does not reject the request. Its Digest types cover RFC 8760 (SHA-256).
//!
//! The parser is used to read requests only; every response goes through a `sip_codes` builder:
//! dispatched by method (`RequestHeaders::by_method`, `uas.rs`), so the rules of each method are
//! checked by the compiler; the server's outcomes (`invite::Refusal`, the registrar's `Outcome`) as
//! `#[derive(SipResponse)]` types; whether a final response ends a dialog from
//! `StatusCode::usage_effect` (RFC 5057 §5.1, `dialog.rs`).

mod address;
mod config;
mod dialog;
mod digest;
mod invite;
mod parse;
mod refuse;
mod registrar;
mod sdp;
mod server;
mod syntax;
mod tcp;
mod transaction;
mod uas;
mod wire;

use config::{Config, USAGE, parse_args};
use server::{Peer, Server};
use std::net::SocketAddr;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;
use tokio::net::{TcpListener, UdpSocket};
use tracing::{error, info, warn};

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
    let algorithms: Vec<&str> = cfg.algorithms.iter().map(|a| a.name()).collect();
    info!(
        "uas listening on udp:{local} and tcp:{local}; realm {}, {} user(s), digest {}",
        cfg.realm,
        cfg.users.len(),
        algorithms.join(",")
    );
    let server = Arc::new(Server::new(cfg, udp.clone(), local));

    let udp_task = tokio::spawn(udp_loop(server.clone()));
    let tcp_task = tokio::spawn(tcp::tcp_loop(server.clone(), tcp));
    let sweep_task = tokio::spawn(sweep_dialogs(server.clone()));

    shutdown_signal().await;
    info!("shutting down");
    udp_task.abort();
    tcp_task.abort();
    sweep_task.abort();
    Ok(())
}

/// Forgets expired dialogs now and then, so their memory comes back even when no INVITE arrives.
async fn sweep_dialogs(server: Arc<Server>) {
    let every = (server.cfg.limits.dialog_max_age / 4)
        .clamp(Duration::from_secs(1), Duration::from_secs(60));
    loop {
        tokio::time::sleep(every).await;
        let expired = server.lock().dialogs.expire(std::time::Instant::now());
        if expired > 0 {
            info!("{expired} dialog(s) older than --dialog-max-secs forgotten");
        }
    }
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
