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

/* Length of the valid UTF-8 sequence at s (1-4), or 0 when none starts there. */
static size_t utf8_length(const unsigned char *s) {
  if (s[0] < 0x80) return 1;
  size_t n = s[0] >= 0xF0 && s[0] <= 0xF4 ? 4 : s[0] >= 0xE0 ? 3 : s[0] >= 0xC2 && s[0] < 0xE0 ? 2 : 0;
  for (size_t i = 1; i < n; i++)
    if ((s[i] & 0xC0) != 0x80) return 0;
  if (n == 3 && ((s[0] == 0xE0 && s[1] < 0xA0) || (s[0] == 0xED && s[1] >= 0xA0))) return 0; /* overlong, surrogate */
  if (n == 4 && ((s[0] == 0xF0 && s[1] < 0x90) || (s[0] == 0xF4 && s[1] >= 0x90))) return 0; /* overlong, > U+10FFFF */
  return n;
}

const char *duet_text_utf8_safe(const char *s, char *out, size_t cap) {
  size_t len = 0;
  if (cap == 0) return out;
  for (const unsigned char *p = (const unsigned char *)s; *p;) {
    size_t n = utf8_length(p);
    if (n == 0 && len + 5 > cap) break;
    if (n == 0) {
      len += (size_t)snprintf(out + len, cap - len, "\\x%02x", *p++);
      continue;
    }
    if (len + n + 1 > cap) break;
    memcpy(out + len, p, n);
    len += n;
    p += n;
  }
  out[len] = '\0';
  return out;
}
