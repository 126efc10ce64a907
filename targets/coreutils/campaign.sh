#!/usr/bin/env bash
# A campaign of one utility of the coreutils pair: inputs naming another are
# refused alike (DUET_COREUTILS_UTILITY) and libFuzzer gets that utility's
# dictionary only (the build's dicts/coreutils/UTILITY.dict).
#   campaign.sh DUET UTILITY [duet fuzz options...]
# e.g. campaign.sh build/dev/harness/cli/duet sort --time 600 --jobs 1
set -euo pipefail
[ $# -ge 2 ] || { echo "usage: campaign.sh DUET UTILITY [duet fuzz options...]" >&2; exit 2; }
duet=$1 utility=$2
shift 2
dict=$(cd "$(dirname "$(realpath "$duet")")/../.." && pwd)/dicts/coreutils/$utility.dict
[ -r "$dict" ] || { echo "campaign.sh: no dictionary $dict: is $utility a line of utilities.def, and the build done?" >&2; exit 2; }
DUET_COREUTILS_UTILITY=$utility exec "$duet" fuzz coreutils "$@" -- "-dict=$dict"
