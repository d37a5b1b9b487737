//! The proxy's message surgery, on messages parsed in place by `sip_codes::message`: what it adds to a
//! request it forwards (RFC 3261 §16.6), what it takes off a response it relays (§16.7 step 9), and the
//! ACK and CANCEL a client transaction sends on its own (§17.1.1.3, §9.1). Every line it writes is a
//! value it read (unfolded) or one it made; it copies the others unchanged.

use sip_codes::message::{Field, Message};
use std::net::SocketAddr;

/// The writer of a message: start line, header lines, then the body.
struct Out(Vec<u8>);

impl Out {
    fn new(start_line: &str) -> Self {
        let mut out = Out(Vec::with_capacity(1024));
        out.line(start_line);
        out
    }

    fn line(&mut self, text: &str) {
        self.0.extend_from_slice(text.as_bytes());
        self.0.extend_from_slice(b"\r\n");
    }

    fn field(&mut self, name: &str, value: &str) {
        self.line(&format!("{name}: {value}"));
    }

    fn copy(&mut self, field: &Field<'_>) {
        self.field(field.name(), &field.value().unfolded());
    }

    fn finish(mut self, body: &[u8]) -> Vec<u8> {
        self.0.extend_from_slice(b"\r\n");
        self.0.extend_from_slice(body);
        self.0
    }
}

/// The start line as received (`sip_codes::message` has its parts, not its text), its CRLF or bare LF off.
fn start_line<'a>(msg: &Message<'a>) -> &'a str {
    let line = msg.head().split('\n').next().unwrap_or_default();
    line.strip_suffix('\r').unwrap_or(line)
}

/// The first value of a header, unfolded.
pub fn first(msg: &Message<'_>, name: &str) -> Option<String> {
    msg.values(name).next().map(|v| v.unfolded().into_owned())
}

/// The parameter `name` of a header value (`;branch=z9hG4bK1`), ASCII case ignored in the name.
pub fn param<'a>(value: &'a str, name: &str) -> Option<&'a str> {
    value.split(';').skip(1).find_map(|p| {
        let (key, val) = p.split_once('=').unwrap_or((p, ""));
        key.trim().eq_ignore_ascii_case(name).then(|| val.trim())
    })
}

/// The sent-by of a Via value (`SIP/2.0/UDP host:port;...` → `host:port`).
fn sent_by(via: &str) -> &str {
    let protocol_and_host = via.split(';').next().unwrap_or_default();
    protocol_and_host
        .split_whitespace()
        .nth(1)
        .unwrap_or_default()
}

/// The key of the server transaction a request belongs to (RFC 3261 §17.2.3): its top Via's branch and
/// sent-by (a CANCEL and the ACK of a non-2xx share the INVITE's).
pub fn transaction_key(msg: &Message<'_>) -> Option<String> {
    let via = first(msg, "Via")?;
    let branch = param(&via, "branch")?;
    Some(format!("{branch}|{}", sent_by(&via)))
}

/// Where a response to the Via `via` goes (§18.2.2): its `received` address, if any, else its sent-by
/// host; the `rport` port, if any, else the sent-by's, else 5060. Numeric hosts only (no DNS here).
pub fn via_target(via: &str) -> Option<SocketAddr> {
    let (host, port) = host_port(sent_by(via))?;
    let host = param(via, "received").unwrap_or(host);
    let port = param(via, "rport")
        .and_then(|p| p.parse().ok())
        .unwrap_or(port);
    Some(SocketAddr::new(host.parse().ok()?, port))
}

/// `host[:port]` (an IPv6 reference in brackets), the port 5060 when absent.
fn host_port(text: &str) -> Option<(&str, u16)> {
    if let Some(rest) = text.strip_prefix('[') {
        let (host, after) = rest.split_once(']')?;
        let port = after
            .strip_prefix(':')
            .map_or(Some(5060), |p| p.parse().ok())?;
        return Some((host, port));
    }
    match text.rsplit_once(':') {
        Some((host, port)) => Some((host, port.parse().ok()?)),
        None => Some((text, 5060)),
    }
}

/// The address a SIP URI (`sip:bob@127.0.0.1:5081;transport=udp`, or `<...>` around it) points at.
pub fn uri_target(uri: &str) -> Option<SocketAddr> {
    let uri = uri.trim().trim_start_matches('<');
    let uri = uri.split('>').next()?;
    let rest = uri
        .strip_prefix("sip:")
        .or_else(|| uri.strip_prefix("sips:"))?;
    let host_part = rest.rsplit_once('@').map_or(rest, |(_, h)| h);
    let host_part = host_part.split([';', '?']).next()?;
    let (host, port) = host_port(host_part)?;
    Some(SocketAddr::new(host.parse().ok()?, port))
}

/// Whether a Route or Record-Route value names this proxy (`<sip:ADDR;lr>`).
pub fn names_us(value: &str, us: SocketAddr) -> bool {
    uri_target(value) == Some(us)
}

/// What the proxy does to a request it forwards (§16.6).
pub struct Forwarding<'a> {
    /// The Via it adds on top (step 8).
    pub via: &'a str,
    /// The Record-Route it adds on top, if any (step 4).
    pub record_route: Option<&'a str>,
    /// This proxy, whose value is taken off the top of Route if it is there (§16.4, loose routing).
    pub us: SocketAddr,
}

/// The request as forwarded: our Via and Record-Route above the request's, the first Route value taken
/// off when it names us, Max-Forwards one less (70 when it has none, step 3). `None` with Max-Forwards 0
/// or unreadable: the caller answers 483 (§16.3 step 3).
pub fn forward_request(msg: &Message<'_>, how: &Forwarding<'_>) -> Option<Vec<u8>> {
    let max_forwards = match msg.field("Max-Forwards") {
        Some(f) => f
            .value()
            .unfolded()
            .trim()
            .parse::<u8>()
            .ok()?
            .checked_sub(1)?,
        None => 70,
    };
    let mut out = Out::new(start_line(msg));
    out.field("Via", how.via);
    if let Some(rr) = how.record_route {
        out.field("Record-Route", rr);
    }
    let mut routes: Vec<String> = msg
        .values("Route")
        .map(|v| v.unfolded().into_owned())
        .collect();
    if routes.first().is_some_and(|r| names_us(r, how.us)) {
        routes.remove(0);
    }
    let mut routes_written = false;
    for field in msg.fields() {
        if field.is("Max-Forwards") {
            out.field("Max-Forwards", &max_forwards.to_string());
        } else if field.is("Route") {
            if !routes_written && !routes.is_empty() {
                out.field("Route", &routes.join(", "));
            }
            routes_written = true;
        } else {
            out.copy(&field);
        }
    }
    if msg.field("Max-Forwards").is_none() {
        out.field("Max-Forwards", &max_forwards.to_string());
    }
    Some(out.finish(msg.body()))
}

/// Where a request goes next: the first Route value left once ours is taken off, else the Request-URI.
pub fn next_hop(msg: &Message<'_>, us: SocketAddr) -> Option<SocketAddr> {
    let routes: Vec<String> = msg
        .values("Route")
        .map(|v| v.unfolded().into_owned())
        .collect();
    match routes.iter().find(|r| !names_us(r, us)) {
        Some(route) => uri_target(route),
        None => uri_target(msg.request_line()?.uri()),
    }
}

/// A response as relayed upstream: without its top Via, ours (§16.7 step 9), and with `extra` header
/// lines (the challenges of other branches, step 7).
pub fn relay_response(msg: &Message<'_>, extra: &[(String, String)]) -> Vec<u8> {
    let mut out = Out::new(start_line(msg));
    let mut skipped = false;
    for field in msg.fields() {
        if field.is("Via") && !skipped {
            skipped = true;
            let rest: Vec<String> = field
                .values()
                .skip(1)
                .map(|v| v.unfolded().into_owned())
                .collect();
            if !rest.is_empty() {
                out.field(field.name(), &rest.join(", "));
            }
        } else {
            out.copy(&field);
        }
    }
    for (name, value) in extra {
        out.field(name, value);
    }
    out.finish(msg.body())
}

/// The top Via a response will have once ours is taken off: where it goes.
pub fn next_via(msg: &Message<'_>) -> Option<String> {
    msg.values("Via").nth(1).map(|v| v.unfolded().into_owned())
}

/// The challenges of a 401 or 407 (each field whole: its commas separate parameters, not values).
pub fn challenges(msg: &Message<'_>) -> Vec<(String, String)> {
    ["WWW-Authenticate", "Proxy-Authenticate"]
        .iter()
        .flat_map(|name| {
            msg.fields_named(name)
                .map(|f| (name.to_string(), f.value().unfolded().into_owned()))
        })
        .collect()
}

/// A request a client transaction makes of the request it sent (`request`, as forwarded): the ACK of a
/// non-2xx final response (§17.1.1.3: the request's Request-URI, top Via, Route, From, Call-ID and CSeq
/// number, the response's To) or a CANCEL (§9.1: the same, To from the request). `to` is the To value.
fn derived(request: &Message<'_>, method: &str, to: &str) -> Option<Vec<u8>> {
    let uri = request.request_line()?.uri();
    let cseq = first(request, "CSeq")?;
    let number = cseq.split_whitespace().next()?;
    let mut out = Out::new(&format!("{method} {uri} SIP/2.0"));
    out.field("Via", &first(request, "Via")?);
    for route in request.fields_named("Route") {
        out.copy(&route);
    }
    out.field("Max-Forwards", "70");
    out.field("From", &first(request, "From")?);
    out.field("To", to);
    out.field("Call-ID", &first(request, "Call-ID")?);
    out.field("CSeq", &format!("{number} {method}"));
    out.field("Content-Length", "0");
    Some(out.finish(b""))
}

/// The ACK of a non-2xx final `response` to the INVITE `request` this proxy forwarded.
pub fn ack(request: &Message<'_>, response: &Message<'_>) -> Option<Vec<u8>> {
    derived(request, "ACK", &first(response, "To")?)
}

/// The CANCEL of the request this proxy forwarded.
pub fn cancel(request: &Message<'_>) -> Option<Vec<u8>> {
    derived(request, "CANCEL", &first(request, "To")?)
}

#[cfg(test)]
mod tests {
    use super::*;

    const INVITE: &[u8] = b"INVITE sip:bob@127.0.0.1:5070 SIP/2.0\r\n\
        Via: SIP/2.0/UDP 127.0.0.1:6000;branch=z9hG4bKcaller;rport\r\n\
        Max-Forwards: 70\r\n\
        From: <sip:alice@127.0.0.1>;tag=a\r\n\
        To: <sip:bob@127.0.0.1>\r\n\
        Call-ID: c1\r\n\
        CSeq: 7 INVITE\r\n\
        Content-Length: 0\r\n\r\n";

    #[test]
    fn forwarded_request() {
        let us: SocketAddr = "127.0.0.1:5070".parse().unwrap();
        let msg = Message::parse(INVITE).unwrap();
        let how = Forwarding {
            via: "SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bKp1",
            record_route: Some("<sip:127.0.0.1:5070;lr>"),
            us,
        };
        let out = forward_request(&msg, &how).unwrap();
        let out = Message::parse(&out).unwrap();
        let vias: Vec<_> = out.values("Via").map(|v| v.raw().to_string()).collect();
        assert_eq!(vias[0], how.via);
        assert_eq!(vias.len(), 2);
        assert_eq!(first(&out, "Max-Forwards").as_deref(), Some("69"));
        assert_eq!(first(&out, "Record-Route").as_deref(), how.record_route);
        assert_eq!(
            transaction_key(&msg).as_deref(),
            Some("z9hG4bKcaller|127.0.0.1:6000")
        );
        assert_eq!(
            via_target(&vias[1]),
            Some("127.0.0.1:6000".parse().unwrap())
        );
        let cancel = cancel(&out).unwrap();
        let cancel = Message::parse(&cancel).unwrap();
        assert_eq!(first(&cancel, "CSeq").as_deref(), Some("7 CANCEL"));
        assert_eq!(cancel.values("Via").count(), 1);
    }

    #[test]
    fn hops() {
        assert_eq!(
            uri_target("sip:bob@127.0.0.1:5081;transport=udp"),
            Some("127.0.0.1:5081".parse().unwrap())
        );
        assert_eq!(
            uri_target("<sip:127.0.0.1;lr>"),
            Some("127.0.0.1:5060".parse().unwrap())
        );
        assert_eq!(uri_target("tel:+1555"), None);
        assert_eq!(
            via_target("SIP/2.0/UDP 10.0.0.1:5060;received=127.0.0.2;rport=4000"),
            Some("127.0.0.2:4000".parse().unwrap())
        );
        let zero = b"OPTIONS sip:a@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nMax-Forwards: 0\r\n\r\n";
        let msg = Message::parse(zero).unwrap();
        let how = Forwarding {
            via: "SIP/2.0/UDP x;branch=z9hG4bK2",
            record_route: None,
            us: "127.0.0.1:1".parse().unwrap(),
        };
        assert!(forward_request(&msg, &how).is_none());
    }
}
