//! A literal translation of ringcmd.c in the style of c2rust: C structs with
//! raw pointers, libc malloc/free, recursion with a 4 KiB stack array per
//! group. It keeps ringcmd.c's shape and its planted bugs (RING-1, RING-2).

use duet_ffi::{canary, Sink, Status};
use std::ffi::c_void;

extern "C" {
    fn malloc(size: usize) -> *mut c_void;
    fn free(ptr: *mut c_void);
}

const GT_RING_MAX: usize = 1 << 16;
const GT_RING_GROUP_MAX: usize = 4096;

#[repr(C)]
struct Ring {
    buf: *mut u8,
    cap: usize,
    head: usize,
    count: usize,
}

#[repr(C)]
struct OutBuf<'s, 'c> {
    sink: Option<&'s mut Sink<'c>>,
    data: *mut u8,
    len: usize,
    cap: usize,
}

#[repr(C)]
struct Script {
    p: *const u8,
    end: *const u8,
    ring: Ring,
}

fn reject(why: &mut &'static str, reason: &'static str) -> i32 {
    *why = reason;
    -1
}

unsafe fn ring_push(r: *mut Ring, b: u8, why: &mut &'static str) -> i32 {
    if (*r).count == (*r).cap {
        if (*r).cap >= GT_RING_MAX {
            return reject(why, "ring full");
        }
        let cap = (*r).cap * 2;
        let buf = malloc(cap) as *mut u8;
        if buf.is_null() {
            return reject(why, "out of memory");
        }
        let mut i = 0usize;
        while i < (*r).count {
            *buf.add(i) = *(*r).buf.add(((*r).head + i) % (*r).cap);
            i += 1;
        }
        free((*r).buf as *mut c_void);
        (*r).buf = buf;
        (*r).cap = cap;
        (*r).head = 0;
    }
    *(*r).buf.add(((*r).head + (*r).count) % (*r).cap) = b;
    (*r).count += 1;
    0
}

unsafe fn put(o: *mut OutBuf, b: u8, why: &mut &'static str) -> i32 {
    if let Some(sink) = (*o).sink.as_mut() {
        return if sink.write(&[b]).is_err() { reject(why, "output limit") } else { 0 };
    }
    if (*o).len == (*o).cap {
        return reject(why, "group output too long");
    }
    *(*o).data.add((*o).len) = b;
    (*o).len += 1;
    0
}

unsafe fn operand(s: *mut Script, n: *mut usize, why: &mut &'static str) -> i32 {
    if (*s).p == (*s).end {
        return reject(why, "missing operand");
    }
    *n = *(*s).p as usize;
    (*s).p = (*s).p.add(1);
    0
}

unsafe fn group(s: *mut Script, o: *mut OutBuf, depth: i32, why: &mut &'static str) -> i32 {
    let mut local: [u8; GT_RING_GROUP_MAX] = [0; GT_RING_GROUP_MAX];
    let mut inner = OutBuf { sink: None, data: local.as_mut_ptr(), len: 0, cap: GT_RING_GROUP_MAX };
    canary("RING-1", depth >= 64);
    let rc = run(s, &mut inner, depth + 1, why);
    if rc < 0 {
        return -1;
    }
    if rc == 0 {
        return reject(why, "unclosed group");
    }
    let mut i = inner.len;
    while i > 0 {
        if put(o, *local.as_ptr().add(i - 1), why) != 0 {
            return -1;
        }
        i -= 1;
    }
    0
}

unsafe fn dup_newest(r: *mut Ring, n: usize, why: &mut &'static str) -> i32 {
    if (*r).count == 0 {
        return reject(why, "ring empty");
    }
    let top: *const u8 = (*r).buf.add(((*r).head + (*r).count - 1) % (*r).cap);
    let mut i = 0usize;
    while i < n {
        canary("RING-2", (*r).count == (*r).cap && (*r).cap < GT_RING_MAX);
        if ring_push(r, *top, why) != 0 {
            return -1;
        }
        i += 1;
    }
    0
}

unsafe fn run(s: *mut Script, o: *mut OutBuf, depth: i32, why: &mut &'static str) -> i32 {
    let r: *mut Ring = &mut (*s).ring;
    while (*s).p < (*s).end {
        let cmd = *(*s).p;
        (*s).p = (*s).p.add(1);
        let mut n: usize = 0;
        match cmd {
            b' ' | b'\n' => {}
            b'p' => {
                if operand(s, &mut n, why) != 0 {
                    return -1;
                }
                if ((*s).end.offset_from((*s).p) as usize) < n {
                    return reject(why, "truncated push");
                }
                let mut i = 0usize;
                while i < n {
                    let b = *(*s).p;
                    (*s).p = (*s).p.add(1);
                    if ring_push(r, b, why) != 0 {
                        return -1;
                    }
                    i += 1;
                }
            }
            b'o' => {
                if operand(s, &mut n, why) != 0 {
                    return -1;
                }
                if n > (*r).count {
                    return reject(why, "ring underflow");
                }
                let mut i = 0usize;
                while i < n {
                    let b = *(*r).buf.add((*r).head);
                    (*r).head = ((*r).head + 1) % (*r).cap;
                    (*r).count -= 1;
                    if put(o, b, why) != 0 {
                        return -1;
                    }
                    i += 1;
                }
            }
            b'd' => {
                if operand(s, &mut n, why) != 0 || dup_newest(r, n, why) != 0 {
                    return -1;
                }
            }
            b'(' => {
                if group(s, o, depth, why) != 0 {
                    return -1;
                }
            }
            b')' => {
                if depth == 0 {
                    return reject(why, "unbalanced group");
                }
                return 1;
            }
            _ => return reject(why, "unknown command"),
        }
    }
    0
}

pub unsafe fn gt_ringcmd_run(input: *const u8, size: usize, out: &mut Sink, why: &mut &'static str) -> i32 {
    let mut s = Script {
        p: input,
        end: input.add(size),
        ring: Ring { buf: malloc(8) as *mut u8, cap: 8, head: 0, count: 0 },
    };
    if s.ring.buf.is_null() {
        return reject(why, "out of memory");
    }
    let mut top = OutBuf { sink: Some(out), data: std::ptr::null_mut(), len: 0, cap: 0 };
    let rc = run(&mut s, &mut top, 0, why);
    free(s.ring.buf as *mut c_void);
    if rc < 0 { -1 } else { 0 }
}

pub fn run_script(input: &[u8], sink: &mut Sink) -> Status {
    let mut why: &'static str = "output limit";
    // SAFETY: none; this is the literal translation, bugs included.
    if unsafe { gt_ringcmd_run(input.as_ptr(), input.len(), sink, &mut why) } == 0 {
        Status::Accept
    } else {
        sink.reject(why)
    }
}
