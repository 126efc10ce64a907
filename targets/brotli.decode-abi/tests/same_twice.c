/*
 * The "same library twice" mistake, built on purpose: abi_adapter.c compiled a
 * second time WITHOUT the renames (side `twice`), so its "rust" side calls
 * libbrotlidec just like the C side. Runs the harness's start-up guard on it,
 * the way the CLI and the fuzz binaries do:
 *   same_twice mistake   exit 2 and the refusal on stderr (the guard worked),
 *                        or exit 0 after running both sides (it did not);
 *   same_twice registry  the real brotli.decode-abi from targets.def: exit 0
 *                        when the guard lets it run.
 */
#include <stdio.h>
#include <string.h>

#include "duet/differential.h"
#include "duet/dropin.h"

int duet_brotli_abi_run_c(const uint8_t *input, size_t size, struct duet_sink *out);
extern const struct duet_dropin duet_brotli_abi_dropin_c;
int duet_brotli_abi_run_twice(const uint8_t *input, size_t size, struct duet_sink *out);
extern const struct duet_dropin duet_brotli_abi_dropin_twice;

static const struct duet_impl c_side = {
    .name = "c", .language = DUET_LANG_C, .library = "libbrotlidec", .version = "1.0.9",
    .api = "C ABI", .run = duet_brotli_abi_run_c, .dropin = &duet_brotli_abi_dropin_c};
/* Claims to be the Rust library; the build forgot the renames. */
static const struct duet_impl mistaken_rust_side = {
    .name = "rust", .language = DUET_LANG_RUST, .library = "brotli-decompressor", .version = "2.3.4",
    .api = "C ABI (renames forgotten)", .run = duet_brotli_abi_run_twice, .dropin = &duet_brotli_abi_dropin_twice};
static const struct duet_impl *const mistaken_candidates[] = {&mistaken_rust_side, NULL};
static const struct duet_target mistake = {
    .name = "brotli.decode-abi (same library twice)", .reference = &c_side, .candidates = mistaken_candidates};

int main(int argc, char **argv) {
  if (argc != 2 || (strcmp(argv[1], "mistake") != 0 && strcmp(argv[1], "registry") != 0)) {
    fprintf(stderr, "usage: %s mistake|registry\n", argv[0]);
    return 2;
  }
  const struct duet_target *target = strcmp(argv[1], "mistake") == 0 ? &mistake : duet_target_find("brotli.decode-abi");
  if (!target || duet_dropin_guard(target, stderr) != 0) return 2;
  /* Allowed to run: one valid stream (control 0x00: 1-byte chunks), every side. */
  static const uint8_t input[] = "\x00\xc0\x00\x10hello, brotli\x03";
  struct duet_differential result;
  if (duet_differential_run(target, NULL, input, sizeof input - 1, &result) != 0) return 70;
  duet_differential_print(stdout, &result);
  int agreed = result.outcome == DUET_OUTCOME_NONE;
  duet_differential_release(&result);
  return agreed ? 0 : 1;
}
