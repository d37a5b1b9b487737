use sip_codes::status;

fn main() {
    let _response = status::UnsupportedMediaType::builder()
        .build();
}
