# yaml.parse: libyaml and yaml-rust agree on the YAML both versions share
# (same canonical event stream, README.md) and both reject malformed
# streams; a known 1.1-vs-1.2 divergence keeps its side and kind.
. "$DUET_SOURCE_DIR/tests/cli/lib.sh"
. "$DUET_SOURCE_DIR/tests/cli/pair_lib.sh"
t=yaml.parse

# Expected lengths follow README.md's format: "+STR\n-STR\n" = 10.
: > "$scratch/empty.yaml"
agree_accept $t "$scratch/empty.yaml" 10
# +STR +DOC +MAP =VAL :a =VAL :b -MAP -DOC -STR
agree_accept $t "$(text_file map.yaml 'a: b\n')" 46
# +STR +DOC +SEQ =VAL :1 +SEQ =VAL :x =VAL :y -SEQ -SEQ -DOC -STR
agree_accept $t "$(text_file seq.yaml '- 1\n- [x, y]\n')" 64
# ... =VAL &1 :1 ... =ALI *1 ...: anchors numbered in order of definition
agree_accept $t "$(text_file alias.yaml '{a: &x 1, b: *x}\n')" 65
# ... =VAL 'q ... =VAL "e\n ...: quoted styles, escapes decoded then re-escaped
agree_accept $t "$(text_file quoted.yaml "s: 'q'\\nd: \"e\\\\n\"\\n")" 64
# ... =VAL |t\n ...
agree_accept $t "$(text_file literal.yaml 'l: |\n  t\n')" 48
# two documents, =VAL <tag:yaml.org,2002:str> :v and =VAL <!local> :w
agree_accept $t "$(text_file tags.yaml '--- !!str v\n--- !local w\n')" 79
# ... =VAL :k =VAL :~ ...: an empty value is the null "~" on both sides
agree_accept $t "$(text_file empty-value.yaml 'k:\n')" 46

agree_reject $t "$(text_file nested-value.yaml 'a: b: c\n')"
agree_reject $t "$(text_file unclosed-flow.yaml '[unclosed\n')"
agree_reject $t "$(text_file unknown-alias.yaml '*undefined\n')"
agree_reject $t "$(text_file unterminated.yaml "'open\n")"
agree_reject $t "$(text_file bad-escape.yaml '"\\q"\n')"
agree_reject $t "$(text_file bad-indent.yaml '- a\nb: c\n')"

# A known 1.1-vs-1.2 divergence (README): an empty implicit key.
expect_exit 3 "empty key diverges" -- "$DUET" repro $t "$DUET_SOURCE_DIR/corpora/yaml.parse/regressions/empty-implicit-key.yaml"
expect_text "$scratch/out" "divergence, side rust, only-candidate-accepts" "yaml-rust is the side that accepts"
# One cause, one signature (README "Causes"): committed inputs of different
# causes that once shared a signature are told apart.
regressions="$DUET_SOURCE_DIR/corpora/yaml.parse/regressions"
sigs=$(for f in tab-line block-indicator-in-flow yaml-2.0 yaml-1.0 utf8-bom line-separator question-before-flow-indicator; do
  "$DUET" repro yaml.parse "$regressions/$f.yaml" | sed -n 's/^signature //p'
done)
expect_value "seven causes, seven signatures" "$(echo "$sigs" | grep -c .) $(echo "$sigs" | sort -u | grep -c .)" "7 7"
# A 1.1 line break (NEL, LS, PS) or a lone CR is one cause wherever either
# parser then stops: committed inputs with seven libyaml messages, seven
# yaml-rust messages and two libyaml messages give one signature per group
# (one per side that rejects), and the three groups differ.
group_sigs() {
  for f in "$@"; do "$DUET" repro yaml.parse "$regressions/$f" | sed -n 's/^signature //p'; done | sort -u
}
c_breaks=$(group_sigs 7fc48ac02579d0bd 9ea4a3ebe55ec36f abdb2972644c9bdf c662044635e354d1 d595b823247e26cb 3611561bb987eee1 d00b0ba4f00e4803)
rust_breaks=$(group_sigs cf9e82be1840ff6c 2fbc06fe60383c57 37aacb78f3cc225f c6e9a4f41b253058 c9edf5f029605f4c 86a0867ab4636297 line-separator-in-mapping.yaml)
lone_cr=$(group_sigs 78776dd0dd3e635c 94eb4bfc9b8ecae9)
expect_value "1.1 line break, libyaml rejects: one signature" "$(echo "$c_breaks" | grep -c .)" "1"
expect_value "1.1 line break, yaml-rust rejects: one signature" "$(echo "$rust_breaks" | grep -c .)" "1"
expect_value "lone CR: one signature" "$(echo "$lone_cr" | grep -c .)" "1"
expect_value "three causes, three signatures" "$(printf '%s\n%s\n%s\n' "$c_breaks" "$rust_breaks" "$lone_cr" | sort -u | grep -c .)" "3"
finish
