#include "duet/text.h"

#include <stdio.h>
#include <string.h>

void duet_text_escape(const char *s, size_t size, duet_text_put_fn put, void *context) {
  static const char hex[] = "0123456789abcdef";
  size_t run = 0;
  for (size_t i = 0; i < size; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c >= 0x20 && c != 0x7f && c != '\\') continue;
    put(context, s + run, i - run);
    run = i + 1;
    char esc[4] = {'\\', 0, 0, 0};
    size_t n = 2;
    switch (c) {
    case '\\': esc[1] = '\\'; break;
    case '\n': esc[1] = 'n'; break;
    case '\r': esc[1] = 'r'; break;
    case '\t': esc[1] = 't'; break;
    default:
      esc[1] = 'x';
      esc[2] = hex[c >> 4];
      esc[3] = hex[c & 15];
      n = 4;
    }
    put(context, esc, n);
  }
  put(context, s + run, size - run);
}

struct bounded {
  char *out;
  size_t len, cap;
};

static void put_bounded(void *context, const char *bytes, size_t size) {
  struct bounded *b = context;
  size_t room = b->cap - 1 - b->len;
  if (size > room) size = room;
  for (size_t i = 0; i < size; i++) b->out[b->len + i] = bytes[i];
  b->len += size;
}

void duet_text_terminal_safe_n(const char *s, size_t size, char *out, size_t cap) {
  if (cap == 0) return;
  struct bounded b = {out, 0, cap};
  duet_text_escape(s, size, put_bounded, &b);
  out[b.len] = '\0';
}

void duet_text_terminal_safe(const char *s, char *out, size_t cap) { duet_text_terminal_safe_n(s, strlen(s), out, cap); }

void duet_text_fit(const char *s, char *out, size_t cap) {
  if (cap == 0) return;
  size_t n = 0;
  while (s[n] && n < cap) n++;
  if (n < cap) {
    memcpy(out, s, n + 1);
    return;
  }
  size_t keep = cap > 4 ? cap - 4 : 0; /* room for "..." and the NUL */
  while (keep > 0 && s[keep] != ' ') keep--;
  if (keep == 0) keep = cap > 4 ? cap - 4 : 0; /* one long word: cut it */
  memcpy(out, s, keep);
  snprintf(out + keep, cap - keep, "...");
}

/* '|' becomes "\|": one more byte each, so the escaped text is cut to fit. */
static void put_cell(void *context, const char *bytes, size_t size) {
  struct bounded *b = context;
  for (size_t i = 0; i < size; i++) {
    if (bytes[i] == '|' && b->len + 2 < b->cap) b->out[b->len++] = '\\';
    if (b->len + 1 < b->cap) b->out[b->len++] = bytes[i];
  }
}

const char *duet_text_md_cell(const char *s, char *out, size_t cap) {
  if (cap == 0) return out;
  struct bounded b = {out, 0, cap};
  size_t size = 0;
  while (s[size]) size++;
  duet_text_escape(s, size, put_cell, &b);
  out[b.len] = '\0';
  return out;
}
