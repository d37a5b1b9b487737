//! Responses as bytes, the log line of each, and what the transport stamps into the top Via.

use crate::server::Peer;
use sip_codes::header::Token;
use sip_codes::{RequestHeaders, Response};
use std::net::SocketAddr;
use tracing::info;

pub fn wire(resp: &Response) -> Vec<u8> {
    let mut buf = Vec::with_capacity(512);
    // Writing to a Vec cannot fail.
    let _ = resp.write_to(&mut buf);
    buf
}

pub fn status_of(bytes: &[u8]) -> u16 {
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

pub fn random_seed() -> u64 {
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
pub fn stamp_received(
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
    rewrite(&rh, Some(&stamped), None).unwrap_or(rh)
}

/// The request as this UAS answers it outside the builders' `to_tag` (a `#[derive(SipResponse)]` outcome
/// takes only the request): its To with the transaction's tag (RFC 3261 §8.2.6.2: the same tag in every
/// response of the transaction and of the dialog it starts). A To that has a tag already (a request inside
/// a dialog) is kept; so are the headers, if the tagged To would not be a valid value.
pub fn with_to_tag(rh: &RequestHeaders, tag: &Token) -> RequestHeaders {
    let to = rh.to().as_str();
    if crate::address::address(to).is_ok_and(|a| a.param("tag").is_some()) {
        return rh.clone();
    }
    rewrite(rh, None, Some(&format!("{to};tag={tag}"))).unwrap_or_else(|_| rh.clone())
}

/// `rh` with its top Via and its To replaced (`None` keeps the request's), every other value kept:
/// the Vias below, Record-Route (which the builders copy into dialog-establishing responses, RFC 3261
/// §12.1.1) and Timestamp.
fn rewrite(
    rh: &RequestHeaders,
    top_via: Option<&str>,
    to: Option<&str>,
) -> Result<RequestHeaders, sip_codes::Error> {
    let to = to.unwrap_or(rh.to().as_str());
    let mut out = RequestHeaders::new(rh.from(), to, rh.call_id(), rh.cseq())?;
    for (i, via) in rh.vias().iter().enumerate() {
        out = out.via(top_via.filter(|_| i == 0).unwrap_or(via.as_str()))?;
    }
    for route in rh.record_routes() {
        out = out.record_route(route)?;
    }
    match rh.timestamp_value() {
        Some(t) => out.timestamp(t),
        None => Ok(out),
    }
}
