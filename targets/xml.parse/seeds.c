/*
 * Seed corpus for xml.parse, written by our code: well-formed documents
 * covering each event kind (elements, attributes, namespaces, text with
 * references and CDATA, comments, PIs, declarations, a DOCTYPE), plus a few
 * malformed ones so both reject paths are reached from the start.
 * Usage: duet_seeds_xml_parse OUTDIR
 */
#include <stdio.h>
#include <string.h>

#include "duet/seedkit.h"

static const char *const documents[] = {
    "<a/>",
    "<?xml version=\"1.0\"?>\n<root>text</root>\n",
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><r a=\"1\" b='2'/>",
    "<r><c1>one</c1><c2 x=\"&lt;&amp;&gt;&quot;&apos;\">two &#65;&#x42; three</c2></r>",
    "<r xmlns=\"urn:d\" xmlns:p=\"urn:p\"><p:e p:a=\"v\" a=\"w\"><e xmlns=\"\"/></p:e></r>",
    "<r xml:lang=\"en\" xml:space=\"preserve\">  spaced\t text  </r>",
    "<r><![CDATA[<not markup> & ]]>after</r>",
    "<!-- leading --><r><!-- inside --><?pi some data?><?target?></r><!-- trailing -->",
    "<r>\r\nline1\rline2\n</r>",
    "<r a=\"line&#10;break\" b=\"tab&#9;\" c=\" x\ty\n\"/>",
    "<r>caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80</r>",
    "\xef\xbb\xbf<r>bom</r>",
    "<!DOCTYPE r><r/>",
    "<!DOCTYPE r [<!ENTITY e \"entity text\">]><r>&e;</r>",
    "<!DOCTYPE r SYSTEM \"r.dtd\"><r/>",
    "<!DOCTYPE r [<!ATTLIST r d CDATA \"dflt\">]><r/>",
    "<a><b><c><d><e><f/></e></d></c></b></a>",
    "<r><x/><x/><x>1</x>2<x/>3</r>",
    "<?xml version=\"1.1\"?><r/>",
    "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><r>\xe9</r>",
    /* malformed */
    "",
    "<r>",
    "<r></s>",
    "<r a=\"1\" a=\"2\"/>",
    "<p:r/>",
    "<r>&undefined;</r>",
    "<r/><r/>",
    "text<r/>",
    "<r><!-- a -- b --></r>",
    "<r>&#0;</r>",
    "<r>\x01</r>",
    "<?xml version=\"1.0\"?><?xml version=\"1.0\"?><r/>",
};

int main(int argc, char **argv) {
  const char *dir = duet_seed_dir(argc, argv);
  if (!dir) return 2;
  size_t n = sizeof documents / sizeof documents[0];
  if (duet_seed_write_texts(dir, documents, n, "seed-%03zu.xml") != 0) return 1;
  printf("seeds: wrote %zu XML documents to %s\n", n, dir);
  return 0;
}
