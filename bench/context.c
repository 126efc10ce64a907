#define _POSIX_C_SOURCE 200809L
#include "context.h"

#include <stdio.h>
#include <string.h>

#include "duet/build_info.h"
#include "gbench_shim.h"

#ifndef DUET_BENCH_RUSTC_VERSION
#define DUET_BENCH_RUSTC_VERSION "unknown"
#endif
#ifndef DUET_BENCH_CPU_LEVEL
#define DUET_BENCH_CPU_LEVEL "default"
#endif

/* The host CPU's model name, for readers comparing runs across machines. */
static void cpu_model(char *out, size_t size) {
  snprintf(out, size, "unknown");
  FILE *f = fopen("/proc/cpuinfo", "r");
  if (!f) return;
  char line[512];
  while (fgets(line, sizeof line, f)) {
    char *colon = strchr(line, ':');
    if (strncmp(line, "model name", 10) == 0 && colon) {
      snprintf(out, size, "%s", colon + 2);
      out[strcspn(out, "\n")] = '\0';
      break;
    }
  }
  fclose(f);
}

static void add_build_context(void) {
  bool sanitized = duet_build_info.c_sanitized || duet_build_info.rust_sanitized;
  duet_gbench_add_context("duet_build", sanitized ? "SANITIZED (ASan/UBSan/coverage): timings are meaningless, format only"
                                                  : "bench: optimised, no sanitizers, no coverage");
  duet_gbench_add_context("duet_version", duet_build_info.duet_version);
  duet_gbench_add_context("duet_c_compiler", duet_build_info.c_compiler);
  duet_gbench_add_context("duet_c_flags", duet_build_info.c_flags);
  duet_gbench_add_context("duet_c_library_flags", sanitized ? "none: the fuzz builds keep duet_c_flags alone"
                                                            : duet_build_info.c_library_flags);
  duet_gbench_add_context("duet_rust_toolchain", DUET_BENCH_RUSTC_VERSION);
  duet_gbench_add_context("duet_rust_flags", duet_build_info.rust_flags);
  duet_gbench_add_context("duet_cpu_level", DUET_BENCH_CPU_LEVEL);
  char model[256];
  cpu_model(model, sizeof model);
  duet_gbench_add_context("duet_cpu_model", model);
  duet_gbench_add_context("duet_allocator",
                          "system malloc (glibc) on both sides: Rust's default global allocator, no adapter sets another");
  duet_gbench_add_context("duet_panic_handling",
                          "Rust: panic=unwind, every entry point wrapped in duet_ffi::run_guarded (catch_unwind), "
                          "as in the fuzz build; C: none needed");
  duet_gbench_add_context("duet_timed_call",
                          "per input: the side's native call (the library's API into its own result, freed; no "
                          "canonical output) where every side of the pair has one (duet_timed:TARGET), else a fresh "
                          "harness sink (bound 64 MiB), one call through the contract's duet_run_fn, sink freed; status "
                          "checked; one iteration = every input of the class");
  duet_gbench_add_context("duet_input_classes",
                          "invalid: inputs every side rejects; small/medium/large: inputs every side accepts with equal "
                          "output, sorted by size and cut into three classes of equal count");
}

static void add_target_context(const struct duet_bench_corpus *c) {
  const struct duet_target *t = c->target;
  char key[256], value[1024];
  size_t used = 0;
  for (size_t side = 0; side <= duet_target_candidate_count(t); side++) {
    const struct duet_impl *impl = side == 0 ? t->reference : t->candidates[side - 1];
    used += (size_t)snprintf(value + used, used < sizeof value ? sizeof value - used : 0, "%s%s%s: %s %s (%s)",
                             side ? "; " : "", impl->name, side ? "" : " [reference]", impl->library, impl->version,
                             impl->api);
    if (used >= sizeof value) break;
  }
  for (size_t side = 0; side <= duet_target_candidate_count(t); side++) {
    const struct duet_impl *impl = side == 0 ? t->reference : t->candidates[side - 1];
    char lang_key[256];
    snprintf(lang_key, sizeof lang_key, "duet_language:%s/%s", t->name, impl->name);
    duet_gbench_add_context(lang_key, impl->language == DUET_LANG_RUST ? "rust" : "c");
  }
  snprintf(key, sizeof key, "duet_sides:%s", t->name);
  duet_gbench_add_context(key, value);
  snprintf(key, sizeof key, "duet_timed:%s", t->name);
  duet_gbench_add_context(key, duet_bench_times_native(t)
                                   ? "native: each library's own API into its native result; the canonical output "
                                     "is made only in the check before timing"
                                   : "contract: the adapter's call, canonical output included (the pair's "
                                     "canonical output is the library's result written straight into the sink)");
  snprintf(key, sizeof key, "duet_reference:%s", t->name);
  duet_gbench_add_context(key, t->reference->name);
  for (int cls = 0; cls < DUET_BENCH_CLASS_COUNT; cls++) {
    const struct duet_bench_class_inputs *in = &c->classes[cls];
    snprintf(key, sizeof key, "duet_class:%s/%s", t->name, duet_bench_class_name((enum duet_bench_class)cls));
    if (in->count)
      snprintf(value, sizeof value, "%zu inputs, %zu to %zu bytes, %zu bytes in all", in->count, in->min_size,
               in->max_size, in->bytes);
    else snprintf(value, sizeof value, "no inputs: not measured");
    duet_gbench_add_context(key, value);
  }
  snprintf(key, sizeof key, "duet_excluded:%s", t->name);
  snprintf(value, sizeof value, "%zu regression inputs with a recorded finding; %zu divergent inputs left out%s%s",
           c->known_findings, c->excluded, c->excluded ? ": " : "", c->excluded_list);
  duet_gbench_add_context(key, value);
}

void duet_bench_add_context(const struct duet_bench_corpus *corpora, size_t n_targets) {
  add_build_context();
  for (size_t i = 0; i < n_targets; i++) add_target_context(&corpora[i]);
}
