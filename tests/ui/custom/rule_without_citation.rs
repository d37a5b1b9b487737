sip_codes::sip_codes!("../../../../tests/ui/custom/rule_without_citation.yaml");

fn main() {}
