//! The SDP answer (RFC 3264): the offer is parsed with `ezk-sdp-types`; every audio stream over RTP/AVP
//! offering PCMU or PCMA is accepted with that codec, every other stream is refused with port 0. No media
//! flows: this UAS only signals.

use bytes::Bytes;
use bytesstr::BytesStr;
use ezk_sdp_types::{MediaType, SessionDescription, TransportProtocol};
use std::fmt::Write;
use std::net::IpAddr;
use std::sync::atomic::{AtomicU32, Ordering};

static SESSIONS: AtomicU32 = AtomicU32::new(1);

/// The answer to `offer`, or (no offer in the INVITE) an offer of PCMU to send in the 200.
pub fn answer(offer: &Bytes, local: IpAddr) -> Result<String, &'static str> {
    let session = SESSIONS.fetch_add(1, Ordering::Relaxed);
    let ip = match local {
        IpAddr::V4(_) => "IP4",
        IpAddr::V6(_) => "IP6",
    };
    let mut sdp = format!(
        "v=0\r\no=uas {session} {session} IN {ip} {local}\r\ns=sip-codes uas\r\nc=IN {ip} {local}\r\nt=0 0\r\n"
    );
    let port = 20000 + (session % 10000) as u16 * 2;
    if offer.is_empty() {
        let _ = write!(
            sdp,
            "m=audio {port} RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\na=sendrecv\r\n"
        );
        return Ok(sdp);
    }
    let text = std::str::from_utf8(offer).map_err(|_| "offer is not UTF-8")?;
    // The answer needs only the m= lines. An attribute this parser refuses (RFC 4475's messages carry
    // `a=rtpmap:31 LPC`, without the clock rate RFC 4566 §6 asks for) must not cost the call: read the
    // offer again without its attribute lines.
    let offer = SessionDescription::parse(&BytesStr::from(text))
        .or_else(|_| {
            let no_attributes: String = text
                .split_inclusive('\n')
                .filter(|l| !l.starts_with("a="))
                .collect();
            SessionDescription::parse(&BytesStr::from(no_attributes))
        })
        .map_err(|_| "offer does not parse")?;
    let mut accepted = 0;
    for m in &offer.media_descriptions {
        let media = &m.media;
        let codec = media.fmts.iter().copied().find(|f| matches!(f, 0 | 8));
        match codec {
            Some(pt)
                if media.media_type == MediaType::Audio
                    && media.proto == TransportProtocol::RtpAvp
                    && media.port != 0 =>
            {
                let name = if pt == 0 { "PCMU" } else { "PCMA" };
                let _ = write!(
                    sdp,
                    "m=audio {port} RTP/AVP {pt}\r\na=rtpmap:{pt} {name}/8000\r\na=sendrecv\r\n"
                );
                accepted += 1;
            }
            _ => {
                let fmt = media.fmts.first().copied().unwrap_or(0);
                let _ = write!(sdp, "m={} 0 {} {fmt}\r\n", media.media_type, media.proto);
            }
        }
    }
    if accepted == 0 {
        return Err("no audio stream with PCMU or PCMA over RTP/AVP");
    }
    Ok(sdp)
}
