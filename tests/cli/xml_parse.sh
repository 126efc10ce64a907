# xml.parse: expat and xml-rs agree on well-formed documents (same canonical
# event stream) and both reject malformed ones; a known divergence is seen.
. "$(dirname "$0")/lib.sh"

# agree_accept NAME LEN CONTENT: both sides accept with LEN bytes of output.
agree_accept() {
  printf '%s' "$3" > "$scratch/$1.xml"
  expect_exit 0 "$1 agrees" -- "$DUET" repro xml.parse "$scratch/$1.xml"
  expect_text "$scratch/out" "c +alone: accept +len $2 " "$1: expat accepts, $2 bytes"
  expect_text "$scratch/out" "rust +alone: accept +len $2 " "$1: xml-rs accepts, $2 bytes"
  expect_text "$scratch/out" "verdict none" "$1: no finding"
}

# agree_reject NAME CONTENT: both sides reject.
agree_reject() {
  printf '%s' "$2" > "$scratch/$1.xml"
  expect_exit 0 "$1 agrees" -- "$DUET" repro xml.parse "$scratch/$1.xml"
  expect_text "$scratch/out" "c +alone: reject" "$1: expat rejects"
  expect_text "$scratch/out" "rust +alone: reject" "$1: xml-rs rejects"
}

# Lengths follow README.md's format: "start a\nend a\n" is 14 bytes.
agree_accept empty-element 14 '<a/>'
# start root / text text / end root
agree_accept decl-and-text 30 '<?xml version="1.0"?><root>text</root>'
# start r / attr a 1 / attr b 2 / end r: attributes sorted by name.
agree_accept attributes 32 '<r b="2" a="1"></r>'
# start {urn:d}r / start {urn:p}e / attr {urn:p}a v / end {urn:p}e / end {urn:d}r
agree_accept namespaces 72 '<r xmlns="urn:d" xmlns:p="urn:p"><p:e p:a="v"/></r>'
# start r / text <&>x y / end r: references and CDATA coalesce into one text
agree_accept coalesced-text 26 '<r>&lt;&amp;&gt;<![CDATA[x]]> y</r>'
# comment c / start r / pi t d / text x / end r / comment e
agree_accept comment-and-pi 48 '<!--c--><r><?t d?>x</r><!--e-->'

agree_reject empty ''
agree_reject unclosed '<r>'
agree_reject mismatched '<r></s>'
agree_reject duplicate-attribute '<r a="1" a="2"/>'
agree_reject unbound-prefix '<p:r/>'
agree_reject undefined-entity '<r>&nope;</r>'
agree_reject nul-reference '<r>&#0;</r>'

# A known divergence (README): xml-rs accepts a second root element.
expect_exit 3 "two roots diverge" -- "$DUET" repro xml.parse "$DUET_SOURCE_DIR/corpora/xml.parse/regressions/two-root-elements.xml"
expect_text "$scratch/out" "divergence, side rust, only-candidate-accepts" "xml-rs is the side that accepts"
finish
