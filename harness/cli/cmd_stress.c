/*
 * `duet stress TARGET [--threads N] [--time S] [--corpus DIR] [--reports DIR]`:
 * claim C4, silent corruption under concurrency. The target's seeds and
 * working corpus, less every input on which a side already fails alone (the
 * quick pass), run in rounds: each round a fresh child process (library
 * state starts anew, as a lazily built table does) with N threads at once
 * (stress_child.c). An answer that differs from the same input's answer on
 * one thread is a `corruption` finding: input, side, thread count and both
 * outputs, kept in REPORTS/stress-<target>-<time>-<pid>/.
 */
#define _GNU_SOURCE
#include <cjson/cJSON.h>
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "duet/build_info.h"
#include "duet/campaign.h"
#include "duet/confine.h"
#include "duet/fileio.h"
#include "duet/isolate.h"
#include "duet/limits.h"
#include "duet/quick_pass.h"
#include "duet/stop.h"
#include "stress.h"

struct stress {
  const struct duet_target *target;
  long threads, seconds;
  const char *corpus, *reports;
  char run[PATH_MAX], default_reports[PATH_MAX];
  struct duet_stress_inputs in; /* owned */
  size_t rounds, rounds_failed, unstable;
  bool given;     /* --input: only those files */
  double start;   /* when the rounds began (duet_now) */
  cJSON *findings;
  cJSON *seen;    /* signature -> rounds that showed it */
};

static int usage(void) {
  printf("usage: duet stress TARGET [--threads N] [--time S] [--corpus DIR | --input FILE...] [--reports DIR]\n\n"
         "Claim C4: runs the target's seeds and working corpus (--corpus DIR instead) on every\n"
         "side from N threads at once (default 8, at most %d), in rounds of a fresh process each,\n"
         "for S seconds (default 60), and compares every answer with the same input's answer\n"
         "on one thread. A difference is a `corruption` finding (input, side, threads, both\n"
         "outputs) in DIR/stress-<target>-<time>-<pid>/stress.json (DIR: the repo's reports/),\n"
         "stored in DIR/findings/<target>/<signature>/ like triage's findings. --input FILE\n"
         "(repeatable) stresses those files alone, e.g. a stored finding's input.\n"
         "Inputs on which a side already fails alone are left out (triage has them).\n"
         "Exit status: 0 none found; 9 corruption found; 75 no round completed; 130/143\n"
         "stopped; 2 bad arguments; 70 internal error.\n",
         DUET_STRESS_MAX_THREADS);
  return DUET_EXIT_OK;
}

static int parse(int argc, char **argv, struct stress *s) {
  static const struct option options[] = {{"threads", required_argument, NULL, 'n'}, {"time", required_argument, NULL, 't'},
                                          {"corpus", required_argument, NULL, 'c'},  {"reports", required_argument, NULL, 'r'},
                                          {"input", required_argument, NULL, 'i'},
                                          {"help", no_argument, NULL, 'h'},          {0}};
  int c, rc;
  while ((c = getopt_long(argc, argv, "h", options, NULL)) != -1) {
    if (c == 'n' && (s->threads = duet_cli_number("--threads", optarg, 2, DUET_STRESS_MAX_THREADS)) < 0) return -1;
    else if (c == 't' && (s->seconds = duet_cli_number("--time", optarg, 1, 7 * 24 * 3600)) < 0) return -1;
    else if (c == 'c') s->corpus = optarg;
    else if (c == 'r') s->reports = optarg;
    else if (c == 'i' && (rc = duet_stress_add_file(&s->in, optarg)) != 0)
      return duet_cli_usage_error("cannot read the input %s: %s", optarg, duet_fs_strerror(rc)), -1;
    else if (c == 'i') s->given = true;
    else if (c == 'h') return 1;
    else if (c == '?') return -1;
  }
  if (optind + 1 != argc) return duet_cli_usage_error("stress wants one TARGET (see `duet stress --help`)"), -1;
  if (s->given && s->corpus) return duet_cli_usage_error("--input and --corpus exclude each other"), -1;
  s->target = duet_cli_target(argv[optind]);
  return s->target ? 0 : -1;
}

static const char *base_name(const char *path) { return strrchr(path, '/') ? strrchr(path, '/') + 1 : path; }

/* A record's input copied beside its outputs, in RUN/corruption/<side>-<k>/;
   the record names the input by file name. */
static void keep_finding(struct stress *s, cJSON *rec, const char *side, size_t i, const char *tmp) {
  char dir[PATH_MAX + 64], from[PATH_MAX + 64], to[PATH_MAX + 96];
  snprintf(dir, sizeof dir, "%s/corruption/%s-%d", s->run, side, cJSON_GetArraySize(s->findings));
  uint8_t *data;
  size_t size;
  snprintf(to, sizeof to, "%s/input", dir);
  if (duet_make_dirs(dir) == 0 && duet_read_file(s->in.paths[i], DUET_INPUT_MAX, &data, &size) == 0) {
    duet_write_atomic(to, data, size);
    free(data);
  }
  for (int k = 0; k < 2; k++) {
    const char *which = k ? "alone" : "threaded";
    snprintf(from, sizeof from, "%s/%s-%zu.%s", tmp, side, i, which);
    snprintf(to, sizeof to, "%s/output.%s", dir, which);
    rename(from, to);
  }
  cJSON_AddStringToObject(rec, "class", "corruption");
  if (!cJSON_GetObjectItem(rec, "kind")) cJSON_AddStringToObject(rec, "kind", DUET_STRESS_KIND_OUTPUT);
  cJSON_DeleteItemFromObject(rec, "input"); /* the child's index, or none (a race) */
  cJSON_AddStringToObject(rec, "input", base_name(s->in.paths[i]));
  cJSON_AddStringToObject(rec, "stored", strrchr(dir, '/') + 1);
  cJSON_AddNumberToObject(rec, "first_round", (double)s->rounds);
  cJSON_AddNumberToObject(rec, "seconds_into_run", duet_now() - s->start);
}

/* Whether a finding for `side` and the input named `name` is already kept. */
static bool already_found(const struct stress *s, const char *side, const char *name) {
  const cJSON *f;
  cJSON_ArrayForEach(f, s->findings) {
    if (strcmp(cJSON_GetStringValue(cJSON_GetObjectItem(f, "side")), side) == 0 &&
        strcmp(cJSON_GetStringValue(cJSON_GetObjectItem(f, "input")), name) == 0)
      return true;
  }
  return false;
}

/* Counts a signature once per round (`round` holds this round's). */
static void count_seen(struct stress *s, cJSON *round, const char *signature) {
  if (cJSON_GetObjectItem(round, signature)) return;
  cJSON_AddTrueToObject(round, signature);
  cJSON *n = cJSON_GetObjectItem(s->seen, signature);
  if (n) cJSON_SetNumberValue(n, n->valuedouble + 1);
  else cJSON_AddNumberToObject(s->seen, signature, 1);
}

/* A finding per side and input: the first record of it, signed. */
static void note_records(struct stress *s, const char *out, const char *tmp) {
  cJSON *round = cJSON_CreateObject();
  for (const char *p = out; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : p) {
    if (strncmp(p, "DUET-UNSTABLE ", 14) == 0) s->unstable++;
    if (strncmp(p, "DUET-CORRUPTION ", 16) != 0) continue;
    cJSON *rec = cJSON_ParseWithLength(p + 16, strcspn(p + 16, "\n"));
    const char *side = cJSON_GetStringValue(cJSON_GetObjectItem(rec, "side"));
    double input = cJSON_GetNumberValue(cJSON_GetObjectItem(rec, "input"));
    size_t i = input >= 0 && input < (double)s->in.n ? (size_t)input : s->in.n;
    if (!side || i == s->in.n) {
      cJSON_Delete(rec);
      continue;
    }
    struct duet_verdict v;
    char signature[17];
    duet_stress_verdict(rec, &v);
    duet_verdict_signature(s->target->name, &v, signature);
    count_seen(s, round, signature);
    if (already_found(s, side, base_name(s->in.paths[i]))) {
      cJSON_Delete(rec);
      continue;
    }
    keep_finding(s, rec, side, i, tmp);
    cJSON_AddStringToObject(rec, "signature", signature);
    cJSON_AddItemToArray(s->findings, rec);
  }
  cJSON_Delete(round);
}

static bool has_signature(const struct stress *s, const char *signature) {
  const cJSON *f;
  cJSON_ArrayForEach(f, s->findings) {
    if (strcmp(cJSON_GetStringValue(cJSON_GetObjectItem(f, "signature")), signature) == 0) return true;
  }
  return false;
}

/* ThreadSanitizer's reports of a round that ran `side` alone: a finding per
   signature, with the round's stderr (tsan.txt); a race names no input, so
   the round's first input stands for it. */
static void note_races(struct stress *s, const char *err, const char *side, const char *tmp) {
  cJSON *records = cJSON_CreateArray(), *round = cJSON_CreateObject(), *rec;
  duet_stress_tsan_records(err, side, (size_t)s->threads, records);
  while ((rec = cJSON_DetachItemFromArray(records, 0)) != NULL) {
    struct duet_verdict v;
    char signature[17], path[PATH_MAX + 96];
    duet_stress_verdict(rec, &v);
    duet_verdict_signature(s->target->name, &v, signature);
    count_seen(s, round, signature);
    if (has_signature(s, signature)) {
      cJSON_Delete(rec);
      continue;
    }
    keep_finding(s, rec, side, 0, tmp);
    cJSON_AddStringToObject(rec, "signature", signature);
    snprintf(path, sizeof path, "%s/corruption/%s/tsan.txt", s->run, cJSON_GetStringValue(cJSON_GetObjectItem(rec, "stored")));
    duet_write_atomic(path, err, strnlen(err, (size_t)64 << 10));
    cJSON_AddItemToArray(s->findings, rec);
  }
  cJSON_Delete(round);
  cJSON_Delete(records);
}

/* The first record of each signature into the findings store. */
static int store_findings(struct stress *s) {
  struct duet_stress_store st = {.target = s->target, .reports = s->reports, .run = s->run, .rounds = s->rounds};
  cJSON *done = cJSON_CreateObject();
  cJSON *f;
  int rc = 0;
  cJSON_ArrayForEach(f, s->findings) {
    const char *signature = cJSON_GetStringValue(cJSON_GetObjectItem(f, "signature"));
    const cJSON *first = signature ? cJSON_GetObjectItem(done, signature) : NULL;
    if (first) { /* a later input with a stored signature: the same finding */
      cJSON_AddStringToObject(f, "status", cJSON_GetStringValue(cJSON_GetObjectItem(first->child, "status")));
      cJSON_AddStringToObject(f, "finding", cJSON_GetStringValue(cJSON_GetObjectItem(first->child, "finding")));
      continue;
    }
    if (!signature) continue;
    int r = duet_stress_store_finding(&st, f, (size_t)cJSON_GetNumberValue(cJSON_GetObjectItem(s->seen, signature)));
    if (r != 0 && rc == 0) rc = r;
    cJSON *entry = cJSON_AddObjectToObject(done, signature);
    cJSON_AddItemReferenceToObject(entry, "record", f);
  }
  cJSON_Delete(done);
  return rc;
}

/* One round in a fresh child; false when it did not complete. */
static bool round_once(struct stress *s, const char *exe, const char *tmp) {
  char threads[16];
  snprintf(threads, sizeof threads, "%ld", s->threads);
  char **argv = calloc(s->in.n + 10, sizeof *argv);
  if (!argv) return false;
  /* Under ThreadSanitizer each round runs one side, in turn, so a report is that side's. */
  size_t sides = 1 + duet_target_candidate_count(s->target), k = (s->rounds + s->rounds_failed) % sides;
  const char *side = k == 0 ? s->target->reference->name : s->target->candidates[k - 1]->name;
  bool tsan = strcmp(duet_stress_sanitizer(), "thread") == 0;
  const char *head[] = {exe, "stress", "--child", threads, "--reports", tmp, "--side", side, s->target->name};
  size_t skip = tsan ? 0 : 2; /* without --side S */
  memcpy(argv, head, 5 * sizeof *argv + sizeof *argv);
  memcpy(argv + 6, head + 6 + skip, (3 - skip) * sizeof *argv);
  memcpy(argv + 9 - skip, s->in.paths, s->in.n * sizeof *argv);
  struct duet_child child;
  int rc = duet_child_run_in(argv, NULL, NULL, 120, &child);
  free(argv);
  if (rc != 0) return false;
  bool done = child.exit_code == 0;
  if (done) note_records(s, child.out, tmp);
  if (done && tsan) note_races(s, child.err, side, tmp);
  if (!done && s->rounds_failed++ == 0)
    duet_cli_print(stderr, "duet: stress: a round ended with %s %d: %.200s", child.signal ? "signal" : "exit status",
                   child.signal ? child.signal : child.exit_code, child.err ? child.err : "");
  duet_child_release(&child);
  return done;
}

static int make_run(struct stress *s, char *tmp, size_t cap) {
  char stamp[32];
  time_t now = time(NULL);
  struct tm tm;
  gmtime_r(&now, &tm);
  strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &tm);
  snprintf(s->run, sizeof s->run, "%s/stress-%s-%s-%ld", s->reports, s->target->name, stamp, (long)getpid());
  snprintf(tmp, cap, "%s/tmp", s->run);
  duet_fs_confine(s->reports);
  return duet_make_dirs(tmp);
}

static int write_result(struct stress *s, double seconds, const char *status) {
  cJSON *o = cJSON_CreateObject();
  cJSON_AddStringToObject(o, "schema", "urn:duet:schema:stress:1");
  cJSON_AddStringToObject(o, "target", s->target->name);
  cJSON_AddStringToObject(o, "status", status);
  cJSON_AddNumberToObject(o, "threads", (double)s->threads);
  cJSON_AddNumberToObject(o, "seconds", seconds);
  cJSON_AddNumberToObject(o, "rounds", (double)s->rounds);
  cJSON_AddNumberToObject(o, "rounds_failed", (double)s->rounds_failed);
  cJSON_AddNumberToObject(o, "inputs", (double)s->in.n);
  cJSON_AddNumberToObject(o, "unstable_answers", (double)s->unstable);
  cJSON_AddStringToObject(o, "sanitizer", duet_stress_sanitizer());
  cJSON_AddItemReferenceToObject(o, "findings", s->findings);
  char *text = cJSON_Print(o), path[PATH_MAX + 16];
  snprintf(path, sizeof path, "%s/stress.json", s->run);
  int rc = text ? duet_write_atomic(path, text, strlen(text)) : -ENOMEM;
  free(text);
  cJSON_Delete(o);
  return rc;
}

/* Rounds until the time is up or a stop; a progress line every 10 s. */
static void run_rounds(struct stress *s, const char *exe, const char *tmp, double start) {
  double last = start;
  while (!duet_stop_now() && duet_now() - start < (double)s->seconds) {
    if (round_once(s, exe, tmp)) s->rounds++;
    if (duet_now() - last >= 10) {
      last = duet_now();
      duet_cli_print(stderr, "duet: stress %s | %.0f/%ld s | %zu round(s), %zu failed | corruption %d", s->target->name,
                     last - start, s->seconds, s->rounds, s->rounds_failed, cJSON_GetArraySize(s->findings));
    }
  }
}

/* duet stress --child N --reports TMP [--side S] TARGET FILE... */
static int child_main(int argc, char **argv) {
  long threads = argc >= 7 ? duet_cli_number("--child", argv[2], 2, DUET_STRESS_MAX_THREADS) : -1;
  int at = argc >= 9 && strcmp(argv[5], "--side") == 0 ? 7 : 5;
  const struct duet_target *t = threads > 0 ? duet_cli_target(argv[at]) : NULL;
  if (!t || strcmp(argv[3], "--reports") != 0) return DUET_EXIT_USAGE;
  return duet_stress_child(t, argv + at + 1, (size_t)(argc - at - 1), (size_t)threads, argv[4], at == 7 ? argv[6] : NULL) == 0
             ? DUET_EXIT_OK
             : DUET_EXIT_INTERNAL;
}

static void release(struct stress *s) {
  duet_stress_inputs_free(&s->in);
  cJSON_Delete(s->findings);
  cJSON_Delete(s->seen);
}

/* The inputs (seeds and working corpus, or --corpus), cleaned, and the run
   folder; a message and DUET_EXIT_USAGE when there is nothing to stress. */
static int prepare(struct stress *s, const char *exe, char *tmp, size_t cap) {
  char corpus[PATH_MAX], seeds[PATH_MAX];
  snprintf(corpus, sizeof corpus, "%s/corpora/%s/work", duet_build_info.source_dir, s->target->name);
  snprintf(seeds, sizeof seeds, "%s/seeds/%s", duet_build_info.binary_dir, s->target->name);
  if (s->corpus && access(s->corpus, R_OK | X_OK) != 0)
    return duet_cli_usage_error("cannot read the corpus folder %s: %s", s->corpus, strerror(errno));
  int rc = !exe ? -ENOENT : s->given ? 0 : duet_stress_add_dir(&s->in, s->corpus ? s->corpus : corpus);
  if (rc == 0 && !s->corpus && !s->given) rc = duet_stress_add_dir(&s->in, seeds);
  if (rc == 0) rc = duet_stress_clean_inputs(&s->in, exe, s->target);
  if (rc != 0) return duet_cli_usage_error("cannot read %s's inputs: %s", s->target->name, duet_fs_strerror(rc));
  if (s->in.n == 0)
    return duet_cli_usage_error("no input to stress %s with: the corpus is empty or every input fails alone", s->target->name);
  snprintf(s->default_reports, sizeof s->default_reports, "%s", duet_build_info.reports_dir);
  if (!s->reports) s->reports = s->default_reports;
  if ((rc = make_run(s, tmp, cap)) != 0) return duet_cli_usage_error("cannot create %s: %s", s->run, duet_fs_strerror(rc));
  return 0;
}

int duet_cmd_stress(int argc, char **argv) {
  if (argc > 1 && strcmp(argv[1], "--child") == 0) return child_main(argc, argv);
  char tmp[PATH_MAX + 8];
  struct stress s = {.threads = 8, .seconds = 60};
  int p = parse(argc, argv, &s);
  if (p != 0) {
    duet_stress_inputs_free(&s.in);
    return p > 0 ? usage() : DUET_EXIT_USAGE;
  }
  const char *exe = duet_self_exe();
  s.findings = cJSON_CreateArray();
  s.seen = cJSON_CreateObject();
  if (prepare(&s, exe, tmp, sizeof tmp) != 0) {
    release(&s);
    return DUET_EXIT_USAGE;
  }
  duet_stop_install();
  duet_stress_tsan_env();
  duet_cli_print(stderr, "duet: stress %s: %zu input(s), %ld threads, %ld s; results in %s", s.target->name, s.in.n, s.threads,
                 s.seconds, s.run);
  double start = s.start = duet_now();
  run_rounds(&s, exe, tmp, start);
  int sig = duet_stop_signal(), found = cJSON_GetArraySize(s.findings);
  int stored = store_findings(&s);
  if (stored != 0) duet_cli_print(stderr, "duet: stress: cannot store a finding: %s", duet_fs_strerror(stored));
  int rc = write_result(&s, duet_now() - start, sig ? "interrupted" : s.rounds ? "complete" : "failed");
  duet_remove_tree(tmp);
  duet_cli_print(stdout, "%s: %zu round(s) of %ld threads, %d corruption finding(s); %s/stress.json", s.target->name,
                 s.rounds, s.threads, found, s.run);
  const cJSON *f;
  cJSON_ArrayForEach(f, s.findings)
    duet_cli_print(stdout, "  corruption %s on %s: %s, %s (%s; %s/corruption/%s)",
                   cJSON_GetStringValue(cJSON_GetObjectItem(f, "signature")), cJSON_GetStringValue(cJSON_GetObjectItem(f, "side")),
                   cJSON_GetStringValue(cJSON_GetObjectItem(f, "kind")), cJSON_GetStringValue(cJSON_GetObjectItem(f, "input")),
                   cJSON_GetStringValue(cJSON_GetObjectItem(f, "status")) ? cJSON_GetStringValue(cJSON_GetObjectItem(f, "status")) : "stored once, above",
                   s.run, cJSON_GetStringValue(cJSON_GetObjectItem(f, "stored")));
  release(&s);
  if (rc != 0 || stored != 0) return DUET_EXIT_INTERNAL;
  return sig ? 128 + sig : found ? duet_outcome_exit_code(DUET_OUTCOME_CORRUPTION) : s.rounds ? DUET_EXIT_OK : DUET_EXIT_PARTIAL;
}
