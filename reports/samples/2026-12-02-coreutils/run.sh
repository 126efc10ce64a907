#!/usr/bin/env bash
# The coreutils campaigns of this folder: one `duet fuzz coreutils` per
# utility, restricted to it, SECONDS each (default 90), one job, run folders
# in runs/. Usage: run.sh DUET [SECONDS] [UTILITY...]
# The GNU programs are the pair's build, or DUET_COREUTILS_GNU_DIR when set.
set -uo pipefail
duet=${1:?usage: run.sh DUET [SECONDS] [UTILITY...]}
seconds=${2:-90}
shift 2 2>/dev/null || shift $#
here=$(cd "$(dirname "$0")" && pwd)
utilities=("$@")
[ ${#utilities[@]} -gt 0 ] || mapfile -t utilities < <(sed -n 's/^DUET_UTILITY(\([a-z0-9]*\),.*/\1/p' "$here/../../../targets/coreutils/utilities.def")
mkdir -p "$here/runs"
for u in "${utilities[@]}"; do
  echo "== $u: $(date -u +%FT%TZ), load $(cut -d' ' -f1-3 /proc/loadavg)"
  DUET_COREUTILS_UTILITY=$u nice "$duet" fuzz coreutils --time "$seconds" --jobs 1 --reports "$here/runs" </dev/null 2>&1 | tail -25
  echo "exit ${PIPESTATUS[0]}"
done
