//! Record-Route (RFC 3261 §12.1.1): a response that establishes a dialog copies every Record-Route value of
//! its request, in order; no other response carries one. The request is read with
//! `RequestHeaders::from_message`, its Record-Route given on several lines and comma-joined.

use sip_codes::header::{Method, Token, Uri};
use sip_codes::{RequestHeaders, Response, StatusCode, method, status};

/// Three proxies recorded the route: one line with two values (one of them with a comma inside its URI
/// and a display name with a comma in quotes), then one more line, then a compact Via between them.
fn request(method: &str) -> String {
    format!(
        "{method} sip:bob@biloxi.example.com SIP/2.0\r\n\
         Via: SIP/2.0/UDP p3.example.com;branch=z9hG4bK3\r\n\
         Record-Route: \"Edge, Inc.\" <sip:p3.example.com;lr>, <sip:a,b@p2.example.com;lr>\r\n\
         v: SIP/2.0/UDP p2.example.com;branch=z9hG4bK2\r\n\
         record-route: <sip:p1.example.com;lr>\r\n\
         From: Alice <sip:alice@atlanta.example.com>;tag=1928301774\r\n\
         To: Bob <sip:bob@biloxi.example.com>\r\n\
         Call-ID: a84b4c76e66710@pc33.atlanta.example.com\r\n\
         CSeq: 314159 {method}\r\n\
         Content-Length: 0\r\n\r\n"
    )
}

const ROUTES: [&str; 3] = [
    "\"Edge, Inc.\" <sip:p3.example.com;lr>",
    "<sip:a,b@p2.example.com;lr>",
    "<sip:p1.example.com;lr>",
];

fn headers(method: &str) -> RequestHeaders {
    RequestHeaders::from_message(&request(method)).unwrap()
}

fn routes(response: &Response) -> Vec<&str> {
    response
        .header_all("Record-Route")
        .map(|v| v.as_str())
        .collect()
}

/// The names of the response's headers, in wire order.
fn names(response: &Response) -> Vec<&str> {
    response
        .headers()
        .iter()
        .map(|h| h.name().as_str())
        .collect()
}

#[test]
fn read_in_order_from_every_line() {
    let request = headers("INVITE");
    let read: Vec<_> = request.record_routes().iter().map(|v| v.as_str()).collect();
    assert_eq!(read, ROUTES);
    assert_eq!(request.vias().len(), 2);
}

#[test]
fn copied_in_order_on_a_2xx_to_invite() {
    let request = headers("INVITE");
    let invite = request.typed::<method::Invite>().unwrap();
    let ok = status::Ok::reply_to(&invite)
        .to_tag(Token::new("a6c85cf").unwrap())
        .contact(Uri::new("sip:bob@192.0.2.4").unwrap())
        .build();
    assert_eq!(routes(&ok), ROUTES);
    // After the Vias, before From, each on its own line.
    assert_eq!(
        names(&ok),
        [
            "Via",
            "Via",
            "Record-Route",
            "Record-Route",
            "Record-Route",
            "From",
            "To",
            "Call-ID",
            "CSeq",
            "Contact"
        ]
    );
    let wire = ok.to_string();
    for route in ROUTES {
        assert!(
            wire.contains(&format!("\r\nRecord-Route: {route}\r\n")),
            "{wire}"
        );
    }
    // The run-time builder copies them the same way.
    let chosen = StatusCode::Ok
        .reply_to(&request)
        .to_tag(Token::new("a6c85cf").unwrap())
        .contact(Uri::new("sip:bob@192.0.2.4").unwrap())
        .build()
        .unwrap();
    assert_eq!(chosen.to_string(), wire);
}

#[test]
fn copied_on_a_provisional_response_with_a_to_tag() {
    let request = headers("INVITE");
    let invite = request.typed::<method::Invite>().unwrap();
    for ringing in [
        status::Ringing::reply_to(&invite)
            .to_tag(Token::new("a6c85cf").unwrap())
            .build(),
        status::SessionProgress::reply_to(&invite)
            .to_tag(Token::new("a6c85cf").unwrap())
            .build(),
    ] {
        assert!(
            ringing
                .header("To")
                .unwrap()
                .as_str()
                .ends_with(";tag=a6c85cf")
        );
        assert_eq!(routes(&ringing), ROUTES, "{}", ringing.code());
    }
}

#[test]
fn copied_on_a_2xx_to_the_other_dialog_creating_methods() {
    let subscribe = headers("SUBSCRIBE");
    let subscribe = subscribe.typed::<method::Subscribe>().unwrap();
    let ok = status::Ok::reply_to(&subscribe).expires(3600u32).build();
    assert_eq!(routes(&ok), ROUTES);
    for method in ["NOTIFY", "REFER"] {
        let request = headers(method);
        let ok = StatusCode::Ok.reply_to(&request).build().unwrap();
        assert_eq!(routes(&ok), ROUTES, "{method}");
    }
}

#[test]
fn not_on_a_failure() {
    let request = headers("INVITE");
    let busy = status::BusyHere::reply_to(&request)
        .build()
        .expect("not an ACK");
    assert!(routes(&busy).is_empty());
    let not_allowed = status::MethodNotAllowed::reply_to(&request)
        .allow([Method::Invite])
        .build()
        .expect("not an ACK");
    assert!(routes(&not_allowed).is_empty());
    let redirect = status::MovedTemporarily::reply_to(&request)
        .build()
        .expect("not an ACK");
    assert!(routes(&redirect).is_empty(), "a 3xx establishes no dialog");
}

#[test]
fn not_on_100_trying() {
    let request = headers("INVITE");
    let trying = status::Trying::reply_to(&request)
        .build()
        .expect("not an ACK");
    assert!(routes(&trying).is_empty());
    assert_eq!(
        names(&trying),
        ["Via", "Via", "From", "To", "Call-ID", "CSeq"]
    );
}

#[test]
fn not_on_a_2xx_to_a_method_that_creates_no_dialog() {
    let options = headers("OPTIONS");
    let typed = options.typed::<method::Options>().unwrap();
    let ok = status::Ok::reply_to(&typed)
        .allow([Method::Invite, Method::Options])
        .build();
    assert!(routes(&ok).is_empty());
    for method in ["OPTIONS", "BYE", "REGISTER", "MESSAGE", "INFO"] {
        let request = headers(method);
        let ok = StatusCode::Ok.reply_to(&request).build().unwrap();
        assert!(routes(&ok).is_empty(), "{method}");
    }
}

#[test]
fn a_header_named_record_route_cannot_be_added_by_hand() {
    let request = headers("BYE");
    let refused = status::Ok::reply_to(&request)
        .header(
            "Record-Route".parse().unwrap(),
            "<sip:evil.example.com;lr>".parse().unwrap(),
        )
        .unwrap_err();
    assert_eq!(refused.headers(), ["Record-Route"]);
}
