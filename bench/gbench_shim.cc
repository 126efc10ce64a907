// The C API of gbench_shim.h over Google Benchmark. Exceptions never cross
// into C: registration failures come back as -1.
#include "gbench_shim.h"

#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdint>
#include <ctime>
#include <new>
#include <vector>

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

namespace {

constexpr double kMinHalfSeconds = 20e-6;  // a pair's halves last this long at least
constexpr unsigned kMaxBatch = 1u << 20;

double now() {
  timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

// Seconds taken by `batch` calls of body(arg); negative with *error set on failure.
double timed(duet_gbench_body body, void *arg, unsigned batch, const char **error) {
  double start = now();
  for (unsigned i = 0; i < batch && !*error; i++) *error = body(arg);
  return *error ? -1.0 : now() - start;
}

// Calls per half so that one half of `a` lasts kMinHalfSeconds or more.
unsigned calibrate(duet_gbench_body a, void *arg, const char **error) {
  unsigned batch = 1;
  while (batch < kMaxBatch && !*error && timed(a, arg, batch, error) < kMinHalfSeconds) batch *= 2;
  return batch;
}

double quantile(std::vector<double> &sorted, double q) {
  if (sorted.empty()) return 0.0;
  double at = q * static_cast<double>(sorted.size() - 1);
  size_t low = static_cast<size_t>(at);
  size_t high = std::min(low + 1, sorted.size() - 1);
  return sorted[low] + (sorted[high] - sorted[low]) * (at - static_cast<double>(low));
}

void run_pairs(benchmark::State &state, duet_gbench_body a, void *arg_a, duet_gbench_body b, void *arg_b) {
  const char *error = nullptr;
  unsigned batch = calibrate(a, arg_a, &error);
  std::vector<double> ratios;
  bool b_first = false;
  for (auto _ : state) {
    double tb = b_first ? timed(b, arg_b, batch, &error) : 0.0;
    double ta = timed(a, arg_a, batch, &error);
    if (!b_first && !error) tb = timed(b, arg_b, batch, &error);
    if (error) {
      state.SkipWithError(error);
      break;
    }
    if (ta > 0) ratios.push_back(tb / ta);
    b_first = !b_first;
  }
  std::sort(ratios.begin(), ratios.end());
  state.counters["ratio"] = quantile(ratios, 0.5);
  state.counters["ratio_q1"] = quantile(ratios, 0.25);
  state.counters["ratio_q3"] = quantile(ratios, 0.75);
  state.counters["pairs"] = static_cast<double>(ratios.size());
  state.counters["batch"] = batch;
}

}  // namespace

extern "C" int duet_gbench_register_pair(const char *name, duet_gbench_body a, void *arg_a, duet_gbench_body b,
                                         void *arg_b) {
  try {
    auto run = [a, arg_a, b, arg_b](benchmark::State &state) { run_pairs(state, a, arg_a, b, arg_b); };
    return benchmark::RegisterBenchmark(name, run) ? 0 : -1;
  } catch (const std::bad_alloc &) {
    return -1;
  }
}

extern "C" size_t duet_gbench_run(void) { return benchmark::RunSpecifiedBenchmarks(); }

extern "C" void duet_gbench_shutdown(void) { benchmark::Shutdown(); }
