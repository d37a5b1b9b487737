sip_codes::sip_codes!("../../../../tests/ui/custom/new_code_already_bundled.yaml");

fn main() {}
