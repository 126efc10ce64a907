/*
 * Triage: from raw inputs (campaign artifacts or files) to distinct,
 * attributed, minimised, persistent findings. Every re-run happens in child
 * processes, never in the campaign's.
 */
#ifndef DUET_TRIAGE_H
#define DUET_TRIAGE_H

#include <stdbool.h>
#include <stddef.h>

#include "duet/evidence.h"
#include "duet/repro.h"

/* How many times a finding is re-run; fewer reproductions = unreliable. */
#define DUET_TRIAGE_RERUNS 3

struct duet_triage_options {
  const char *exe;           /* the duet binary (re-run as `duet exec`) */
  const char *fuzzer;        /* duet-fuzz-<target> for -minimize_crash; NULL: skip */
  const char *findings_dir;  /* the store root: reports/findings */
  const char *known_path;    /* targets/<t>/known-divergences.json; may not exist */
  const char *regressions_dir; /* corpora/<t>/regressions; may not exist */
  unsigned timeout_seconds;  /* per child process */
  unsigned minimize_seconds; /* budget per finding; 0: no minimisation */
  const char *run_id;        /* recorded in the store; NULL for ad-hoc files */
  const char *run_dir;       /* the run folder, or NULL: each finding's stored files are
                                copied into RUN/findings/<signature>/, and the report's
                                paths and repro commands are relative to RUN */
  /* Called after each input (done of total); may be NULL. */
  void (*progress)(void *ctx, size_t done, size_t total);
  void *progress_ctx;
  /* The "inputs" of an earlier triage of the same run (its triage.json), or
     NULL: inputs classified there (same path and SHA-1) are not re-run, so a
     triage cut short resumes where it stopped. */
  const struct cJSON *previous;
};

/* One input, classified. */
struct duet_triaged_input {
  char *path;                  /* owned */
  char sha1[41];
  size_t size;
  char libfuzzer_kind[16];     /* crash, leak, timeout, oom, slow-unit, or "file" */
  struct duet_verdict verdict; /* from the isolated re-run */
  char signature[17];
  char error[128];             /* non-empty: not triaged, and why */
  bool capped;                 /* not triaged because of a limit, not a bad input */
  bool stopped;                /* not triaged: the run was stopped (signal or budget) first */
  bool damaged;                /* not triaged: a libFuzzer artifact whose bytes are cut short, or
                                  an empty one that does not reproduce (what a kill, a full disk
                                  or a crash between two inputs leaves) */
  bool resumed;                /* classified by an earlier triage of this run */
  bool quick_only;             /* not re-run in isolation: the quick pass gave it the same
                                  signature as enough inputs that were (duet/quick_pass.h);
                                  verdict and signature are theirs */
  bool recalled;               /* not re-run either: the quick pass gave it a signature the
                                  store keeps whole (duet_store_recall); verdict from there */
};

/* One distinct finding (a signature) of this triage. */
struct duet_finding {
  char signature[17];
  struct duet_verdict verdict;
  const struct duet_triaged_input *example; /* the first input with it (borrowed) */
  size_t inputs;               /* inputs of this triage with this signature */
  unsigned reproduced, reruns; /* of the reliability re-runs */
  bool reliable;               /* reproduced every time */
  const char *status;          /* "new", "seen-before", "known" */
  char known_why[1024];        /* from known-divergences.json or a regression's expect.json
                                  (cut at a word, with "...", if longer) */
  char first_seen[32];         /* UTC, from the store (now when new) */
  bool stored_before;          /* the store had it before this triage */
  char store_dir[DUET_PATH_MAX];    /* reports/findings/<target>/<signature> */
  size_t input_size;           /* size of the stored input (store_dir/input) */
  size_t minimized_size;       /* size of the stored minimised input (store_dir/minimized) */
  char minimizer[32];          /* "libFuzzer -minimize_crash", "duet ddmin", "none" */
  struct duet_evidence_view evidence; /* previews from store_dir/evidence.txt, or empty */
};

struct duet_triage {
  const struct duet_target *target;  /* borrowed */
  struct duet_triaged_input *inputs; /* owned */
  size_t input_count;
  struct duet_finding *findings;     /* owned */
  size_t finding_count;
  bool symbolizer_missing;           /* some frames are module+offset */
  char run_dir[DUET_PATH_MAX];       /* options->run_dir, or "" */
  bool stopped;                      /* a stop (duet/stop.h) cut it short: inputs not
                                        classified are marked, findings not re-run or
                                        minimised are stored as they are */
};

/*
 * Classifies `count` input files of `target` and folds them into distinct
 * findings: re-runs, dedup, minimisation, the findings store and the known
 * list. A bad input (unreadable, a folder) is recorded with its error and
 * triage goes on. A stop (signal or deadline, duet/stop.h) ends it early
 * with triage->stopped set. Returns 0, or -errno when nothing could be done
 * (the store is not writable). Release with duet_triage_release.
 */
int duet_triage_files(const struct duet_target *target, char *const paths[], size_t count,
                      const struct duet_triage_options *options, struct duet_triage *triage);

/* How a triage's inputs were handled. */
struct duet_triage_counts {
  size_t replayed;   /* re-run in isolation */
  size_t quick_only; /* sorted by the quick pass only */
  size_t recalled;   /* sorted by the quick pass into a signature the store keeps whole */
  size_t capped;     /* not re-run: over a limit */
  size_t unreadable; /* bad inputs */
  size_t untriaged;  /* stopped before their turn */
  size_t resumed;    /* taken from an earlier triage of the run */
};
struct duet_triage_counts duet_triage_count(const struct duet_triage *triage);

void duet_triage_release(struct duet_triage *triage);

/* `path` relative to the triage's run folder when beneath it, else as is. */
const char *duet_triage_path(const struct duet_triage *triage, const char *path);

/* The command that reproduces `finding` from its minimised input: in a run,
   "duet repro T findings/SIG/minimized" (run it from the run folder), else
   with the store's path. */
void duet_finding_repro(const struct duet_triage *triage, const struct duet_finding *finding, char *out, size_t cap);

/*
 * The exit status of the most severe reproduced finding that is not known
 * (crash, panic, leak, oom, timeout, divergence, in that order), 0 if none:
 * known findings do not fail a CI job.
 */
int duet_triage_worst_exit(const struct duet_triage *triage);

/* JSON arrays of the inputs and the findings (caller owns them). */
struct cJSON *duet_triage_inputs_json(const struct duet_triage *triage);
struct cJSON *duet_triage_findings_json(const struct duet_triage *triage);

#endif /* DUET_TRIAGE_H */
