#define _XOPEN_SOURCE 700
#include "duet/unsafe_surface.h"

#include <cjson/cJSON.h>
#include <ctype.h>
#include <errno.h>
#include <ftw.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "duet/build_info.h"
#include "duet/fileio.h"
#include "duet/limits.h"

/* Skips a comment, string or char literal starting at p; returns the first
   byte after it, or p when none starts there. Lifetimes ('a) are not chars. */
static const char *skip_non_code(const char *p, const char *end) {
  if (p + 1 < end && p[0] == '/' && p[1] == '/') {
    while (p < end && *p != '\n') p++;
    return p;
  }
  if (p + 1 < end && p[0] == '/' && p[1] == '*') {
    int depth = 0;
    while (p + 1 < end) {
      if (p[0] == '/' && p[1] == '*') depth++, p += 2;
      else if (p[0] == '*' && p[1] == '/') { p += 2; if (--depth == 0) return p; }
      else p++;
    }
    return end;
  }
  if (*p == 'r' && p + 1 < end && (p[1] == '"' || p[1] == '#')) {
    const char *q = p + 1;
    size_t hashes = 0;
    while (q < end && *q == '#') hashes++, q++;
    if (q >= end || *q != '"') return p;
    for (q++; q < end; q++) {
      if (*q != '"') continue;
      size_t h = 0;
      while (h < hashes && q + 1 + h < end && q[1 + h] == '#') h++;
      if (h == hashes) return q + 1 + h;
    }
    return end;
  }
  if (*p == '"') {
    for (p++; p < end && *p != '"'; p++)
      if (*p == '\\') p++;
    return p < end ? p + 1 : end;
  }
  if (*p == '\'') {
    if (p + 2 < end && p[1] == '\\') { /* '\n', '\u{..}' */
      const char *q = p + 2;
      while (q < end && *q != '\'') q++;
      return q < end ? q + 1 : end;
    }
    if (p + 2 < end && p[2] == '\'') return p + 3; /* 'x' */
  }
  return p;
}

static bool ident_char(char c) { return isalnum((unsigned char)c) || c == '_'; }

/* The next identifier or punctuation byte after p (skipping blanks, comments). */
static const char *next_token(const char *p, const char *end) {
  for (;;) {
    while (p < end && isspace((unsigned char)*p)) p++;
    const char *q = p < end ? skip_non_code(p, end) : p;
    if (q == p || *p == '"' || *p == '\'' || *p == 'r') return p;
    p = q;
  }
}

static bool word_at(const char *p, const char *end, const char *word) {
  size_t n = strlen(word);
  return (size_t)(end - p) >= n && memcmp(p, word, n) == 0 && (p + n == end || !ident_char(p[n]));
}

static void count_unsafe(const char *after, const char *end, struct duet_unsafe_counts *c) {
  const char *t = next_token(after, end);
  if (t < end && *t == '{') c->blocks++;
  else if (word_at(t, end, "impl")) c->impls++;
  else if (word_at(t, end, "trait")) c->traits++;
  else c->functions++; /* fn, extern "C" fn, const fn */
}

void duet_unsafe_scan_text(const char *text, size_t size, struct duet_unsafe_counts *c) {
  const char *p = text, *end = text + size;
  while (p < end) {
    const char *q = skip_non_code(p, end);
    if (q != p) {
      p = q;
      continue;
    }
    if (ident_char(*p)) {
      const char *start = p;
      while (p < end && ident_char(*p)) p++;
      bool standalone = start == text || !ident_char(start[-1]);
      if (standalone && p - start == 6 && memcmp(start, "unsafe", 6) == 0) count_unsafe(p, end, c);
      /* unsafe_code inside forbid(...) is an identifier too: only `unsafe` counts. */
      continue;
    }
    p++;
  }
}

static struct duet_unsafe_counts *scan_target;

static int scan_one(const char *path, const struct stat *st, int type, struct FTW *ftw) {
  (void)st;
  (void)ftw;
  size_t n = strlen(path);
  if (type != FTW_F || n < 3 || strcmp(path + n - 3, ".rs") != 0) return 0;
  uint8_t *data;
  size_t size;
  if (duet_read_file(path, DUET_INPUT_MAX, &data, &size) != 0) return 0;
  scan_target->files++;
  duet_unsafe_scan_text((const char *)data, size, scan_target);
  free(data);
  return 0;
}

static bool forbids(const char *root_file) {
  uint8_t *data;
  size_t size;
  if (!root_file || duet_read_file(root_file, DUET_INPUT_MAX, &data, &size) != 0) return false;
  data[size] = '\0';
  bool found = strstr((char *)data, "#![forbid(unsafe_code)]") != NULL;
  free(data);
  return found;
}

int duet_unsafe_scan(const char *dir, const char *root_file, struct duet_unsafe_counts *counts) {
  memset(counts, 0, sizeof *counts);
  scan_target = counts;
  int rc = nftw(dir, scan_one, 16, FTW_PHYS);
  scan_target = NULL;
  counts->forbids_unsafe = forbids(root_file);
  return rc == 0 ? 0 : -errno;
}

static const cJSON *package_by_id(const cJSON *packages, const char *id) {
  const cJSON *p;
  cJSON_ArrayForEach(p, packages) if (strcmp(cJSON_GetStringValue(cJSON_GetObjectItem(p, "id")), id) == 0) return p;
  return NULL;
}

static const char *lib_root(const cJSON *package) {
  const cJSON *t;
  cJSON_ArrayForEach(t, cJSON_GetObjectItem(package, "targets")) {
    const cJSON *kind;
    cJSON_ArrayForEach(kind, cJSON_GetObjectItem(t, "kind"))
      if (strcmp(cJSON_GetStringValue(kind), "lib") == 0 || strcmp(cJSON_GetStringValue(kind), "rlib") == 0)
        return cJSON_GetStringValue(cJSON_GetObjectItem(t, "src_path"));
  }
  return NULL;
}

static cJSON *crate_json(const cJSON *package, const char *role) {
  const char *root = lib_root(package);
  if (!root) return NULL;
  char dir[DUET_PATH_MAX];
  snprintf(dir, sizeof dir, "%s", root);
  struct duet_unsafe_counts c;
  duet_unsafe_scan(dirname(dir), root, &c);
  cJSON *o = cJSON_CreateObject();
  cJSON_AddStringToObject(o, "crate", cJSON_GetStringValue(cJSON_GetObjectItem(package, "name")));
  cJSON_AddStringToObject(o, "version", cJSON_GetStringValue(cJSON_GetObjectItem(package, "version")));
  cJSON_AddStringToObject(o, "role", role);
  cJSON_AddNumberToObject(o, "files", (double)c.files);
  cJSON_AddNumberToObject(o, "unsafe_blocks", (double)c.blocks);
  cJSON_AddNumberToObject(o, "unsafe_functions", (double)c.functions);
  cJSON_AddNumberToObject(o, "unsafe_impls", (double)c.impls);
  cJSON_AddNumberToObject(o, "unsafe_traits", (double)c.traits);
  cJSON_AddBoolToObject(o, "forbids_unsafe_code", c.forbids_unsafe);
  return o;
}

/* Walks the resolve graph from the adapter crate; each crate once. */
static void add_closure(const cJSON *nodes, const cJSON *packages, const char *id, const char *adapter_id, cJSON *out,
                        cJSON *seen) {
  const cJSON *s;
  cJSON_ArrayForEach(s, seen) if (strcmp(s->valuestring, id) == 0) return;
  cJSON_AddItemToArray(seen, cJSON_CreateString(id));
  const cJSON *package = package_by_id(packages, id);
  const char *name = package ? cJSON_GetStringValue(cJSON_GetObjectItem(package, "name")) : NULL;
  if (!name) return;
  const char *role = strcmp(id, adapter_id) == 0 ? "adapter" : strcmp(name, "duet_ffi") == 0 ? "harness" : "library";
  cJSON *crate = crate_json(package, role);
  if (crate) cJSON_AddItemToArray(out, crate);
  const cJSON *node;
  cJSON_ArrayForEach(node, nodes) {
    if (strcmp(cJSON_GetStringValue(cJSON_GetObjectItem(node, "id")), id) != 0) continue;
    const cJSON *dep;
    cJSON_ArrayForEach(dep, cJSON_GetObjectItem(node, "dependencies"))
      add_closure(nodes, packages, dep->valuestring, adapter_id, out, seen);
  }
}

cJSON *duet_unsafe_surface(const struct duet_target *target, char *error, size_t error_size) {
  char path[DUET_PATH_MAX], adapter[128];
  snprintf(path, sizeof path, "%s/rust/metadata.json", duet_build_info.binary_dir);
  snprintf(adapter, sizeof adapter, "duet_target_%s", target->ident);
  uint8_t *data;
  size_t size;
  if (duet_read_file(path, (size_t)64 << 20, &data, &size) != 0) {
    snprintf(error, error_size, "no cargo metadata at %s (rebuild)", path);
    return NULL;
  }
  data[size] = '\0';
  cJSON *meta = cJSON_Parse((char *)data);
  free(data);
  const cJSON *packages = cJSON_GetObjectItem(meta, "packages"), *p, *found = NULL;
  cJSON_ArrayForEach(p, packages) if (strcmp(cJSON_GetStringValue(cJSON_GetObjectItem(p, "name")), adapter) == 0) found = p;
  if (!found) {
    snprintf(error, error_size, "%s has no Rust adapter crate %s in the build", target->name, adapter);
    cJSON_Delete(meta);
    return NULL;
  }
  cJSON *crates = cJSON_CreateArray(), *seen = cJSON_CreateArray();
  const char *id = cJSON_GetStringValue(cJSON_GetObjectItem(found, "id"));
  add_closure(cJSON_GetObjectItem(cJSON_GetObjectItem(meta, "resolve"), "nodes"), packages, id, id, crates, seen);
  cJSON_Delete(seen);
  cJSON_Delete(meta);
  cJSON *o = cJSON_CreateObject();
  cJSON_AddStringToObject(o, "note", "counted in crate sources with comments and strings skipped; the Rust standard library is not counted");
  cJSON_AddItemToObject(o, "crates", crates);
  return o;
}
