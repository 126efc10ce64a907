//! json.parse, Rust side: `serde_json::from_slice::<Value>` with default
//! features, then the parsed value in the canonical form of
//! targets/json.parse/README.md.

use duet_ffi::{Sink, Status};
use serde_json::{Map, Number, Value};
use std::fmt::Write as _;

/// The class of input[at], as the C side names it (targets/json.parse/README.md,
/// "Causes"): what stopped the parser, without where.
fn byte_class(input: &[u8], at: Option<usize>) -> &'static str {
    let c = match at.and_then(|i| input.get(i)) {
        None => return "a delimiter",
        Some(&c) => c,
    };
    match c {
        b'\t' | b'\n' | b'\r' | b' ' | b',' | b']' | b'}' | b':' => "a delimiter",
        0..=0x1f | 0x7f => "a control byte",
        0x80..=0xff => "a non-ASCII byte",
        b'0'..=b'9' => "a digit",
        b'a'..=b'z' | b'A'..=b'Z' => "a letter",
        b'{' => "'{'",
        b'[' => "'['",
        b'"' => "a quote",
        b'\\' => "a backslash",
        b'.' => "'.'",
        b'-' => "'-'",
        b'+' => "'+'",
        _ => "another byte",
    }
}

/// The byte offset of serde_json's 1-based line and column.
fn offset(input: &[u8], line: usize, column: usize) -> Option<usize> {
    let start = if line <= 1 {
        0
    } else {
        input.iter().enumerate().filter(|(_, &b)| b == b'\n').nth(line - 2)?.0 + 1
    };
    (start + column).checked_sub(1)
}

/// serde_json's message without its " at line L column C" suffix: the cause,
/// not the place. Messages that name a cause ("invalid escape", "recursion
/// limit exceeded", ...) stand alone; those that only say what was expected
/// where ("expected value", "invalid number", "trailing characters", ...)
/// get a class of byte: after a sign or a decimal point (or ending on one),
/// a number left unfinished, whatever serde_json expected next; else the
/// byte at the error; a control byte there is one cause whatever serde_json
/// expected.
fn reason(input: &[u8], error: &serde_json::Error) -> String {
    let text = error.to_string();
    let message = match text.find(" at line ") {
        Some(cut) => &text[..cut],
        None => &text,
    };
    let positional = message.starts_with("expected")
        || message.starts_with("EOF")
        || message == "trailing characters"
        || message == "key must be a string"
        || message == "invalid number";
    if !positional {
        return message.to_string();
    }
    let at = offset(input, error.line(), error.column());
    let here = byte_class(input, at);
    if here == "a control byte" {
        return "a control byte where JSON allows none".to_string();
    }
    let before = match at {
        Some(0) | None => "nothing",
        Some(i) => byte_class(input, Some(i - 1)),
    };
    let unfinished = |class: &str| matches!(class, "'.'" | "'-'" | "'+'");
    if unfinished(before) {
        format!("a number left unfinished after {before}")
    } else if message.starts_with("EOF") && unfinished(here) {
        format!("a number left unfinished after {here}") // the input ends on it
    } else {
        format!("{message} at {here}")
    }
}

/// Same rule as the C side: integral values up to 2^53 as integers, the rest
/// as the shortest round-trip digits in `{:e}` form. Every number is taken as
/// the double it denotes (`as_f64`), the one representation cJSON has.
fn put_number(out: &mut String, n: &Number) {
    let v = n.as_f64().unwrap_or(f64::NAN);
    if v.is_infinite() {
        out.push_str(if v < 0.0 { "-inf" } else { "inf" });
    } else if v.is_nan() {
        out.push_str("nan");
    } else if v == v.floor() && v.abs() <= 9_007_199_254_740_992.0 {
        if v == 0.0 {
            out.push_str(if v.is_sign_negative() { "-0" } else { "0" });
        } else {
            let _ = write!(out, "{}", v as i64);
        }
    } else {
        let _ = write!(out, "{v:e}");
    }
}

fn put_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// The default `Map` is a BTreeMap: keys already in byte order, and a
/// duplicate key holds the last value the document gave it.
fn put_object(out: &mut String, map: &Map<String, Value>) {
    out.push('{');
    for (i, (key, value)) in map.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        put_string(out, key);
        out.push(':');
        put_value(out, value);
    }
    out.push('}');
}

fn put_value(out: &mut String, value: &Value) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => put_number(out, n),
        Value::String(s) => put_string(out, s),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                put_value(out, item);
            }
            out.push(']');
        }
        Value::Object(map) => put_object(out, map),
    }
}

fn parse(input: &[u8], sink: &mut Sink) -> Status {
    let value: Value = match serde_json::from_slice(input) {
        Ok(v) => v,
        Err(e) => return sink.reject(&reason(input, &e)),
    };
    let mut out = String::new();
    put_value(&mut out, &value);
    match sink.write(out.as_bytes()) {
        Ok(()) => Status::Accept,
        Err(_) => Status::Reject,
    }
}

/// For `duet bench`: serde_json's parse into its `Value`, dropped; no
/// canonical output.
fn parse_native(input: &[u8]) -> Status {
    match serde_json::from_slice::<Value>(input) {
        Ok(_) => Status::Accept,
        Err(_) => Status::Reject,
    }
}

duet_ffi::export!(duet_json_parse_rust, parse);
duet_ffi::export_native!(duet_json_parse_rust_native, parse_native);
