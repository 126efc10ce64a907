/* Classifying child output: sanitizer reports, panics, timeouts, signals. */
#include <signal.h>
#include <stdlib.h>

#include "check.h"
#include "duet/observe.h"

static struct duet_observation observe(const char *out, const char *err, int exit_code, int sig, bool timed_out) {
  struct duet_child child = {.exit_code = exit_code, .signal = sig, .timed_out = timed_out,
                             .out = (char *)out, .err = (char *)err};
  struct duet_observation obs;
  duet_observe(&child, &obs);
  return obs;
}

static const char asan_report[] =
    "=================================================================\n"
    "==123==ERROR: AddressSanitizer: heap-buffer-overflow on address 0x602000000011 at pc 0x1 bp 0x2 sp 0x3\n"
    "READ of size 1 at 0x602000000011 thread T0\n"
    "    #0 0x55d0 in __asan_memcpy /build/compiler-rt/asan_interceptors_memintrinsics.cpp:22:3\n"
    "    #1 0x55d1 in tlv_read /work/targets/gt.tlv/c/tlv.c:88:7\n"
    "    #2 0x55d2 in tlv_parse /work/targets/gt.tlv/c/tlv.c:120:12\n"
    "    #3 0x55d3 in duet_run_impl /work/harness/src/engine.c:70:16\n"
    "    #4 0x55d4 in gt_tlv_c /work/targets/gt.tlv/c_adapter.c:30:10\n"
    "    #5 0x55d5 in main /work/harness/cli/main.c:80:3\n"
    "\n"
    "0x602000000011 is located 0 bytes to the right of 1-byte region\n"
    "DUET-SIDE c\n"
    "SUMMARY: AddressSanitizer: heap-buffer-overflow /work/targets/gt.tlv/c/tlv.c:88:7 in tlv_read\n";

int main(void) {
  struct duet_observation o = observe("", asan_report, 1, 0, false);
  CHECK_EQ_INT(o.outcome, DUET_OUTCOME_CRASH);
  CHECK_EQ_STR(o.kind, "heap-buffer-overflow");
  CHECK_EQ_STR(o.detail, "AddressSanitizer: heap-buffer-overflow (READ of size 1)"); /* no pid, no address */
  CHECK_EQ_STR(o.crashed_side, "c");
  CHECK_EQ_INT(o.frame_count, 3); /* interceptor and harness frames skipped */
  CHECK_EQ_STR(o.frames[0], "tlv_read tlv.c:88");
  CHECK_EQ_STR(o.frames[1], "tlv_parse tlv.c:120");
  CHECK_EQ_STR(o.frames[2], "gt_tlv_c c_adapter.c:30");
  CHECK_EQ_STR(o.access, "READ {*}"); /* a memcpy's size is its length, not the bug's */
  duet_observation_release(&o);

  o = observe("", "==7==ERROR: AddressSanitizer: heap-buffer-overflow on address 0x6020 at pc 0x1 bp 0x2 sp 0x3\n"
                  "WRITE of size 1 at 0x6020 thread T0\n    #0 0x1 in kv_parse /t/kv.c:86:5\n", 1, 0, false);
  CHECK_EQ_STR(o.access, "WRITE 1"); /* a direct store keeps its size class */
  duet_observation_release(&o);

  o = observe("", "==1==ERROR: AddressSanitizer: attempting double-free on 0x6020 in thread T0:\n    #0 0x1 in free x.c:1\n    #1 0x2 in cleanup /a/b/rle.c:40:3\n", 1, 0, false);
  CHECK_EQ_STR(o.kind, "double-free");
  CHECK_EQ_STR(o.frames[0], "cleanup rle.c:40");
  duet_observation_release(&o);

  o = observe("", "x.c:10:5: runtime error: signed integer overflow: 2147483647 + 1 cannot be represented in type 'int'\n"
                  "    #0 0x1 in add /src/x.c:10:5\n"
                  "SUMMARY: UndefinedBehaviorSanitizer: signed-integer-overflow /src/x.c:10:5 in \n", 1, 0, false);
  CHECK_EQ_INT(o.outcome, DUET_OUTCOME_CRASH);
  CHECK_EQ_STR(o.kind, "signed-integer-overflow");
  CHECK(strstr(o.detail, "runtime error: signed integer overflow") != NULL);
  duet_observation_release(&o);

  o = observe("", "==9==ERROR: LeakSanitizer: detected memory leaks\n\nDirect leak of 24 byte(s) in 1 object(s) allocated from:\n"
                  "    #0 0x1 in malloc asan_malloc_linux.cpp:69\n    #1 0x2 in make_node /t/tree.c:12:9\n", 1, 0, false);
  CHECK_EQ_INT(o.outcome, DUET_OUTCOME_LEAK);
  CHECK_EQ_STR(o.frames[0], "make_node tree.c:12");
  duet_observation_release(&o);

  o = observe("", "==9==ERROR: AddressSanitizer: requested allocation size 0xffffffffff exceeds maximum supported size\n", 1, 0, false);
  CHECK_EQ_INT(o.outcome, DUET_OUTCOME_OOM);
  duet_observation_release(&o);

  /* A misaligned access is one kind on both sides: UBSan's alignment check
     (C) and Rust's dereference check, which aborts (ASan then reports the
     abort; the panic names the cause) with Rust's own backtrace. */
  o = observe("", "t.c:9:3: runtime error: load of misaligned address 0x6013 for type 'const uint32_t', which requires 4 byte alignment\n"
                  "    #0 0x1 in decode_stamp /t/tlv.c:122:20\n"
                  "SUMMARY: UndefinedBehaviorSanitizer: misaligned-pointer-use /t/tlv.c:122:20 in \n", 1, 0, false);
  CHECK_EQ_STR(o.kind, "misaligned-access");
  CHECK_EQ_STR(o.frames[0], "decode_stamp tlv.c:122");
  duet_observation_release(&o);
  o = observe("", "thread '<unnamed>' panicked at /w/src/literal.rs:121:17:\n"
                  "misaligned pointer dereference: address must be a multiple of 0x4 but is 0x602000000013\n"
                  "stack backtrace:\n   0: __rustc::rust_begin_unwind\n             at /rustc/x/panicking.rs:689:5\n"
                  "   3: core::panicking::panic_misaligned_pointer_dereference\n             at /rustc/x/panicking.rs:284:5\n"
                  "   4: tlv::literal::decode_stamp\n             at ./targets/gt.tlv/rust/src/literal.rs:121:17\n"
                  "   5: tlv::literal::gt_tlv_decode\n             at ./targets/gt.tlv/rust/src/literal.rs:148:26\n"
                  "thread caused non-unwinding panic. aborting.\n"
                  "==5==ERROR: AddressSanitizer: ABRT on unknown address 0x1 (pc 0x2 bp 0x3 sp 0x4 T0)\n", -1, SIGABRT, false);
  CHECK_EQ_INT(o.outcome, DUET_OUTCOME_CRASH);
  CHECK_EQ_STR(o.kind, "misaligned-access");
  CHECK_EQ_INT(o.frame_count, 2); /* the panic machinery's frames skipped */
  CHECK_EQ_STR(o.frames[0], "tlv::literal::decode_stamp literal.rs:121");
  CHECK_EQ_STR(o.frames[1], "tlv::literal::gt_tlv_decode literal.rs:148");
  duet_observation_release(&o);

  o = observe("", "", -1, SIGKILL, true);
  CHECK_EQ_INT(o.outcome, DUET_OUTCOME_TIMEOUT);
  duet_observation_release(&o);

  o = observe("", "", -1, SIGSEGV, false);
  CHECK_EQ_INT(o.outcome, DUET_OUTCOME_CRASH);
  CHECK_EQ_STR(o.kind, "signal-SEGV");
  duet_observation_release(&o);

  /* A clean run with its record: nothing fatal, the record is parsed. */
  o = observe("DUET-RESULT {\"target\":\"t\",\"sides\":[{\"side\":\"rust\",\"status\":\"panic\",\"reason\":\"panic: boom at src/lib.rs:3\"}]}\n",
              "thread '<unnamed>' panicked at src/lib.rs:3:5:\nboom\n", 0, 0, false);
  CHECK_EQ_INT(o.outcome, DUET_OUTCOME_NONE);
  CHECK(o.result != NULL);
  duet_observation_release(&o);

  /* No record and a clean exit is still a failure of the child, not a pass. */
  o = observe("", "something odd\n", 0, 0, false);
  CHECK_EQ_INT(o.outcome, DUET_OUTCOME_CRASH);
  CHECK_EQ_STR(o.kind, "exit-0");
  duet_observation_release(&o);
  CHECK_DONE();
}
