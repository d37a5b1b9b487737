sip_codes::sip_codes!("../../../../tests/ui/custom/overrides_without_extends.yaml");

fn main() {}
