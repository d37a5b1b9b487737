sip_codes::sip_codes!("../../../../tests/ui/custom/declared_header_clashes.yaml");

fn main() {}
