/*
 * http.request, C side: http-parser 2.9.4 as an HTTP_REQUEST parser over the
 * whole input in one http_parser_execute call, paused in on_headers_complete
 * so that only the request line and header section are compared (httparse
 * parses no body). The canonical text is in targets/http.request/README.md.
 */
#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "duet/contract.h"
#include "http_parser.h"

/* Growable byte buffer for the URL and the header list, which http-parser
   may hand over in several pieces. */
struct bytes {
  char *data;
  size_t size, cap;
  int failed;
};

static void bytes_add(struct bytes *b, const char *at, size_t size) {
  if (b->failed || size == 0) return;
  if (b->size + size > b->cap) {
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->size + size) cap *= 2;
    char *grown = realloc(b->data, cap);
    if (!grown) {
      b->failed = 1;
      return;
    }
    b->data = grown;
    b->cap = cap;
  }
  memcpy(b->data + b->size, at, size);
  b->size += size;
}

/* One header: where its name and value lie in request.text. Values may hold
   any byte the parser lets through, so offsets, not separators. */
struct header {
  size_t name_at, name_len, value_at, value_len;
};

struct request {
  struct bytes url;
  struct bytes text;    /* names and values, back to back */
  struct bytes headers; /* struct header records */
  struct header current;
  int in_value, have_header, complete;
};

static void end_header(struct request *r) {
  if (r->have_header) bytes_add(&r->headers, (const char *)&r->current, sizeof r->current);
  r->have_header = 0;
  r->in_value = 0;
}

static int on_url(http_parser *p, const char *at, size_t size) {
  bytes_add(&((struct request *)p->data)->url, at, size);
  return 0;
}

static int on_header_field(http_parser *p, const char *at, size_t size) {
  struct request *r = p->data;
  if (r->in_value || !r->have_header) { /* a new header starts */
    end_header(r);
    r->current = (struct header){r->text.size, 0, r->text.size, 0};
    r->have_header = 1;
  }
  bytes_add(&r->text, at, size);
  r->current.name_len += size;
  r->current.value_at = r->text.size;
  return 0;
}

static int on_header_value(http_parser *p, const char *at, size_t size) {
  struct request *r = p->data;
  r->in_value = 1;
  bytes_add(&r->text, at, size);
  r->current.value_len += size;
  return 0;
}

static int on_headers_complete(http_parser *p) {
  struct request *r = p->data;
  end_header(r);
  r->complete = 1;
  /* Stop here: the body is not part of the comparison. */
  http_parser_pause(p, 1);
  return 0;
}

static int is_ows(char c) { return c == ' ' || c == '\t'; }

/* Empty pieces (an empty value, no URL yet) may have a NULL buffer. */
static int write_text(struct duet_sink *out, const char *data, size_t size) {
  return size ? duet_sink_write(out, data, size) : 0;
}

/* "METHOD SP target SP HTTP/M.m LF" then "name: value LF" per header, the
   value without surrounding spaces and tabs. */
static int write_request(const http_parser *p, const struct request *r, struct duet_sink *out) {
  char line[64];
  const char *method = http_method_str((enum http_method)p->method);
  if (write_text(out, method, strlen(method)) || write_text(out, " ", 1) ||
      write_text(out, r->url.data, r->url.size))
    return -1;
  int n = snprintf(line, sizeof line, " HTTP/%u.%u\n", p->http_major, p->http_minor);
  if (write_text(out, line, (size_t)n)) return -1;
  const struct header *h = (const struct header *)r->headers.data;
  for (size_t i = 0; i < r->headers.size / sizeof *h; i++) {
    const char *name = r->text.data + h[i].name_at, *value = r->text.data + h[i].value_at;
    size_t value_len = h[i].value_len;
    while (value_len && is_ows(value[0])) value++, value_len--;
    while (value_len && is_ows(value[value_len - 1])) value_len--;
    if (write_text(out, name, h[i].name_len) || write_text(out, ": ", 2) || write_text(out, value, value_len) ||
        write_text(out, "\n", 1))
      return -1;
  }
  return 0;
}

/* http-parser's error names a kind; for an invalid Content-Length the input
   says which cause (README, "Causes"): an empty value or one that is not a
   number. */
static int reject_with_cause(struct duet_sink *out, enum http_errno err, const uint8_t *input, size_t size) {
  if (err != HPE_INVALID_CONTENT_LENGTH) return duet_sink_reject(out, http_errno_name(err));
  static const char name[] = "content-length:";
  bool empty = false;
  for (size_t i = 0; i + sizeof name - 1 <= size; i++) {
    if (i && input[i - 1] != '\n') continue;
    size_t k = 0;
    while (k < sizeof name - 1 && tolower(input[i + k]) == name[k]) k++;
    if (k < sizeof name - 1) continue;
    size_t v = i + k;
    while (v < size && (input[v] == ' ' || input[v] == '\t')) v++;
    empty = v == size || input[v] == '\r' || input[v] == '\n';
    break;
  }
  char reason[96];
  snprintf(reason, sizeof reason, "%s: %s", http_errno_name(err), empty ? "an empty value" : "not a number");
  return duet_sink_reject(out, reason);
}

/* http-parser's result is what its callbacks collect: the target and the
   headers in `r`. Returns its error. */
static enum http_errno parse_request(const uint8_t *input, size_t size, http_parser *parser, struct request *r) {
  http_parser_settings settings;
  memset(&settings, 0, sizeof settings);
  settings.on_url = on_url;
  settings.on_header_field = on_header_field;
  settings.on_header_value = on_header_value;
  settings.on_headers_complete = on_headers_complete;
  memset(r, 0, sizeof *r);
  http_parser_init(parser, HTTP_REQUEST);
  parser->data = r;
  http_parser_execute(parser, &settings, (const char *)input, size);
  return HTTP_PARSER_ERRNO(parser);
}

static void request_free(struct request *r) {
  free(r->url.data);
  free(r->text.data);
  free(r->headers.data);
}

/* For `duet bench`: the parse and what its callbacks collect, no canonical
   output. */
static int http_request_c_native(const uint8_t *input, size_t size) {
  struct request r;
  http_parser parser;
  enum http_errno err = parse_request(input, size, &parser, &r);
  bool ok = !r.url.failed && !r.text.failed && !r.headers.failed && (err == HPE_OK || err == HPE_PAUSED) && r.complete;
  request_free(&r);
  return ok ? DUET_ACCEPT : DUET_REJECT;
}

static int http_request_c(const uint8_t *input, size_t size, struct duet_sink *out) {
  struct request r;
  http_parser parser;
  enum http_errno err = parse_request(input, size, &parser, &r);
  int status;
  if (r.url.failed || r.text.failed || r.headers.failed) status = duet_sink_reject(out, "out of memory");
  else if (err != HPE_OK && err != HPE_PAUSED) status = reject_with_cause(out, err, input, size);
  else if (!r.complete) status = duet_sink_reject(out, "incomplete headers");
  else status = write_request(&parser, &r, out) == 0 ? DUET_ACCEPT : DUET_REJECT;
  request_free(&r);
  return status;
}

const struct duet_impl duet_http_request_reference = {
    .name = "c",
    .language = DUET_LANG_C,
    .library = "http-parser",
    .version = DUET_STRINGIFY(HTTP_PARSER_VERSION_MAJOR) "." DUET_STRINGIFY(HTTP_PARSER_VERSION_MINOR) "." DUET_STRINGIFY(
        HTTP_PARSER_VERSION_PATCH) " (Debian 2.9.4-5, HTTP_PARSER_STRICT=0)",
    .api = "http_parser_init(HTTP_REQUEST)/http_parser_execute, paused at on_headers_complete",
    .run = http_request_c,
    .native = http_request_c_native,
};

/* The Rust candidate's entry point (targets/http.request/rust). */
int duet_http_request_rust(const uint8_t *input, size_t size, struct duet_sink *out);
int duet_http_request_rust_native(const uint8_t *input, size_t size);

static const struct duet_impl rust_candidate = {
    .name = "rust",
    .language = DUET_LANG_RUST,
    .library = "httparse",
    .version = "1.8.0",
    .api = "httparse::Request::parse (default ParserConfig)",
    .run = duet_http_request_rust,
    .native = duet_http_request_rust_native,
};

const struct duet_impl *const duet_http_request_candidates[] = {&rust_candidate, NULL};
