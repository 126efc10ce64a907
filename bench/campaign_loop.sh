#!/usr/bin/env bash
# Campaign throughput before and after the campaign loop, interleaved A/B on
# one machine: "before" is the driver as it was (a finding that is not in
# known-divergences.json aborts the process; sanitizer reports end it; fork
# mode restarts the job), "after" is `duet fuzz` (findings recorded in the
# driver, recoverable reports, committed regressions known).
# Usage: bench/campaign_loop.sh [SECONDS] [TARGET...]   (default 60 s; json, xml, yaml)
# Prints one line per run: target, variant, executions, exec/s, jobs that died,
# restarts per minute, inputs saved.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
bin=$top/build/fuzz/harness/cli
[ -x "$bin/duet" ] || bin=$top/build/dev/harness/cli
seconds=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(json.parse xml.parse yaml.parse)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

stat_of() { # LOG -> "executions died" from the fork-mode parent's last status line
  grep -E '^#[0-9]+: cov: ' "$1" | tail -1 |
    sed -E 's/^#([0-9]+):.*oom\/timeout\/crash: ([0-9]+)\/([0-9]+)\/([0-9]+).*/\1 \2 \3 \4/' |
    awk '{print $1, $2 + $3 + $4}'
}

before() {
  local t=$1 dir=$work/before-$1-$2
  mkdir -p "$dir/artifacts" "$dir/corpus"
  local dirs=("$dir/corpus" "$top/build/dev/seeds/$t")
  [ -d "$top/build/fuzz/seeds/$t" ] && dirs=("$dir/corpus" "$top/build/fuzz/seeds/$t")
  dirs+=("$top/corpora/$t/regressions")
  local dict=${dirs[1]%/seeds/*}/dicts/$t.dict
  # duet's default sanitizer settings: a report ends the process.
  (cd "$dir" && DUET_REGRESSIONS_DIR= ASAN_OPTIONS="detect_leaks=1:handle_abort=1:allocator_may_return_null=0:max_allocation_size_mb=2048:symbolize=1" \
    UBSAN_OPTIONS="print_stacktrace=1:report_error_type=1:halt_on_error=1:symbolize=1" timeout $((seconds + 30)) "$bin/duet-fuzz-$t" -fork=1 -ignore_crashes=1 \
    -ignore_timeouts=1 -ignore_ooms=1 -max_total_time="$seconds" -timeout=10 -artifact_prefix=artifacts/ \
    -dict="$dict" "${dirs[@]}" >fuzz.log 2>&1) || true
  read -r execs died < <(stat_of "$dir/fuzz.log")
  echo "$t before $execs $((execs / seconds)) $died $(awk -v d="$died" -v s="$seconds" 'BEGIN{printf "%.1f", d*60/s}') $(ls "$dir/artifacts" | wc -l)"
}

after() {
  local t=$1 dir=$work/after-$1-$2
  "$bin/duet" fuzz "$t" --time $((seconds + 10)) --triage-time 10 --minimize-time 0 --reports "$dir" \
    --corpus "$dir/corpus" --progress-interval 3600 >/dev/null 2>&1 || true
  local run
  run=$(ls -d "$dir"/*-*T*Z-*)
  read -r execs died < <(stat_of "$run/fuzz.log")
  echo "$t after $execs $((execs / seconds)) $died $(awk -v d="$died" -v s="$seconds" 'BEGIN{printf "%.1f", d*60/s}') $(ls "$run/artifacts" | wc -l)"
}

echo "target variant executions exec/s jobs_died restarts_per_min inputs_saved"
for round in 1 2; do
  for t in "${targets[@]}"; do
    if [ $round = 1 ]; then before "$t" $round; after "$t" $round; else after "$t" $round; before "$t" $round; fi
  done
done
