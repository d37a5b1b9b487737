//! `proxy`: a small stateful forking SIP proxy on UDP (loopback), whose choice of what reaches the caller
//! is `sip_codes::proxy::best_response`.
//!
//! ```text
//! cargo run --example proxy -- --listen 127.0.0.1:5070 --branch 127.0.0.1:5081 --branch 127.0.0.1:5082
//! ```
//!
//! Every request that starts a transaction here (an INVITE, or any other request outside a dialog) is
//! forked in parallel to every `--branch` (RFC 3261 §16.6): each copy gets a Via of its own with a fresh
//! branch (step 8), Max-Forwards one less (step 3; 483 for 0, §16.3), and an INVITE a Record-Route
//! `<sip:LISTEN;lr>` (step 4), so that the ACK and BYE of the call come back through here. An INVITE gets
//! 100 Trying at once (§16.2).
//!
//! Responses (§16.7): a 100 stays here; other provisional responses and every 2xx go upstream at once
//! (step 5, RFC 6026 §7.2), and a 2xx cancels the other branches (step 10). A final non-2xx is ACKed on
//! its branch by the proxy (§17.1.1.3) and kept; a 6xx cancels the other branches (step 5). Once every
//! branch has a final response, or has timed out (Timer B, and Timer C for a branch that rings too long,
//! §16.8: a 408), what `best_response` chooses goes upstream (steps 6 and 7): a 6xx first, else the
//! lowest class with the 4xx that tell how to retry (401, 407, 415, 420, 484) preferred, a 503 only when
//! nothing else came (and then as a 500), a 401 or 407 with the challenges of the others; the proxy's own
//! responses (100, 483, 408, 500, and the 200 or 481 to a CANCEL) are made by `sip_codes` builders
//! (`own.rs`). The caller's ACK of that final response stays here (hop by hop, §17.2.1); its CANCEL is
//! answered and cancels the pending branches (§16.10).
//!
//! Requests inside a dialog (a To tag, or a Route naming this proxy: the ACK of a 2xx, a BYE) are
//! forwarded statelessly along the route (§16.4 loose routing, §16.11), and responses that match no
//! branch go to the Via below ours (§16.7 step 9, §18.2.2).
//!
//! Messages are read with `sip_codes::message` (`sip.rs` for what is added and taken off). Kept small on
//! purpose: UDP only, numeric addresses (no DNS, RFC 3263), every branch a fixed target.

mod fork;
mod own;
mod sip;

use fork::Proxy;
use sip::Forwarding;
use sip_codes::message::Message;
use std::hash::{BuildHasher, Hash, Hasher};
use std::net::{SocketAddr, UdpSocket};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;
use tracing::{debug, info, warn};

pub struct Config {
    pub listen: SocketAddr,
    pub branches: Vec<SocketAddr>,
    pub t1: Duration,
    pub timer_c: Duration,
}

const USAGE: &str = "\
usage: proxy --branch ADDR [--branch ADDR ...] [options]
  --listen ADDR        UDP address to listen on (default 127.0.0.1:5070; loopback only)
  --branch ADDR        a target every new request is forked to (repeatable, at least one; loopback only)
  --t1-ms N            RFC 3261 T1, the base of the retransmission timers; a branch that never answers
                       times out after 64*T1 (default 500, at most 10000)
  --timer-c-secs N     Timer C: an INVITE branch still ringing after N s is cancelled (default 180, at
                       most 86400)
  -h, --help           this text
Log level: RUST_LOG (default info: one line per message in and out, and each choice of §16.7).";

fn parse_args(mut args: impl Iterator<Item = String>) -> Result<Config, String> {
    let mut cfg = Config {
        listen: SocketAddr::from(([127, 0, 0, 1], 5070)),
        branches: Vec::new(),
        t1: Duration::from_millis(500),
        timer_c: Duration::from_secs(180),
    };
    let addr = |flag: &str, v: Option<String>| -> Result<SocketAddr, String> {
        let v = v.ok_or(format!("{flag} needs an address"))?;
        let a: SocketAddr = v.parse().map_err(|_| format!("{flag}: not IP:PORT: {v}"))?;
        if !a.ip().is_loopback() {
            return Err(format!("{flag}: {a} is not a loopback address"));
        }
        Ok(a)
    };
    let number = |flag: &str, v: Option<String>| -> Result<u64, String> {
        let v = v.ok_or(format!("{flag} needs a number"))?;
        v.parse::<u64>()
            .ok()
            .filter(|n| *n > 0)
            .ok_or(format!("{flag}: not a positive number: {v}"))
    };
    while let Some(flag) = args.next() {
        match flag.as_str() {
            "-h" | "--help" => return Err(String::new()),
            "--listen" => cfg.listen = addr(&flag, args.next())?,
            "--branch" => cfg.branches.push(addr(&flag, args.next())?),
            "--t1-ms" => cfg.t1 = Duration::from_millis(number(&flag, args.next())?.min(10_000)),
            "--timer-c-secs" => {
                cfg.timer_c = Duration::from_secs(number(&flag, args.next())?.min(86_400))
            }
            other => return Err(format!("unknown option {other}")),
        }
    }
    if cfg.branches.is_empty() {
        return Err("at least one --branch is needed".into());
    }
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
            eprintln!("proxy: {e}\n{USAGE}");
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
    // The timers run on the runtime's worker; the socket is read on this thread.
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_time()
        .build();
    let (runtime, socket) = match (runtime, UdpSocket::bind(cfg.listen)) {
        (Ok(r), Ok(s)) => (r, s),
        (Err(e), _) | (_, Err(e)) => {
            eprintln!("proxy: {e}");
            return ExitCode::FAILURE;
        }
    };
    let _runtime = runtime.enter();
    let seed = std::collections::hash_map::RandomState::new().hash_one(std::process::id());
    info!(
        "proxy listening on udp:{}; branches {:?}",
        cfg.listen, cfg.branches
    );
    let sender = match socket.try_clone() {
        Ok(s) => s,
        Err(e) => {
            eprintln!("proxy: {e}");
            return ExitCode::FAILURE;
        }
    };
    let proxy = Arc::new(Proxy::new(cfg, sender, seed));
    let mut buf = vec![0u8; 65_535];
    loop {
        match socket.recv_from(&mut buf) {
            Ok((n, from)) => handle(&proxy, &buf[..n], from, seed),
            Err(e) => warn!("udp receive: {e}"),
        }
    }
}

fn handle(proxy: &Arc<Proxy>, data: &[u8], from: SocketAddr, seed: u64) {
    if data.iter().all(u8::is_ascii_whitespace) {
        return;
    }
    let msg = match Message::parse(data) {
        Ok(msg) => msg,
        Err(e) => return debug!("from {from}: not a SIP message ({e}); dropped"),
    };
    let Some(line) = msg.request_line() else {
        return on_response(proxy, &msg, data);
    };
    let method = line.method();
    let call_id = sip::first(&msg, "Call-ID").unwrap_or_default();
    info!("<- {method} from {from} call-id={call_id}");
    let Some(key) = sip::transaction_key(&msg) else {
        return warn!("a request without a Via branch; dropped");
    };
    let to_tag = sip::first(&msg, "To").is_some_and(|to| sip::param(&to, "tag").is_some());
    let routed = sip::first(&msg, "Route").is_some_and(|r| sip::names_us(&r, proxy.cfg.listen));
    match method {
        "ACK" if proxy.on_ack(&key) => {}
        "CANCEL" => proxy.on_cancel(data, &key, from),
        _ if method == "ACK" || to_tag || routed => route_in_dialog(proxy, &msg, data, from, seed),
        _ => proxy.on_new_request(data, &msg, key, from),
    }
}

/// A request inside a dialog, forwarded statelessly to the next hop of its route (§16.4, §16.11): its
/// branch is derived from the request's own, so a retransmission gets the same one.
fn route_in_dialog(proxy: &Proxy, msg: &Message<'_>, data: &[u8], from: SocketAddr, seed: u64) {
    let us = proxy.cfg.listen;
    let method = msg.request_line().map_or("", |l| l.method());
    let Some(next) = sip::next_hop(msg, us).filter(|next| *next != us) else {
        // Nothing but this proxy on the route: no one to forward to (and no loop through ourselves).
        warn!("{method}: no next hop but this proxy in its Route or Request-URI");
        if let Ok(request) = sip_codes::RequestHeaders::from_message_bytes(data) {
            match own::no_route(&request) {
                Ok(r) => proxy.send(from, &r.to_bytes()),
                Err(e) => debug!("{method}: no 404 ({e})"),
            }
        }
        return;
    };
    let mut h = std::hash::DefaultHasher::new();
    (seed, sip::first(msg, "Via")).hash(&mut h);
    let via = format!("SIP/2.0/UDP {us};branch=z9hG4bK{:x}", h.finish());
    let how = Forwarding {
        via: &via,
        record_route: None,
        us,
    };
    match sip::forward_request(msg, &how) {
        Some(bytes) => {
            info!("routed {method} in-dialog to {next}");
            proxy.send(next, &bytes);
        }
        None => {
            if let Ok(request) = sip_codes::RequestHeaders::from_message_bytes(data) {
                match own::too_many_hops(&request) {
                    Ok(r) => proxy.send(from, &r.to_bytes()),
                    Err(e) => debug!("{method} with Max-Forwards 0: no 483 ({e})"),
                }
            }
        }
    }
}

/// A response: to a branch of a context, or else relayed statelessly to the Via below ours.
fn on_response(proxy: &Arc<Proxy>, msg: &Message<'_>, data: &[u8]) {
    let Some(top) = sip::first(msg, "Via") else {
        return;
    };
    let branch = sip::param(&top, "branch").unwrap_or_default();
    if sip::via_target(&top) != Some(proxy.cfg.listen) {
        return debug!("a response whose top Via is not ours; dropped");
    }
    if proxy.on_response(data, msg, branch) {
        return;
    }
    match sip::next_via(msg).as_deref().and_then(sip::via_target) {
        Some(to) => {
            let code = msg.response_line().map_or(0, |l| l.code());
            info!("routed {code} upstream to {to}");
            proxy.send(to, &sip::relay_response(msg, &[]));
        }
        None => debug!("a response with no Via below ours; dropped"),
    }
}
