#!/usr/bin/env bash
# The campaigns of this folder: one 720 s `duet fuzz` (600 s fuzzing, up to
# 120 s triage) per utility, two utilities at a time, each with its own corpus.
#   campaigns.sh DUET OUT     (from the repo root; DUET = build/dev/harness/cli/duet
#                              of a -DDUET_COREUTILS_GNU=ON build)
# Then triage.sh finishes the runs whose triage the budget cut short.
set -u
duet=$1 out=$2
mkdir -p "$out"
lane() {
  for u in "$@"; do
    echo "$(date -u +%T) start $u" >> "$out/lanes.log"
    bash targets/coreutils/campaign.sh "$duet" "$u" --time 720 --triage-time 120 --jobs 1 \
      --reports "$out/reports" --corpus "$out/corpus/$u" --progress-interval 60 > "$out/out.$u" 2>&1
    echo "$(date -u +%T) end $u exit $?" >> "$out/lanes.log"
  done
}
lane sort cut head wc expand paste od fmt join &
lane uniq tr tail fold nl base64 seq numfmt printf &
wait
