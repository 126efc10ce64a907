/*
 * json.parse, C side: cJSON_ParseWithLengthOpts in strict mode (trailing
 * garbage refused) on a NUL-terminated copy of the input, then the parsed
 * tree written in the canonical form of targets/json.parse/README.md.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cJSON.h"
#include "duet/contract.h"

/* Output goes straight to the sink; after the first failed write nothing
   more is attempted (the harness then reports output-limit). */
struct writer {
  struct duet_sink *sink;
  int full;
};

static void put(struct writer *w, const void *bytes, size_t size) {
  if (!w->full && duet_sink_write(w->sink, bytes, size) != 0) w->full = 1;
}

static void put_text(struct writer *w, const char *text) { put(w, text, strlen(text)); }

/* Integral values up to 2^53 as plain integers; everything else as the
   shortest digits that read back to the same double, in Rust's `{:e}` form
   (d[.ddd]e[-]N) so both sides print a double the same way. */
static void put_number(struct writer *w, double v) {
  char buf[64];
  if (isinf(v)) {
    put_text(w, v < 0 ? "-inf" : "inf");
    return;
  }
  if (isnan(v)) {
    put_text(w, "nan");
    return;
  }
  if (v == floor(v) && fabs(v) <= 9007199254740992.0) {
    if (v == 0) {
      put_text(w, signbit(v) ? "-0" : "0");
      return;
    }
    snprintf(buf, sizeof buf, "%.0f", v);
    put_text(w, buf);
    return;
  }
  for (int digits = 1; digits <= 17; digits++) {
    snprintf(buf, sizeof buf, "%.*e", digits - 1, v);
    if (strtod(buf, NULL) == v) break;
  }
  char *e = strchr(buf, 'e');
  long exponent = strtol(e + 1, NULL, 10); /* our own %e output: always a valid exponent */
  put(w, buf, (size_t)(e - buf));
  snprintf(buf, sizeof buf, "e%ld", exponent);
  put_text(w, buf);
}

/* cJSON strings are C strings: the bytes up to the first NUL. */
static void put_string(struct writer *w, const char *s) {
  put_text(w, "\"");
  for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
    char esc[8];
    if (*p == '"' || *p == '\\') {
      esc[0] = '\\';
      esc[1] = (char)*p;
      put(w, esc, 2);
    } else if (*p < 0x20 || *p == 0x7f) {
      snprintf(esc, sizeof esc, "\\u%04x", *p);
      put(w, esc, 6);
    } else {
      put(w, p, 1);
    }
  }
  put_text(w, "\"");
}

struct member {
  const cJSON *item;
  size_t index; /* position in the document */
};

static int by_key(const void *a, const void *b) {
  const struct member *x = a, *y = b;
  int c = strcmp(x->item->string, y->item->string);
  if (c) return c;
  /* Equal keys keep document order, so the first one comes first. */
  return (x->index > y->index) - (x->index < y->index);
}

static void put_value(struct writer *w, const cJSON *item);

/* Members sorted by key bytes; of duplicate keys only the first is written,
   the member cJSON_GetObjectItemCaseSensitive returns. */
static void put_object(struct writer *w, const cJSON *object) {
  size_t n = 0;
  for (const cJSON *m = object->child; m; m = m->next) n++;
  struct member *members = n ? malloc(n * sizeof *members) : NULL;
  if (n && !members) {
    w->full = 1;
    return;
  }
  size_t i = 0;
  for (const cJSON *m = object->child; m; m = m->next, i++) members[i] = (struct member){m, i};
  if (n) qsort(members, n, sizeof *members, by_key);
  put_text(w, "{");
  int first = 1;
  for (i = 0; i < n; i++) {
    if (i > 0 && strcmp(members[i].item->string, members[i - 1].item->string) == 0) continue;
    if (!first) put_text(w, ",");
    first = 0;
    put_string(w, members[i].item->string);
    put_text(w, ":");
    put_value(w, members[i].item);
  }
  put_text(w, "}");
  free(members);
}

static void put_value(struct writer *w, const cJSON *item) {
  if (w->full) return;
  switch (item->type & 0xff) {
  case cJSON_NULL: put_text(w, "null"); break;
  case cJSON_False: put_text(w, "false"); break;
  case cJSON_True: put_text(w, "true"); break;
  case cJSON_Number: put_number(w, item->valuedouble); break;
  case cJSON_String: put_string(w, item->valuestring ? item->valuestring : ""); break;
  case cJSON_Array:
    put_text(w, "[");
    for (const cJSON *e = item->child; e; e = e->next) {
      if (e != item->child) put_text(w, ",");
      put_value(w, e);
    }
    put_text(w, "]");
    break;
  case cJSON_Object: put_object(w, item); break;
  default: put_text(w, "?"); break;
  }
}

static int json_parse_c(const uint8_t *input, size_t size, struct duet_sink *out) {
  /* Strict mode looks for the terminating NUL inside the given length, so
     the copy carries one and the length counts it. */
  char *text = malloc(size + 1);
  if (!text) {
    duet_sink_set_reason(out, "out of memory", 13);
    return DUET_REJECT;
  }
  if (size) memcpy(text, input, size);
  text[size] = '\0';
  cJSON *root = cJSON_ParseWithLengthOpts(text, size + 1, NULL, 1);
  free(text);
  if (!root) {
    duet_sink_set_reason(out, "parse failed", 12);
    return DUET_REJECT;
  }
  struct writer w = {out, 0};
  put_value(&w, root);
  cJSON_Delete(root);
  return w.full ? DUET_REJECT : DUET_ACCEPT;
}

const struct duet_impl duet_json_parse_reference = {
    .name = "c",
    .language = DUET_LANG_C,
    .library = "cJSON",
    .version = DUET_STRINGIFY(CJSON_VERSION_MAJOR) "." DUET_STRINGIFY(CJSON_VERSION_MINOR) "." DUET_STRINGIFY(
        CJSON_VERSION_PATCH) " (Debian 1.7.15-1+deb12u4)",
    .api = "cJSON_ParseWithLengthOpts(require_null_terminated)/cJSON_Delete",
    .run = json_parse_c,
};

/* The Rust candidate's entry point (targets/json.parse/rust). */
int duet_json_parse_rust(const uint8_t *input, size_t size, struct duet_sink *out);

static const struct duet_impl rust_candidate = {
    .name = "rust",
    .language = DUET_LANG_RUST,
    .library = "serde_json",
    .version = "1.0.87",
    .api = "serde_json::from_slice::<Value>",
    .run = duet_json_parse_rust,
};

const struct duet_impl *const duet_json_parse_candidates[] = {&rust_candidate, NULL};
