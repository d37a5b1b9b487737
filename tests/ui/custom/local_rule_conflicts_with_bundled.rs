sip_codes::sip_codes!("../../../../tests/ui/custom/local_rule_conflicts_with_bundled.yaml");

fn main() {}
