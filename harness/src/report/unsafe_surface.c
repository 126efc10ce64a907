/* A target's unsafe surface from the build's cargo metadata (see the header). */
#include "duet/unsafe_surface.h"

#include <cjson/cJSON.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "duet/build_info.h"
#include "duet/fileio.h"
#include "duet/limits.h"

/* The metadata and build messages of every crate of the staticlib: a few MiB at most. */
#define METADATA_MAX ((size_t)64 << 20)

static const char *string_of(const cJSON *o, const char *key) { return cJSON_GetStringValue(cJSON_GetObjectItem(o, key)); }

static bool same_string(const char *a, const char *b) { return a && b && strcmp(a, b) == 0; }

static const cJSON *find_by(const cJSON *array, const char *key, const char *value) {
  const cJSON *o;
  cJSON_ArrayForEach(o, array) if (same_string(string_of(o, key), value)) return o;
  return NULL;
}

/* What the walk needs: the metadata's packages and resolve nodes, and the adapter. */
struct graph {
  const cJSON *packages, *nodes;
  const cJSON *adapter;      /* the duet_target_* package */
  const cJSON *adapter_deps; /* its resolve node's "dependencies" (ids) */
  cJSON *crates;             /* output array */
  cJSON *seen;               /* ids walked */
  cJSON *build_cfgs;         /* package id -> cfgs its build script set (owned) */
};

static const char *lib_root(const cJSON *package) {
  const cJSON *t, *kind;
  cJSON_ArrayForEach(t, cJSON_GetObjectItem(package, "targets")) {
    cJSON_ArrayForEach(kind, cJSON_GetObjectItem(t, "kind"))
      if (same_string(kind->valuestring, "lib") || same_string(kind->valuestring, "rlib")) return string_of(t, "src_path");
  }
  return NULL;
}

static const char *role_of(const struct graph *g, const cJSON *package, const char *id) {
  const char *name = string_of(package, "name");
  if (same_string(id, string_of(g->adapter, "id"))) return "adapter";
  if (same_string(name, "duet_ffi")) return "harness";
  const cJSON *dep;
  cJSON_ArrayForEach(dep, g->adapter_deps) if (same_string(dep->valuestring, id)) return strncmp(name, "duet_", 5) == 0 ? "harness" : "library";
  return "dependency";
}

/* "brotli-decompressor 2.3.4" when the adapter declares `package` a copy of
   another crate: [package.metadata.duet] same-as = { copy = "original" }. */
static void add_same_as(const struct graph *g, const cJSON *package, cJSON *out) {
  const cJSON *duet = cJSON_GetObjectItem(cJSON_GetObjectItem(g->adapter, "metadata"), "duet");
  const char *original = string_of(cJSON_GetObjectItem(duet, "same-as"), string_of(package, "name"));
  if (!original) return;
  char text[256];
  snprintf(text, sizeof text, "%s %s", original, string_of(package, "version"));
  cJSON_AddStringToObject(out, "same_as", text);
}

/* Pointers to the strings of a JSON array (calloc'd; the strings stay borrowed). */
static const char **strings_of(const cJSON *array, size_t *count) {
  const char **out = calloc((size_t)cJSON_GetArraySize(array) + 1, sizeof *out);
  const cJSON *s;
  *count = 0;
  if (out) cJSON_ArrayForEach(s, array) if (s->valuestring) out[(*count)++] = s->valuestring;
  return out;
}

static cJSON *run_counter(const cJSON *package, const cJSON *features, const cJSON *cfgs, char *error,
                          size_t error_size) {
  struct duet_unsafe_crate crate = {.root = lib_root(package)};
  crate.features = strings_of(features, &crate.feature_count);
  crate.cfgs = strings_of(cfgs, &crate.cfg_count);
  cJSON *counts = NULL;
  if (!crate.features || !crate.cfgs) snprintf(error, error_size, "out of memory");
  else counts = duet_unsafe_count_crate(&crate, error, error_size);
  free((void *)crate.features);
  free((void *)crate.cfgs);
  return counts;
}

/* The counter's object for one package, with crate, version and role first. */
static cJSON *crate_json(const struct graph *g, const cJSON *package, const cJSON *node, char *error, size_t error_size) {
  if (!lib_root(package)) return cJSON_CreateNull(); /* no library target: nothing linked */
  const cJSON *features = cJSON_GetObjectItem(node, "features");
  const cJSON *cfgs = cJSON_GetObjectItem(g->build_cfgs, string_of(package, "id"));
  cJSON *counts = run_counter(package, features, cfgs, error, error_size);
  if (!counts) return NULL;
  cJSON *o = cJSON_CreateObject();
  cJSON_AddStringToObject(o, "crate", string_of(package, "name"));
  cJSON_AddStringToObject(o, "version", string_of(package, "version"));
  cJSON_AddStringToObject(o, "role", role_of(g, package, string_of(package, "id")));
  add_same_as(g, package, o);
  cJSON_AddItemToObject(o, "features", cJSON_Duplicate(features, 1));
  cJSON_AddItemToObject(o, "build_script_cfgs", cfgs ? cJSON_Duplicate(cfgs, 1) : cJSON_CreateArray());
  for (cJSON *item; (item = counts->child) != NULL;) {
    cJSON_DetachItemViaPointer(counts, item);
    cJSON_AddItemToObject(o, item->string, item); /* copies the key */
  }
  cJSON_Delete(counts);
  return o;
}

/* Depth-first over the resolve graph from `id`; each crate once. 0 or -1. */
static int walk(struct graph *g, const char *id, char *error, size_t error_size) {
  if (find_by(g->seen, "id", id)) return 0;
  cJSON *mark = cJSON_CreateObject();
  cJSON_AddStringToObject(mark, "id", id);
  cJSON_AddItemToArray(g->seen, mark);
  const cJSON *package = find_by(g->packages, "id", id), *node = find_by(g->nodes, "id", id);
  if (!package || !node) return 0;
  cJSON *crate = crate_json(g, package, node, error, error_size);
  if (!crate) return -1;
  if (cJSON_IsNull(crate)) cJSON_Delete(crate);
  else cJSON_AddItemToArray(g->crates, crate);
  const cJSON *dep;
  cJSON_ArrayForEach(dep, cJSON_GetObjectItem(node, "dependencies"))
    if (walk(g, dep->valuestring, error, error_size) != 0) return -1;
  return 0;
}

/* Sites per rewrite (library), dependencies and glue (adapter, harness);
   copies (same_as) are left out. */
static cJSON *totals(const cJSON *crates) {
  double rewrite = 0, dependencies = 0, glue = 0;
  const cJSON *c;
  cJSON_ArrayForEach(c, crates) {
    if (cJSON_GetObjectItem(c, "same_as")) continue;
    const char *role = string_of(c, "role");
    double n = duet_unsafe_sites(c);
    if (same_string(role, "library")) rewrite += n;
    else if (same_string(role, "dependency")) dependencies += n;
    else glue += n;
  }
  cJSON *o = cJSON_CreateObject();
  cJSON_AddNumberToObject(o, "rewrite", rewrite);
  cJSON_AddNumberToObject(o, "dependencies", dependencies);
  cJSON_AddNumberToObject(o, "glue", glue);
  return o;
}

/* rust/NAME of the build folder, NUL-terminated (caller frees), or NULL. */
static char *read_build_file(const char *name, char *error, size_t error_size) {
  char path[DUET_PATH_MAX];
  snprintf(path, sizeof path, "%s/rust/%s", duet_build_info.binary_dir, name);
  uint8_t *data;
  size_t size;
  if (duet_read_file(path, METADATA_MAX, &data, &size) != 0) {
    snprintf(error, error_size, "no %s (rebuild)", path);
    return NULL;
  }
  data[size] = '\0';
  return (char *)data;
}

static cJSON *load_metadata(char *error, size_t error_size) {
  char *text = read_build_file("metadata.json", error, error_size);
  cJSON *meta = text ? cJSON_Parse(text) : NULL;
  if (text && !meta) snprintf(error, error_size, "rust/metadata.json is not JSON (rebuild)");
  free(text);
  return meta;
}

/* {package id: [cfg...]} from the build's JSON messages, one a line. */
static cJSON *load_build_cfgs(char *error, size_t error_size) {
  char *text = read_build_file("build-messages.json", error, error_size);
  if (!text) return NULL;
  cJSON *cfgs = cJSON_CreateObject();
  for (char *line = text, *next; line && *line; line = next) {
    next = strchr(line, '\n');
    if (next) *next++ = '\0';
    if (!strstr(line, "\"build-script-executed\"")) continue;
    cJSON *message = cJSON_Parse(line);
    const char *id = string_of(message, "package_id");
    cJSON *list = cJSON_DetachItemFromObject(message, "cfgs");
    if (id && cJSON_IsArray(list) && !cJSON_GetObjectItem(cfgs, id)) cJSON_AddItemToObject(cfgs, id, list);
    else cJSON_Delete(list);
    cJSON_Delete(message);
  }
  free(text);
  return cfgs;
}

static const char NOTE[] =
    "counted by tools/unsafe-count (syn) in the code each crate compiles with the build's features and target cfg; "
    "unsafe tokens inside macro_rules! and other macro bodies that cannot be parsed are in in_macros, not in the "
    "totals; the Rust standard library is not counted";

cJSON *duet_unsafe_surface(const struct duet_target *target, char *error, size_t error_size) {
  char adapter[128];
  snprintf(adapter, sizeof adapter, "duet_target_%s", target->ident);
  cJSON *meta = load_metadata(error, error_size);
  if (!meta) return NULL;
  cJSON *build_cfgs = load_build_cfgs(error, error_size);
  if (!build_cfgs) {
    cJSON_Delete(meta);
    return NULL;
  }
  struct graph g = {.packages = cJSON_GetObjectItem(meta, "packages"),
                    .nodes = cJSON_GetObjectItem(cJSON_GetObjectItem(meta, "resolve"), "nodes"),
                    .build_cfgs = build_cfgs};
  g.adapter = find_by(g.packages, "name", adapter);
  if (!g.adapter) {
    snprintf(error, error_size, "%s has no Rust adapter crate %s in the build", target->name, adapter);
    cJSON_Delete(build_cfgs);
    cJSON_Delete(meta);
    return NULL;
  }
  const char *id = string_of(g.adapter, "id");
  g.adapter_deps = cJSON_GetObjectItem(find_by(g.nodes, "id", id), "dependencies");
  g.crates = cJSON_CreateArray();
  g.seen = cJSON_CreateArray();
  int rc = walk(&g, id, error, error_size);
  cJSON_Delete(g.seen);
  cJSON_Delete(build_cfgs);
  cJSON_Delete(meta);
  if (rc != 0) {
    cJSON_Delete(g.crates);
    return NULL;
  }
  cJSON *o = cJSON_CreateObject();
  cJSON_AddStringToObject(o, "note", NOTE);
  cJSON_AddItemToObject(o, "totals", totals(g.crates));
  cJSON_AddItemToObject(o, "crates", g.crates);
  return o;
}
