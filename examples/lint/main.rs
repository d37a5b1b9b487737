//! A linter for SIP responses: reads messages from text files, stdin or pcap/pcapng captures (UDP and TCP
//! on any port) and checks every response against the rules of the bundled spec, or of your own, with
//! `sip_codes::rules::check_message_in`: the code's MUST, one-of and MUST NOT headers, the rules of the
//! method in its CSeq and the methods it answers, the transaction headers (RFC 3261 §8.2.6.2), repeated
//! single-valued headers (§7.3.1) and Content-Length against the body (§18.3, §20.14).
//!
//! ```text
//! cargo run --example lint -- FILE...        # text files (one or more messages each) or captures
//! cargo run --example lint -- - < reply.txt  # stdin
//! cargo run --example lint -- --spec my-codes.yaml capture.pcapng
//! ```
//!
//! Each violation is printed as a compiler-style diagnostic at the line it concerns, and the exit status
//! is 0 when every response is clean, 1 when a rule is broken or a response does not parse (a request
//! that does not parse is a warning), 2 when an input cannot be read.

mod capture;
mod report;
mod spec;
mod text;

use std::io::Read;
use std::process::ExitCode;

use sip_codes::StatusCode;
use sip_codes::message::Message;
use sip_codes::rules::{CodeRules, check_message_in};

use report::{Origin, Report};

const USAGE: &str = "usage: lint [--spec FILE] [--quiet] FILE... | -

Checks every SIP response in the inputs against the rules of a spec (the bundled one, or FILE), and
prints each broken rule as a diagnostic. An input is a text file of one or more messages (LF line ends
are read as CRLF), a pcap or pcapng capture (UDP and TCP on any port, IPv4 and IPv6), or `-` for
standard input. Exit status: 0 clean, 1 a rule broken or a response malformed, 2 an input unreadable.

  --spec FILE   check against a spec of your own (it may `extends: sip-codes`)
  --quiet       print the summary line only";

/// The rules each response is checked against.
enum Rules {
    Bundled,
    Loaded(spec::Loaded),
}

impl Rules {
    fn of(&self, code: u16) -> Option<&CodeRules> {
        match self {
            Rules::Bundled => StatusCode::from_u16(code).map(|known| known.rules()),
            Rules::Loaded(loaded) => loaded.get(code),
        }
    }
}

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let (mut inputs, mut rules, mut quiet) = (Vec::new(), Rules::Bundled, false);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "-h" | "--help" => {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            "--quiet" => quiet = true,
            "--spec" => {
                let Some(path) = args.next() else {
                    eprintln!("error: `--spec` needs a file\n\n{USAGE}");
                    return ExitCode::from(2);
                };
                match spec::load(&path) {
                    Ok(loaded) => rules = Rules::Loaded(loaded),
                    Err(problems) => {
                        eprintln!("{problems}");
                        return ExitCode::from(2);
                    }
                }
            }
            flag if flag.starts_with("--") => {
                eprintln!("error: unknown option `{flag}`\n\n{USAGE}");
                return ExitCode::from(2);
            }
            _ => inputs.push(arg),
        }
    }
    if inputs.is_empty() {
        eprintln!("error: no input\n\n{USAGE}");
        return ExitCode::from(2);
    }
    let mut report = Report::new(quiet);
    let mut unreadable = false;
    for input in &inputs {
        if let Err(err) = lint(input, &rules, &mut report) {
            eprintln!("error: {input}: {err}");
            unreadable = true;
        }
    }
    report.summary();
    if unreadable {
        ExitCode::from(2)
    } else if report.found_any() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Checks every message of one input.
fn lint(input: &str, rules: &Rules, report: &mut Report) -> std::io::Result<()> {
    let bytes = if input == "-" {
        let mut all = Vec::new();
        std::io::stdin().read_to_end(&mut all)?;
        all
    } else {
        std::fs::read(input)?
    };
    let name = if input == "-" { "<stdin>" } else { input };
    if capture::is_capture(&bytes) {
        let skipped = capture::messages(&bytes, |origin, message| {
            check(name, origin, message, rules, report)
        })
        .map_err(std::io::Error::other)?;
        report.skipped(skipped);
    } else {
        let text = text::normalise(&bytes);
        for (start, message) in text::messages(&text) {
            let origin = Origin::Text { text: &text, start };
            check(name, origin, message, rules, report);
        }
    }
    Ok(())
}

/// Checks one message: a response against the rules, a request only for its grammar.
fn check(name: &str, origin: Origin<'_>, bytes: &[u8], rules: &Rules, report: &mut Report) {
    match Message::parse(bytes) {
        Err(err) => report.malformed(name, &origin, bytes, &err),
        Ok(message) if message.is_request() => report.request(),
        Ok(message) => match check_message_in(&message, |code| rules.of(code)) {
            Ok(found) => report.response(name, &origin, bytes, &found),
            Err(_) => report.request(),
        },
    }
}
