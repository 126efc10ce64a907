#define _POSIX_C_SOURCE 200809L
#include "duet/evidence.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "duet/fileio.h"
#include "duet/isolate.h"
#include "duet/limits.h"
#include "duet/text.h"

/* One side alone, as evidence: its output file and what it printed. */
struct side_evidence {
  const char *name;
  uint8_t *output; /* NULL when it wrote none (rejected, crashed) */
  size_t output_size;
  char *said;      /* its stderr, owned */
  char *record;    /* its DUET-RESULT line, owned, or NULL */
};

static bool printable(uint8_t c) { return (c >= 0x20 && c < 0x7f) || c == '\n' || c == '\t' || c >= 0x80; }

void duet_evidence_preview(const uint8_t *data, size_t size, char *out, size_t cap) {
  size_t shown = size < cap / 4 ? size : cap / 4, text = 0;
  for (size_t i = 0; i < shown; i++) text += printable(data[i]);
  if (cap < 8) {
    if (cap) out[0] = '\0';
    return;
  }
  size_t n = 0;
  if (text * 4 >= shown * 3) {
    duet_text_terminal_safe_n((const char *)data, shown, out, cap - 4);
    n = strlen(out);
  } else {
    for (size_t i = 0; i < shown && n + 3 < cap - 4; i++) n += (size_t)snprintf(out + n, cap - n, "%02x", data[i]);
  }
  if (shown < size) snprintf(out + n, cap - n, "...");
}

static int run_side(const char *exe, const struct duet_target *t, const char *input, const char *side, unsigned timeout,
                    const char *dir, struct side_evidence *e) {
  char *argv[] = {(char *)exe, "exec", "--outputs", (char *)dir, "--side", (char *)side, (char *)t->name, (char *)input,
                  NULL};
  struct duet_child child;
  int rc = duet_child_run(argv, timeout, &child);
  if (rc != 0) return rc;
  e->name = side;
  e->said = child.err ? strndup(child.err, DUET_EVIDENCE_STDERR_MAX) : strdup("");
  char *line = child.out ? strstr(child.out, "DUET-RESULT ") : NULL;
  e->record = line ? strndup(line, strcspn(line, "\n")) : NULL;
  duet_child_release(&child);
  char path[DUET_PATH_MAX + 96];
  snprintf(path, sizeof path, "%s/output.%s", dir, side);
  if (duet_read_file(path, DUET_EVIDENCE_OUTPUT_MAX, &e->output, &e->output_size) != 0) e->output = NULL;
  return e->said ? 0 : -ENOMEM;
}

/* Both outputs around their first difference, escaped, into view. */
static void first_difference(const struct side_evidence *ref, const struct side_evidence *cand, char *out, size_t cap) {
  out[0] = '\0';
  if (!ref->output || !cand->output) return;
  size_t n = ref->output_size < cand->output_size ? ref->output_size : cand->output_size, k = 0;
  while (k < n && ref->output[k] == cand->output[k]) k++;
  if (k == n && ref->output_size == cand->output_size) return;
  size_t from = k > 24 ? k - 24 : 0;
  char a[200], b[200];
  duet_evidence_preview(ref->output + from, (ref->output_size - from < 48 ? ref->output_size - from : 48), a, sizeof a);
  duet_evidence_preview(cand->output + from, (cand->output_size - from < 48 ? cand->output_size - from : 48), b, sizeof b);
  snprintf(out, cap, "at byte %zu (shown from byte %zu): %s «%s» %s «%s»", k, from, ref->name, a, cand->name, b);
}

static void write_text(FILE *f, const struct side_evidence *sides, size_t count, const struct duet_evidence_view *view) {
  fprintf(f, "input: %s\n", view->preview);
  if (view->difference[0]) fprintf(f, "outputs differ %s\n", view->difference);
  for (size_t i = 0; i < count; i++) {
    fprintf(f, "\n== %s alone: %s\n", sides[i].name, sides[i].record ? sides[i].record : "(no record: it did not finish)");
    if (sides[i].output) fprintf(f, "output: %zu byte(s) kept in output.%s\n", sides[i].output_size, sides[i].name);
    fprintf(f, "stderr (the sanitizer report or panic message, if any; first %zu KiB):\n%s\n",
            DUET_EVIDENCE_STDERR_MAX >> 10, sides[i].said);
  }
}

static int save_text(const char *dir, const struct side_evidence *sides, size_t count,
                     const struct duet_evidence_view *view) {
  char *text = NULL, path[DUET_PATH_MAX + 32];
  size_t size = 0;
  FILE *f = open_memstream(&text, &size);
  if (!f) return -ENOMEM;
  write_text(f, sides, count, view);
  fclose(f);
  snprintf(path, sizeof path, "%s/evidence.txt", dir);
  int rc = text ? duet_write_atomic(path, text, size) : -ENOMEM;
  free(text);
  return rc;
}

int duet_evidence_collect(const char *exe, const struct duet_target *t, const char *input_path, unsigned timeout,
                          const char *dir, struct duet_evidence_view *view) {
  const struct duet_impl *impls[DUET_MAX_SIDES] = {t->reference};
  size_t n = 1;
  for (const struct duet_impl *const *c = t->candidates; *c && n < DUET_MAX_SIDES; c++) impls[n++] = *c;
  struct side_evidence sides[DUET_MAX_SIDES] = {{0}};
  size_t count = 0;
  int rc = 0;
  while (rc == 0 && count < n) {
    rc = run_side(exe, t, input_path, impls[count]->name, timeout, dir, &sides[count]);
    count++;
  }
  uint8_t *input = NULL;
  size_t size = 0;
  if (rc == 0) rc = duet_read_file(input_path, DUET_INPUT_MAX, &input, &size);
  if (rc == 0) {
    duet_evidence_preview(input, size, view->preview, sizeof view->preview);
    view->difference[0] = '\0';
    for (size_t i = 1; i < count && !view->difference[0]; i++)
      first_difference(&sides[0], &sides[i], view->difference, sizeof view->difference);
    rc = save_text(dir, sides, count, view);
  }
  free(input);
  for (size_t i = 0; i < count; i++) {
    free(sides[i].output);
    free(sides[i].said);
    free(sides[i].record);
  }
  return rc;
}

/* The text of `line` after `prefix` (up to the newline) into out; false when
   the line does not start with it. */
static bool field(const char *line, const char *prefix, char *out, size_t cap) {
  size_t n = strlen(prefix);
  if (strncmp(line, prefix, n) != 0) return false;
  const char *end = strchr(line + n, '\n');
  size_t len = end ? (size_t)(end - line - (ptrdiff_t)n) : strlen(line + n);
  snprintf(out, cap, "%.*s", (int)(len < cap ? len : cap - 1), line + n);
  return true;
}

int duet_evidence_load(const char *dir, struct duet_evidence_view *view) {
  char path[DUET_PATH_MAX + 32];
  snprintf(path, sizeof path, "%s/evidence.txt", dir);
  uint8_t *text;
  size_t size;
  int rc = duet_read_file(path, DUET_EVIDENCE_STDERR_MAX * 8, &text, &size);
  if (rc != 0) return rc;
  text[size] = '\0';
  const char *second = strchr((char *)text, '\n');
  rc = field((char *)text, "input: ", view->preview, sizeof view->preview) ? 0 : -EINVAL;
  if (rc == 0 && (!second || !field(second + 1, "outputs differ ", view->difference, sizeof view->difference)))
    view->difference[0] = '\0';
  free(text);
  return rc;
}
