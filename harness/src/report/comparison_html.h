/* index.html's pieces (internal to report/): escaped text and inline SVG charts. */
#ifndef DUET_COMPARISON_HTML_H
#define DUET_COMPARISON_HTML_H

#include <stdio.h>

struct cJSON;

/* `s` as HTML text or attribute value: & < > " ' escaped, invalid UTF-8 as \xHH. */
void duet_html_text(FILE *f, const char *s);

/* Coverage (edges) over the seconds of each complete run, one line per run. */
void duet_svg_coverage(FILE *f, const struct cJSON *runs);

/* Counted findings per class and side, one bar each. */
void duet_svg_findings(FILE *f, const struct cJSON *findings);

/* Rust/C CPU-time ratio per input class with its interval, against 1. */
void duet_svg_bench(FILE *f, const struct cJSON *bench);

#endif /* DUET_COMPARISON_HTML_H */
