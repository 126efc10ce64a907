//! The careful rewrite: a VecDeque for the ring, values copied instead of
//! pointers kept, and a nesting limit on groups (64) so that hostile
//! scripts cannot exhaust the stack. That limit is a deliberate divergence:
//! ringcmd.c runs scripts nested 65 deep and more (until its stack runs
//! out), the rewrite rejects them. Canaries mark ringcmd.c's bug sites.

use duet_ffi::{canary, Sink, Status};
use std::collections::VecDeque;

const RING_MAX: usize = 1 << 16;
const GROUP_MAX: usize = 4096;
const DEPTH_MAX: usize = 64;

struct Machine<'a> {
    script: &'a [u8],
    ring: VecDeque<u8>,
    /// ringcmd.c's capacity (8, doubling), kept only for the RING-2 canary.
    c_cap: usize,
}

/// Output: unbounded at top level (the sink bounds it), GROUP_MAX in a group.
struct Out {
    bytes: Vec<u8>,
    limit: Option<usize>,
}

impl Out {
    fn put(&mut self, b: u8) -> Result<(), &'static str> {
        if self.limit == Some(self.bytes.len()) {
            return Err("group output too long");
        }
        self.bytes.push(b);
        Ok(())
    }
}

impl Machine<'_> {
    fn byte(&mut self) -> Option<u8> {
        let (&b, rest) = self.script.split_first()?;
        self.script = rest;
        Some(b)
    }

    fn push(&mut self, b: u8) -> Result<(), &'static str> {
        if self.ring.len() == RING_MAX {
            return Err("ring full");
        }
        if self.ring.len() == self.c_cap {
            self.c_cap *= 2;
        }
        self.ring.push_back(b);
        Ok(())
    }

    /// Runs until the end (Ok(false)) or a ')' (Ok(true)).
    fn run(&mut self, out: &mut Out, depth: usize) -> Result<bool, &'static str> {
        while let Some(cmd) = self.byte() {
            match cmd {
                b' ' | b'\n' => {}
                b'p' => {
                    let n = usize::from(self.byte().ok_or("missing operand")?);
                    if self.script.len() < n {
                        return Err("truncated push");
                    }
                    for _ in 0..n {
                        let b = self.byte().expect("length checked");
                        self.push(b)?;
                    }
                }
                b'o' => {
                    let n = usize::from(self.byte().ok_or("missing operand")?);
                    if n > self.ring.len() {
                        return Err("ring underflow");
                    }
                    for _ in 0..n {
                        let b = self.ring.pop_front().expect("length checked");
                        out.put(b)?;
                    }
                }
                b'd' => {
                    let n = usize::from(self.byte().ok_or("missing operand")?);
                    let top = *self.ring.back().ok_or("ring empty")?;
                    for _ in 0..n {
                        canary("RING-2", self.ring.len() == self.c_cap && self.c_cap < RING_MAX);
                        self.push(top)?;
                    }
                }
                b'(' => {
                    canary("RING-1", depth >= DEPTH_MAX);
                    if depth >= DEPTH_MAX {
                        return Err("groups nested too deep");
                    }
                    let mut inner = Out { bytes: Vec::new(), limit: Some(GROUP_MAX) };
                    if !self.run(&mut inner, depth + 1)? {
                        return Err("unclosed group");
                    }
                    for &b in inner.bytes.iter().rev() {
                        out.put(b)?;
                    }
                }
                b')' if depth == 0 => return Err("unbalanced group"),
                b')' => return Ok(true),
                _ => return Err("unknown command"),
            }
        }
        Ok(false)
    }
}

pub fn run(input: &[u8], sink: &mut Sink) -> Status {
    let mut machine = Machine { script: input, ring: VecDeque::with_capacity(8), c_cap: 8 };
    let mut out = Out { bytes: Vec::new(), limit: None };
    match machine.run(&mut out, 0) {
        Ok(_) => match sink.write(&out.bytes) {
            Ok(()) => Status::Accept,
            Err(_) => Status::Reject,
        },
        Err(why) => sink.reject(why),
    }
}
