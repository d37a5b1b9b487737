// Every bad option value is reported, each at its own tokens.
sip_codes::sip_codes!(
    "../../../../spec/sip-codes.yaml",
    name = "LocalCode",
    vis = pub(everywhere),
    derive(serde::Serialize, 42),
    codes = (100, 200),
);

fn main() {}
