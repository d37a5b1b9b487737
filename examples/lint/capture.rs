//! SIP messages in a pcap or pcapng capture (read with `pcap-parser`, packets decoded with
//! `etherparse`): UDP datagrams whole, TCP streams reassembled per direction and framed by Content-Length
//! (RFC 3261 §18.3), on any port, over IPv4 or IPv6. Frames are numbered from 1, as Wireshark numbers
//! them; a message from TCP is reported at the frame that completes it.

use std::collections::{BTreeMap, HashMap};
use std::net::{IpAddr, SocketAddr};

use etherparse::{EtherType, NetSlice, SlicedPacket, TransportSlice};
use pcap_parser::{Block, Linktype, PcapBlockOwned, PcapError, create_reader};
use sip_codes::message::{Frame, frame};

use crate::report::{Origin, Skipped};

/// The largest block a capture may hold (a jumbo frame is far smaller).
const MAX_BLOCK: usize = 64 << 20;
/// Out-of-order TCP segments held per direction before the direction is given up.
const MAX_PENDING: usize = 256;

/// Whether `bytes` start like a pcap (either byte order, micro- or nanosecond) or pcapng file.
pub fn is_capture(bytes: &[u8]) -> bool {
    matches!(
        bytes.get(..4),
        Some([0xd4, 0xc3, 0xb2, 0xa1] | [0xa1, 0xb2, 0xc3, 0xd4] | [0x4d, 0x3c, 0xb2, 0xa1])
            | Some([0xa1, 0xb2, 0x3c, 0x4d] | [0x0a, 0x0d, 0x0d, 0x0a])
    )
}

/// Calls `each` with every SIP message of the capture, in capture order, and returns what was skipped.
pub fn messages(bytes: &[u8], mut each: impl FnMut(Origin<'_>, &[u8])) -> Result<Skipped, String> {
    let mut reader = create_reader(1 << 16, bytes).map_err(|e| format!("not a capture: {e:?}"))?;
    let mut state = State::default();
    let mut capacity = 1 << 16;
    loop {
        match reader.next() {
            Ok((offset, block)) => {
                state.block(block, &mut each);
                reader.consume(offset);
            }
            Err(PcapError::Eof) => break,
            Err(PcapError::Incomplete(_)) => {
                let before = reader.consumed();
                reader
                    .refill()
                    .map_err(|e| format!("cannot read the capture: {e:?}"))?;
                if matches!(reader.next(), Err(PcapError::Incomplete(_)))
                    && reader.consumed() == before
                {
                    state.skipped.truncated = true;
                    break;
                }
            }
            Err(PcapError::BufferTooSmall) if capacity < MAX_BLOCK => {
                capacity *= 4;
                if !reader.grow(capacity) {
                    return Err("a block larger than the reader can hold".to_string());
                }
                reader
                    .refill()
                    .map_err(|e| format!("cannot read the capture: {e:?}"))?;
            }
            Err(err) => return Err(format!("frame {}: {err:?}", state.frame + 1)),
        }
    }
    Ok(state.skipped)
}

/// What the reader keeps between blocks.
#[derive(Default)]
struct State {
    /// The number of the last packet.
    frame: u64,
    /// The link type of the legacy file, or of each interface of the current pcapng section.
    links: Vec<Linktype>,
    flows: HashMap<(SocketAddr, SocketAddr), Flow>,
    skipped: Skipped,
}

impl State {
    fn block(&mut self, block: PcapBlockOwned<'_>, each: &mut impl FnMut(Origin<'_>, &[u8])) {
        match block {
            PcapBlockOwned::LegacyHeader(header) => self.links = vec![header.network],
            PcapBlockOwned::Legacy(packet) => {
                let link = self.links.first().copied().unwrap_or(Linktype::ETHERNET);
                self.packet(link, packet.data, each);
            }
            PcapBlockOwned::NG(Block::SectionHeader(_)) => self.links.clear(),
            PcapBlockOwned::NG(Block::InterfaceDescription(idb)) => self.links.push(idb.linktype),
            PcapBlockOwned::NG(Block::EnhancedPacket(epb)) => {
                let link = self.links.get(epb.if_id as usize).copied();
                let data = &epb.data[..(epb.caplen as usize).min(epb.data.len())];
                self.packet(link.unwrap_or(Linktype::ETHERNET), data, each);
            }
            PcapBlockOwned::NG(Block::SimplePacket(spb)) => {
                let link = self.links.first().copied().unwrap_or(Linktype::ETHERNET);
                self.packet(link, spb.data, each);
            }
            PcapBlockOwned::NG(_) => {}
        }
    }

    fn packet(&mut self, link: Linktype, data: &[u8], each: &mut impl FnMut(Origin<'_>, &[u8])) {
        self.frame += 1;
        let Some(packet) = decode(link, data) else {
            self.skipped.undecoded += 1;
            return;
        };
        let (src, dst, fragmented) = match &packet.net {
            Some(NetSlice::Ipv4(ip)) => (
                IpAddr::V4(ip.header().source_addr()),
                IpAddr::V4(ip.header().destination_addr()),
                ip.payload().fragmented,
            ),
            Some(NetSlice::Ipv6(ip)) => (
                IpAddr::V6(ip.header().source_addr()),
                IpAddr::V6(ip.header().destination_addr()),
                ip.payload().fragmented,
            ),
            _ => return,
        };
        if fragmented {
            self.skipped.fragments += 1;
            return;
        }
        let frame = self.frame;
        match &packet.transport {
            Some(TransportSlice::Udp(udp)) => {
                let payload = udp.payload();
                if looks_like_sip(payload) {
                    let (src, dst) = (
                        SocketAddr::new(src, udp.source_port()),
                        SocketAddr::new(dst, udp.destination_port()),
                    );
                    each(
                        Origin::Frame {
                            frame,
                            transport: "UDP",
                            src,
                            dst,
                        },
                        payload,
                    );
                }
            }
            Some(TransportSlice::Tcp(tcp)) => {
                let (src, dst) = (
                    SocketAddr::new(src, tcp.source_port()),
                    SocketAddr::new(dst, tcp.destination_port()),
                );
                let flow = self.flows.entry((src, dst)).or_default();
                if tcp.syn() {
                    *flow = Flow::default();
                    flow.next = Some(tcp.sequence_number().wrapping_add(1));
                    return;
                }
                flow.segment(tcp.sequence_number(), tcp.payload());
                flow.messages(|message| {
                    each(
                        Origin::Frame {
                            frame,
                            transport: "TCP",
                            src,
                            dst,
                        },
                        message,
                    )
                });
                if tcp.fin() || tcp.rst() {
                    self.flows.remove(&(src, dst));
                }
            }
            _ => {}
        }
    }
}

/// The packet's headers, by the link type of its interface.
fn decode(link: Linktype, data: &[u8]) -> Option<SlicedPacket<'_>> {
    match link {
        Linktype::ETHERNET => SlicedPacket::from_ethernet(data).ok(),
        Linktype::LINUX_SLL => SlicedPacket::from_linux_sll(data).ok(),
        // Linux "cooked" v2 (`tshark -i any`): the protocol in the first two bytes of a 20-byte header.
        Linktype::LINUX_SLL2 => {
            let protocol = u16::from_be_bytes([*data.first()?, *data.get(1)?]);
            SlicedPacket::from_ether_type(EtherType(protocol), data.get(20..)?).ok()
        }
        Linktype::RAW | Linktype::IPV4 | Linktype::IPV6 => SlicedPacket::from_ip(data).ok(),
        // BSD loopback: a 4-byte address family, then the IP packet.
        Linktype::NULL | Linktype::LOOP => SlicedPacket::from_ip(data.get(4..)?).ok(),
        _ => None,
    }
}

/// Whether a payload starts like a SIP message: a status line, or an upper-case method and a space.
fn looks_like_sip(payload: &[u8]) -> bool {
    if payload.starts_with(b"SIP/2.0 ") {
        return true;
    }
    let method = payload
        .iter()
        .take_while(|b| b.is_ascii_uppercase())
        .count();
    method > 0 && payload.get(method) == Some(&b' ')
}

/// One direction of a TCP connection, reassembled in sequence order.
#[derive(Default)]
struct Flow {
    /// The sequence number of the next byte expected (from the SYN, or the first segment seen).
    next: Option<u32>,
    /// Bytes received in order and not yet framed into messages.
    buf: Vec<u8>,
    /// Segments that arrived ahead of a gap, by sequence number.
    pending: BTreeMap<u32, Vec<u8>>,
    /// Whether the stream carries SIP (decided from its first bytes).
    sip: Option<bool>,
}

impl Flow {
    fn segment(&mut self, seq: u32, payload: &[u8]) {
        if payload.is_empty() || self.sip == Some(false) {
            return;
        }
        let next = *self.next.get_or_insert(seq);
        let ahead = seq.wrapping_sub(next) as i32;
        if ahead > 0 {
            if self.pending.len() < MAX_PENDING {
                self.pending.insert(seq, payload.to_vec());
            } else {
                self.sip = Some(false);
            }
            return;
        }
        // A retransmission: only the bytes past what was already received are new.
        let old = ahead.unsigned_abs() as usize;
        if old >= payload.len() {
            return;
        }
        self.append(&payload[old..]);
        while let Some((&seq, _)) = self.pending.first_key_value() {
            let next = self.next.unwrap_or(seq);
            if (seq.wrapping_sub(next) as i32) > 0 {
                break;
            }
            if let Some((seq, held)) = self.pending.pop_first() {
                let old = next.wrapping_sub(seq) as usize;
                if old < held.len() {
                    self.append(&held[old..]);
                }
            }
        }
    }

    fn append(&mut self, bytes: &[u8]) {
        if self.sip.is_none() {
            self.sip = Some(looks_like_sip(bytes) || bytes.starts_with(b"\r\n"));
        }
        if self.sip == Some(true) {
            self.buf.extend_from_slice(bytes);
        }
        self.next = self.next.map(|n| n.wrapping_add(bytes.len() as u32));
    }

    /// Calls `each` with every whole message at the start of the buffer, and drops it.
    fn messages(&mut self, mut each: impl FnMut(&[u8])) {
        loop {
            match frame(&self.buf) {
                Ok(Frame::KeepAlive(len)) => drop(self.buf.drain(..len)),
                Ok(Frame::Complete(len)) => {
                    each(&self.buf[..len]);
                    self.buf.drain(..len);
                }
                Ok(Frame::Incomplete) => return,
                // A head that does not parse: reported as it stands, and the stream is given up, since
                // where the next message starts is unknown.
                Err(_) => {
                    each(&self.buf);
                    self.buf.clear();
                    self.sip = Some(false);
                    return;
                }
            }
        }
    }
}
