//! Whole messages: valid ones (the shapes of RFC 3261 §24, compact forms, folds, lists, bare LF),
//! one invalid message per error kind and Content-Length on datagrams, the stream framer at every split
//! point, and properties over generated input.

mod invalid;
mod properties;
mod stream;
mod valid;

use super::Message;

/// A message from its lines (joined with CRLF), the empty line and `body`; `{len}` in a line becomes the
/// body's length.
pub(super) fn message(lines: &[&str], body: &str) -> Vec<u8> {
    let mut out = String::new();
    for line in lines {
        out.push_str(&line.replace("{len}", &body.len().to_string()));
        out.push_str("\r\n");
    }
    out.push_str("\r\n");
    out.push_str(body);
    out.into_bytes()
}

pub(super) const SDP: &str = "v=0\r\n\
    o=bob 2808844564 2808844564 IN IP4 host.biloxi.example.com\r\n\
    s=-\r\n\
    c=IN IP4 192.0.2.201\r\n\
    t=0 0\r\n\
    m=audio 3456 RTP/AVP 0\r\n\
    a=rtpmap:0 PCMU/8000\r\n";

/// An INVITE shaped as the first request of RFC 3261 §24.2 (Alice calls Bob through two proxies).
pub(super) fn invite() -> Vec<u8> {
    message(
        &[
            "INVITE sip:bob@biloxi.example.com SIP/2.0",
            "Via: SIP/2.0/UDP client.atlanta.example.com:5060;branch=z9hG4bK74bf9",
            "Max-Forwards: 70",
            "From: Alice <sip:alice@atlanta.example.com>;tag=9fxced76sl",
            "To: Bob <sip:bob@biloxi.example.com>",
            "Call-ID: 3848276298220188511@atlanta.example.com",
            "CSeq: 1 INVITE",
            "Contact: <sip:alice@client.atlanta.example.com>",
            "Content-Type: application/sdp",
            "Content-Length: {len}",
        ],
        SDP,
    )
}

/// The 200 OK that answers it on its way back (§24.2): both Vias, the proxies' Record-Routes.
pub(super) fn ok_200() -> Vec<u8> {
    message(
        &[
            "SIP/2.0 200 OK",
            "Via: SIP/2.0/UDP ss1.atlanta.example.com:5060;branch=z9hG4bK2d4790.1;received=192.0.2.111",
            "Via: SIP/2.0/UDP client.atlanta.example.com:5060;branch=z9hG4bK74bf9;received=192.0.2.101",
            "Record-Route: <sip:ss2.biloxi.example.com;lr>",
            "Record-Route: <sip:ss1.atlanta.example.com;lr>",
            "From: Alice <sip:alice@atlanta.example.com>;tag=9fxced76sl",
            "To: Bob <sip:bob@biloxi.example.com>;tag=314159",
            "Call-ID: 3848276298220188511@atlanta.example.com",
            "CSeq: 1 INVITE",
            "Contact: <sip:bob@client.biloxi.example.com>",
            "Content-Type: application/sdp",
            "Content-Length: {len}",
        ],
        SDP,
    )
}

pub(super) fn parse(bytes: &[u8]) -> Message<'_> {
    match Message::parse(bytes) {
        Ok(m) => m,
        Err(e) => panic!("{e}: {:?}", String::from_utf8_lossy(bytes)),
    }
}

/// The values of a header, unfolded.
pub(super) fn values(m: &Message<'_>, name: &str) -> Vec<String> {
    m.values(name).map(|v| v.unfolded().into_owned()).collect()
}
