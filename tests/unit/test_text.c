/* The canonical-text escape shared by the event-stream adapters. */
#include "check.h"
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

int main(void) {
  CHECK_EQ_STR(escaped("plain", 5), "plain");
  CHECK_EQ_STR(escaped("a\\b\nc\rd\te", 9), "a\\\\b\\nc\\rd\\te");
  CHECK_EQ_STR(escaped("\x01\x7f\x1f", 3), "\\x01\\x7f\\x1f");
  CHECK_EQ_STR(escaped("nul\0end", 7), "nul\\x00end");
  CHECK_EQ_STR(escaped("caf\xc3\xa9", 5), "caf\xc3\xa9"); /* UTF-8 passes */
  CHECK_EQ_STR(escaped("", 0), "");
  CHECK_DONE();
}
