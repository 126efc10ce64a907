/*
 * yaml.parse, C side: libyaml's event parser (yaml_parser_parse) over the
 * whole input, written as the canonical event stream of README.md. Accept
 * means the parser reached STREAM-END without error and every alias names an
 * anchor defined earlier in its document.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "duet/contract.h"
#include "duet/text.h"

/* Anchor names seen in the current document, numbered in order of
   definition over the whole stream (the Rust parser's numbering). */
struct anchors {
  char **names;
  size_t *ids;
  size_t count, capacity;
  size_t next_id; /* id of the next definition, from 1 */
};

struct yaml_state {
  struct duet_sink *out;
  struct anchors anchors;
  bool full; /* the sink refused a write */
};

static void put(struct yaml_state *st, const char *bytes, size_t size) {
  if (!st->full && duet_sink_write(st->out, bytes, size) != 0) st->full = true;
}

static void put_str(struct yaml_state *st, const char *s) { put(st, s, strlen(s)); }

static void put_context(void *st, const char *bytes, size_t size) { put(st, bytes, size); }

/* The README's escape (duet/text.h). */
static void put_escaped(struct yaml_state *st, const char *s, size_t size) {
  duet_text_escape(s, size, put_context, st);
}

static void put_number(struct yaml_state *st, size_t n) {
  char digits[24];
  size_t i = sizeof digits;
  do {
    digits[--i] = (char)('0' + n % 10);
    n /= 10;
  } while (n);
  put(st, digits + i, sizeof digits - i);
}

static void anchors_clear(struct anchors *a) {
  for (size_t i = 0; i < a->count; i++) free(a->names[i]);
  a->count = 0;
}

static void anchors_free(struct anchors *a) {
  anchors_clear(a);
  free(a->names);
  free(a->ids);
}

/* Records a definition; returns its id, or 0 when out of memory. */
static size_t anchors_define(struct anchors *a, const char *name) {
  if (a->count == a->capacity) {
    size_t capacity = a->capacity ? 2 * a->capacity : 16;
    char **names = realloc(a->names, capacity * sizeof *names);
    if (!names) return 0;
    a->names = names;
    size_t *ids = realloc(a->ids, capacity * sizeof *ids);
    if (!ids) return 0;
    a->ids = ids;
    a->capacity = capacity;
  }
  size_t len = strlen(name) + 1;
  char *copy = malloc(len);
  if (!copy) return 0;
  memcpy(copy, name, len);
  a->names[a->count] = copy;
  a->ids[a->count] = a->next_id++;
  return a->ids[a->count++];
}

/* The id of the latest definition of `name`, or 0 when undefined. */
static size_t anchors_find(const struct anchors *a, const char *name) {
  for (size_t i = a->count; i-- > 0;)
    if (strcmp(a->names[i], name) == 0) return a->ids[i];
  return 0;
}

/* " &ID" for a node's anchor; false when out of memory. */
static bool put_anchor(struct yaml_state *st, const yaml_char_t *anchor) {
  if (!anchor) return true;
  size_t id = anchors_define(&st->anchors, (const char *)anchor);
  if (!id) return false;
  put_str(st, " &");
  put_number(st, id);
  return true;
}

static const char *style_mark(yaml_scalar_style_t style) {
  switch (style) {
  case YAML_SINGLE_QUOTED_SCALAR_STYLE: return "'";
  case YAML_DOUBLE_QUOTED_SCALAR_STYLE: return "\"";
  case YAML_LITERAL_SCALAR_STYLE: return "|";
  case YAML_FOLDED_SCALAR_STYLE: return ">";
  default: return ":";
  }
}

static void put_scalar(struct yaml_state *st, const yaml_event_t *ev) {
  const char *value = (const char *)ev->data.scalar.value;
  size_t len = ev->data.scalar.length;
  const char *mark = style_mark(ev->data.scalar.style);
  if (ev->data.scalar.tag) {
    put_str(st, " <");
    put_escaped(st, (const char *)ev->data.scalar.tag, strlen((const char *)ev->data.scalar.tag));
    put_str(st, ">");
  }
  put_str(st, " ");
  put_str(st, mark);
  /* An empty plain scalar is an empty node: the null the Rust parser
     reports as "~" (README, "Empty nodes"). */
  if (mark[0] == ':' && len == 0) put_str(st, "~");
  else put_escaped(st, value, len);
}

/* Writes one event's line. Returns NULL, or a reject reason. */
static const char *put_event(struct yaml_state *st, const yaml_event_t *ev) {
  switch (ev->type) {
  case YAML_STREAM_START_EVENT: put_str(st, "+STR\n"); break;
  case YAML_STREAM_END_EVENT: put_str(st, "-STR\n"); break;
  case YAML_DOCUMENT_START_EVENT:
    anchors_clear(&st->anchors); /* anchors do not cross documents */
    put_str(st, "+DOC\n");
    break;
  case YAML_DOCUMENT_END_EVENT: put_str(st, "-DOC\n"); break;
  case YAML_SEQUENCE_START_EVENT:
    put_str(st, "+SEQ");
    if (!put_anchor(st, ev->data.sequence_start.anchor)) return "out of memory";
    put_str(st, "\n");
    break;
  case YAML_SEQUENCE_END_EVENT: put_str(st, "-SEQ\n"); break;
  case YAML_MAPPING_START_EVENT:
    put_str(st, "+MAP");
    if (!put_anchor(st, ev->data.mapping_start.anchor)) return "out of memory";
    put_str(st, "\n");
    break;
  case YAML_MAPPING_END_EVENT: put_str(st, "-MAP\n"); break;
  case YAML_SCALAR_EVENT:
    put_str(st, "=VAL");
    if (!put_anchor(st, ev->data.scalar.anchor)) return "out of memory";
    put_scalar(st, ev);
    put_str(st, "\n");
    break;
  case YAML_ALIAS_EVENT: {
    size_t id = anchors_find(&st->anchors, (const char *)ev->data.alias.anchor);
    if (!id) return "unknown anchor";
    put_str(st, "=ALI *");
    put_number(st, id);
    put_str(st, "\n");
    break;
  }
  default: break;
  }
  return NULL;
}

static bool contains(const uint8_t *s, size_t n, const char *what) {
  size_t k = strlen(what);
  for (size_t i = 0; i + k <= n; i++)
    if (memcmp(s + i, what, k) == 0) return true;
  return false;
}

/* NEL, LS or PS: line breaks in YAML 1.1 (libyaml), content in 1.2
   (yaml-rust). */
static bool holds_11_break(const uint8_t *s, size_t n) {
  return contains(s, n, "\xc2\x85") || contains(s, n, "\xe2\x80\xa8") || contains(s, n, "\xe2\x80\xa9");
}

/* A CR not followed by LF: a line break to both specifications, which
   yaml-rust counts as no new line (README, cause 14). */
static bool holds_lone_cr(const uint8_t *s, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (s[i] == '\r' && (i + 1 == n || s[i + 1] != '\n')) return true;
  return false;
}

/* libyaml's problem, made one cause (README, "Causes"): a byte order mark in
   the input first (the two read it differently), then a 1.1 line break, then
   a lone CR, wherever libyaml then stops (its reader's control-character
   error excepted: that one names its cause); for a character that starts no
   token, its class; for an incompatible document, whether the %YAML
   directive names a higher major version. Into buf. The Rust adapter applies
   the same three input rules to yaml-rust's errors. */
static const char *cause_of(const yaml_parser_t *parser, const uint8_t *input, size_t size, char *buf, size_t cap) {
  const char *problem = parser->problem ? parser->problem : "parser error";
  size_t at = parser->problem_mark.index;
  if (contains(input, size, "\xef\xbb\xbf")) { /* libyaml skips a BOM at any line start, yaml-rust none */
    return "the input holds a byte order mark"; /* wherever libyaml then stops */
  }
  if (strcmp(problem, "control characters are not allowed") != 0) {
    if (holds_11_break(input, size)) return "the input holds a 1.1 line break (NEL, LS or PS)";
    if (holds_lone_cr(input, size)) return "the input holds a lone CR";
  }
  if (strcmp(problem, "found character that cannot start any token") == 0 && at < size) {
    uint8_t c = input[at];
    snprintf(buf, cap, "%s: %s", problem, c == '\t' ? "a tab" : c == '|' || c == '>' ? "a block indicator"
                                          : c == '@' || c == '`' ? "a reserved indicator" : "another character");
    return buf;
  }
  if (strcmp(problem, "found incompatible YAML document") == 0) {
    const uint8_t *v = NULL;
    for (size_t i = 0; i + 6 < size && !v; i++)
      if (memcmp(input + i, "%YAML ", 6) == 0) v = input + i + 6;
    snprintf(buf, cap, "%s: %s", problem, v && *v >= '2' && *v <= '9' ? "a higher major version" : "another 1.x version");
    return buf;
  }
  return problem;
}

/* The cause of an output mismatch (duet_cause_fn): libyaml and yaml-rust
   differ on a byte order mark after the start, on the 1.1 line breaks NEL,
   LS and PS and on a lone CR; other mismatches keep the length relation. */
void duet_yaml_parse_cause(const uint8_t *input, size_t size, const uint8_t *reference, size_t reference_len,
                           const uint8_t *candidate, size_t candidate_len, size_t first_difference,
                           char cause[DUET_CAUSE_MAX]) {
  (void)reference, (void)reference_len, (void)candidate, (void)candidate_len, (void)first_difference;
  if (contains(input, size, "\xef\xbb\xbf")) snprintf(cause, DUET_CAUSE_MAX, "a byte order mark");
  else if (holds_11_break(input, size)) snprintf(cause, DUET_CAUSE_MAX, "a 1.1 line break (NEL, LS or PS)");
  else if (holds_lone_cr(input, size)) snprintf(cause, DUET_CAUSE_MAX, "a lone CR");
}

static int yaml_parse_c(const uint8_t *input, size_t size, struct duet_sink *out) {
  yaml_parser_t parser;
  if (!yaml_parser_initialize(&parser)) return duet_sink_reject(out, "out of memory");
  yaml_parser_set_input_string(&parser, input, size);
  struct yaml_state st = {.out = out, .anchors = {.next_id = 1}};
  const char *why = NULL;
  char problem[160];
  bool done = false;
  while (!done && !why && !st.full) {
    yaml_event_t ev;
    if (!yaml_parser_parse(&parser, &ev)) {
      why = cause_of(&parser, input, size, problem, sizeof problem);
      break;
    }
    why = put_event(&st, &ev);
    done = ev.type == YAML_STREAM_END_EVENT;
    yaml_event_delete(&ev);
  }
  int status = DUET_ACCEPT;
  if (st.full) status = DUET_REJECT; /* the harness reports output-limit */
  else if (why) status = duet_sink_reject(out, why);
  anchors_free(&st.anchors);
  yaml_parser_delete(&parser);
  return status;
}

/* For `duet bench`: libyaml's events, each deleted unrecorded (an alias to
   an unknown anchor, which only the adapter refuses, is accepted here; the
   bench leaves such inputs out). */
static int yaml_parse_c_native(const uint8_t *input, size_t size) {
  yaml_parser_t parser;
  if (!yaml_parser_initialize(&parser)) return DUET_REJECT;
  yaml_parser_set_input_string(&parser, input, size);
  int status = DUET_REJECT;
  for (bool done = false; !done;) {
    yaml_event_t ev;
    if (!yaml_parser_parse(&parser, &ev)) break;
    done = ev.type == YAML_STREAM_END_EVENT;
    yaml_event_delete(&ev);
    if (done) status = DUET_ACCEPT;
  }
  yaml_parser_delete(&parser);
  return status;
}

const struct duet_impl duet_yaml_parse_reference = {
    .name = "c",
    .language = DUET_LANG_C,
    .library = "libyaml",
    .version = "0.2.5 (Debian 0.2.5-1)",
    .api = "yaml_parser_initialize/yaml_parser_set_input_string/yaml_parser_parse",
    .run = yaml_parse_c,
    .native = yaml_parse_c_native,
};

/* The Rust candidate's entry point (targets/yaml.parse/rust). */
int duet_yaml_parse_rust(const uint8_t *input, size_t size, struct duet_sink *out);
int duet_yaml_parse_rust_native(const uint8_t *input, size_t size);

static const struct duet_impl rust_candidate = {
    .name = "rust",
    .language = DUET_LANG_RUST,
    .library = "yaml-rust",
    .version = "0.4.5",
    .api = "parser::Parser::load with a MarkedEventReceiver",
    .run = duet_yaml_parse_rust,
    .native = duet_yaml_parse_rust_native,
};

const struct duet_impl *const duet_yaml_parse_candidates[] = {&rust_candidate, NULL};
