/*
 * xml.parse, C side: expat's namespace-aware push parser over the whole input
 * in one XML_Parse call. The canonical event stream (README.md) is written as
 * the handlers fire; accept means XML_Parse returned XML_STATUS_OK with
 * isFinal set, i.e. the document is well-formed as far as expat checks.
 */
#include <expat.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "duet/contract.h"
#include "duet/text.h"

/* Expat joins a namespace URI and a local name with this byte. It cannot
   occur in a well-formed document (not an XML 1.0 Char, not even as a
   character reference), and expat rejects URIs that contain it. */
#define NS_SEP '\x01'

struct xml_state {
  XML_Parser parser;
  struct duet_sink *out;
  unsigned long depth; /* open elements */
  bool in_text;        /* a "text " line is open, awaiting its newline */
  bool full;           /* the sink refused a write: stop parsing */
  bool oom;            /* an allocation of ours failed: stop parsing */
  bool after_root;     /* the root element has ended */
};

static void put(struct xml_state *st, const char *bytes, size_t size) {
  if (st->full) return;
  if (duet_sink_write(st->out, bytes, size) != 0) {
    st->full = true;
    XML_StopParser(st->parser, XML_FALSE);
  }
}

static void put_str(struct xml_state *st, const char *s) { put(st, s, strlen(s)); }

static void put_context(void *st, const char *bytes, size_t size) { put(st, bytes, size); }

/* The README's escape (duet/text.h). */
static void put_escaped(struct xml_state *st, const char *s, size_t size) {
  duet_text_escape(s, size, put_context, st);
}

/* "{uri}local" for a namespaced name, "local" otherwise. */
static void put_name(struct xml_state *st, const XML_Char *name) {
  const char *sep = strchr(name, NS_SEP);
  if (!sep) {
    put_escaped(st, name, strlen(name));
    return;
  }
  put_str(st, "{");
  put_escaped(st, name, (size_t)(sep - name));
  put_str(st, "}");
  put_escaped(st, sep + 1, strlen(sep + 1));
}

static void close_text(struct xml_state *st) {
  if (!st->in_text) return;
  put_str(st, "\n");
  st->in_text = false;
}

/* An attribute with its name in canonical form ("{uri}local"), the key the
   README sorts attributes by (bytewise). */
struct attr {
  char *key;
  const XML_Char *value;
};

static char *canonical_name(const XML_Char *name) {
  const char *sep = strchr(name, NS_SEP);
  size_t len = strlen(name);
  char *key = malloc(len + 2);
  if (!key) return NULL;
  if (!sep) {
    memcpy(key, name, len + 1);
    return key;
  }
  size_t ulen = (size_t)(sep - name);
  key[0] = '{';
  memcpy(key + 1, name, ulen);
  key[ulen + 1] = '}';
  memcpy(key + ulen + 2, sep + 1, len - ulen); /* local name and its NUL */
  return key;
}

static int attr_cmp(const void *x, const void *y) {
  const struct attr *a = x, *b = y;
  return strcmp(a->key, b->key);
}

/* Writes the attributes sorted; false when out of memory. */
static bool put_attrs(struct xml_state *st, const XML_Char **atts) {
  size_t n = 0;
  while (atts[2 * n]) n++;
  if (n == 0) return true;
  struct attr *list = calloc(n, sizeof *list);
  bool ok = list != NULL;
  for (size_t i = 0; ok && i < n; i++) {
    list[i].key = canonical_name(atts[2 * i]);
    list[i].value = atts[2 * i + 1];
    ok = list[i].key != NULL;
  }
  if (ok) {
    qsort(list, n, sizeof *list, attr_cmp);
    for (size_t i = 0; i < n; i++) {
      put_str(st, "attr ");
      put_escaped(st, list[i].key, strlen(list[i].key));
      put_str(st, " ");
      put_escaped(st, list[i].value, strlen(list[i].value));
      put_str(st, "\n");
    }
  }
  for (size_t i = 0; list && i < n; i++) free(list[i].key);
  free(list);
  return ok;
}

static void XMLCALL on_start(void *data, const XML_Char *name, const XML_Char **atts) {
  struct xml_state *st = data;
  close_text(st);
  st->depth++;
  put_str(st, "start ");
  put_name(st, name);
  put_str(st, "\n");
  if (!put_attrs(st, atts)) {
    st->oom = true;
    XML_StopParser(st->parser, XML_FALSE);
  }
}

static void XMLCALL on_end(void *data, const XML_Char *name) {
  struct xml_state *st = data;
  close_text(st);
  st->depth--;
  st->after_root = st->depth == 0;
  put_str(st, "end ");
  put_name(st, name);
  put_str(st, "\n");
}

static void XMLCALL on_text(void *data, const XML_Char *s, int len) {
  struct xml_state *st = data;
  if (len <= 0 || st->depth == 0) return;
  if (!st->in_text) put_str(st, "text ");
  st->in_text = true;
  put_escaped(st, s, (size_t)len);
}

static void XMLCALL on_comment(void *data, const XML_Char *s) {
  struct xml_state *st = data;
  close_text(st);
  put_str(st, "comment ");
  put_escaped(st, s, strlen(s));
  put_str(st, "\n");
}

static void XMLCALL on_pi(void *data, const XML_Char *target, const XML_Char *pi_data) {
  struct xml_state *st = data;
  close_text(st);
  put_str(st, "pi ");
  put_escaped(st, target, strlen(target));
  put_str(st, " ");
  put_escaped(st, pi_data, strlen(pi_data));
  put_str(st, "\n");
}

/* The class of input[at] (README, "Causes"). */
static const char *byte_class(const uint8_t *input, size_t size, size_t at) {
  if (at >= size) return "the end";
  uint8_t c = input[at];
  if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') return "a control byte";
  if (c >= 0x80) return "a non-ASCII byte";
  if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') return "a letter";
  if (c >= '0' && c <= '9') return "a digit";
  if (c == ' ' || c == '\t' || c == '\n' || c == '\r') return "whitespace";
  static const char punct[] = "\"'&;-?=<>!/#";
  static const char *const names[] = {"a quote", "a quote", "'&'", "';'", "'-'", "'?'", "'='", "'<'", "'>'", "'!'",
                                      "'/'", "'#'"};
  const char *p = strchr(punct, c);
  return p ? names[p - punct] : "another byte";
}

/* expat's message, made one cause: its generic errors (an invalid token, a
   syntax error) say nothing of what, so the classes of the bytes at and
   before the error and where it is (before, in or after the root) stand
   for it (a control byte alone, wherever it is); the others name their
   cause already. */
static const char *cause_of(const struct xml_state *st, const uint8_t *input, size_t size, char *buf, size_t cap) {
  enum XML_Error code = XML_GetErrorCode(st->parser);
  const char *message = XML_ErrorString(code);
  if (code != XML_ERROR_INVALID_TOKEN && code != XML_ERROR_SYNTAX) return message;
  XML_Index index = XML_GetCurrentByteIndex(st->parser);
  size_t at = index < 0 ? size : (size_t)index;
  const char *here = byte_class(input, size, at);
  /* A control byte is not an XML Char wherever it is: one cause (#1). */
  if (code == XML_ERROR_INVALID_TOKEN && strcmp(here, "a control byte") == 0) {
    snprintf(buf, cap, "%s at a control byte", message);
    return buf;
  }
  snprintf(buf, cap, "%s at %s after %s %s", message, here,
           at ? byte_class(input, size, at - 1) : "nothing",
           st->depth ? "inside the root" : st->after_root ? "after the root" : "before the root is open");
  return buf;
}

/* The cause of an output mismatch (duet_cause_fn): the kind of the event
   line (start, end, attr, text, comment, pi) where the outputs first differ,
   and which output is longer (an attribute expat adds from a default differs
   from one whose whitespace it normalises). */
void duet_xml_parse_cause(const uint8_t *input, size_t size, const uint8_t *reference, size_t reference_len,
                          const uint8_t *candidate, size_t candidate_len, size_t first_difference,
                          char cause[DUET_CAUSE_MAX]) {
  (void)input, (void)size, (void)candidate;
  size_t line = first_difference < reference_len ? first_difference : reference_len;
  while (line > 0 && reference[line - 1] != '\n') line--;
  size_t word = 0;
  while (line + word < reference_len && word < 16 && reference[line + word] != ' ' && reference[line + word] != '\n') word++;
  const char *length = candidate_len == reference_len ? "same length" : candidate_len < reference_len ? "candidate shorter" : "candidate longer";
  if (word) snprintf(cause, DUET_CAUSE_MAX, "first differing event: %.*s; %s", (int)word, (const char *)reference + line, length);
}

static int xml_parse_c(const uint8_t *input, size_t size, struct duet_sink *out) {
  if (size > (size_t)INT_MAX) return duet_sink_reject(out, "input too large");
  XML_Parser parser = XML_ParserCreateNS(NULL, NS_SEP);
  if (!parser) return duet_sink_reject(out, "out of memory");
  struct xml_state st = {.parser = parser, .out = out};
  XML_SetUserData(parser, &st);
  XML_SetElementHandler(parser, on_start, on_end);
  XML_SetCharacterDataHandler(parser, on_text);
  XML_SetCommentHandler(parser, on_comment);
  XML_SetProcessingInstructionHandler(parser, on_pi);
  enum XML_Status rc = XML_Parse(parser, (const char *)input, (int)size, XML_TRUE);
  int status = DUET_ACCEPT;
  if (st.full) status = DUET_REJECT; /* the harness reports output-limit */
  else if (st.oom) status = duet_sink_reject(out, "out of memory");
  else if (rc != XML_STATUS_OK) {
    char why[160];
    status = duet_sink_reject(out, cause_of(&st, input, size, why, sizeof why));
  }
  XML_ParserFree(parser);
  return status;
}

/* For `duet bench`: the same parse with handlers that record nothing, so
   expat still reports every event but no canonical output is made. */
static void XMLCALL skip_start(void *data, const XML_Char *name, const XML_Char **attrs) { (void)data, (void)name, (void)attrs; }
static void XMLCALL skip_end(void *data, const XML_Char *name) { (void)data, (void)name; }
static void XMLCALL skip_text(void *data, const XML_Char *s, int len) { (void)data, (void)s, (void)len; }
static void XMLCALL skip_comment(void *data, const XML_Char *s) { (void)data, (void)s; }
static void XMLCALL skip_pi(void *data, const XML_Char *target, const XML_Char *pi_data) { (void)data, (void)target, (void)pi_data; }

static int xml_parse_c_native(const uint8_t *input, size_t size) {
  if (size > (size_t)INT_MAX) return DUET_REJECT;
  XML_Parser parser = XML_ParserCreateNS(NULL, NS_SEP);
  if (!parser) return DUET_REJECT;
  XML_SetElementHandler(parser, skip_start, skip_end);
  XML_SetCharacterDataHandler(parser, skip_text);
  XML_SetCommentHandler(parser, skip_comment);
  XML_SetProcessingInstructionHandler(parser, skip_pi);
  enum XML_Status rc = XML_Parse(parser, (const char *)input, (int)size, XML_TRUE);
  XML_ParserFree(parser);
  return rc == XML_STATUS_OK ? DUET_ACCEPT : DUET_REJECT;
}

const struct duet_impl duet_xml_parse_reference = {
    .name = "c",
    .language = DUET_LANG_C,
    .library = "expat",
    .version = "2.5.0 (Debian 2.5.0-1+deb12u2)",
    .api = "XML_ParserCreateNS/XML_Parse with element, character, comment and PI handlers",
    .run = xml_parse_c,
    .native = xml_parse_c_native,
};

/* The Rust candidate's entry point (targets/xml.parse/rust). */
int duet_xml_parse_rust(const uint8_t *input, size_t size, struct duet_sink *out);
int duet_xml_parse_rust_native(const uint8_t *input, size_t size);

static const struct duet_impl rust_candidate = {
    .name = "rust",
    .language = DUET_LANG_RUST,
    .library = "xml-rs",
    .version = "0.8.3",
    .api = "reader::ParserConfig/EventReader::next",
    .run = duet_xml_parse_rust,
    .native = duet_xml_parse_rust_native,
};

const struct duet_impl *const duet_xml_parse_candidates[] = {&rust_candidate, NULL};
