# duet bench end to end on the dev build's duet-bench (sanitized: format
# only, no timing is checked): errors, Google Benchmark JSON that compare.py
# reads, the summary, and known findings left out of the inputs.
# Args: DUET CHECKER; env: DUET_BENCH_BIN, DUET_PYTHON3, DUET_SOURCE_DIR.
. "$DUET_SOURCE_DIR/tests/cli/lib.sh"
checker=$CHECK_REPORT
py=${DUET_PYTHON3:-python3}

# Bad arguments and a missing bench build: exit 2 with the fix.
expect_exit 2 "unknown target" -- "$DUET" bench no.such.target
expect_text "$scratch/err" "unknown target 'no.such.target'" "names the unknown target"
expect_exit 2 "a planted-bug component is not benchmarked" -- "$DUET" bench gt.kv
expect_text "$scratch/err" "gt.kv holds planted bugs" "why named"
expect_exit 2 "zero repetitions" -- "$DUET" bench --repetitions 0
expect_exit 2 "bad min-time" -- "$DUET" bench --min-time soon
expect_exit 2 "missing bench build" -- env DUET_BENCH_BIN=/nonexistent/duet-bench "$DUET" bench
expect_text "$scratch/err" "cmake --preset bench && nice -n 10 cmake --build --preset bench" "says how to build it"

# One tiny run: JSON with every side and class, read by compare.py.
json="$scratch/bench.json"
expect_exit 0 "tiny benchmark run" -- "$DUET" bench zlib.inflate --repetitions 2 --min-time 0.001 --out "$json"
expect_text "$scratch/out" "zlib.inflate/c/large" "console names the C case"
expect_text "$scratch/out" "zlib.inflate/rust/large" "console names the Rust case"
expect_text "$scratch/out" "C3 \(Rust performs better\): inconclusive" "summary gives C3 a verdict"
expect_exit 0 "JSON has the fields compare.py reads" -- "$py" "$checker" "$json" 2
expect_exit 0 "compare.py reads it" -- "$py" /usr/share/benchmark/compare.py filters "$json" zlib.inflate/c/ zlib.inflate/rust/
expect_text "$scratch/out" "U Test, Repetitions: 2 vs 2" "compare.py ran its U-test"
expect_text "$json.summary.json" '"verdict": "inconclusive"' "summary JSON has the C3 verdict"
expect_text "$json.summary.json" 'sanitized build' "a sanitized run is never evidence"
expect_value "every class says whether its measurement is flagged as noisy" \
  "$("$py" -c 'import json,sys; rows=json.load(open(sys.argv[1]))["classes"]; print(all(isinstance(r["noisy"], bool) and "noise" in r for r in rows) and len(rows) > 0)' "$json.summary.json")" True
# Noise flags: a wide interval, spread repetitions, a loaded machine; a clean class passes.
expect_value "noise rules" "$("$py" -c '
import sys; sys.path.insert(0, sys.argv[1]); import summary as s
ctx = {"load_avg": [0.5], "num_cpus": 2}
print(bool(s.noise(1.0, [0.8, 1.2], [1, 1], [1, 1], ctx)), bool(s.noise(1.0, [0.99, 1.01], [1, 1.3], [1, 1], ctx)),
      bool(s.noise(1.0, [0.99, 1.01], [1, 1], [1, 1], {"load_avg": [3.0], "num_cpus": 2})),
      bool(s.noise(1.0, [0.99, 1.01], [1, 1.01], [1, 1], ctx)),
      bool(s.noise(1.0, [0.99, 1.01], [1, 1.3], [1, 1], ctx, True)))' "$DUET_SOURCE_DIR/bench")" "True True True False False"
# The paired ratio: ten repetitions all below 1 give the candidate a verdict; a mix around 1 does not.
expect_value "paired verdicts" "$("$py" -c '
import sys; sys.path.insert(0, sys.argv[1]); import summary as s
report, util, numpy, stats = s.load_gbench("/usr/share/benchmark")
def verdict(ratios):
    r, ci, p = s.paired_interval(numpy, stats, ratios)
    return s.class_verdict(r, ci, p, True, 0.05, "c", "rust", False, 9, "paired test")[0]
print(verdict([0.50, 0.51, 0.49, 0.52, 0.50, 0.48, 0.50, 0.51, 0.49, 0.50]) + ";" +
      verdict([0.9, 1.1, 1.0, 0.95, 1.05, 1.02, 0.98, 1.01, 0.99, 1.0]))' "$DUET_SOURCE_DIR/bench")" \
  "rust faster;inconclusive"
expect_value "the summary takes a class's ratio from its paired case" \
  "$("$py" -c 'import json,sys; rows=json.load(open(sys.argv[1]))["classes"]; print(all(r["paired"] and r["paired_repetitions"] == 2 for r in rows))' "$json.summary.json")" True

expect_text "$json" '"duet_timed:zlib.inflate": "contract: ' "a decoder into the sink is timed through its contract call, and says so"

# A pair whose sides both have a native call (json.parse) times those, and says so.
expect_exit 0 "json.parse timed on its native calls" -- "$DUET" bench json.parse --repetitions 1 --min-time 0.001 \
  --out "$scratch/json.json"
expect_text "$scratch/json.json" '"duet_timed:json.parse": "native: ' "the context names the native calls"
expect_text "$scratch/out" "timed: the libraries' native calls" "the summary says what was timed"

# The checker is not vacuous: a run without cpu_time fails it.
"$py" -c 'import json,sys; d=json.load(open(sys.argv[1])); del d["benchmarks"][0]["cpu_time"]; json.dump(d, open(sys.argv[2], "w"))' "$json" "$scratch/broken.json"
expect_exit 1 "checker rejects a run without cpu_time" -- "$py" "$checker" "$scratch/broken.json" 2
"$py" -c 'import json,sys; d=json.load(open(sys.argv[1])); [r.pop("ratio") for r in d["benchmarks"] if "~" in r["run_name"]][:1]; json.dump(d, open(sys.argv[2], "w"))' "$json" "$scratch/unpaired.json"
expect_exit 1 "checker rejects paired cases without their ratio" -- "$py" "$checker" "$scratch/unpaired.json" 2

# A regression input with a recorded finding is not timed; one without is.
corpora="$scratch/corpora"
mkdir -p "$corpora/zlib.inflate/regressions"
printf 'x\x9c\xcbH\xcd\xc9\xc9W(\xcf/\xcaI\x01\x00\x1a\x0b\x04]' > "$corpora/zlib.inflate/regressions/hello.zz"
printf 'x\x9c\xcbH\xcd' > "$corpora/zlib.inflate/regressions/finding.zz"
echo '{"class": "divergence", "side": "rust", "kind": "only-reference-accepts", "why": "test"}' \
  > "$corpora/zlib.inflate/regressions/finding.zz.expect.json"
# (--seeds on a missing folder: only these two inputs.)
expect_exit 0 "run with a known finding in the corpus" -- "$DUET" bench zlib.inflate --corpora "$corpora" \
  --seeds "$scratch/no-seeds" --repetitions 1 --min-time 0.001 --out "$scratch/known.json"
expect_text "$scratch/known.json" '"duet_excluded:zlib.inflate": "1 regression inputs with a recorded finding' \
  "the known finding is left out and counted"
expect_text "$scratch/known.json" '"duet_class:zlib.inflate/small": "1 inputs, 19 to 19 bytes' \
  "only the agreed regression input is timed"
finish
