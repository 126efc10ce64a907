/* report.md: the reviewer's view of one campaign. */
#define _POSIX_C_SOURCE 200809L
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "duet/build_info.h"
#include "duet/engine.h"
#include "duet/registry.h"
#include "duet/claims.h"
#include "duet/text.h"

struct text {
  char *buf;
  size_t len, cap;
  bool failed;
};

__attribute__((format(printf, 2, 3))) static void add(struct text *t, const char *fmt, ...) {
  if (t->failed) return;
  for (;;) {
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(t->buf ? t->buf + t->len : NULL, t->buf ? t->cap - t->len : 0, fmt, ap);
    va_end(ap);
    if (n < 0) {
      t->failed = true;
      return;
    }
    if (t->buf && (size_t)n < t->cap - t->len) {
      t->len += (size_t)n;
      return;
    }
    size_t cap = (t->cap ? t->cap * 2 : 8192) + (size_t)n;
    char *grown = realloc(t->buf, cap);
    if (!grown) {
      t->failed = true;
      return;
    }
    t->buf = grown;
    t->cap = cap;
  }
}

static void sides_section(struct text *t, const struct duet_report *r) {
  const struct duet_build_info *b = &duet_build_info;
  add(t, "## Sides\n\n| side | role | library | API | sanitized | flags |\n|---|---|---|---|---|---|\n");
  for (size_t i = 0; i <= duet_target_candidate_count(r->target); i++) {
    const struct duet_impl *impl = i == 0 ? r->target->reference : r->target->candidates[i - 1];
    bool rust = impl->language == DUET_LANG_RUST;
    bool sanitized = duet_impl_sanitized(impl);
    add(t, "| %s | %s | %s %s | `%s` | %s | `%s` |\n", impl->name, i == 0 ? "reference" : "candidate", impl->library,
        impl->version, impl->api, sanitized ? "yes" : "**NO**",
        impl->uninstrumented ? "none: an uninstrumented binary" : rust ? b->rust_flags : b->c_flags);
  }
  if (!b->rust_sanitized || !duet_candidates_sanitized(r->target)) add(t, "\n**Warning: the Rust side is not sanitized; its memory errors can go unseen.**\n");
  const struct duet_tolerance *tol = r->target->tolerance;
  if (tol) {
    char text[512];
    duet_tolerance_describe(tol, text, sizeof text);
    add(t, "\nOutputs are compared within a tolerance, not byte for byte: %s.\n", text);
  }
}

/* Per finding: what a reviewer files upstream, every line escaped. */
static void evidence_section(struct text *t, const struct duet_triage *tr) {
  for (size_t i = 0; i < tr->finding_count; i++) {
    const struct duet_finding *f = &tr->findings[i];
    if (!f->evidence.preview[0]) continue;
    char safe[2 * DUET_FRAME_MAX + 64];
    add(t, "\n### `%s`: %s, %s\n\n", f->signature, duet_outcome_name(f->verdict.outcome), f->verdict.side);
    /* previews are terminal-safe already (duet/evidence.h) */
    add(t, "- minimised input (%zu bytes): %s\n", f->minimized_size, f->evidence.preview);
    for (int k = 0; k < f->verdict.frame_count; k++)
      add(t, "- frame %d: %s\n", k, duet_text_md_cell(f->verdict.frames[k], safe, sizeof safe));
    if (f->evidence.difference[0])
      add(t, "- outputs differ %s\n", f->evidence.difference);
    char where[2 * DUET_PATH_MAX];
    add(t, "- the full sanitizer report or panic message and each side's output: %s%s/evidence.txt\n",
        tr->run_dir[0] ? "findings/" : "",
        tr->run_dir[0] ? f->signature : duet_text_md_cell(f->store_dir, where, sizeof where));
  }
}

static void findings_section(struct text *t, const struct duet_report *r) {
  add(t, "\n## Findings\n\n");
  const struct duet_triage *tr = r->triage;
  if (r->triage_error) add(t, "**Triage incomplete: %s**\n\n", r->triage_error);
  if (tr && tr->input_count) {
    struct duet_triage_counts c = duet_triage_count(tr);
    add(t, "Triage: %zu saved input(s); %zu re-run in isolation, %zu sorted by the quick pass only (same in-process "
           "signature as %d re-run inputs)", tr->input_count, c.replayed, c.quick_only, DUET_TRIAGE_REPLAYS_PER_SIGNATURE);
    if (c.capped) add(t, ", **%zu not re-run** (over the limits of %d inputs, %d timeouts; listed in report.json)", c.capped,
                      DUET_TRIAGE_MAX_ARTIFACTS, DUET_TRIAGE_MAX_TIMEOUTS);
    if (c.unreadable) add(t, ", %zu unreadable", c.unreadable);
    if (c.untriaged) add(t, ", **%zu not triaged** (the run stopped first; `duet triage` on the run folder finishes them)",
                         c.untriaged);
    if (c.resumed) add(t, ", %zu classified by an earlier triage of this run", c.resumed);
    if (c.recalled) add(t, ", %zu sorted by the quick pass into findings stored whole before (not re-run)", c.recalled);
    add(t, ".\n\n");
  }
  if ((!tr || tr->finding_count == 0) && strcmp(r->status, "complete") == 0) {
    add(t, "None: every side agreed on every input libFuzzer tried.\n");
    return;
  }
  if (!tr || tr->finding_count == 0) {
    add(t, "None among what was triaged; the run is **%s**, so this says nothing about the rest.\n", r->status);
    return;
  }
  if (tr->run_dir[0])
    add(t, "Each finding's inputs and evidence are in this run folder, `findings/<signature>/` (copies of the "
           "findings store's): run the repro commands from here.\n\n");
  add(t, "| signature | status | class | side | kind | detail | inputs | reliable | minimized | repro |\n"
         "|---|---|---|---|---|---|---|---|---|---|\n");
  for (size_t i = 0; i < tr->finding_count; i++) {
    const struct duet_finding *f = &tr->findings[i];
    char kind[2 * DUET_KIND_MAX + 64], detail[2 * DUET_DETAIL_MAX + 256], repro[DUET_PATH_MAX + 128],
        repro_cell[2 * sizeof repro];
    duet_finding_repro(tr, f, repro, sizeof repro);
    add(t, "| `%s` | %s%s%s | %s | %s | %s | %s | %zu | %u/%u%s | %zu of %zu bytes | `%s` |\n", f->signature,
        f->status, f->stored_before ? " since " : "", f->stored_before ? f->first_seen : "",
        duet_outcome_name(f->verdict.outcome), f->verdict.side, duet_text_md_cell(f->verdict.kind, kind, sizeof kind),
        duet_text_md_cell(f->verdict.detail, detail, sizeof detail), f->inputs, f->reproduced, f->reruns,
        f->reliable ? "" : " **unreliable**", f->minimized_size, f->input_size,
        duet_text_md_cell(repro, repro_cell, sizeof repro_cell));
  }
  for (size_t i = 0; i < tr->finding_count; i++)
    if (tr->findings[i].known_why[0]) {
      char why[4 * sizeof tr->findings[i].known_why];
      duet_text_terminal_safe(tr->findings[i].known_why, why, sizeof why);
      add(t, "\n- `%s` is known: %s", tr->findings[i].signature, why);
    }
  if (tr->symbolizer_missing) add(t, "\n\n**llvm-symbolizer was not found: frames are unsymbolized.**");
  add(t, "\n");
  evidence_section(t, tr);
}

char *duet_report_markdown(const struct duet_report *r, const struct duet_claim claims[DUET_CLAIM_COUNT]) {
  struct text t = {0};
  double seconds = r->ended > r->started ? difftime(r->ended, r->started) : 0;
  add(&t, "# duet report: %s, status **%s**%s%s\n\n", r->target->name, r->status, r->status_reason[0] ? ": " : "",
      r->status_reason);
  add(&t, "Run `%s`: %.0f s of a %u s budget (%u s fuzzing, up to %u s triage), %u job(s).\n\n", r->run_id, seconds,
      r->budget_seconds, r->fuzz_seconds, r->triage_seconds, r->jobs);
  double fuzzing = r->fuzz_seconds && r->fuzz_seconds < seconds ? r->fuzz_seconds : seconds;
  add(&t, "%lld executions (%.0f/s), corpus %lld inputs, coverage %lld edges / %lld features.\n\n",
      r->stats.executions, fuzzing > 0 ? (double)r->stats.executions / fuzzing : 0.0, r->stats.corpus_size,
      r->stats.cov, r->stats.ft);
  add(&t, "## Claims\n\n| claim | verdict | evidence |\n|---|---|---|\n");
  for (int i = 0; i < DUET_CLAIM_COUNT; i++)
    add(&t, "| %s %s | **%s** | %s |\n", claims[i].id, claims[i].statement, claims[i].verdict, claims[i].evidence);
  add(&t, "\n");
  sides_section(&t, r);
  findings_section(&t, r);
  if (t.failed) {
    free(t.buf);
    return NULL;
  }
  return t.buf;
}
