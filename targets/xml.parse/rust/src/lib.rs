//! xml.parse, Rust side: xml-rs's pull parser (`EventReader`), configured to
//! report comments and to fold CDATA and whitespace into character data, so
//! that its events map onto the canonical stream of README.md.

use duet_ffi::{Full, Sink, Status};
use xml::name::OwnedName;
use xml::reader::{ErrorKind, ParserConfig, XmlEvent};

/// Writes `s` with the README's escape (duet/text.h).
fn escape_into(out: &mut Vec<u8>, s: &str) {
    duet_ffi::text::escape_into(out, s.as_bytes());
}

/// "{uri}local" for a namespaced name, "local" otherwise (the prefix is not
/// part of the canonical name).
fn canonical(name: &OwnedName) -> String {
    match &name.namespace {
        Some(ns) if !ns.is_empty() => format!("{{{}}}{}", ns, name.local_name),
        _ => name.local_name.clone(),
    }
}

/// xml-rs's two "Unexpected token" errors are two causes (README, "Causes"):
/// its lexer refusing the character after a markup prefix (`Unexpected token
/// '<' before '\0'`), and its parser meeting markup where text goes
/// (`Unexpected token: ?>`). Both name a token from a fixed set; the
/// character the lexer refused is input and is left out.
fn unexpected_token(msg: &str) -> Option<String> {
    const MARKUP: &[&str] = &[
        "<", "<?", "<!DOCTYPE", "</", "<!--", "<![CDATA[", ">", "/>", "?>", "-->", "]]>", "&", ";", "=", "'", "\"", "--", "<!",
        "<!-", "<![", "<![C", "<![CD", "<![CDA", "<![CDAT", "<![CDATA", "<!D", "<!DO", "<!DOC", "<!DOCT", "<!DOCTY",
        "<!DOCTYP", "]", "]]", "-", "?", "/",
    ];
    let known = |t: &str| MARKUP.iter().find(|&&m| m == t).copied();
    if let Some(rest) = msg.strip_prefix("Unexpected token '") {
        let chunk = rest.split_once("' before '").map(|(c, _)| c)?;
        return Some(format!("unexpected token: a character the lexer refuses after '{}'", known(chunk)?));
    }
    let token = msg.strip_prefix("Unexpected token: ")?;
    Some(format!("unexpected token: '{}' where text goes", known(token)?))
}

/// Stable phrases for xml-rs's messages, which embed input text.
fn reason(kind: &ErrorKind, msg: &str) -> &'static str {
    const TABLE: &[(&str, &str)] = &[
        ("is redefined", "duplicate attribute"),
        ("prefix is unbound", "unbound prefix"),
        ("cannot be an element name prefix", "reserved prefix on element"),
        ("Cannot redefine prefix", "xmlns prefix redefined"),
        ("Cannot undefine prefix", "prefix undeclared"),
        ("Encountered empty entity", "empty entity reference"),
        ("without name", "processing instruction without name"),
        ("character number in an entity", "invalid character reference"),
        ("Invalid processing instruction", "reserved processing instruction name"),
        ("Invalid standalone", "invalid standalone value"),
        ("cannot be default", "reserved namespace as default"),
        ("Null character entity", "null character reference"),
        ("cannot be rebound", "xml prefix rebound"),
        ("Qualified name is invalid", "invalid qualified name"),
        ("Unexpected XML version", "invalid xml version"),
        ("outside the root element", "characters outside root element"),
        ("Unexpected closing tag", "mismatched closing tag"),
        ("no root element found", "no root element"),
        ("still inside the root element", "unclosed root element"),
        ("Unexpected end of stream", "unexpected end of stream"),
        ("Unexpected entity", "undefined entity"),
        ("inside a comment", "double hyphen in comment"),
        ("inside an entity", "invalid entity reference"),
        ("inside attribute value", "less-than in attribute value"),
        ("inside closing tag", "invalid closing tag"),
        ("inside opening tag", "invalid opening tag"),
        ("inside qualified name", "invalid qualified name"),
        ("Unexpected token", "unexpected token"),
    ];
    match kind {
        ErrorKind::Syntax(_) => TABLE
            .iter()
            .find(|(needle, _)| msg.contains(needle))
            .map(|&(_, phrase)| phrase)
            .unwrap_or("syntax error"),
        ErrorKind::Io(_) => "io error",
        ErrorKind::Utf8(_) => "invalid utf-8",
        ErrorKind::UnexpectedEof => "unexpected end of stream",
    }
}

/// The canonical stream, built as events arrive; text is coalesced until
/// the next non-text event, and dropped outside the root element.
struct Stream {
    out: Vec<u8>,
    text: String,
    depth: usize,
}

impl Stream {
    fn flush_text(&mut self) {
        if !self.text.is_empty() {
            self.out.extend_from_slice(b"text ");
            escape_into(&mut self.out, &self.text);
            self.out.push(b'\n');
            self.text.clear();
        }
    }

    fn line(&mut self, tag: &str, fields: &[&str]) {
        self.flush_text();
        self.out.extend_from_slice(tag.as_bytes());
        for f in fields {
            self.out.push(b' ');
            escape_into(&mut self.out, f);
        }
        self.out.push(b'\n');
    }

    fn event(&mut self, event: XmlEvent) {
        match event {
            XmlEvent::StartElement { name, mut attributes, .. } => {
                self.line("start", &[&canonical(&name)]);
                self.depth += 1;
                let mut keyed: Vec<(String, String)> =
                    attributes.drain(..).map(|a| (canonical(&a.name), a.value)).collect();
                keyed.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
                for (key, value) in &keyed {
                    self.line("attr", &[key, value]);
                }
            }
            XmlEvent::EndElement { name } => {
                self.line("end", &[&canonical(&name)]);
                self.depth = self.depth.saturating_sub(1);
            }
            XmlEvent::Characters(s) | XmlEvent::Whitespace(s) | XmlEvent::CData(s) => {
                if self.depth > 0 {
                    self.text.push_str(&s);
                }
            }
            XmlEvent::Comment(s) => self.line("comment", &[&s]),
            XmlEvent::ProcessingInstruction { name, data } => {
                self.line("pi", &[&name, data.as_deref().unwrap_or("")])
            }
            XmlEvent::StartDocument { .. } | XmlEvent::EndDocument => self.flush_text(),
        }
    }
}

fn config() -> ParserConfig {
    ParserConfig::new()
        .ignore_comments(false)
        .cdata_to_characters(true)
        .whitespace_to_characters(true)
        .coalesce_characters(true)
}

fn parse(input: &[u8], sink: &mut Sink) -> Status {
    let mut reader = config().create_reader(input);
    let mut stream = Stream { out: Vec::new(), text: String::new(), depth: 0 };
    loop {
        match reader.next() {
            Ok(XmlEvent::EndDocument) => break,
            Ok(event) => stream.event(event),
            Err(e) => return sink.reject(&unexpected_token(e.msg()).unwrap_or_else(|| reason(e.kind(), e.msg()).into())),
        }
        // Past the bound the harness reports output-limit: stop early.
        if stream.out.len() > sink.room() {
            let _: Result<(), Full> = sink.write(&stream.out);
            return Status::Reject;
        }
    }
    stream.flush_text();
    match sink.write(&stream.out) {
        Ok(()) => Status::Accept,
        Err(Full) => Status::Reject,
    }
}

/// For `duet bench`: the same reader's events, dropped; no canonical output.
fn parse_native(input: &[u8]) -> Status {
    let mut reader = config().create_reader(input);
    loop {
        match reader.next() {
            Ok(XmlEvent::EndDocument) => return Status::Accept,
            Ok(_) => {}
            Err(_) => return Status::Reject,
        }
    }
}

duet_ffi::export!(duet_xml_parse_rust, parse);
duet_ffi::export_native!(duet_xml_parse_rust_native, parse_native);
