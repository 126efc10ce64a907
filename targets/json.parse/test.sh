# json.parse: cJSON and serde_json agree on valid documents (same canonical
# bytes) and both reject invalid ones.
. "$DUET_SOURCE_DIR/tests/cli/lib.sh"
. "$DUET_SOURCE_DIR/tests/cli/pair_lib.sh"

# agree DOC CANONICAL: both sides accept DOC and write CANONICAL's number of
# bytes; the verdict "none" means the two outputs are byte-identical.
agree() {
  printf '%s' "$1" > "$scratch/doc.json"
  agree_accept json.parse "$scratch/doc.json" "$(printf '%s' "$2" | wc -c)"
}
agree '{"b": [1, 2.5, -0, 1e300, true, null], "a": {"y": "x\ty", "x": 0.1}}' \
  '{"a":{"x":1e-1,"y":"x\u0009y"},"b":[1,2.5e0,-0,1e300,true,null]}'
agree ' [ "caf\u00e9", "\ud83d\ude00", "\"\\\/" ] ' '["café","😀","\"\\/"]'
agree '9007199254740993' '9007199254740992'
agree '-12.5E-3' '-1.25e-2'
agree '{}' '{}'

# reject DOC: both sides refuse it.
reject() {
  printf '%s' "$1" > "$scratch/bad.json"
  expect_exit 0 "both reject $1" -- "$DUET" repro json.parse "$scratch/bad.json"
  expect_text "$scratch/out" "c +alone: reject" "cJSON rejects $1"
  expect_text "$scratch/out" "rust +alone: reject" "serde_json rejects $1"
}
reject '[1,2'
reject '{"a" 1}'
reject '[1,]x'
reject 'nul'
reject '"\ud800"'
reject '.5'
: > "$scratch/empty"
agree_reject json.parse "$scratch/empty"

# A known divergence keeps its class and side (duplicate keys).
printf '{"k":1,"k":2}' > "$scratch/dup.json"
expect_exit 3 "duplicate keys diverge" -- "$DUET" repro json.parse "$scratch/dup.json"
expect_text "$scratch/out" "verdict divergence, side rust, output-mismatch" "duplicate keys: first vs last value"

# One cause, one signature (README "Causes"): inputs of one cause share it,
# different causes never do.
signature_of() { # TEXT
  printf '%s' "$1" > "$scratch/cause.json"
  "$DUET" repro json.parse "$scratch/cause.json" | sed -n 's/^signature //p'
}
expect_value "control bytes anywhere outside strings: one cause" \
  "$(signature_of $'[1\x01]') $(signature_of $'\x01[1]') $(signature_of $'{\x02"a":1}')" \
  "$(signature_of $'[\x03]') $(signature_of $'[\x03]') $(signature_of $'[\x03]')"
unfinished=$(signature_of '[1.]')
expect_value "a fraction without digits, before ']', 'e' or the end" \
  "$(signature_of '[1.e5]') $(signature_of '1.')" "$unfinished $unfinished"
causes="$unfinished $(signature_of '[01]') $(signature_of '[-.5]') $(signature_of $'\xef\xbb\xbf[1]') $(signature_of $'[\x01]')
$(signature_of '{"k":1,"k":2}') $(signature_of '["\u0000"]') $(signature_of "$(cat "$DUET_SOURCE_DIR/corpora/json.parse/regressions/float-misrounded")")"
expect_value "eight causes, eight signatures" "$(echo $causes | tr ' ' '\n' | grep -c .) $(echo $causes | tr ' ' '\n' | sort -u | grep -c .)" "8 8"
finish
