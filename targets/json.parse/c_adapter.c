/*
 * json.parse, C side: cJSON_ParseWithLengthOpts in strict mode (trailing
 * garbage refused) on a NUL-terminated copy of the input, then the parsed
 * tree written in the canonical form of targets/json.parse/README.md.
 */
#include <math.h>
#include <stdbool.h>
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

/* The class of the byte at `at` (targets/json.parse/README.md, "Causes"):
   what stopped a parser, without where. Delimiters are one class, so that
   "1." fails the same way before ',', ']', '}', a space or the end. */
static const char *byte_class(const char *text, size_t size, size_t at) {
  if (at >= size) return "a delimiter";
  unsigned char c = (unsigned char)text[at];
  if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') return "a control byte";
  if (c == 0x7f) return "a control byte";
  if (c >= 0x80) return "a non-ASCII byte";
  if (c >= '0' && c <= '9') return "a digit";
  if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') return "a letter";
  if (strchr(",]}: \t\n\r", c)) return "a delimiter";
  static const char punct[] = "{[\"\\.-+";
  static const char *const names[] = {"'{'", "'['", "a quote", "a backslash", "'.'", "'-'", "'+'"};
  const char *p = strchr(punct, c);
  return p ? names[p - punct] : "another byte";
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
  const char *end = NULL;
  cJSON *root = cJSON_ParseWithLengthOpts(text, size + 1, &end, 1);
  if (!root) { /* cJSON names no cause: the bytes where it stopped stand for one */
    size_t at = end && end >= text ? (size_t)(end - text) : size;
    char reason[96];
    const char *before = at ? byte_class(text, size, at - 1) : "nothing", *here = byte_class(text, size, at);
    bool unfinished = strcmp(before, "'.'") == 0 || strcmp(before, "'-'") == 0 || strcmp(before, "'+'") == 0;
    snprintf(reason, sizeof reason, "parse failed %s %s", unfinished ? "after" : "at", unfinished ? before : here);
    free(text);
    return duet_sink_reject(out, reason);
  }
  free(text);
  struct writer w = {out, 0};
  put_value(&w, root);
  cJSON_Delete(root);
  return w.full ? DUET_REJECT : DUET_ACCEPT;
}

/* For `duet bench`: cJSON's parse into its tree and the tree's release,
   the same call as json_parse_c without the canonical output. */
static int json_parse_c_native(const uint8_t *input, size_t size) {
  char *text = malloc(size + 1);
  if (!text) return DUET_REJECT;
  if (size) memcpy(text, input, size);
  text[size] = '\0';
  cJSON *root = cJSON_ParseWithLengthOpts(text, size + 1, NULL, 1);
  free(text);
  cJSON_Delete(root);
  return root ? DUET_ACCEPT : DUET_REJECT;
}

/* Whether some object in the tree names a member twice. */
static int has_duplicate_key(const cJSON *item) {
  for (const cJSON *child = item ? item->child : NULL; child; child = child->next) {
    if (cJSON_IsObject(item))
      for (const cJSON *later = child->next; later; later = later->next)
        if (child->string && later->string && strcmp(child->string, later->string) == 0) return 1;
    if (has_duplicate_key(child)) return 1;
  }
  return 0;
}

/* The cause of an output mismatch (duet_cause_fn, README "Causes"): a
   duplicate key in the input, else what the reference's output holds at the
   first difference: inside a string, a number, or the structure. */
void duet_json_parse_cause(const uint8_t *input, size_t size, const uint8_t *reference, size_t reference_len,
                           const uint8_t *candidate, size_t candidate_len, size_t first_difference,
                           char cause[DUET_CAUSE_MAX]) {
  (void)candidate;
  (void)candidate_len;
  char *text = malloc(size + 1);
  cJSON *root = NULL;
  if (text) {
    if (size) memcpy(text, input, size);
    text[size] = '\0';
    root = cJSON_ParseWithLengthOpts(text, size + 1, NULL, 1);
    free(text);
  }
  int duplicate = has_duplicate_key(root);
  cJSON_Delete(root);
  if (duplicate) {
    snprintf(cause, DUET_CAUSE_MAX, "duplicate key");
    return;
  }
  int in_string = 0;
  for (size_t i = 0; i < first_difference && i < reference_len; i++) {
    if (reference[i] == '\\' && in_string) i++; /* an escape: skip the escaped byte */
    else if (reference[i] == '"') in_string = !in_string;
  }
  unsigned char at = first_difference < reference_len ? reference[first_difference] : 0;
  unsigned char before = first_difference ? reference[first_difference - 1] : 0;
  int numeric = strchr("0123456789-.e", at ? at : ' ') || (before && strchr("0123456789-.e", before));
  snprintf(cause, DUET_CAUSE_MAX, "%s", in_string ? "a string differs" : numeric ? "a number differs" : "the structure differs");
}

const struct duet_impl duet_json_parse_reference = {
    .name = "c",
    .language = DUET_LANG_C,
    .library = "cJSON",
    .version = DUET_STRINGIFY(CJSON_VERSION_MAJOR) "." DUET_STRINGIFY(CJSON_VERSION_MINOR) "." DUET_STRINGIFY(
        CJSON_VERSION_PATCH) " (Debian 1.7.15-1+deb12u4)",
    .api = "cJSON_ParseWithLengthOpts(require_null_terminated)/cJSON_Delete",
    .run = json_parse_c,
    .native = json_parse_c_native,
};

/* The Rust candidate's entry point (targets/json.parse/rust). */
int duet_json_parse_rust(const uint8_t *input, size_t size, struct duet_sink *out);
int duet_json_parse_rust_native(const uint8_t *input, size_t size);

static const struct duet_impl rust_candidate = {
    .name = "rust",
    .language = DUET_LANG_RUST,
    .library = "serde_json",
    .version = "1.0.87",
    .api = "serde_json::from_slice::<Value>",
    .run = duet_json_parse_rust,
    .native = duet_json_parse_rust_native,
};

const struct duet_impl *const duet_json_parse_candidates[] = {&rust_candidate, NULL};
