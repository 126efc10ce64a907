/* The comparison report's inline SVG charts: no script, no external font or
   image, every label escaped; readable at 1280 px and in print. */
#define _POSIX_C_SOURCE 200809L
#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "comparison_html.h"
#include "comparison_read.h"
#include "duet/text.h"

enum { W = 420, H = 150, LEFT = 56, BOTTOM = 22, TOP = 8, RIGHT = 12 };

void duet_html_text(FILE *f, const char *s) {
  size_t cap = 4 * strlen(s) + 1;
  char *safe = malloc(cap);
  if (!safe) return;
  duet_text_utf8_safe(s, safe, cap);
  for (const char *p = safe; *p; p++) {
    switch (*p) {
      case '&': fputs("&amp;", f); break;
      case '<': fputs("&lt;", f); break;
      case '>': fputs("&gt;", f); break;
      case '"': fputs("&quot;", f); break;
      case '\'': fputs("&#39;", f); break;
      default: fputc(*p, f);
    }
  }
  free(safe);
}

static void open_svg(FILE *f, const char *title) {
  fprintf(f, "<figure><svg viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\"><title>", W, H, W, H);
  duet_html_text(f, title);
  fprintf(f, "</title><rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" class=\"plot\"/>", LEFT, TOP, W - LEFT - RIGHT,
          H - TOP - BOTTOM);
}

static void close_svg(FILE *f, const char *caption) {
  fputs("</svg><figcaption>", f);
  duet_html_text(f, caption);
  fputs("</figcaption></figure>", f);
}

static double px_x(double v, double max) { return LEFT + (max > 0 ? v / max : 0) * (W - LEFT - RIGHT); }
static double px_y(double v, double max) { return H - BOTTOM - (max > 0 ? v / max : 0) * (H - TOP - BOTTOM); }

void duet_svg_coverage(FILE *f, const cJSON *runs) {
  double max_s = 0, max_cov = 0;
  const cJSON *r, *pt;
  cJSON_ArrayForEach(r, runs) cJSON_ArrayForEach(pt, cJSON_GetObjectItem(r, "coverage_over_time")) {
    double s = cJSON_GetNumberValue(cJSON_GetArrayItem(pt, 0)), c = cJSON_GetNumberValue(cJSON_GetArrayItem(pt, 2));
    max_s = s > max_s ? s : max_s;
    max_cov = c > max_cov ? c : max_cov;
  }
  if (max_cov <= 0) return;
  open_svg(f, "coverage over time");
  int k = 0;
  cJSON_ArrayForEach(r, runs) {
    fprintf(f, "<polyline class=\"series s%d\" points=\"", k++ % 4);
    cJSON_ArrayForEach(pt, cJSON_GetObjectItem(r, "coverage_over_time"))
      fprintf(f, "%.1f,%.1f ", px_x(cJSON_GetNumberValue(cJSON_GetArrayItem(pt, 0)), max_s),
              px_y(cJSON_GetNumberValue(cJSON_GetArrayItem(pt, 2)), max_cov));
    fputs("\"/>", f);
  }
  fprintf(f, "<text x=\"%d\" y=\"%d\" class=\"axis\" text-anchor=\"end\">%.0f</text>", LEFT - 4, TOP + 10, max_cov);
  fprintf(f, "<text x=\"%d\" y=\"%d\" class=\"axis\" text-anchor=\"end\">0</text>", LEFT - 4, H - BOTTOM);
  fprintf(f, "<text x=\"%d\" y=\"%d\" class=\"axis\" text-anchor=\"end\">%.0f s</text>", W - RIGHT, H - 6, max_s);
  close_svg(f, "Covered edges (libFuzzer cov, both sides together) over each complete run's seconds; one line per run.");
}

/* (class, side) pairs of the counted findings and how many each. */
struct bar {
  char label[160];
  int count;
};

static int collect_bars(const cJSON *findings, struct bar *bars, int cap) {
  int n = 0;
  const cJSON *fi;
  cJSON_ArrayForEach(fi, findings) {
    if (!cJSON_IsTrue(cJSON_GetObjectItem(fi, "counted"))) continue;
    char label[160];
    snprintf(label, sizeof label, "%s on %s", duet_json_text(fi, "class"), duet_json_text(fi, "side"));
    int i = 0;
    while (i < n && strcmp(bars[i].label, label) != 0) i++;
    if (i == n && n == cap) continue;
    if (i == n) snprintf(bars[n++].label, sizeof bars[0].label, "%s", label);
    bars[i].count++;
  }
  return n;
}

void duet_svg_findings(FILE *f, const cJSON *findings) {
  struct bar bars[12] = {0};
  int n = collect_bars(findings, bars, 12), max = 0;
  if (n == 0) return;
  for (int i = 0; i < n; i++) max = bars[i].count > max ? bars[i].count : max;
  fprintf(f, "<figure><svg viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\"><title>findings by class and "
             "side</title>", W, 20 * n + 8, W, 20 * n + 8);
  for (int i = 0; i < n; i++) {
    double width = (double)bars[i].count / max * (W - 200);
    fprintf(f, "<text x=\"0\" y=\"%d\" class=\"axis\">", 20 * i + 16);
    duet_html_text(f, bars[i].label);
    fprintf(f, "</text><rect x=\"170\" y=\"%d\" width=\"%.1f\" height=\"14\" class=\"bar\"/><text x=\"%.1f\" y=\"%d\" "
               "class=\"axis\">%d</text>", 20 * i + 4, width, 174 + width, 20 * i + 16, bars[i].count);
  }
  close_svg(f, "Distinct findings counted as evidence (reproduced 3 of 3 times), by class and side at fault.");
}

void duet_svg_bench(FILE *f, const cJSON *bench) {
  const cJSON *rows = cJSON_GetObjectItem(bench, "classes"), *r;
  int n = cJSON_GetArraySize(rows);
  if (n == 0) return;
  double max = 2;
  cJSON_ArrayForEach(r, rows) {
    double hi = cJSON_GetNumberValue(cJSON_GetArrayItem(cJSON_GetObjectItem(r, "ci"), 1));
    max = hi > max ? hi : max;
  }
  int height = 22 * n + 30;
  fprintf(f, "<figure><svg viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\"><title>Rust/C time ratio</title>",
          W, height, W, height);
  fprintf(f, "<line x1=\"%.1f\" y1=\"0\" x2=\"%.1f\" y2=\"%d\" class=\"one\"/>", 170 + 1 / max * (W - 190),
          170 + 1 / max * (W - 190), height - 14);
  int i = 0;
  cJSON_ArrayForEach(r, rows) {
    const cJSON *ci = cJSON_GetObjectItem(r, "ci");
    double lo = cJSON_GetNumberValue(cJSON_GetArrayItem(ci, 0)), hi = cJSON_GetNumberValue(cJSON_GetArrayItem(ci, 1));
    double mid = duet_json_number(r, "cpu_time_ratio"), y = 22.0 * i++ + 14;
    char label[160];
    snprintf(label, sizeof label, "%s %s", duet_json_text(r, "class"), duet_json_text(r, "candidate"));
    fprintf(f, "<text x=\"0\" y=\"%.0f\" class=\"axis\">", y + 4);
    duet_html_text(f, label);
    fprintf(f, "</text><line x1=\"%.1f\" y1=\"%.0f\" x2=\"%.1f\" y2=\"%.0f\" class=\"ci%s\"/><circle cx=\"%.1f\" "
               "cy=\"%.0f\" r=\"4\" class=\"dot\"/>", 170 + lo / max * (W - 190), y, 170 + hi / max * (W - 190), y,
            cJSON_IsTrue(cJSON_GetObjectItem(r, "noisy")) ? " noisy" : "", 170 + mid / max * (W - 190), y);
  }
  fprintf(f, "<text x=\"170\" y=\"%d\" class=\"axis\">0</text><text x=\"%d\" y=\"%d\" class=\"axis\" "
             "text-anchor=\"end\">%.1f</text>", height - 2, W - 20, height - 2, max);
  const char *timed = duet_json_text(cJSON_GetArrayItem(rows, 0), "timed");
  close_svg(f, strcmp(timed, "native") == 0
                   ? "Rust/C time ratio per input class with its interval (left of the line at 1: Rust faster; "
                     "dashed: flagged as noisy); timed: the libraries' native calls."
                   : "Rust/C time ratio per input class with its interval (left of the line at 1: Rust faster; "
                     "dashed: flagged as noisy); timed: the contract call, the adapter's canonical output included.");
}
