// The C API of gbench_shim.h over Google Benchmark. Exceptions never cross
// into C: registration failures come back as -1.
#include "gbench_shim.h"

#include <benchmark/benchmark.h>

#include <cstdint>
#include <new>

extern "C" void duet_gbench_initialize(int *argc, char **argv) { benchmark::Initialize(argc, argv); }

extern "C" void duet_gbench_add_context(const char *key, const char *value) {
  benchmark::AddCustomContext(key, value);
}

extern "C" int duet_gbench_register(const char *name, duet_gbench_body body, void *arg, double bytes,
                                    double items) {
  try {
    auto run = [body, arg, bytes, items](benchmark::State &state) {
      for (auto _ : state) {
        if (const char *error = body(arg)) {
          state.SkipWithError(error);
          break;
        }
      }
      state.SetBytesProcessed(static_cast<int64_t>(bytes * static_cast<double>(state.iterations())));
      state.SetItemsProcessed(static_cast<int64_t>(items * static_cast<double>(state.iterations())));
    };
    return benchmark::RegisterBenchmark(name, run) ? 0 : -1;
  } catch (const std::bad_alloc &) {
    return -1;
  }
}

extern "C" size_t duet_gbench_run(void) { return benchmark::RunSpecifiedBenchmarks(); }

extern "C" void duet_gbench_shutdown(void) { benchmark::Shutdown(); }
