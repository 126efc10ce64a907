/*
 * Canonical text for adapters whose output is a stream of events, one per
 * line (xml.parse, yaml.parse): the escape both sides must apply to event
 * payloads. Backslash, control bytes and DEL become C-style escapes (\\, \n,
 * \r, \t, \xHH) so that every event stays exactly one line; other bytes,
 * UTF-8 included, pass unchanged. duet_ffi::text::escape_into is the Rust
 * twin and must stay byte-for-byte equal.
 */
#ifndef DUET_TEXT_H
#define DUET_TEXT_H

#include <stddef.h>

/* Where escaped bytes go: called with runs of output, in order. */
typedef void (*duet_text_put_fn)(void *context, const char *bytes, size_t size);

/* Escapes s[0..size) into `put`. */
void duet_text_escape(const char *s, size_t size, duet_text_put_fn put, void *context);

/*
 * `s` made safe for one line of a terminal or a CI log, into out[0..cap)
 * (always NUL-terminated, cut to fit): control bytes, ESC and DEL become
 * \xHH (a newline \n), so a path or a library's message can neither move
 * the cursor nor start a line of its own (such as a CI "::error::" command).
 * Other bytes, UTF-8 included, pass unchanged.
 */
void duet_text_terminal_safe(const char *s, char *out, size_t cap);

/* The same for s[0..size), which may hold NUL bytes (shown as \x00). */
void duet_text_terminal_safe_n(const char *s, size_t size, char *out, size_t cap);

/* `s` copied into out[0..cap), always NUL-terminated: whole when it fits,
   else cut after the last whole word that fits, followed by "...". */
void duet_text_fit(const char *s, char *out, size_t cap);

/* `s` made safe for one cell of a Markdown table: terminal-safe as above,
   and '|' escaped. Into out[0..cap), always NUL-terminated; returns out. */
const char *duet_text_md_cell(const char *s, char *out, size_t cap);

/* `s` with every byte that is not part of valid UTF-8 shown as \xHH (and a
   backslash as itself), into out[0..cap), always NUL-terminated, cut at a
   character boundary: JSON and HTML readers then see text, never broken
   bytes. Returns out. */
const char *duet_text_utf8_safe(const char *s, char *out, size_t cap);

#endif /* DUET_TEXT_H */
