use sip_codes::status;

fn main() {
    let _response = status::BadExtension::builder()
        .build();
}
