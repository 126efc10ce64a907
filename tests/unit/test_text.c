/* The canonical-text escape shared by the event-stream adapters. */
#include "check.h"
#include "duet/evidence.h"
#include "duet/text.h"

struct buffer {
  char bytes[256];
  size_t len;
};

static void append(void *context, const char *bytes, size_t size) {
  struct buffer *b = context;
  memcpy(b->bytes + b->len, bytes, size);
  b->len += size;
  b->bytes[b->len] = '\0';
}

static const char *escaped(const char *s, size_t size) {
  static struct buffer b;
  b.len = 0;
  b.bytes[0] = '\0';
  duet_text_escape(s, size, append, &b);
  return b.bytes;
}

static const char *fitted(const char *s, size_t cap) {
  static char out[64];
  duet_text_fit(s, out, cap);
  return out;
}

static const char *preview(const char *s, size_t size) {
  static char out[64];
  duet_evidence_preview((const uint8_t *)s, size, out, sizeof out);
  return out;
}

static const char *cell(const char *s) {
  static char out[64];
  return duet_text_md_cell(s, out, sizeof out);
}

int main(void) {
  CHECK_EQ_STR(preview("a\0b\n", 4), "a\\x00b\\n"); /* text: escaped, a NUL shown, not an end */
  CHECK_EQ_STR(preview("\x01\x02\x03\xff", 4), "010203ff"); /* mostly binary: hex */
  CHECK_EQ_STR(preview("0123456789abcdef0123456789", 26), "0123456789abcdef...");
  CHECK_EQ_STR(fitted("short enough", 32), "short enough");
  CHECK_EQ_STR(fitted("cut at a word, never mid-word", 20), "cut at a word,...");
  CHECK_EQ_STR(fitted("onelongwordwithoutspaces", 10), "onelon...");
  CHECK_EQ_STR(cell("a|b\n::error::\x1b"), "a\\|b\\n::error::\\x1b");
  CHECK_EQ_STR(cell("line\nbreak|\x1b[31m"), "line\\nbreak\\|\\x1b[31m");
  CHECK_EQ_STR(escaped("plain", 5), "plain");
  CHECK_EQ_STR(escaped("a\\b\nc\rd\te", 9), "a\\\\b\\nc\\rd\\te");
  CHECK_EQ_STR(escaped("\x01\x7f\x1f", 3), "\\x01\\x7f\\x1f");
  CHECK_EQ_STR(escaped("nul\0end", 7), "nul\\x00end");
  CHECK_EQ_STR(escaped("caf\xc3\xa9", 5), "caf\xc3\xa9"); /* UTF-8 passes */
  CHECK_EQ_STR(escaped("", 0), "");
  /* Only bytes that are not UTF-8 are shown as \xHH: what a browser or a JSON
     reader then gets is text. */
  char u[32];
  CHECK_EQ_STR(duet_text_utf8_safe("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80", u, sizeof u), "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80");
  CHECK_EQ_STR(duet_text_utf8_safe("a\xff\xfe", u, sizeof u), "a\\xff\\xfe");
  CHECK_EQ_STR(duet_text_utf8_safe("\xc3(", u, sizeof u), "\\xc3(");            /* a lead byte without its tail */
  CHECK_EQ_STR(duet_text_utf8_safe("\xc0\xaf", u, sizeof u), "\\xc0\\xaf");    /* overlong */
  CHECK_EQ_STR(duet_text_utf8_safe("\xed\xa0\x80", u, sizeof u), "\\xed\\xa0\\x80"); /* a surrogate */
  CHECK_EQ_STR(duet_text_utf8_safe("\xe2\x82\xac\xe2\x82\xac", u, 5), "\xe2\x82\xac"); /* cut between characters */
  CHECK_DONE();
}
