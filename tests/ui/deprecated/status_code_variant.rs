#![deny(deprecated)]

fn main() {
    // Naming a deprecated code warns too.
    let _code = sip_codes::StatusCode::Accepted;
}
