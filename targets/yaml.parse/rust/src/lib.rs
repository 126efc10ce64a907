//! yaml.parse, Rust side: yaml-rust's event parser (`Parser::load`, the
//! layer under `YamlLoader`), its events written as the canonical stream of
//! README.md.

use duet_ffi::{Full, Sink, Status};
use yaml_rust::parser::{MarkedEventReceiver, Parser};
use yaml_rust::scanner::{Marker, TScalarStyle, TokenType};
use yaml_rust::Event;

/// Writes `s` with the README's escape (duet/text.h).
fn escape_into(out: &mut Vec<u8>, s: &str) {
    duet_ffi::text::escape_into(out, s.as_bytes());
}

/// The full tag, resolving the two handles every document has ("!" and
/// "!!"); yaml-rust ignores %TAG directives, so other handles stay as
/// written (README, "Tags").
fn tag_text(tag: &TokenType) -> Option<String> {
    match tag {
        TokenType::Tag(handle, suffix) => Some(match handle.as_str() {
            "!!" => format!("tag:yaml.org,2002:{suffix}"),
            "" => suffix.clone(),
            h => format!("{h}{suffix}"),
        }),
        _ => None,
    }
}

fn style_mark(style: TScalarStyle) -> &'static [u8] {
    match style {
        TScalarStyle::SingleQuoted => b"'",
        TScalarStyle::DoubleQuoted => b"\"",
        TScalarStyle::Literal => b"|",
        TScalarStyle::Foled => b">",
        TScalarStyle::Plain | TScalarStyle::Any => b":",
    }
}

struct Stream {
    out: Vec<u8>,
}

impl Stream {
    fn anchor(&mut self, id: usize) {
        if id > 0 {
            self.out.extend_from_slice(format!(" &{id}").as_bytes());
        }
    }
}

impl MarkedEventReceiver for Stream {
    fn on_event(&mut self, ev: Event, _mark: Marker) {
        match ev {
            Event::Nothing => {}
            Event::StreamStart => self.out.extend_from_slice(b"+STR\n"),
            Event::StreamEnd => self.out.extend_from_slice(b"-STR\n"),
            Event::DocumentStart => self.out.extend_from_slice(b"+DOC\n"),
            Event::DocumentEnd => self.out.extend_from_slice(b"-DOC\n"),
            Event::Alias(id) => self.out.extend_from_slice(format!("=ALI *{id}\n").as_bytes()),
            Event::SequenceStart(id) => {
                self.out.extend_from_slice(b"+SEQ");
                self.anchor(id);
                self.out.push(b'\n');
            }
            Event::SequenceEnd => self.out.extend_from_slice(b"-SEQ\n"),
            Event::MappingStart(id) => {
                self.out.extend_from_slice(b"+MAP");
                self.anchor(id);
                self.out.push(b'\n');
            }
            Event::MappingEnd => self.out.extend_from_slice(b"-MAP\n"),
            Event::Scalar(value, style, id, tag) => {
                self.out.extend_from_slice(b"=VAL");
                self.anchor(id);
                if let Some(t) = tag.as_ref().and_then(tag_text) {
                    self.out.extend_from_slice(b" <");
                    escape_into(&mut self.out, &t);
                    self.out.push(b'>');
                }
                self.out.push(b' ');
                let mark = style_mark(style);
                self.out.extend_from_slice(mark);
                // An empty plain scalar is an empty node, which this parser
                // itself sometimes reports as "~" (README, "Empty nodes").
                if mark == b":" && value.is_empty() {
                    self.out.push(b'~');
                } else {
                    escape_into(&mut self.out, &value);
                }
                self.out.push(b'\n');
            }
        }
    }
}

/// yaml-rust's messages are constant strings but for one, which quotes the
/// offending character.
fn reason(info: &str) -> &str {
    if info.starts_with("unexpected character") {
        "unexpected character"
    } else {
        info
    }
}

fn parse(input: &[u8], sink: &mut Sink) -> Status {
    // The parser reads chars: decoding is the adapter's job (README).
    let text = match std::str::from_utf8(input) {
        Ok(t) => t,
        Err(_) => return sink.reject("invalid utf-8"),
    };
    let mut stream = Stream { out: Vec::new() };
    let mut parser = Parser::new(text.chars());
    if let Err(e) = parser.load(&mut stream, true) {
        // The same input rules as the C adapter's (README, "Causes"): an
        // input that holds a byte order mark, a 1.1 line break or a lone CR
        // is one cause wherever yaml-rust then stops.
        if text.contains('\u{feff}') {
            return sink.reject("the input holds a byte order mark");
        }
        if text.contains(['\u{85}', '\u{2028}', '\u{2029}']) {
            return sink.reject("the input holds a 1.1 line break (NEL, LS or PS)");
        }
        if text.replace("\r\n", "").contains('\r') {
            return sink.reject("the input holds a lone CR");
        }
        let shown = e.to_string();
        let info = shown.rsplit_once(" at line ").map_or(shown.as_str(), |(info, _)| info);
        return sink.reject(reason(info));
    }
    match sink.write(&stream.out) {
        Ok(()) => Status::Accept,
        Err(Full) => Status::Reject,
    }
}

/// Receives yaml-rust's events and keeps none (`duet bench`).
struct Discard;

impl MarkedEventReceiver for Discard {
    fn on_event(&mut self, _ev: Event, _mark: Marker) {}
}

/// For `duet bench`: the same decoding and parse, events dropped; no
/// canonical output.
fn parse_native(input: &[u8]) -> Status {
    let Ok(text) = std::str::from_utf8(input) else { return Status::Reject };
    match Parser::new(text.chars()).load(&mut Discard, true) {
        Ok(()) => Status::Accept,
        Err(_) => Status::Reject,
    }
}

duet_ffi::export!(duet_yaml_parse_rust, parse);
duet_ffi::export_native!(duet_yaml_parse_rust_native, parse_native);
