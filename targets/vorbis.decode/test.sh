# vorbis.decode: libvorbis and lewton agree, within the pair's tolerance, on
# streams written by libvorbis's own encoder (the build's seeds) and both
# reject what is not Vorbis; the known divergence keeps its side and cause;
# a planted difference beyond the tolerance is found by `duet repro` and by
# a campaign, and one within it is not (README.md).
. "$DUET_SOURCE_DIR/tests/cli/lib.sh"
. "$DUET_SOURCE_DIR/tests/cli/pair_lib.sh"
t=vorbis.decode
seeds="$(dirname "$DUET")/../../seeds/vorbis.decode"

expect_exit 0 "duet list runs" -- "$DUET" list
expect_text "$scratch/out" "outputs compared within a tolerance: f32le samples, each within 3.05176e-05" \
  "duet list says how vorbis.decode compares"

# Lengths follow README.md: "vorbis channels C rate R\n" + 4 bytes per sample.
# mono 8 kHz, 1600 frames: 28 + 6400
agree_accept $t "$seeds/paged-mono-8k-q0.ogg" 6428
# stereo 44.1 kHz, 8820 frames: 29 + 70560
agree_accept $t "$seeds/paged-stereo-44k-q5.ogg" 70589
# 6 channels 22.05 kHz, 2205 frames: 29 + 52920
agree_accept $t "$seeds/paged-surround-6ch-22k.ogg" 52949

# They agree within the tolerance, not byte for byte: the samples were
# compared one by one and some differ in their last bits.
"$DUET" repro $t "$seeds/paged-stereo-44k-q5.ogg" --json > "$scratch/json"
differing=$(jq '.sides[1].samples.differing' "$scratch/json")
max=$(jq '.sides[1].samples.max_difference' "$scratch/json")
expect_value "all 17640 samples compared" "$(jq '.sides[1].samples.count' "$scratch/json")" 17640
expect_true "some samples differ ($differing)" -- test "$differing" -gt 0
expect_true "by less than one 16-bit step ($max)" -- jq -e '.sides[1].samples.max_difference < 1/32768' "$scratch/json"
expect_true "so the hashes differ" -- jq -e '.sides[0].output_xxh3 != .sides[1].output_xxh3' "$scratch/json"

: > "$scratch/empty.ogg"
agree_reject $t "$scratch/empty.ogg"
agree_reject $t "$(text_file capture-only.ogg 'OggS')"
agree_reject $t "$(text_file not-ogg.ogg 'RIFF\000\000\000\000WAVEfmt ')"
# the first page of a seed alone: the identification header, no setup header
head -c 58 "$seeds/paged-mono-8k-q0.ogg" > "$scratch/ident-only.ogg"
agree_reject $t "$scratch/ident-only.ogg"

# The known divergence (README "Findings"): audio on one page, lewton does
# not cut the last packet to the granule position. Same samples otherwise.
expect_exit 3 "one-page stream diverges" -- "$DUET" repro $t "$seeds/mono-8k-q0.ogg"
expect_text "$scratch/out" "divergence, side rust, output-mismatch: .*more samples in the candidate: c 6428 bytes, rust 7196 bytes" \
  "lewton returns more samples, and no other cause"
expect_text "$scratch/out" "max sample difference [0-9.e-]+, .* of 1600 samples differ$" "the 1600 common samples are within tolerance"

# Planted (rust/src/lib.rs): 0.001 added to one sample per packet is beyond
# one 16-bit step (3.05e-5); 1e-5 is within it.
DUET_VORBIS_PLANTED_OFFSET=0.001 expect_exit 3 "a planted 0.001 is found" -- "$DUET" repro $t "$seeds/paged-mono-8k-q0.ogg"
expect_text "$scratch/out" "output-mismatch: both accept; outputs differ, a sample differs beyond tolerance" "its cause"
expect_text "$scratch/out" "max sample difference 0.001" "by how much"
expect_text "$scratch/out" "first beyond tolerance at sample [0-9]+" "and where"
DUET_VORBIS_PLANTED_OFFSET=0.00001 expect_exit 0 "a planted 1e-5 is within tolerance" -- "$DUET" repro $t "$seeds/paged-mono-8k-q0.ogg"

# A short campaign on the planted side finds it as a new finding of its own
# cause (the offset is in every packet, so it outranks the known one).
DUET_VORBIS_PLANTED_OFFSET=0.001 "$DUET" fuzz $t --time 40 --triage-time 30 --minimize-time 2 \
  --reports "$scratch/r" --corpus "$scratch/c" > "$scratch/fuzz.out" 2>&1
report=$(ls "$scratch"/r/*/report.json)
expect_true "the campaign wrote a report" -- test -f "$report"
expect_exit 0 "report.json is valid" -- "$CHECK_REPORT" "$report"
expect_true "report.json follows its schema" -- /usr/bin/python3 "$DUET_SOURCE_DIR/tests/report/validate_schema.py" \
  "$DUET_SOURCE_DIR/reports/schema/report.schema.json" "$report"
expect_value "report.json says how outputs were compared" "$(jq -r '.comparison | "\(.kind) \(.sample_format)"' "$report")" \
  "tolerance f32le"
expect_text "$(dirname "$report")/report.md" "Outputs are compared within a tolerance, not byte for byte: f32le samples" \
  "and so does report.md"
# The comparison report says it too.
"$DUET" report --reports "$scratch/r" --id cmp > /dev/null 2>&1
expect_text "$scratch/r/cmp/report.md" "Outputs compared within a tolerance, not byte for byte: f32le samples" \
  "the comparison report says how the pair compares"
expect_true "the comparison report follows its schema" -- /usr/bin/python3 "$DUET_SOURCE_DIR/tests/report/validate_schema.py" \
  "$DUET_SOURCE_DIR/reports/schema/comparison.schema.json" "$scratch/r/cmp/report.json"
planted=$(jq -r '[.findings[] | select(.kind == "output-mismatch" and (.detail | test("beyond tolerance")))] | length' "$report")
expect_true "the planted difference is a finding ($planted)" -- test "$planted" -ge 1
finish
