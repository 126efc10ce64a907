# xml.parse: expat and xml-rs agree on well-formed documents (same canonical
# event stream, README.md) and both reject malformed ones; a known
# divergence keeps its side and kind.
. "$DUET_SOURCE_DIR/tests/cli/lib.sh"
. "$DUET_SOURCE_DIR/tests/cli/pair_lib.sh"
t=xml.parse

# Expected lengths follow README.md's format, e.g. "start a\nend a\n" = 14.
agree_accept $t "$(text_file empty-element.xml '<a/>')" 14
# start root / text text / end root
agree_accept $t "$(text_file decl-and-text.xml '<?xml version="1.0"?><root>text</root>')" 30
# start r / attr a 1 / attr b 2 / end r: attributes sorted by name
agree_accept $t "$(text_file attributes.xml '<r b="2" a="1"></r>')" 32
# start {urn:d}r / start {urn:p}e / attr {urn:p}a v / end {urn:p}e / end {urn:d}r
agree_accept $t "$(text_file namespaces.xml '<r xmlns="urn:d" xmlns:p="urn:p"><p:e p:a="v"/></r>')" 72
# start r / text <&>x y / end r: references and CDATA coalesce into one text
agree_accept $t "$(text_file coalesced.xml '<r>&lt;&amp;&gt;<![CDATA[x]]> y</r>')" 26
# comment c / start r / pi t d / text x / end r / comment e
agree_accept $t "$(text_file comment-pi.xml '<!--c--><r><?t d?>x</r><!--e-->')" 48

: > "$scratch/empty.xml"
agree_reject $t "$scratch/empty.xml"
agree_reject $t "$(text_file unclosed.xml '<r>')"
agree_reject $t "$(text_file mismatched.xml '<r></s>')"
agree_reject $t "$(text_file duplicate-attribute.xml '<r a="1" a="2"/>')"
agree_reject $t "$(text_file unbound-prefix.xml '<p:r/>')"
agree_reject $t "$(text_file undefined-entity.xml '<r>&nope;</r>')"
agree_reject $t "$(text_file nul-reference.xml '<r>&#0;</r>')"

# A known divergence (README): xml-rs accepts a second root element.
expect_exit 3 "two roots diverge" -- "$DUET" repro $t "$DUET_SOURCE_DIR/corpora/xml.parse/regressions/two-root-elements.xml"
expect_text "$scratch/out" "divergence, side rust, only-candidate-accepts" "xml-rs is the side that accepts"
# One cause, one signature (README "Causes"): committed causes that once
# shared two signatures are told apart.
regressions="$DUET_SOURCE_DIR/corpora/xml.parse/regressions"
sigs=$(for f in attrs-without-space charref-after-root comment-contains-open control-char-in-text entity-ref-before-root \
  name-char-5th-edition pi-without-target semicolon-after-root unquoted-attr-value attr-whitespace attlist-default \
  crlf-in-text pi-data-whitespace; do
  "$DUET" repro xml.parse "$regressions/$f.xml" | sed -n 's/^signature //p'
done)
expect_value "thirteen causes, thirteen signatures" "$(echo "$sigs" | grep -c .) $(echo "$sigs" | sort -u | grep -c .)" "13 13"
# A control byte is one cause wherever expat meets it (in the root's text,
# in a comment before the root, in a comment inside the root after '<').
controls=$(for f in "$regressions/control-char-in-text.xml" "$(text_file nul-in-comment.xml '<!-- l%%\000 --><r/>')" \
  "$(text_file control-after-lt.xml '<r><!-- a <\005 --></r>')"; do
  "$DUET" repro xml.parse "$f" | sed -n 's/^signature //p'
done | sort -u)
expect_value "control bytes in three places: one signature" "$(echo "$controls" | grep -c .)" "1"
# xml-rs's two 'Unexpected token' errors are two causes: its lexer refusing
# the byte after '<' (UTF-16LE without a BOM) and '?>' in text.
utf16=$("$DUET" repro xml.parse "$regressions/aceb93a781d18c65" | sed -n 's/^signature //p')
"$DUET" repro xml.parse "$(text_file pi-end-in-text.xml '<r>9?pi data?></r>')" > "$scratch/pi-end.out"
pi_end=$(sed -n 's/^signature //p' "$scratch/pi-end.out")
expect_text "$scratch/pi-end.out" "unexpected token: '\\?>' where text goes" "'?>' in text is named"
expect_value "UTF-16LE without BOM and '?>' in text: two signatures" "$([ -n "$utf16" ] && [ -n "$pi_end" ] && [ "$utf16" != "$pi_end" ] && echo differ)" "differ"
finish
