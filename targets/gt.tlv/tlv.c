/*
 * gt.tlv: decoder for a small type-length-value packet format, written the
 * way network daemons were: trust the inner length fields once the outer
 * record is in bounds. It carries three PLANTED BUGS, each marked "BUG" with
 * its canary (harness/include/duet/canary.h):
 *   TLV-1 out-of-bounds read: the echo payload length is not checked against
 *         the record (Heartbleed, CVE-2014-0160).
 *   TLV-2 integer overflow in the list size -> undersized allocation -> heap
 *         overflow (OpenSSH challenge-response nresp, CVE-2002-0639).
 *   TLV-3 leak on an error path: a zero list item rejects the packet without
 *         freeing the item array (OpenSSL X509_ATTRIBUTE, CVE-2015-3195).
 *   TLV-4 misaligned read: a STAMP's 32-bit value is read through a cast
 *         pointer wherever the record happens to start (undefined behaviour;
 *         harmless on x86, a fault or a wrong value on strict-alignment CPUs).
 *   TLV-5 data race: the hex table ECHO answers with is built on first use
 *         behind a flag published before the table is filled, so a second
 *         thread can read it half-built: its output is silently wrong
 *         (lazy initialisation without synchronisation, CWE-362/CWE-667).
 */
#include "tlv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "duet/canary.h"

enum { REC_ECHO = 0x01, REC_LIST = 0x02, REC_NOTE = 0x03, REC_STAMP = 0x04, HEADER = 3 };

static uint16_t be16(const uint8_t *p) { return (uint16_t)((uint16_t)p[0] << 8 | p[1]); }
static uint32_t be32(const uint8_t *p) {
  return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | (uint32_t)p[3];
}

static int emit(struct duet_sink *out, const char *text, size_t n) { return duet_sink_write(out, text, n); }

/* Each byte's two hex digits, built on first use. */
static char hex_pairs[256][3];
static int hex_ready, hex_built;

static void hex_init(void) {
  /* BUG TLV-5: the flag is set before the table is filled, with nothing
     ordering the two: a thread that finds it set reads pairs still empty. */
  hex_ready = 1;
  for (int i = 0; i < 256; i++) snprintf(hex_pairs[i], sizeof hex_pairs[i], "%02x", i);
  hex_built = 1;
}

static int emit_hex(struct duet_sink *out, const uint8_t *bytes, size_t n) {
  if (!hex_ready) hex_init();
  DUET_CANARY("TLV-5", !hex_built);
  for (size_t i = 0; i < n; i++)
    if (emit(out, hex_pairs[bytes[i]], 2) != 0) return -1;
  return 0;
}

/* ECHO: plen:u16 payload[plen] padding. Answers with the payload. */
static int decode_echo(const uint8_t *value, uint16_t len, struct duet_sink *out, const char **why) {
  if (len < 2) {
    *why = "echo header truncated";
    return -1;
  }
  uint16_t plen = be16(value);
  /* BUG TLV-1: plen is trusted; it should be checked against len - 2. */
  DUET_CANARY("TLV-1", (size_t)plen + 2 > len);
  uint8_t *copy = malloc(plen ? plen : 1);
  if (!copy) {
    *why = "out of memory";
    return -1;
  }
  memcpy(copy, value + 2, plen);
  int rc = emit(out, "echo ", 5) || emit_hex(out, copy, plen) || emit(out, "\n", 1);
  free(copy);
  return rc ? -1 : 0;
}

/* LIST: count:u32 item:u32[count] padding. Items are non-zero. */
static int decode_list(const uint8_t *value, uint16_t len, struct duet_sink *out, const char **why) {
  if (len < 4) {
    *why = "list header truncated";
    return -1;
  }
  uint32_t count = be32(value);
  /* BUG TLV-2: the product wraps in 32 bits, so the check below passes and
     the allocation is too small for count items. */
  DUET_CANARY("TLV-2", (uint64_t)count * 4 > UINT32_MAX);
  uint32_t bytes = count * 4u;
  if (bytes > (uint32_t)len - 4) {
    *why = "list count exceeds record";
    return -1;
  }
  uint32_t *items = malloc(bytes ? bytes : 1);
  if (!items) {
    *why = "out of memory";
    return -1;
  }
  for (uint32_t i = 0; i < count; i++) {
    uint32_t item = be32(value + 4 + 4 * (size_t)i);
    DUET_CANARY("TLV-3", item == 0);
    if (item == 0) {
      /* BUG TLV-3: returns without free(items). */
      *why = "list item zero";
      return -1;
    }
    items[i] = item;
  }
  int rc = emit(out, "list", 4);
  char num[16];
  for (uint32_t i = 0; i < count && rc == 0; i++) {
    int n = snprintf(num, sizeof num, " %u", items[i]);
    rc = emit(out, num, (size_t)n);
  }
  if (rc == 0) rc = emit(out, "\n", 1);
  free(items);
  return rc ? -1 : 0;
}

/* NOTE: free text, reported by length only. */
static int decode_note(uint16_t len, struct duet_sink *out) {
  char line[32];
  int n = snprintf(line, sizeof line, "note %u\n", (unsigned)len);
  return emit(out, line, (size_t)n) ? -1 : 0;
}

/* STAMP: time:u32 in host order (little-endian on every machine that sends
   it). Answers with the number. */
static int decode_stamp(const uint8_t *value, uint16_t len, struct duet_sink *out, const char **why) {
  if (len != 4) {
    *why = "stamp is not 4 bytes";
    return -1;
  }
  /* BUG TLV-4: the record may start anywhere, so `value` is rarely 4-byte
     aligned; memcpy into a uint32_t would be the portable read. */
  DUET_CANARY("TLV-4", ((uintptr_t)value & 3) != 0);
  uint32_t stamp = *(const uint32_t *)(const void *)value;
  char line[32];
  int n = snprintf(line, sizeof line, "stamp %u\n", stamp);
  return emit(out, line, (size_t)n) ? -1 : 0;
}

int gt_tlv_decode(const uint8_t *input, size_t size, struct duet_sink *out, const char **why) {
  if (size == 0) {
    *why = "empty packet";
    return -1;
  }
  size_t pos = 0;
  while (pos < size) {
    if (size - pos < HEADER) {
      *why = "truncated record header";
      return -1;
    }
    uint8_t type = input[pos];
    uint16_t len = be16(input + pos + 1);
    if (size - pos - HEADER < len) {
      *why = "truncated record";
      return -1;
    }
    const uint8_t *value = input + pos + HEADER;
    int rc;
    switch (type) {
    case REC_ECHO: rc = decode_echo(value, len, out, why); break;
    case REC_LIST: rc = decode_list(value, len, out, why); break;
    case REC_NOTE: rc = decode_note(len, out); break;
    case REC_STAMP: rc = decode_stamp(value, len, out, why); break;
    default: *why = "unknown record type"; rc = -1; break;
    }
    if (rc != 0) {
      if (!*why) *why = "output limit";
      return -1;
    }
    pos += HEADER + (size_t)len;
  }
  return 0;
}
