use sip_codes::status;

fn main() {
    let _response = status::IntervalTooBrief::for_publish()
        .build();
}
