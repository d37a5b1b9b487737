//! `Response::write_to` into a `Vec` with enough capacity does not allocate.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use sip_codes_runtime::header::{HeaderName, HeaderValue, MediaType};
use sip_codes_runtime::{CodeRules, Draft, HeaderRules, RequestHeaders};

/// A code without rules: what is measured here is the writing, not the checks.
static OK: CodeRules = CodeRules {
    code: 200,
    phrase: "OK",
    headers: HeaderRules {
        must: &[],
        should: &[],
        may: &[],
        must_not: &[],
    },
    answers: &[],
};

struct Counting;

thread_local! {
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
}

// SAFETY: forwards to the system allocator; only counts calls on the current thread.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let _ = ALLOCATIONS.try_with(|n| n.set(n.get() + 1));
        // SAFETY: same contract as the caller's.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: same contract as the caller's.
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let _ = ALLOCATIONS.try_with(|n| n.set(n.get() + 1));
        // SAFETY: same contract as the caller's.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn allocations() -> usize {
    ALLOCATIONS.with(Cell::get)
}

#[test]
fn write_to_does_not_allocate() {
    let request = RequestHeaders::from_message(
        "INVITE sip:bob@biloxi.com SIP/2.0\r\nVia: SIP/2.0/UDP a;branch=z9hG4bK1\r\nFrom: <sip:a@b>;tag=1\r\n\
         To: <sip:bob@biloxi.com>\r\nCall-ID: x\r\nCSeq: 1 INVITE\r\n\r\n",
    )
    .unwrap();
    let mut draft = Draft::new(&OK);
    draft.reply_to(&request);
    draft
        .extra_header(
            HeaderName::from_static("Allow").unwrap(),
            HeaderValue::from_static("INVITE, ACK").unwrap(),
        )
        .unwrap();
    draft.body(MediaType::APPLICATION_SDP, "v=0\r\n".repeat(300));
    let response = draft.finish();

    let mut out = Vec::with_capacity(response.wire_len());
    let before = allocations();
    response.write_to(&mut out).unwrap();
    let len = response.wire_len();
    assert_eq!(allocations(), before, "write_to or wire_len allocated");
    assert_eq!(out.len(), len);
    assert_eq!(out, response.to_bytes());
}
