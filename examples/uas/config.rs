//! Command-line configuration: the options of `uas --help`.

use crate::digest::Algorithm;
use std::collections::{HashMap, HashSet};
use std::net::{IpAddr, Ipv4Addr};
use std::time::Duration;

/// Command-line configuration.
pub struct Config {
    pub bind: IpAddr,
    pub port: u16,
    pub realm: String,
    pub users: HashMap<String, String>,
    pub busy: HashSet<String>,
    pub no_answer: HashSet<String>,
    pub decline: HashSet<String>,
    pub unavailable: HashSet<String>,
    pub no_answer_after: Duration,
    pub ring: Duration,
    pub min_expires: u32,
    pub default_expires: u32,
    pub max_expires: u32,
    pub nonce_ttl: Duration,
    pub algorithms: Vec<Algorithm>,
    pub limits: Limits,
}

/// What a production UAS bounds so that no peer can hold its memory or file descriptors: TCP
/// connections (count, silence, slow heads and bodies), body size and dialogs.
pub struct Limits {
    pub tcp_idle: Duration,
    pub tcp_head: Duration,
    pub tcp_max_conns: usize,
    pub max_body: usize,
    pub max_dialogs: usize,
    pub dialog_max_age: Duration,
}

/// Default of `--tcp-max-conns`, lowered at start-up below the open-file limit.
const DEFAULT_TCP_MAX_CONNS: usize = 1000;
/// File descriptors kept for everything but TCP connections (sockets, runtime, logs).
const FD_RESERVE: usize = 64;

pub const USAGE: &str = "\
usage: uas [options]
  --bind ADDR             listen address (default 127.0.0.1; must be loopback unless --allow-non-loopback)
  --port N                UDP and TCP port (default 5060; 0 picks a free one)
  --allow-non-loopback    allow a --bind address that is not a loopback one
  --user NAME:PASSWORD    a user of the Digest table and a callee (repeatable; default alice:secret, bob:secret)
  --realm REALM           Digest realm (default sip-codes.test)
  --busy NAME             INVITEs to NAME get 486 Busy Here (repeatable; NAME is a callee whether or
                          not it is also a --user)
  --no-answer NAME        INVITEs to NAME ring until CANCEL, else 480 after --no-answer-secs (repeatable;
                          a callee too)
  --no-answer-secs N      (default 20)
  --decline NAME          INVITEs to NAME ring, then get 603 Decline after --ring-ms (repeatable; a
                          callee too)
  --unavailable NAME      INVITEs to NAME get 503 Service Unavailable at once (repeatable; a callee too)
  --ring-ms N             time between 180 Ringing and the 200 OK (or the 603) (default 0)
  --min-expires N         shortest registration accepted, else 423 (default 60)
  --max-expires N         longest registration granted (default 7200)
  --digest ALGS           challenge algorithms in order of preference (default SHA-256,MD5)
  --nonce-secs N          nonce lifetime (default 300)
  --max-body BYTES        largest Content-Length accepted, else 413 and, on TCP, the connection is
                          closed (default 65536)
  --tcp-idle-secs N       close a TCP connection after N s with nothing received or sent (default 300)
  --tcp-head-secs N       a message head must arrive whole within N s of its first byte (of the accept,
                          for a connection's first message), and its body within N s more; else the
                          connection is closed, as it is for a head above 16 KiB (default 10)
  --tcp-max-conns N       TCP connections served at once; beyond that, new ones are closed as soon as
                          accepted (default 1000, lowered at start-up to the open-file limit minus 64)
  --max-dialogs N         dialogs kept at once; an INVITE beyond that gets 503 with Retry-After
                          (default 10000)
  --dialog-max-secs N     a dialog never ended by BYE is forgotten N s after it started (default
                          43200, 12 h); a BYE after that gets 481
  -h, --help              this text
Log level: RUST_LOG (default info: one line per request and per response).";

impl Config {
    /// Whether `user` is a callee whose calls end as an option says (busy, no answer, decline,
    /// unavailable), a callee whether or not it is a Digest user.
    pub fn is_scripted(&self, user: &str) -> bool {
        [
            &self.busy,
            &self.no_answer,
            &self.decline,
            &self.unavailable,
        ]
        .iter()
        .any(|names| names.contains(user))
    }
}

pub fn parse_args(args: impl Iterator<Item = String>) -> Result<Config, String> {
    let mut cfg = Config {
        bind: IpAddr::V4(Ipv4Addr::LOCALHOST),
        port: 5060,
        realm: "sip-codes.test".into(),
        users: HashMap::new(),
        busy: HashSet::new(),
        no_answer: HashSet::new(),
        decline: HashSet::new(),
        unavailable: HashSet::new(),
        no_answer_after: Duration::from_secs(20),
        ring: Duration::ZERO,
        min_expires: 60,
        default_expires: 3600,
        max_expires: 7200,
        nonce_ttl: Duration::from_secs(300),
        algorithms: vec![Algorithm::Sha256, Algorithm::Md5],
        limits: Limits {
            tcp_idle: Duration::from_secs(300),
            tcp_head: Duration::from_secs(10),
            tcp_max_conns: DEFAULT_TCP_MAX_CONNS,
            max_body: 65536,
            max_dialogs: 10_000,
            dialog_max_age: Duration::from_secs(43_200),
        },
    };
    let mut allow_non_loopback = false;
    let mut max_conns_given = false;
    let mut args = args.peekable();
    fn num<T: std::str::FromStr>(flag: &str, v: Option<String>) -> Result<T, String> {
        let v = v.ok_or(format!("{flag} needs a value"))?;
        v.parse().map_err(|_| format!("{flag}: not a number: {v}"))
    }
    fn secs(flag: &str, v: Option<String>) -> Result<Duration, String> {
        match num(flag, v)? {
            0 => Err(format!("{flag} must be at least 1")),
            n => Ok(Duration::from_secs(n)),
        }
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
            "--decline" => {
                cfg.decline.insert(value().ok_or("--decline needs a name")?);
            }
            "--unavailable" => {
                cfg.unavailable
                    .insert(value().ok_or("--unavailable needs a name")?);
            }
            "--no-answer-secs" => cfg.no_answer_after = Duration::from_secs(num(&flag, value())?),
            "--ring-ms" => cfg.ring = Duration::from_millis(num(&flag, value())?),
            "--min-expires" => cfg.min_expires = num(&flag, value())?,
            "--max-expires" => cfg.max_expires = num(&flag, value())?,
            "--nonce-secs" => cfg.nonce_ttl = Duration::from_secs(num(&flag, value())?),
            "--max-body" => cfg.limits.max_body = num(&flag, value())?,
            "--tcp-idle-secs" => cfg.limits.tcp_idle = secs(&flag, value())?,
            "--tcp-head-secs" => cfg.limits.tcp_head = secs(&flag, value())?,
            "--tcp-max-conns" => {
                cfg.limits.tcp_max_conns = num(&flag, value())?;
                max_conns_given = true;
            }
            "--max-dialogs" => cfg.limits.max_dialogs = num(&flag, value())?,
            "--dialog-max-secs" => cfg.limits.dialog_max_age = secs(&flag, value())?,
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
    if cfg.limits.tcp_max_conns == 0 || cfg.limits.max_dialogs == 0 {
        return Err("--tcp-max-conns and --max-dialogs must be at least 1".into());
    }
    if let Some(fds) = open_file_limit() {
        let room = fds.saturating_sub(FD_RESERVE).max(1);
        if cfg.limits.tcp_max_conns > room {
            if max_conns_given {
                eprintln!(
                    "uas: warning: --tcp-max-conns {} is above what the open-file limit ({fds}) leaves \
                     room for ({room}); accepting will pause when descriptors run out",
                    cfg.limits.tcp_max_conns
                );
            } else {
                cfg.limits.tcp_max_conns = room;
            }
        }
    }
    cfg.max_expires = cfg.max_expires.max(cfg.min_expires);
    cfg.default_expires = cfg.default_expires.clamp(cfg.min_expires, cfg.max_expires);
    Ok(cfg)
}

/// The soft limit on open files of this process (Linux: `/proc/self/limits`), if known.
fn open_file_limit() -> Option<usize> {
    let limits = std::fs::read_to_string("/proc/self/limits").ok()?;
    let line = limits.lines().find(|l| l.starts_with("Max open files"))?;
    line["Max open files".len()..]
        .split_whitespace()
        .next()?
        .parse()
        .ok()
}
