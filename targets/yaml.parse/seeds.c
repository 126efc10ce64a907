/*
 * Seed corpus for yaml.parse, written by our code: documents covering every
 * event kind (block and flow collections, each scalar style, anchors and
 * aliases, tags, directives, several documents per stream), plus malformed
 * ones so both reject paths are reached from the start.
 * Usage: duet_seeds_yaml_parse OUTDIR
 */
#include <stdio.h>
#include <string.h>

#include "duet/seedkit.h"

static const char *const documents[] = {
    "",
    "a\n",
    "key: value\nlist:\n  - 1\n  - two\n  - [3, four]\n",
    "- a\n- b: c\n  d: e\n- - nested\n  - seq\n",
    "{a: 1, b: [x, y], c: {d: e}}\n",
    "plain: text\nsingle: 'it''s'\ndouble: \"tab\\tnl\\n\\u00e9\\x41\"\n",
    "literal: |\n  line 1\n  line 2\nfolded: >\n  folded\n  text\n\n  para\n",
    "keep: |+\n  a\n\nstrip: |-\n  b\nindent: |2\n   c\n",
    "base: &b {x: 1}\nref: *b\nscalar: &s v\nagain: *s\n",
    "--- !!map\n? !!str key\n: !!int 1\n--- !local\nx\n...\n",
    "%YAML 1.1\n---\na: b\n",
    "%YAML 1.2\n---\na: b\n",
    "%TAG !e! tag:example.com,2000:\n---\n!e!thing x\n",
    "--- !<tag:yaml.org,2002:str> verbatim\n",
    "---\ndoc1\n---\ndoc2\n...\n---\n- doc3\n",
    "empty:\nnull: ~\n? complex\n: key\n",
    "# comment\na: b # trailing\n",
    "multi\n  line\n  plain\n",
    "\"multi\n  line\n\n  double\"\n",
    "&a a: &b b\n*a : *b\n",
    "[a, b]: c\n",
    "- !!binary aGVsbG8=\n- !!float 1.5\n- !!bool yes\n",
    ("\xef\xbb\xbf" "bom: yes\n"), /* BOM, then a mapping */
    "caf\xc3\xa9: \xe2\x82\xac\n",
    "a:\r\n  b\r\n",
    "\t\n",
    /* malformed */
    "a: b: c\n",
    "[unclosed\n",
    "{a: 1\n",
    "- a\nb: c\n",
    "*undefined\n",
    "'unterminated\n",
    "!e!x y\n",
    "%YAML 2.0\n---\na\n",
    "a: 'b\n",
    "key: @reserved\n",
    "\"\\q\"\n",
};

int main(int argc, char **argv) {
  const char *dir = duet_seed_dir(argc, argv);
  if (!dir) return 2;
  size_t n = sizeof documents / sizeof documents[0];
  if (duet_seed_write_texts(dir, documents, n, "seed-%03zu.yaml") != 0) return 1;
  printf("seeds: wrote %zu YAML streams to %s\n", n, dir);
  return 0;
}
