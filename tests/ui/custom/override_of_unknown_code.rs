sip_codes::sip_codes!("../../../../tests/ui/custom/override_of_unknown_code.yaml");

fn main() {}
