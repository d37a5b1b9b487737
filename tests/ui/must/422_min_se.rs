use sip_codes::status;

fn main() {
    let _response = status::SessionIntervalTooSmall::builder()
        .build();
}
