#!/usr/bin/env bash
# One row per utility of a campaign folder: summarize.sh [RUNS LOG] (default: runs campaign.log).
# Run folders are matched to utilities by order (folders by time, utilities as the log lists them).
cd "$(dirname "$0")"
dir=${1:-runs} log=${2:-campaign.log}
mapfile -t utils < <(sed -n 's/^== \([a-z0-9]*\):.*/\1/p' "$log")
mapfile -t runs < <(ls -d "$dir"/coreutils-*/ | sort)
echo "| utility | status | executions | exec/s | corpus | cov / ft | distinct findings (new) | divergence | panic | crash | timeout | saved inputs | triaged |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|"
for i in "${!runs[@]}"; do
  jq -r --arg u "${utils[$i]:-?}" '"| \($u) | \(.status) | \(.campaign.executions) | \(.campaign.execs_per_second|floor) | \(.campaign.corpus_size) | \(.campaign.coverage.cov // "-") / \(.campaign.coverage.ft // "-") | \(.summary.distinct_findings) (\(.summary.new_findings)) | \(.summary.distinct_by_class.divergence) | \(.summary.distinct_by_class.panic) | \(.summary.distinct_by_class.crash) | \(.summary.distinct_by_class.timeout) | \(.summary.artifacts) | \(.summary.artifacts - .summary.artifacts_not_triaged) |"' "${runs[$i]}report.json"
done
