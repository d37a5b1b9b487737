//! Diagnostics in the compiler's layout: the sentence, where (`file:line:col`, or the frame of a capture),
//! the line of the message it concerns with a mark under it, and the RFC section's address.

use std::net::SocketAddr;

use sip_codes::RuleViolation;
use sip_codes::message::ParseError;
use sip_codes::rules::ViolationKind;
use sip_codes_core::sentence::article;

/// Where a message comes from.
pub enum Origin<'a> {
    /// A text file (or stdin): the whole text, and the offset the message starts at.
    Text { text: &'a [u8], start: usize },
    /// A packet of a capture (the frame that completes the message, for TCP).
    Frame {
        frame: u64,
        transport: &'static str,
        src: SocketAddr,
        dst: SocketAddr,
    },
}

/// What a capture held that is not a SIP message over UDP or TCP.
#[derive(Debug, Default)]
pub struct Skipped {
    /// Packets of a link type this reader does not decode, or that do not decode.
    pub undecoded: u64,
    /// IP fragments (not reassembled).
    pub fragments: u64,
    /// Whether the capture ends in the middle of a block.
    pub truncated: bool,
}

/// The counts, and the diagnostics printed so far.
pub struct Report {
    quiet: bool,
    responses: u64,
    requests: u64,
    violations: u64,
    malformed: u64,
    malformed_requests: u64,
    skipped: Skipped,
}

impl Report {
    pub fn new(quiet: bool) -> Report {
        Report {
            quiet,
            responses: 0,
            requests: 0,
            violations: 0,
            malformed: 0,
            malformed_requests: 0,
            skipped: Skipped::default(),
        }
    }

    pub fn request(&mut self) {
        self.requests += 1;
    }

    pub fn skipped(&mut self, skipped: Skipped) {
        self.skipped.undecoded += skipped.undecoded;
        self.skipped.fragments += skipped.fragments;
        self.skipped.truncated |= skipped.truncated;
    }

    /// A response and the rules it breaks.
    pub fn response(
        &mut self,
        name: &str,
        origin: &Origin<'_>,
        bytes: &[u8],
        found: &[RuleViolation],
    ) {
        self.responses += 1;
        self.violations += found.len() as u64;
        if self.quiet {
            return;
        }
        for violation in found {
            let at = violation.offset().unwrap_or(0);
            let label = label(violation);
            let note = violation.citation().url().map(|url| url.to_string());
            print(
                name,
                origin,
                bytes,
                at,
                &format!("error: {violation}"),
                &label,
                note,
            );
        }
    }

    /// A message that does not parse: an error for a response, a warning for a request (this linter
    /// checks responses; a malformed request is what a server answers with 400).
    pub fn malformed(&mut self, name: &str, origin: &Origin<'_>, bytes: &[u8], err: &ParseError) {
        let severity = if bytes.starts_with(b"SIP/") {
            self.malformed += 1;
            "error: the response does not parse"
        } else {
            self.malformed_requests += 1;
            "warning: the request does not parse"
        };
        if !self.quiet {
            let at = err.offset().min(bytes.len());
            print(name, origin, bytes, at, severity, &err.to_string(), None);
        }
    }

    /// Whether any rule was broken or any response did not parse.
    pub fn found_any(&self) -> bool {
        self.violations > 0 || self.malformed > 0
    }

    pub fn summary(&self) {
        let plural = |n: u64| if n == 1 { "" } else { "s" };
        let mut line = format!(
            "checked {} response{} ({} request{} read): {} rule{} broken, {} malformed response{}",
            self.responses,
            plural(self.responses),
            self.requests,
            plural(self.requests),
            self.violations,
            plural(self.violations),
            self.malformed,
            plural(self.malformed),
        );
        if self.malformed_requests > 0 {
            let n = self.malformed_requests;
            line.push_str(&format!("; {n} malformed request{}", plural(n)));
        }
        let Skipped {
            undecoded,
            fragments,
            truncated,
        } = self.skipped;
        if undecoded > 0 {
            line.push_str(&format!("; {undecoded} packets not decoded"));
        }
        if fragments > 0 {
            line.push_str(&format!("; {fragments} IP fragments skipped"));
        }
        if truncated {
            line.push_str("; the capture ends mid-block");
        }
        eprintln!("{line}");
    }
}

/// The few words under the mark.
fn label(violation: &RuleViolation) -> String {
    let list = |headers: &[&str]| {
        let quoted: Vec<String> = headers.iter().map(|h| format!("`{h}`")).collect();
        quoted.join(", ")
    };
    match violation.kind() {
        ViolationKind::Missing {
            headers,
            one_of: true,
            ..
        } => format!("lacks one of {}", list(headers)),
        ViolationKind::Missing { headers, .. } => format!("lacks {}", list(headers)),
        ViolationKind::MissingTransactionHeader { header } => format!("lacks `{header}`"),
        ViolationKind::Forbidden { header, .. } => format!("`{header}` here"),
        ViolationKind::Repeated { header } => format!("a second `{header}`"),
        ViolationKind::NotAnswering { .. } => match violation.method() {
            Some(method) => format!("answers {} {method}", article(method.as_str())),
            None => "answers a method it never answers".to_string(),
        },
        ViolationKind::ContentLength { declared, actual } => match declared {
            Some(declared) => format!("declares {declared} bytes; the body has {actual}"),
            None => format!("no Content-Length; the body has {actual} bytes"),
        },
        _ => String::new(),
    }
}

/// Prints one diagnostic at byte `at` of the message `bytes`.
fn print(
    name: &str,
    origin: &Origin<'_>,
    bytes: &[u8],
    at: usize,
    message: &str,
    label: &str,
    note: Option<String>,
) {
    let (line_start, line_no) = line_of(bytes, at);
    let line_end = bytes[line_start..]
        .iter()
        .position(|&b| b == b'\r' || b == b'\n')
        .map_or(bytes.len(), |end| line_start + end);
    let text = String::from_utf8_lossy(&bytes[line_start..line_end]);
    let column = at - line_start;
    let location = match origin {
        Origin::Text { text, start } => {
            let (_, file_line) = line_of(text, start + at);
            format!("{name}:{file_line}:{}", column + 1)
        }
        Origin::Frame {
            frame,
            transport,
            src,
            dst,
        } => {
            format!("{name}: frame {frame} ({transport} {src} → {dst}), line {line_no}")
        }
    };
    let shown = match origin {
        Origin::Text { text, start } => line_of(text, start + at).1,
        Origin::Frame { .. } => line_no,
    };
    let gutter = " ".repeat(shown.to_string().len());
    let marks = "^".repeat(text.chars().count().saturating_sub(column).max(1));
    println!("{message}");
    println!("{gutter}--> {location}");
    println!("{gutter} |");
    println!("{shown} | {text}");
    println!("{gutter} | {}{marks} {label}", " ".repeat(column));
    if let Some(note) = note {
        println!("{gutter} |");
        println!("{gutter} = note: {note}");
    }
    println!();
}

/// The offset of the line holding byte `at`, and its 1-based number.
fn line_of(bytes: &[u8], at: usize) -> (usize, usize) {
    let before = &bytes[..at.min(bytes.len())];
    let start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |nl| nl + 1);
    (start, 1 + before.iter().filter(|&&b| b == b'\n').count())
}
