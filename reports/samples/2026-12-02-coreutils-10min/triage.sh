#!/usr/bin/env bash
# Finishes the triage of the given coreutils runs (each finding re-run 3 times
# and minimised for up to 3 s): triage.sh DUET OUT RUN...
set -u
duet=$1 out=$2
shift 2
for run in "$@"; do
  echo "$(date -u +%T) triage $run" >> "$out/triage.log"
  "$duet" triage "$out/reports/$run" --reports "$out/reports" --minimize-time 3 > "$out/triage.$run.out" 2>&1
  echo "$(date -u +%T) end $run exit $?" >> "$out/triage.log"
done
