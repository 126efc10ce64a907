/* index.html of the comparison report: one self-contained page (inline CSS
   and SVG, no script, nothing fetched), verdicts first, then a card per
   pair, the ground truth and every finding. Every value is escaped. */
#define _POSIX_C_SOURCE 200809L
#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "comparison_html.h"
#include "comparison_read.h"
#include "duet/comparison.h"

static const char style[] =
    "body{font:15px/1.45 system-ui,sans-serif;max-width:1200px;margin:1.5em auto;padding:0 1em;color:#1d1d1f}"
    "table{border-collapse:collapse;width:100%;margin:.6em 0}th,td{border:1px solid #ccd;padding:.3em .5em;"
    "vertical-align:top;text-align:left}th{background:#f2f3f7}code,pre{font:13px ui-monospace,monospace;"
    "white-space:pre-wrap;word-break:break-all}.v{font-weight:600;padding:.1em .45em;border-radius:4px;"
    "white-space:nowrap}.supported{background:#d8f5dd}.refuted{background:#fbdada}.inconclusive{background:#fdf1cc}"
    ".not-measured{background:#e7e7ec}.card{border:1px solid #ccd;border-radius:8px;padding:.6em 1em;margin:1em 0;"
    "break-inside:avoid}.charts{display:flex;flex-wrap:wrap;gap:1em}figure{margin:0}figcaption{font-size:12px;"
    "color:#555;max-width:420px}.plot{fill:#fafafc;stroke:#ccd}.series{fill:none;stroke-width:1.6}.s0{stroke:#2458c6}"
    ".s1{stroke:#c6245e}.s2{stroke:#2a9d4b}.s3{stroke:#a66a00}.bar{fill:#2458c6}.axis{font-size:11px;fill:#333}"
    ".ci{stroke:#2458c6;stroke-width:3}.ci.noisy{stroke-dasharray:4 3;stroke:#a66a00}.dot{fill:#1d1d1f}"
    ".one{stroke:#888;stroke-dasharray:2 2}.chips{display:flex;flex-wrap:wrap;gap:.2em .8em;margin:.3em 0;"
    "font-size:13px}@media print{body{max-width:none}.card{page-break-inside:avoid}}";

static void text(FILE *f, const cJSON *o, const char *key) { duet_html_text(f, duet_json_text(o, key)); }

/* Markup, then a value of `o` as text. */
static void put(FILE *f, const char *markup, const cJSON *o, const char *key) {
  fputs(markup, f);
  text(f, o, key);
}

static void verdict(FILE *f, const char *v) {
  fputs("<span class=\"v ", f);
  fputs(strcmp(v, "supported") == 0 ? "supported" : strcmp(v, "refuted") == 0 ? "refuted"
        : strcmp(v, "inconclusive") == 0 ? "inconclusive" : "not-measured", f);
  fputs("\">", f);
  duet_html_text(f, v);
  fputs("</span>", f);
}

static void list(FILE *f, const char *label, const cJSON *items) {
  if (cJSON_GetArraySize(items) == 0) return;
  fprintf(f, "<div>%s: ", label);
  const cJSON *i;
  int k = 0;
  cJSON_ArrayForEach(i, items) {
    if (!cJSON_IsString(i)) continue;
    fputs(k++ ? ", <code>" : "<code>", f);
    duet_html_text(f, i->valuestring);
    fputs("</code>", f);
  }
  fputs("</div>", f);
}

static void claims_table(FILE *f, const cJSON *claims, const char *id) {
  fprintf(f, "<table%s%s%s><thead><tr><th>claim</th><th>verdict</th><th>evidence</th><th>rule</th></tr></thead><tbody>",
          id ? " id=\"" : "", id ? id : "", id ? "\"" : "");
  const cJSON *c, *p;
  cJSON_ArrayForEach(c, claims) {
    fputs("<tr><td><b>", f);
    text(f, c, "id");
    fputs("</b> ", f);
    text(f, c, "claim");
    fputs("</td><td>", f);
    verdict(f, duet_json_text(c, "verdict"));
    fputs("</td><td>", f);
    text(f, c, "evidence");
    if (cJSON_GetArraySize(cJSON_GetObjectItem(c, "pairs"))) fputs("<div class=\"chips\">", f);
    cJSON_ArrayForEach(p, cJSON_GetObjectItem(c, "pairs")) {
      fputs("<span><a href=\"#pair-", f);
      text(f, p, "target");
      fputs("\">", f);
      text(f, p, "target");
      fputs("</a> ", f);
      verdict(f, duet_json_text(p, "verdict"));
      fputs("</span>", f);
    }
    if (cJSON_GetArraySize(cJSON_GetObjectItem(c, "pairs"))) fputs("</div>", f);
    list(f, "runs", cJSON_GetObjectItem(c, "runs"));
    list(f, "signatures", cJSON_GetObjectItem(c, "signatures"));
    fputs("</td><td>", f);
    text(f, c, "rule");
    fputs("</td></tr>", f);
  }
  fputs("</tbody></table>", f);
}

static void finding(FILE *f, const cJSON *fi) {
  put(f, "<tr><td><code>", fi, "signature");
  put(f, "</code></td><td>", fi, "class");
  put(f, "<br>", fi, "kind");
  put(f, "</td><td>", fi, "side");
  put(f, "</td><td>", fi, "detail");
  if (*duet_json_text(fi, "known")) put(f, "<br><i>known:</i> ", fi, "known");
  fputs("<pre>", f);
  const cJSON *frame;
  cJSON_ArrayForEach(frame, cJSON_GetObjectItem(fi, "frames")) {
    if (cJSON_IsString(frame)) duet_html_text(f, frame->valuestring);
    fputc('\n', f);
  }
  put(f, "</pre></td><td><pre>", fi, "input_preview");
  if (*duet_json_text(fi, "output_difference")) put(f, "\n\noutputs differ ", fi, "output_difference");
  fprintf(f, "</pre></td><td>%s</td><td><code>", cJSON_IsTrue(cJSON_GetObjectItem(fi, "counted")) ? "yes" : "<b>no</b> (not reliable)");
  text(f, fi, "repro");
  fputs("</code></td></tr>", f);
}

static void findings_table(FILE *f, const cJSON *pair) {
  const cJSON *fi, *findings = cJSON_GetObjectItem(pair, "findings");
  if (cJSON_GetArraySize(findings) == 0) {
    fputs("<p>No stored finding.</p>", f);
    return;
  }
  fputs("<table><thead><tr><th>signature</th><th>class</th><th>side</th><th>detail and top frames</th>"
        "<th>minimised input</th><th>counted</th><th>repro (from this folder)</th></tr></thead><tbody>", f);
  cJSON_ArrayForEach(fi, findings) finding(f, fi);
  fputs("</tbody></table>", f);
}

static void pair_card(FILE *f, const cJSON *p) {
  put(f, "<article class=\"card\" id=\"pair-", p, "target");
  put(f, "\"><h3>", p, "target");
  fputs("</h3><p>", f);
  const cJSON *s;
  cJSON_ArrayForEach(s, cJSON_GetObjectItem(p, "sides")) {
    put(f, "<b>", s, "side");
    put(f, "</b> ", s, "library");
    put(f, " ", s, "version");
    fputs(" · ", f);
  }
  fprintf(f, "%d complete run(s), %d unfinished (not counted), %.0f executions, %.0f CPU s</p>",
          cJSON_GetArraySize(cJSON_GetObjectItem(p, "runs")), cJSON_GetArraySize(cJSON_GetObjectItem(p, "unfinished")),
          duet_json_number(p, "executions"), duet_json_number(p, "cpu_seconds"));
  const cJSON *tolerance = cJSON_GetObjectItem(p, "comparison");
  if (tolerance) {
    put(f, "<p>Outputs compared within a tolerance, not byte for byte: ", tolerance, "summary");
    fputs(".</p>", f);
  }
  if (cJSON_GetObjectItem(p, "claims")) claims_table(f, cJSON_GetObjectItem(p, "claims"), NULL);
  fputs("<div class=\"charts\">", f);
  duet_svg_findings(f, cJSON_GetObjectItem(p, "findings"));
  duet_svg_bench(f, cJSON_GetObjectItem(p, "bench"));
  duet_svg_coverage(f, cJSON_GetObjectItem(p, "runs"));
  fputs("</div>", f);
  findings_table(f, p);
  duet_comparison_programs_html(f, p);
  duet_comparison_stress_html(f, p);
  duet_comparison_coverage_html(f, p);
  fputs("</article>", f);
}

static void ground_truth(FILE *f, const cJSON *gt) {
  fputs("<section id=\"ground-truth\"><h2>Ground truth: the detector, not a rewrite</h2><p>", f);
  text(f, gt, "note");
  fputs(".</p>", f);
  const cJSON *v = cJSON_GetObjectItem(gt, "validate"), *r;
  if (!v) {
    fputs("<p>", f);
    text(f, gt, "validate_missing");
    fputs(".</p>", f);
  } else {
    fputs("<p>From <code>", f);
    text(f, v, "file");
    fprintf(f, "</code>: %.0f trial(s) of %.0f s per component.</p><table id=\"detection-table\"><thead><tr><th>bug "
               "class</th><th>side</th><th>bugs</th><th>detected / trials</th><th>attributed</th></tr></thead><tbody>",
            duet_json_number(v, "trials"), duet_json_number(v, "seconds_per_campaign"));
    cJSON_ArrayForEach(r, cJSON_GetObjectItem(v, "detection_by_class_and_side")) {
      fputs("<tr><td>", f);
      text(f, r, "class");
      fputs("</td><td>", f);
      text(f, r, "side");
      fprintf(f, "</td><td>%.0f</td><td>%.0f / %.0f</td><td>%.0f</td></tr>", duet_json_number(r, "bugs"),
              duet_json_number(r, "detected"), duet_json_number(r, "trials"), duet_json_number(r, "attributed"));
    }
    fputs("</tbody></table>", f);
  }
  cJSON_ArrayForEach(r, cJSON_GetObjectItem(gt, "components")) pair_card(f, r);
  fputs("</section>", f);
}

static void real_cves(FILE *f, const cJSON *cves) {
  fputs("<section id=\"real-cves\"><h2>Real CVEs on unpatched builds (claim C1 on real code)</h2><p>", f);
  text(f, cves, "note");
  fputs(".</p><p>", f);
  if (!cJSON_GetObjectItem(cves, "file")) {
    text(f, cves, "missing");
    fputs(".</p></section>", f);
    return;
  }
  fputs("From <code>", f);
  text(f, cves, "file");
  fprintf(f, "</code>, %.0f s of campaign per pair. Memory-safety: ", duet_json_number(cves, "seconds_per_pair"));
  text(f, cJSON_GetObjectItem(cves, "memory_safety"), "text");
  fputs(". Behavioural: ", f);
  text(f, cJSON_GetObjectItem(cves, "behavioural"), "text");
  fputs(".</p><table id=\"cve-table\"><thead><tr><th>pair</th><th>campaign</th><th>memory-safety CVEs</th>"
        "<th>behavioural CVEs</th></tr></thead><tbody>", f);
  const cJSON *p;
  cJSON_ArrayForEach(p, cJSON_GetObjectItem(cves, "pairs")) {
    put(f, "<tr><td>", p, "pair");
    put(f, "</td><td>", p, "status");
    put(f, "</td><td>", cJSON_GetObjectItem(p, "memory_safety"), "text");
    put(f, "</td><td>", cJSON_GetObjectItem(p, "behavioural"), "text");
    fputs("</td></tr>", f);
  }
  fputs("</tbody></table></section>", f);
}

char *duet_comparison_html(const cJSON *report) {
  char *out = NULL;
  size_t size = 0;
  FILE *f = open_memstream(&out, &size);
  if (!f) return NULL;
  const cJSON *rules = cJSON_GetObjectItem(report, "evidence_rules"), *p;
  fprintf(f, "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
             "content=\"width=device-width\"><meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
             "style-src 'unsafe-inline'; img-src data:\"><title>duet comparison report</title><style>%s</style></head>"
             "<body><h1>duet: C and Rust compared</h1><p>Generated ", style);
  text(f, report, "generated_at");
  fputs(" by duet ", f);
  text(f, cJSON_GetObjectItem(report, "tool"), "version");
  fputs(". Counted: ", f);
  text(f, rules, "counted");
  fputs(". Not counted: ", f);
  text(f, rules, "not_counted");
  fprintf(f, ". Absence needs at least %.0f executions and %.0f CPU seconds per pair (", duet_json_number(rules, "min_executions"),
          duet_json_number(rules, "min_cpu_seconds"));
  text(f, rules, "document");
  fputs(").</p><section id=\"verdicts\"><h2>Verdicts</h2>", f);
  claims_table(f, cJSON_GetObjectItem(report, "claims"), "verdict-table");
  fputs("</section><section id=\"pairs\"><h2>Pairs</h2>", f);
  cJSON_ArrayForEach(p, cJSON_GetObjectItem(report, "pairs")) pair_card(f, p);
  fputs("</section>", f);
  real_cves(f, cJSON_GetObjectItem(report, "real_cves"));
  ground_truth(f, cJSON_GetObjectItem(report, "ground_truth"));
  fputs("</body></html>\n", f);
  return fclose(f) == 0 ? out : (free(out), NULL);
}
