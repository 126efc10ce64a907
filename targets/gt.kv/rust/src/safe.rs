//! The rewrite: slices and a Vec instead of a NUL-terminated copy, so it
//! needs no terminator (KV-1), and it checks data= against the declared
//! size= before taking it (KV-2: "data longer than size").

use duet_ffi::{canary, Sink, Status};

const MAX_BLOB: usize = 4096;

/// Section names and keys: 1 or more of [A-Za-z0-9_.-].
fn is_name(s: &[u8]) -> bool {
    !s.is_empty() && s.iter().all(|&c| c.is_ascii_alphanumeric() || c == b'_' || c == b'.' || c == b'-')
}

/// size= value: decimal digits only, 1..=MAX_BLOB.
fn parse_size(s: &[u8]) -> Option<usize> {
    if s.is_empty() {
        return None;
    }
    let mut v = 0usize;
    for &c in s {
        if !c.is_ascii_digit() {
            return None;
        }
        v = v * 10 + usize::from(c - b'0');
        if v > MAX_BLOB {
            return None;
        }
    }
    (v != 0).then_some(v)
}

fn push_pair(out: &mut Vec<u8>, key: &[u8], value: &[u8]) {
    out.extend_from_slice(key);
    out.push(b'\t');
    out.extend_from_slice(value);
    out.push(b'\n');
}

fn parse_config(input: &[u8]) -> Result<Vec<u8>, &'static str> {
    let n = input.len();
    if n == 0 {
        return Err("empty input");
    }
    let end = if input[n - 1] == b'\n' { n - 1 } else { n };
    // Slices need no terminator; the canary marks kv.c's KV-1 site.
    canary("KV-1", end >= n);
    if end == n {
        return Err("no final newline");
    }
    let text = &input[..end];
    if text.contains(&0) {
        return Err("NUL byte");
    }
    let mut lines = text.split(|&b| b == b'\n');
    if lines.next() != Some(b"kv/1".as_slice()) {
        return Err("bad header");
    }
    let mut out = Vec::new();
    let mut in_blob = false;
    let mut declared = 0usize; // size= of the current [blob] section; 0 = none yet
    for line in lines {
        match line.first() {
            None | Some(b'#') => continue,
            Some(b'[') => {
                let len = line.len();
                if len < 3 || line[len - 1] != b']' || !is_name(&line[1..len - 1]) {
                    return Err("bad section");
                }
                out.extend_from_slice(line);
                out.push(b'\n');
                in_blob = line == b"[blob]";
                declared = 0;
                continue;
            }
            Some(_) => {}
        }
        let eq = line.iter().position(|&b| b == b'=').ok_or("missing =")?;
        let (key, value) = (&line[..eq], &line[eq + 1..]);
        if !is_name(key) {
            return Err("bad key");
        }
        if in_blob && key == b"size" {
            declared = parse_size(value).ok_or("bad size")?;
        } else if in_blob && key == b"data" {
            if declared == 0 {
                return Err("data before size");
            }
            canary("KV-2", value.len() > declared);
            if value.len() > declared {
                return Err("data longer than size");
            }
            declared = 0;
        }
        push_pair(&mut out, key, value);
    }
    Ok(out)
}

pub fn parse(input: &[u8], sink: &mut Sink) -> Status {
    match parse_config(input) {
        Ok(bytes) => match sink.write(&bytes) {
            Ok(()) => Status::Accept,
            Err(_) => Status::Reject,
        },
        Err(why) => sink.reject(why),
    }
}
