#!/usr/bin/env bash
# summary.md of the campaigns in runs/: one row per utility (run folders in time order, utilities in campaign.log order).
cd "$(dirname "$0")"
mapfile -t utils < <(sed -n 's/^== \([a-z0-9]*\):.*/\1/p' campaign.log)
mapfile -t runs < <(ls -d runs/coreutils-*/ | sort)
echo "| utility | status | executions | exec/s | corpus | distinct findings (new) | divergence | panic | crash | timeout | saved inputs | triaged |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
for i in "${!runs[@]}"; do
  r=${runs[$i]}report.json
  jq -r --arg u "${utils[$i]:-?}" '"| \($u) | \(.status) | \(.campaign.executions) | \(.campaign.execs_per_second|floor) | \(.campaign.corpus_size) | \(.summary.distinct_findings) (\(.summary.new_findings)) | \(.summary.distinct_by_class.divergence) | \(.summary.distinct_by_class.panic) | \(.summary.distinct_by_class.crash) | \(.summary.distinct_by_class.timeout) | \(.summary.artifacts) | \(.summary.artifacts - .summary.artifacts_not_triaged) |"' "$r"
done
