//! Your own spec: vendor codes, a provider's phrase, local rules, all checked at compile time.
//!
//! `examples/custom_spec.yaml` extends the bundled IANA table (`extends: sip-codes`) with the codes a real
//! network sends (477 and 478 from Kamailio-family proxies, a provider's 499), overrides the phrase of 403,
//! and adds two local MUST rules. `sip_codes!` turns it into the same API the crate has for the standard
//! table. Run it with `cargo run --example custom_spec`.

use sip_codes::RequestHeaders;
use sip_codes::header::{Reason, Warning};

sip_codes::sip_codes!(
    "examples/custom_spec.yaml",
    name = OperatorCode,
    module = operator
);

fn main() -> Result<(), Box<dyn std::error::Error>> {
    // Vendor codes are first-class: parsing, Display, classes, their source.
    let from_the_wire: OperatorCode = "478 Unresolvable destination".parse()?;
    println!(
        "{from_the_wire}: {} ({})",
        from_the_wire.class(),
        from_the_wire.rfc()
    );
    let line: OperatorLine =
        "SIP/2.0 477 Unfortunately error on sending to next hop occurred".parse()?;
    println!("status line {:?} is {:?}", line.to_string(), line.status());

    // The provider's phrase for 403, and the standard one still recognised.
    let forbidden = OperatorCode::Forbidden;
    println!("{forbidden} (also known as {:?})", forbidden.aliases());

    // Every response answers a request: it copies its Via, From, To, Call-ID and CSeq.
    let request = RequestHeaders::from_message(
        "INVITE sip:+15551234567@sbc.example.net SIP/2.0\r\n\
         Via: SIP/2.0/UDP edge.example.org;branch=z9hG4bK74bf9\r\n\
         From: <sip:+15557654321@example.org>;tag=9fxced76sl\r\n\
         To: <sip:+15551234567@sbc.example.net>\r\n\
         Call-ID: 3848276298220188511@edge.example.org\r\n\
         CSeq: 1 INVITE\r\n\
         Content-Length: 0\r\n\r\n",
    )?;

    // Its method is read at run time; typed, the compiler checks the rules of INVITE too, and
    // `build()` gives a `Response` (from the plain request it gives a `Result`: an ACK is never answered).
    let invite = request
        .typed::<sip_codes::method::Invite>()
        .ok_or("an INVITE")?;

    // Local rules are compile-time rules: this 403 does not build without a Reason header,
    // and the 499 does not build without a Warning.
    let response = operator::Forbidden::reply_to(invite)
        .reason(Reason::sip(403)?.with_text("blocked by policy")?)
        .build();
    print!("{response}");
    let response = operator::CodecMismatch::reply_to(invite)
        .warning(Warning::new(
            305,
            "sbc.example.net",
            "Incompatible media format: G.729 only",
        )?)
        .build();
    print!("{response}");

    // Everything of the bundled table is there too.
    let response = operator::MethodNotAllowed::reply_to(invite)
        .allow([sip_codes::header::Method::Invite])
        .build();
    print!("{response}");

    // A code chosen at run time: the same rules, checked when `build()` runs.
    let chosen = OperatorCode::CodecMismatch;
    match chosen.reply_to(&request).build() {
        Ok(response) => print!("{response}"),
        Err(broken) => println!("refused: {broken}"),
    }
    Ok(())
}
