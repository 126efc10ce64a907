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

/// The input's lines up to the end of the header section, CR/LF aside.
fn head_lines(input: &[u8]) -> Vec<&[u8]> {
    let end = input.windows(2).position(|w| w == b"\n\n").unwrap_or(input.len());
    input[..end].split(|&b| b == b'\n').collect()
}

/// httparse's error names a kind, not a cause; the input says which of the
/// causes that kind covers (README, "Causes").
fn reason(input: &[u8], error: &httparse::Error) -> String {
    let message = error.to_string();
    let lines = head_lines(input);
    let first = lines.first().copied().unwrap_or(&[]);
    let fields = &lines[1.min(lines.len())..];
    let cause = match error {
        httparse::Error::Token if !first.windows(6).any(|w| w == b" HTTP/") => "a request line without a version",
        httparse::Error::Token if first.iter().any(|&b| b >= 0x80) => "a non-ASCII byte in the request line",
        httparse::Error::Version if first.windows(5).any(|w| w == b"HTTP/") => "a version other than 1.0 or 1.1",
        httparse::Error::Version => "not the HTTP literal",
        httparse::Error::HeaderName if fields.iter().any(|l| l.first().map_or(false, is_ows)) => "a folded line",
        httparse::Error::HeaderName => "a byte outside the token set in a name",
        httparse::Error::HeaderValue if input.windows(2).any(|w| w[0] == b'\r' && w[1] != b'\n') => "a bare CR",
        httparse::Error::HeaderValue => "a control byte",
        _ => return message,
    };
    format!("{message}: {cause}")
}

fn parse(input: &[u8], sink: &mut Sink) -> Status {
    // Every header takes at least 3 bytes ("a:\n"), so this many slots can
    // never run out: "too many headers" would be an adapter artefact.
    let mut headers = vec![httparse::EMPTY_HEADER; input.len() / 3 + 1];
    let mut request = httparse::Request::new(&mut headers);
    match request.parse(input) {
        Ok(httparse::Status::Complete(_)) => {}
        Ok(httparse::Status::Partial) => return sink.reject("incomplete headers"),
        Err(e) => return sink.reject(&reason(input, &e)),
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

/// For `duet bench`: the same parse into httparse's `Request`, dropped; no
/// canonical output.
fn parse_native(input: &[u8]) -> Status {
    let mut headers = vec![httparse::EMPTY_HEADER; input.len() / 3 + 1];
    match httparse::Request::new(&mut headers).parse(input) {
        Ok(httparse::Status::Complete(_)) => Status::Accept,
        _ => Status::Reject,
    }
}

duet_ffi::export!(duet_http_request_rust, parse);
duet_ffi::export_native!(duet_http_request_rust_native, parse_native);
