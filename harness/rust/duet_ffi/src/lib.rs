//! The Rust side of duet's FFI contract (harness/include/duet/contract.h).
//!
//! Adapters write `fn(&[u8], &mut Sink) -> Status` and export it with
//! [`export!`]; the macro makes the `extern "C"` entry point and wraps the
//! call in `catch_unwind`, so a panic never unwinds into C: it comes back as
//! `DUET_PANIC` with the panic's message and location as the reason.

use std::cell::RefCell;
use std::ffi::c_int;
use std::marker::PhantomData;
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;

mod canary;
pub mod text;
pub use canary::canary;

/// The C harness's sink; only ever handled through a pointer.
#[repr(C)]
pub struct RawSink {
    _opaque: [u8; 0],
}

extern "C" {
    fn duet_sink_write(sink: *mut RawSink, bytes: *const u8, size: usize) -> c_int;
    fn duet_sink_room(sink: *const RawSink) -> usize;
    fn duet_sink_set_reason(sink: *mut RawSink, reason: *const u8, size: usize);
}

/// Status codes of the contract (`enum duet_status`).
pub const DUET_ACCEPT: c_int = 0;
pub const DUET_REJECT: c_int = 1;
pub const DUET_PANIC: c_int = 3;

/// What an adapter made of its input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Accept,
    Reject,
}

/// The output bound was hit; the harness reports the run as output-limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Full;

/// Safe handle on the harness-owned output sink, valid for one call.
pub struct Sink<'call> {
    raw: *mut RawSink,
    _call: PhantomData<&'call mut RawSink>,
}

impl Sink<'_> {
    /// Appends bytes; `Err(Full)` once the harness's bound is reached.
    pub fn write(&mut self, bytes: &[u8]) -> Result<(), Full> {
        // SAFETY: `raw` is the live sink the harness passed for this call.
        let rc = unsafe { duet_sink_write(self.raw, bytes.as_ptr(), bytes.len()) };
        if rc == 0 { Ok(()) } else { Err(Full) }
    }

    /// Appends float samples little-endian, the layout a pair with a
    /// tolerance of format `DUET_SAMPLES_F32LE` compares (contract.h).
    pub fn write_f32le(&mut self, samples: &[f32]) -> Result<(), Full> {
        self.write_le(samples, |s| s.to_le_bytes())
    }

    /// Appends 16-bit samples little-endian (`DUET_SAMPLES_S16LE`).
    pub fn write_s16le(&mut self, samples: &[i16]) -> Result<(), Full> {
        self.write_le(samples, |s| s.to_le_bytes())
    }

    fn write_le<T: Copy, const N: usize>(&mut self, samples: &[T], le: fn(T) -> [u8; N]) -> Result<(), Full> {
        let bytes: Vec<u8> = samples.iter().flat_map(|&s| le(s)).collect();
        self.write(&bytes)
    }

    /// Bytes that can still be written before the bound is hit.
    pub fn room(&self) -> usize {
        // SAFETY: as in `write`.
        unsafe { duet_sink_room(self.raw) }
    }

    /// Records a stable reject reason and returns `Status::Reject`.
    pub fn reject(&mut self, reason: &str) -> Status {
        self.set_reason(reason);
        Status::Reject
    }

    fn set_reason(&mut self, reason: &str) {
        // SAFETY: as in `write`; the harness copies the bytes.
        unsafe { duet_sink_set_reason(self.raw, reason.as_ptr(), reason.len()) }
    }
}

thread_local! {
    static LAST_PANIC: RefCell<String> = const { RefCell::new(String::new()) };
}

/// Keeps the default hook (its stderr line is what triage reads) and also
/// remembers "message at file:line" for the sink's reason.
fn install_panic_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let default_hook = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            let message = if let Some(s) = info.payload().downcast_ref::<&str>() {
                (*s).to_string()
            } else if let Some(s) = info.payload().downcast_ref::<String>() {
                s.clone()
            } else {
                String::from("non-string panic payload")
            };
            let location = info
                .location()
                .map(|l| format!("{}:{}", l.file(), l.line()))
                .unwrap_or_default();
            LAST_PANIC.with(|p| *p.borrow_mut() = format!("panic: {message} at {location}"));
            default_hook(info);
        }));
    });
}

/// Runs an adapter under the contract. Used by [`export!`]; not called directly.
///
/// # Safety
/// `input` must point to `size` readable bytes (or be null with `size == 0`),
/// and `sink` must be the live sink the harness passed for this call.
pub unsafe fn run_guarded(
    input: *const u8,
    size: usize,
    sink: *mut RawSink,
    adapter: fn(&[u8], &mut Sink) -> Status,
) -> c_int {
    install_panic_hook();
    let bytes: &[u8] = if size == 0 { &[] } else { std::slice::from_raw_parts(input, size) };
    let mut handle = Sink { raw: sink, _call: PhantomData };
    match panic::catch_unwind(AssertUnwindSafe(|| adapter(bytes, &mut handle))) {
        Ok(Status::Accept) => DUET_ACCEPT,
        Ok(Status::Reject) => DUET_REJECT,
        Err(_) => {
            let reason = LAST_PANIC.with(|p| std::mem::take(&mut *p.borrow_mut()));
            handle.set_reason(&reason);
            DUET_PANIC
        }
    }
}

/// Exports `$adapter: fn(&[u8], &mut Sink) -> Status` as the C entry point
/// `$symbol`, matching `duet_run_fn` in contract.h.
#[macro_export]
macro_rules! export {
    ($symbol:ident, $adapter:path) => {
        #[no_mangle]
        pub unsafe extern "C" fn $symbol(
            input: *const u8,
            size: usize,
            sink: *mut $crate::RawSink,
        ) -> ::std::ffi::c_int {
            $crate::run_guarded(input, size, sink, $adapter)
        }
    };
}

/// Runs a native-call adapter (`fn(&[u8]) -> Status`, the library's own work
/// with no canonical output) for `duet bench`. Used by [`export_native!`].
/// A panic is caught and reported as `DUET_PANIC`.
///
/// # Safety
/// `input` must point to `size` readable bytes (or be null with `size == 0`).
pub unsafe fn native_guarded(input: *const u8, size: usize, adapter: fn(&[u8]) -> Status) -> c_int {
    let bytes: &[u8] = if size == 0 { &[] } else { std::slice::from_raw_parts(input, size) };
    match panic::catch_unwind(AssertUnwindSafe(|| adapter(bytes))) {
        Ok(Status::Accept) => DUET_ACCEPT,
        Ok(Status::Reject) => DUET_REJECT,
        Err(_) => DUET_PANIC,
    }
}

/// Exports `$adapter: fn(&[u8]) -> Status` as the C entry point `$symbol`,
/// matching `duet_native_fn` in contract.h.
#[macro_export]
macro_rules! export_native {
    ($symbol:ident, $adapter:path) => {
        #[no_mangle]
        pub unsafe extern "C" fn $symbol(input: *const u8, size: usize) -> ::std::ffi::c_int {
            $crate::native_guarded(input, size, $adapter)
        }
    };
}
