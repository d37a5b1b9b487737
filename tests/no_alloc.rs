//! The public API's promises of no allocation, checked with a counting global allocator: Display of every
//! `StatusCode` into a pre-sized `String`, `Response::write_to` of built responses (405 with Allow,
//! 401 with a Digest challenge, 200 answering a typed or untyped INVITE) into a `Vec` with enough capacity,
//! and status lines of up to 56 bytes parsed into an owned `StatusLine` (and read back).
//!
//! Only allocations made by the current thread between `start` and `stop` count, so the test harness's
//! other threads cannot disturb the figures. No timing is measured anywhere.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::fmt::Write as _;

use sip_codes::header::{Challenge, DigestAlgorithm, DigestChallenge, Method, Qop, Token, Uri};
use sip_codes::{RequestHeaders, Response, StatusCode, StatusLine, StatusLineRef, method, status};

struct Counting;

thread_local! {
    static COUNTING: Cell<bool> = const { Cell::new(false) };
    static COUNT: Cell<usize> = const { Cell::new(0) };
}

fn note() {
    // `try_with`: the thread-locals may be gone while a thread shuts down.
    let _ = COUNTING.try_with(|on| {
        if on.get() {
            let _ = COUNT.try_with(|n| n.set(n.get() + 1));
        }
    });
}

// SAFETY: every call is forwarded to the system allocator unchanged; counting touches only
// const-initialised thread-locals of `Cell` type, which never allocate.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        note();
        // SAFETY: same contract as ours.
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        note();
        // SAFETY: same contract as ours.
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        note();
        // SAFETY: same contract as ours.
        unsafe { System.realloc(ptr, layout, new_size) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: same contract as ours.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// The number of allocations (alloc, alloc_zeroed, realloc) `f` makes on this thread.
fn allocations(f: impl FnOnce()) -> usize {
    COUNT.with(|n| n.set(0));
    COUNTING.with(|on| on.set(true));
    f();
    COUNTING.with(|on| on.set(false));
    COUNT.with(|n| n.get())
}

#[test]
fn the_counter_counts() {
    assert_eq!(allocations(|| drop(String::from("x"))), 1);
    assert_eq!(allocations(|| drop(vec![0u8; 16])), 1);
    assert_eq!(allocations(|| {}), 0);
}

#[test]
fn display_of_every_code_does_not_allocate() {
    let mut out = String::with_capacity(256);
    for code in StatusCode::ALL {
        out.clear();
        let n = allocations(|| {
            write!(out, "{code}").unwrap();
        });
        assert_eq!(n, 0, "Display of {code}");
        assert_eq!(out, format!("{} {}", code.as_str(), code.reason_phrase()));
        // Padding goes through the same path.
        out.clear();
        let n = allocations(|| {
            write!(out, "{code:>40}").unwrap();
        });
        assert_eq!(n, 0, "padded Display of {code}");
        // And the static accessors.
        let n = allocations(|| {
            out.clear();
            out.push_str(code.as_str());
            out.push_str(code.reason_phrase());
            out.push_str(code.as_status_text());
        });
        assert_eq!(n, 0, "accessors of {code}");
    }
}

#[test]
fn short_status_lines_parse_without_allocating() {
    let longest = format!("SIP/2.0 499 {}", "x".repeat(44));
    assert_eq!(longest.len(), 56);
    let mut lines = vec![
        "SIP/2.0 480 ".to_owned(),
        "SIP/2.0 486 Busy Here".to_owned(),
        "sip/2.0 403 Wrong Guess".to_owned(),
        "SIP/2.0 555 Push Notification Service Not Supported".to_owned(),
        "SIP/2.0 486 Occup\u{e9} \u{2713}".to_owned(),
        longest.clone(),
    ];
    for code in StatusCode::ALL {
        lines.push(StatusLine::new(code).as_str().to_owned());
    }
    for line in &lines {
        let message = format!("{line}\r\nVia: x\r\n\r\n").into_bytes();
        let n = allocations(|| {
            let parsed: StatusLine = line.parse().unwrap();
            assert_eq!(parsed.reason(), &line[12..]);
            assert_eq!(parsed.as_str(), line);
            let (from_message, _) = StatusLine::parse_message_start(&message).unwrap();
            assert_eq!(from_message, parsed);
            let borrowed = StatusLineRef::parse(line).unwrap();
            assert_eq!(borrowed.to_owned_line(), parsed);
            assert_eq!(parsed.borrowed().reason(), parsed.reason());
        });
        assert_eq!(n, 0, "{line:?}");
    }
    for code in StatusCode::ALL {
        assert_eq!(allocations(|| drop(StatusLine::new(code))), 0, "{code}");
    }
    // One byte more goes on the heap, once.
    let long = format!("{longest}x");
    assert_eq!(allocations(|| drop(long.parse::<StatusLine>().unwrap())), 1);
}

const REQUEST: &str = "INVITE sip:bob@biloxi.example.com SIP/2.0\r\n\
    Via: SIP/2.0/UDP bigbox3.site3.atlanta.example.com;branch=z9hG4bK77ef4c2312983.1\r\n\
    Via: SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bKnashds8;received=192.0.2.1\r\n\
    Max-Forwards: 69\r\n\
    To: Bob <sip:bob@biloxi.example.com>\r\n\
    From: Alice <sip:alice@atlanta.example.com>;tag=1928301774\r\n\
    Call-ID: a84b4c76e66710@pc33.atlanta.example.com\r\n\
    CSeq: 314159 INVITE\r\n\
    Timestamp: 54\r\n\
    Content-Length: 0\r\n\r\n";

fn responses() -> Vec<Response> {
    let request = RequestHeaders::from_message(REQUEST).unwrap();
    let invite = request.typed::<method::Invite>().unwrap();
    let contact = || Uri::new("sip:bob@192.0.2.4").unwrap();
    let challenge = DigestChallenge::new("atlanta.example.com", "84a4cc6f3082121f32b42a2187831a9e")
        .unwrap()
        .with_qop(Qop::Auth)
        .with_algorithm(DigestAlgorithm::Sha256);
    vec![
        status::MethodNotAllowed::detached()
            .allow([Method::Invite, Method::Ack, Method::Bye])
            .build(),
        status::MethodNotAllowed::reply_to(&request)
            .allow([Method::Invite, Method::Ack, Method::Bye])
            .build()
            .expect("not an ACK"),
        status::Unauthorized::reply_to(&invite)
            .to_tag(Token::new("a6c85cf").unwrap())
            .www_authenticate(Challenge::from(challenge))
            .build(),
        status::Ok::reply_to(&invite)
            .to_tag(Token::new("a6c85cf").unwrap())
            .contact(contact())
            .build(),
        // The method known at run time only: the same response, checked when `build()` runs.
        status::Ok::reply_to(&request)
            .contact(contact())
            .build()
            .unwrap(),
        status::Trying::reply_to(&request)
            .build()
            .expect("not an ACK"),
        status::Ok::reply_to(&invite)
            .contact(contact())
            .body(
                "application/sdp".parse().unwrap(),
                "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\n",
            )
            .build(),
    ]
}

#[test]
fn write_to_a_presized_buffer_does_not_allocate() {
    for response in responses() {
        let mut out = Vec::with_capacity(response.wire_len());
        let n = allocations(|| response.write_to(&mut out).unwrap());
        assert_eq!(n, 0, "write_to of\n{response}");
        assert_eq!(out, response.to_bytes());
        assert_eq!(out.capacity(), response.wire_len());

        // A reused buffer: cleared, written again.
        let n = allocations(|| {
            out.clear();
            response.write_to(&mut out).unwrap();
            let _ = response.wire_len();
        });
        assert_eq!(n, 0, "second write_to of\n{response}");
    }
}

#[test]
fn to_bytes_allocates_once() {
    for response in responses() {
        let n = allocations(|| drop(response.to_bytes()));
        assert_eq!(n, 1, "to_bytes of\n{response}");
    }
}
