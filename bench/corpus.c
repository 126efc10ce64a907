#define _POSIX_C_SOURCE 200809L
#include "corpus.h"

#include <cjson/cJSON.h>
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "duet/engine.h"
#include "duet/fileio.h"

static const char *const class_names[] = {
#define DUET_BENCH_CLASS_NAME(id, name) name,
    DUET_BENCH_CLASSES(DUET_BENCH_CLASS_NAME)
#undef DUET_BENCH_CLASS_NAME
};
_Static_assert(sizeof class_names / sizeof class_names[0] == DUET_BENCH_CLASS_COUNT, "class table and enum differ");

static const char expect_suffix[] = ".expect.json";

const char *duet_bench_class_name(enum duet_bench_class cls) {
  return (unsigned)cls < DUET_BENCH_CLASS_COUNT ? class_names[cls] : "invalid-class";
}

void duet_bench_corpus_init(struct duet_bench_corpus *corpus, const struct duet_target *target) {
  memset(corpus, 0, sizeof *corpus);
  corpus->target = target;
}

int duet_bench_corpus_add(struct duet_bench_corpus *corpus, const char *path, const uint8_t *data, size_t size) {
  if (corpus->all_count == corpus->all_capacity) {
    size_t capacity = corpus->all_capacity ? 2 * corpus->all_capacity : 64;
    struct duet_bench_input *grown = realloc(corpus->all, capacity * sizeof *grown);
    if (!grown) return -1;
    corpus->all = grown;
    corpus->all_capacity = capacity;
  }
  struct duet_bench_input *in = &corpus->all[corpus->all_count];
  in->path = strdup(path);
  in->data = malloc(size ? size : 1);
  if (!in->path || !in->data) {
    free(in->path);
    free(in->data);
    return -1;
  }
  if (size) memcpy(in->data, data, size);
  in->size = size;
  corpus->all_count++;
  return 0;
}

static bool has_suffix(const char *name, const char *suffix) {
  size_t n = strlen(name), k = strlen(suffix);
  return n >= k && strcmp(name + n - k, suffix) == 0;
}

/* A regression whose expectation records a finding (class other than
   "none") is a known divergence or crash: timing it says nothing. */
static bool is_known_finding(const char *input_path) {
  char expect_path[PATH_MAX];
  snprintf(expect_path, sizeof expect_path, "%s%s", input_path, expect_suffix);
  uint8_t *text;
  size_t size;
  if (duet_read_file(expect_path, 1 << 20, &text, &size) != 0) return false;
  text[size] = '\0';
  cJSON *expect = cJSON_Parse((const char *)text);
  free(text);
  const char *cls = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(expect, "class"));
  bool known = cls && strcmp(cls, "none") != 0;
  cJSON_Delete(expect);
  return known;
}

static int by_name(const struct dirent **a, const struct dirent **b) { return strcmp((*a)->d_name, (*b)->d_name); }

static int add_file(struct duet_bench_corpus *corpus, const char *path) {
  struct stat st;
  if (stat(path, &st) != 0 || !S_ISREG(st.st_mode)) return 0;
  if (is_known_finding(path)) {
    corpus->known_findings++;
    return 0;
  }
  uint8_t *data;
  size_t size;
  int rc = duet_read_file(path, DUET_INPUT_MAX, &data, &size);
  if (rc != 0) return rc;
  rc = duet_bench_corpus_add(corpus, path, data, size) == 0 ? 0 : -ENOMEM;
  free(data);
  return rc;
}

int duet_bench_corpus_add_dir(struct duet_bench_corpus *corpus, const char *dir) {
  struct dirent **names;
  int n = scandir(dir, &names, NULL, by_name);
  if (n < 0) return errno == ENOENT ? 0 : -errno;
  int rc = 0;
  for (int i = 0; i < n; i++) {
    const char *name = names[i]->d_name;
    if (rc == 0 && name[0] != '.' && !has_suffix(name, expect_suffix)) {
      char path[PATH_MAX];
      snprintf(path, sizeof path, "%s/%s", dir, name);
      rc = add_file(corpus, path);
    }
    free(names[i]);
  }
  free(names);
  return rc;
}

/* Why an input cannot be timed, or "" when every side agrees on it. */
static void disagreement(const struct duet_impl *ref_impl, const struct duet_run *ref, const struct duet_impl *cand_impl,
                         const struct duet_run *cand, const struct duet_comparison *cmp, char *why, size_t why_size) {
  why[0] = '\0';
  if (cmp->relation == DUET_AGREE) return;
  snprintf(why, why_size, "%s: %s %s%s%s, %s %s%s%s",
           cmp->relation == DUET_NOT_COMPARED ? "output bound hit" : duet_relation_name(cmp->relation),
           ref_impl->name, duet_status_name(ref->status), ref->reason[0] ? " " : "", ref->reason,
           cand_impl->name, duet_status_name(cand->status), cand->reason[0] ? " " : "", cand->reason);
}

bool duet_bench_times_native(const struct duet_target *t) {
  bool all = t->reference->native != NULL;
  for (const struct duet_impl *const *c = t->candidates; *c; c++) all = all && (*c)->native;
  return all;
}

/* When natives are timed: each answers as its side's contract call did. */
static int natives_agree(const struct duet_target *t, const struct duet_bench_input *in, int ref_status, char *why,
                         size_t why_size) {
  if (!duet_bench_times_native(t)) return 0;
  for (size_t side = 0; side <= duet_target_candidate_count(t); side++) {
    const struct duet_impl *impl = side == 0 ? t->reference : t->candidates[side - 1];
    int native = impl->native(in->data, in->size);
    if (native != ref_status) {
      snprintf(why, why_size, "%s's native call answers %s, its contract call %s", impl->name,
               duet_status_name((duet_status)native), duet_status_name((duet_status)ref_status));
      return 1;
    }
  }
  return 0;
}

/* Runs one input on every side; *accepted says what the reference made of
   it. Returns 0 (agree), 1 (why[] says how they differ) or -1 (OOM). */
static int check_input(const struct duet_target *t, const struct duet_bench_input *in, bool *accepted, char *why,
                       size_t why_size) {
  struct duet_run ref;
  if (duet_run_impl(t->reference, in->data, in->size, DUET_OUTPUT_BOUND, &ref) != 0) return -1;
  *accepted = ref.status == DUET_ACCEPT;
  int verdict = 0;
  for (const struct duet_impl *const *c = t->candidates; *c && verdict == 0; c++) {
    struct duet_run cand;
    if (duet_run_impl(*c, in->data, in->size, DUET_OUTPUT_BOUND, &cand) != 0) {
      verdict = -1;
      break;
    }
    struct duet_comparison cmp = duet_compare(&ref, &cand, t->tolerance);
    disagreement(t->reference, &ref, *c, &cand, &cmp, why, why_size);
    if (why[0]) verdict = 1;
    duet_run_release(&cand);
  }
  /* A lone reference (no candidate) still must not panic or hit the bound. */
  if (verdict == 0 && ref.status != DUET_ACCEPT && ref.status != DUET_REJECT) {
    snprintf(why, why_size, "%s %s", t->reference->name, duet_status_name(ref.status));
    verdict = 1;
  }
  if (verdict == 0) verdict = natives_agree(t, in, ref.status, why, why_size);
  duet_run_release(&ref);
  return verdict;
}

static int by_size(const void *a, const void *b) {
  const struct duet_bench_input *x = *(const struct duet_bench_input *const *)a;
  const struct duet_bench_input *y = *(const struct duet_bench_input *const *)b;
  if (x->size != y->size) return x->size < y->size ? -1 : 1;
  return strcmp(x->path, y->path);
}

static void add_to_class(struct duet_bench_class_inputs *cls, const struct duet_bench_input *in) {
  if (cls->count == 0 || in->size < cls->min_size) cls->min_size = in->size;
  if (in->size > cls->max_size) cls->max_size = in->size;
  cls->inputs[cls->count++] = in;
  cls->bytes += in->size;
}

static int allocate_classes(struct duet_bench_corpus *corpus) {
  for (int i = 0; i < DUET_BENCH_CLASS_COUNT; i++) {
    corpus->classes[i].inputs = calloc(corpus->all_count ? corpus->all_count : 1, sizeof *corpus->classes[i].inputs);
    if (!corpus->classes[i].inputs) return -1;
  }
  return 0;
}

/* Valid inputs by size, cut into three runs of equal count. */
static void split_by_size(struct duet_bench_corpus *corpus, const struct duet_bench_input **valid, size_t n) {
  qsort(valid, n, sizeof *valid, by_size);
  for (size_t i = 0; i < n; i++) add_to_class(&corpus->classes[DUET_BENCH_SMALL + i * 3 / n], valid[i]);
}

int duet_bench_corpus_classify(struct duet_bench_corpus *corpus, bool exclude_divergent, char *why, size_t why_size) {
  const struct duet_bench_input **valid = calloc(corpus->all_count ? corpus->all_count : 1, sizeof *valid);
  if (!valid || allocate_classes(corpus) != 0) {
    free(valid);
    return -1;
  }
  size_t n_valid = 0;
  char detail[384];
  for (size_t i = 0; i < corpus->all_count; i++) {
    const struct duet_bench_input *in = &corpus->all[i];
    bool accepted = false;
    int rc = check_input(corpus->target, in, &accepted, detail, sizeof detail);
    if (rc < 0) {
      free(valid);
      return -1;
    }
    if (rc > 0 && exclude_divergent) {
      size_t used = strlen(corpus->excluded_list);
      const char *base = strrchr(in->path, '/') ? strrchr(in->path, '/') + 1 : in->path;
      snprintf(corpus->excluded_list + used, sizeof corpus->excluded_list - used, "%s%s (%s)", used ? "; " : "", base, detail);
      corpus->excluded++;
      continue;
    }
    if (rc > 0) {
      snprintf(why, why_size, "%s on %s (%zu bytes): %s", corpus->target->name, in->path, in->size, detail);
      free(valid);
      return 1;
    }
    if (accepted) valid[n_valid++] = in;
    else add_to_class(&corpus->classes[DUET_BENCH_INVALID], in);
  }
  split_by_size(corpus, valid, n_valid);
  free(valid);
  return 0;
}

void duet_bench_corpus_release(struct duet_bench_corpus *corpus) {
  for (size_t i = 0; i < corpus->all_count; i++) {
    free(corpus->all[i].path);
    free(corpus->all[i].data);
  }
  free(corpus->all);
  for (int i = 0; i < DUET_BENCH_CLASS_COUNT; i++) free(corpus->classes[i].inputs);
  memset(corpus, 0, sizeof *corpus);
}
