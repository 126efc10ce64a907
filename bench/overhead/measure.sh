#!/usr/bin/env bash
# Reproduces the overhead numbers of bench/README.md for zlib.inflate.
#
#   bash bench/overhead/measure.sh contract [REPETITIONS] [MIN_TIME] [SEEDS_DIR CORPORA_DIR]
#     (a) each side through the duet contract vs the library called directly,
#         on duet-bench's inputs (or those of SEEDS_DIR/zlib.inflate and
#         CORPORA_DIR/zlib.inflate/{regressions,bench}, as duet bench --seeds/--corpora)
#         (bench build: cmake --preset bench && cmake --build --preset bench)
#   bash bench/overhead/measure.sh compare [REPETITIONS] [MIN_TIME]
#     (c) what comparing within a tolerance costs (vorbis.decode), against
#         both sides' decoding and a byte comparison (bench build)
#   bash bench/overhead/measure.sh fuzz [RUNS] [SECONDS] [REPEAT]
#   OUT=<fuzz step's folder> bash bench/overhead/measure.sh replay [REPEAT] [RUNS]
#     (b) exec/s of duet's differential fuzz driver vs a minimal hand-written
#         differential libFuzzer target (fuzz build: cmake --preset fuzz &&
#         cmake --build --preset fuzz; BUILD=build/dev also works)
#
# Results go to $OUT (default: a new folder under /tmp). compare.py's
# statistics come from libbenchmark-tools; run on an otherwise idle machine
# when you can.
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
py=/usr/bin/python3
compare=/usr/share/benchmark/compare.py
out=${OUT:-$(mktemp -d /tmp/duet-overhead.XXXXXX)}
mkdir -p "$out"

contract() {
  local reps=${1:-10} min_time=${2:-0.5} inputs=()
  [ $# -ge 4 ] && inputs=("$3" "$4")
  local bin
  bin=$(cd "${BUILD:-$top/build/bench}" && pwd)/bench/overhead/duet-bench-overhead
  [ -x "$bin" ] || { echo "measure: $bin missing: cmake --preset bench && cmake --build --preset bench" >&2; exit 2; }
  "$bin" "${inputs[@]}" --benchmark_repetitions="$reps" --benchmark_min_time="$min_time" \
    --benchmark_enable_random_interleaving=true \
    --benchmark_out="$out/overhead.json" --benchmark_out_format=json > "$out/overhead.txt"
  for side in c rust; do
    echo "== $side: direct (old) vs through the contract (new); Time/CPU columns = overhead"
    "$py" "$compare" --no-color -d "$out/compare-$side.json" filters "$out/overhead.json" \
      "overhead/zlib.inflate/$side/direct/" "overhead/zlib.inflate/$side/contract/" \
      | grep -E '_pvalue|_median|OVERALL|Benchmark|^-' || true
  done
  echo "results: $out"
}

# (c): per seed, median CPU times and the comparison's share of an execution.
compare() {
  local reps=${1:-10} min_time=${2:-0.2} bin
  bin=$(cd "${BUILD:-$top/build/bench}" && pwd)/bench/overhead/duet-bench-compare
  [ -x "$bin" ] || { echo "measure: $bin missing: cmake --preset bench && cmake --build --preset bench" >&2; exit 2; }
  "$bin" --benchmark_repetitions="$reps" --benchmark_min_time="$min_time" --benchmark_enable_random_interleaving=true \
    --benchmark_out="$out/compare.json" --benchmark_out_format=json > "$out/compare.txt"
  "$py" -c 'import collections, json, statistics, sys
runs = collections.defaultdict(list)
for b in json.load(open(sys.argv[1]))["benchmarks"]:
    if b.get("run_type") == "iteration": runs[b["run_name"]].append(b["cpu_time"])
med = {k: statistics.median(v) for k, v in runs.items()}
print("| seed | decode, both sides | byte comparison | tolerance comparison | tolerance / decode |")
print("|---|---|---|---|---|")
for seed in sorted({k.rsplit("/", 1)[1] for k in med}):
    d, b, t = (med[f"overhead/vorbis.decode/{k}/{seed}"] for k in ("decode", "compare-bytes", "compare-tolerance"))
    print(f"| {seed} | {d / 1e3:.0f} us | {b / 1e3:.2f} us | {t / 1e3:.1f} us | {100 * t / d:.2f} % |")' "$out/compare.json"
  echo "results: $out"
}

# One libFuzzer campaign: prints "wall_exec_per_s cpu_exec_per_s" (executed
# units over wall-clock and over user+sys CPU seconds: on a shared machine
# the wall-clock rate mostly measures the other tenants).
fuzz_once() {
  local bin=$1 seed=$2 seconds=$3 dict=$4 seeds=$5
  local corpus log
  corpus=$(mktemp -d "$out/corpus.XXXXXX")
  log="$out/fuzz-$(basename "$bin")-$seed.log"
  cp "$seeds"/* "$corpus"/
  ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=0:max_allocation_size_mb=2048 UBSAN_OPTIONS=halt_on_error=1 \
    /usr/bin/time -f "cpu_seconds: %U %S" "$bin" -seed="$seed" -max_total_time="$seconds" -print_final_stats=1 \
    -dict="$dict" -artifact_prefix="$out/" "$corpus" > "$log" 2>&1 || true
  # Keep what it found: the replay below runs both on the union.
  mkdir -p "$out/found" && { cp -n "$corpus"/* "$out/found"/ || true; } && rm -rf "$corpus"
  "$py" -c 'import re, sys
t = open(sys.argv[1]).read()
units = int(re.search(r"stat::number_of_executed_units: *(\d+)", t).group(1))
wall = int(re.search(r"stat::average_exec_per_sec: *(\d+)", t).group(1))
u, s = map(float, re.search(r"cpu_seconds: ([\d.]+) ([\d.]+)", t).group(1, 2))
print(wall, round(units / (u + s)))' "$log"
}

# The same inputs on both: every input found by the campaigns above run REPEAT times (libFuzzer's
# individual-inputs mode, so no mutation and no corpus drift); prints the
# executions per user+sys CPU second. File reads are part of each run.
replay_once() {
  local bin=$1 repeat=$2 seeds=$3
  (cd "$seeds" && ASAN_OPTIONS=detect_leaks=1 /usr/bin/time -f "%U %S" "$bin" -runs="$repeat" * 2>&1 >/dev/null) |
    tail -1 | "$py" -c 'import sys; u, s = map(float, sys.stdin.read().split()); print(round(int(sys.argv[1]) * int(sys.argv[2]) / (u + s)))' \
      "$(ls "$seeds" | wc -l)" "$repeat"
}

fuzz() {
  local runs=${1:-3} seconds=${2:-30} repeat=${3:-20}
  fuzz_binaries
  local a b
  echo "== fuzzing, ${seconds}s per campaign, same seed and dictionary; exec/s as CPU-time and wall-clock rates" | tee "$out/fuzz.txt"
  echo "run duet_cpu direct_cpu duet_wall direct_wall ratio_cpu ratio_wall" | tee -a "$out/fuzz.txt"
  for i in $(seq 1 "$runs"); do
    # Alternate which goes first so drift in machine load hits both alike.
    if [ $((i % 2)) = 1 ]; then
      a=$(fuzz_once "$duet" "$i" "$seconds" "$dict" "$seeds"); b=$(fuzz_once "$direct" "$i" "$seconds" "$dict" "$seeds")
    else
      b=$(fuzz_once "$direct" "$i" "$seconds" "$dict" "$seeds"); a=$(fuzz_once "$duet" "$i" "$seconds" "$dict" "$seeds")
    fi
    set -- $a $b
    echo "$i $2 $4 $1 $3 $(awk -v a="$2" -v b="$4" -v c="$1" -v d="$3" 'BEGIN { printf "%.3f %.3f", a / b, c / d }')" |
      awk '{ print $1, $2, $3, $4, $5, $6, $7 }' | tee -a "$out/fuzz-rows.txt" | tee -a "$out/fuzz.txt"
  done
  "$py" -c 'import statistics, sys
rows = [l.split() for l in open(sys.argv[1]).read().splitlines()]
for col, what in ((5, "CPU-time"), (6, "wall-clock")):
    v = [float(r[col]) for r in rows]
    print(f"median ratio duet/direct, {what} exec/s: {statistics.median(v):.3f} (min {min(v):.3f}, max {max(v):.3f}, {len(v)} runs)")' \
    "$out/fuzz-rows.txt" | tee -a "$out/fuzz.txt"
  replay "$repeat" "$runs"
}

# Both fuzz binaries of the fuzz build (absolute paths: replay changes folder).
fuzz_binaries() {
  build=$(cd "${BUILD:-$top/build/fuzz}" && pwd)
  duet=$build/harness/cli/duet-fuzz-zlib.inflate direct=$build/bench/overhead/duet-fuzz-direct-zlib.inflate
  dict=$build/dicts/zlib.inflate.dict seeds=$build/seeds/zlib.inflate
  for b in "$duet" "$direct"; do
    [ -x "$b" ] || { echo "measure: $b missing: cmake --preset fuzz && cmake --build --preset fuzz" >&2; exit 2; }
  done
}

# Replays $out/found (left by `fuzz`) on both binaries, alternating order.
replay() {
  local repeat=${1:-20} runs=${2:-3} a b
  fuzz_binaries
  [ -d "$out/found" ] || { echo "measure: no $out/found: run the fuzz step first (same OUT)" >&2; exit 2; }
  echo "== replay: the $(ls "$out/found" | wc -l) inputs the campaigns kept x $repeat, exec per CPU second" | tee -a "$out/fuzz.txt"
  for i in $(seq 1 "$runs"); do
    if [ $((i % 2)) = 1 ]; then
      a=$(replay_once "$duet" "$repeat" "$out/found"); b=$(replay_once "$direct" "$repeat" "$out/found")
    else
      b=$(replay_once "$direct" "$repeat" "$out/found"); a=$(replay_once "$duet" "$repeat" "$out/found")
    fi
    echo "$i duet $a direct $b ratio $(awk -v a="$a" -v b="$b" 'BEGIN { printf "%.3f", a / b }')" | tee -a "$out/fuzz.txt"
  done
  echo "logs: $out"
}

case "${1:-}" in
contract) shift; contract "$@" ;;
compare) shift; compare "$@" ;;
fuzz) shift; fuzz "$@" ;;
replay) shift; replay "$@" ;;
*) sed -n '2,20p' "$0"; exit 2 ;;
esac
