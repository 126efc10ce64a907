/* `duet stress`'s inputs: folders, single files, and the quick pass that
   leaves out every input on which a side already fails alone. */
#define _GNU_SOURCE
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "duet/fileio.h"
#include "duet/limits.h"
#include "duet/quick_pass.h"
#include "stress.h"

int duet_stress_add_file(struct duet_stress_inputs *in, const char *path) {
  char **grown = realloc(in->paths, (in->n + 2) * sizeof *grown);
  if (!grown) return -ENOMEM;
  in->paths = grown;
  uint8_t *data;
  size_t size;
  int rc = duet_read_file(path, DUET_INPUT_MAX, &data, &size);
  if (rc != 0) return rc;
  free(data);
  if (!(in->paths[in->n] = strdup(path))) return -ENOMEM;
  in->n++;
  return 0;
}

int duet_stress_add_dir(struct duet_stress_inputs *in, const char *dir) {
  char **files;
  long n = duet_list_files(dir, &files);
  if (n == -ENOENT) return 0;
  if (n < 0) return (int)n;
  char **grown = realloc(in->paths, (in->n + (size_t)n + 1) * sizeof *grown);
  if (!grown) {
    duet_paths_free(files);
    return -ENOMEM;
  }
  in->paths = grown;
  for (long i = 0; i < n; i++) in->paths[in->n++] = files[i];
  free(files); /* the paths now belong to in->paths */
  return 0;
}

int duet_stress_clean_inputs(struct duet_stress_inputs *in, const char *exe, const struct duet_target *t) {
  struct duet_quick_result *q = calloc(in->n + 1, sizeof *q);
  if (!q) return -ENOMEM;
  int rc = duet_quick_pass(exe, t, in->paths, in->n, 10, q);
  size_t kept = 0;
  for (size_t i = 0; i < in->n; i++) {
    if (rc == 0 && q[i].state == DUET_QUICK_SORTED && !q[i].finding && kept < DUET_STRESS_MAX_INPUTS)
      in->paths[kept++] = in->paths[i];
    else free(in->paths[i]);
  }
  in->n = kept;
  free(q);
  return rc;
}

void duet_stress_inputs_free(struct duet_stress_inputs *in) {
  for (size_t i = 0; i < in->n; i++) free(in->paths[i]);
  free(in->paths);
  *in = (struct duet_stress_inputs){0};
}
