sip_codes::sip_codes!("../../../../tests/ui/custom/extends_something_else.yaml");

fn main() {}
