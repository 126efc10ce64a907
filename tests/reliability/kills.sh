# The long mode, run by hand: N kills at random points of real campaigns
# (random target, signal, budget and moment: fuzzing or triage), each
# checked as in quick.sh. Usage:
#   bash tests/reliability/kills.sh build/dev/harness/cli/duet N [SEED]
# DUET_SOURCE_DIR defaults to this checkout. Prints one line per kill and the
# totals the README quotes: kills survived, saved files lost.
export DUET_SOURCE_DIR=${DUET_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
n=${2:?usage: kills.sh DUET N [SEED]}
set -- "$1" "" "${3:-$$}"
. "$(dirname "$0")/lib.sh"
RANDOM=$3
targets=(gt.kv json.parse gt.tlv)
signals=(INT TERM KILL GROUP)
survived=0 lost_total=0 saved_total=0 i=0
while [ "$i" -lt "$n" ]; do
  target=${targets[RANDOM % ${#targets[@]}]}
  sig=${signals[RANDOM % ${#signals[@]}]}
  budget=$((10 + RANDOM % 21))
  delay=$((1 + RANDOM % (budget - 1)))
  kill_once "$target" "$sig" "$delay" "$scratch/reports" "$scratch/corpus-$target" "$budget"
  [ -n "$kill_missed" ] && continue # the run ended first: draw again
  i=$((i + 1))
  lost=$(echo "$kill_problems" | grep -oE '[0-9]+ saved file' | cut -d' ' -f1)
  lost_total=$((lost_total + ${lost:-0}))
  saved_total=$((saved_total + ${kill_files_saved:-0}))
  [ -z "$kill_problems" ] && survived=$((survived + 1))
  printf '%3d %-10s SIG%-5s at %2ds of %2ds: %s\n' "$i" "$target" "$sig" "$delay" "$budget" "${kill_problems:-ok}"
done
echo "kills: $n, survived: $survived, saved files before the kills: $saved_total, lost: $lost_total (seed $3)"
[ "$survived" = "$n" ]
