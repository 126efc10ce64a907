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

/* The metadata of every crate of the staticlib: a few MiB at most. */
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

/* The counter's object for one package, with crate, version and role first. */
static cJSON *crate_json(const struct graph *g, const cJSON *package, const cJSON *node, char *error, size_t error_size) {
  const char *root = lib_root(package);
  if (!root) return cJSON_CreateNull(); /* no library target: nothing linked */
  const cJSON *list = cJSON_GetObjectItem(node, "features"), *f;
  size_t n = 0;
  const char **features = calloc((size_t)cJSON_GetArraySize(list) + 1, sizeof *features);
  if (!features) return NULL;
  cJSON_ArrayForEach(f, list) if (f->valuestring) features[n++] = f->valuestring;
  cJSON *counts = duet_unsafe_count_crate(root, features, n, error, error_size);
  free(features);
  if (!counts) return NULL;
  cJSON *o = cJSON_CreateObject();
  cJSON_AddStringToObject(o, "crate", string_of(package, "name"));
  cJSON_AddStringToObject(o, "version", string_of(package, "version"));
  cJSON_AddStringToObject(o, "role", role_of(g, package, string_of(package, "id")));
  add_same_as(g, package, o);
  cJSON_AddItemToObject(o, "features", cJSON_Duplicate(list, 1));
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

static cJSON *load_metadata(char *error, size_t error_size) {
  char path[DUET_PATH_MAX];
  snprintf(path, sizeof path, "%s/rust/metadata.json", duet_build_info.binary_dir);
  uint8_t *data;
  size_t size;
  if (duet_read_file(path, METADATA_MAX, &data, &size) != 0) {
    snprintf(error, error_size, "no cargo metadata at %s (rebuild)", path);
    return NULL;
  }
  data[size] = '\0';
  cJSON *meta = cJSON_Parse((char *)data);
  free(data);
  if (!meta) snprintf(error, error_size, "%s is not JSON (rebuild)", path);
  return meta;
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
  struct graph g = {.packages = cJSON_GetObjectItem(meta, "packages"),
                    .nodes = cJSON_GetObjectItem(cJSON_GetObjectItem(meta, "resolve"), "nodes")};
  g.adapter = find_by(g.packages, "name", adapter);
  if (!g.adapter) {
    snprintf(error, error_size, "%s has no Rust adapter crate %s in the build", target->name, adapter);
    cJSON_Delete(meta);
    return NULL;
  }
  const char *id = string_of(g.adapter, "id");
  g.adapter_deps = cJSON_GetObjectItem(find_by(g.nodes, "id", id), "dependencies");
  g.crates = cJSON_CreateArray();
  g.seen = cJSON_CreateArray();
  int rc = walk(&g, id, error, error_size);
  cJSON_Delete(g.seen);
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
