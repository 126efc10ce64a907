//! http.request, Rust side: `httparse::Request::parse` with the default
//! configuration over the whole input; only the request line and header
//! section are compared (httparse parses no body).

use duet_ffi::{Sink, Status};

fn is_ows(b: &u8) -> bool {
    *b == b' ' || *b == b'\t'
}

/// The value without surrounding spaces and tabs, as on the C side.
fn trim(value: &[u8]) -> &[u8] {
    let start = value.iter().position(|b| !is_ows(b)).unwrap_or(value.len());
    let end = value.iter().rposition(|b| !is_ows(b)).map_or(start, |i| i + 1);
    &value[start..end.max(start)]
}

fn parse(input: &[u8], sink: &mut Sink) -> Status {
    // Every header takes at least 3 bytes ("a:\n"), so this many slots can
    // never run out: "too many headers" would be an adapter artefact.
    let mut headers = vec![httparse::EMPTY_HEADER; input.len() / 3 + 1];
    let mut request = httparse::Request::new(&mut headers);
    match request.parse(input) {
        Ok(httparse::Status::Complete(_)) => {}
        Ok(httparse::Status::Partial) => return sink.reject("incomplete headers"),
        Err(e) => return sink.reject(&e.to_string()),
    }
    let mut out = Vec::new();
    out.extend_from_slice(request.method.unwrap_or("").as_bytes());
    out.push(b' ');
    out.extend_from_slice(request.path.unwrap_or("").as_bytes());
    out.extend_from_slice(format!(" HTTP/1.{}\n", request.version.unwrap_or(0)).as_bytes());
    for header in request.headers.iter() {
        out.extend_from_slice(header.name.as_bytes());
        out.extend_from_slice(b": ");
        out.extend_from_slice(trim(header.value));
        out.push(b'\n');
    }
    match sink.write(&out) {
        Ok(()) => Status::Accept,
        Err(_) => Status::Reject,
    }
}

duet_ffi::export!(duet_http_request_rust, parse);
