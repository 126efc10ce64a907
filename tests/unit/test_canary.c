/* Bug canaries: counts per side, reset, JSON, the log of first hits, and the
   hits of a real differential run on gt.tlv. */
#define _POSIX_C_SOURCE 200809L
#include <stdlib.h>
#include <unistd.h>

#include "check.h"
#include "duet/canary.h"
#include "duet/differential.h"
#include "duet/fileio.h"
#include "duet/registry.h"

static const cJSON *hit(const cJSON *arr, const char *id, const char *side) {
  const cJSON *o;
  cJSON_ArrayForEach(o, arr) {
    if (strcmp(cJSON_GetStringValue(cJSON_GetObjectItem(o, "id")), id) == 0 &&
        strcmp(cJSON_GetStringValue(cJSON_GetObjectItem(o, "side")), side) == 0)
      return o;
  }
  return NULL;
}

/* -1 when the hit is missing, so a failed CHECK prints instead of crashing. */
static int count_of(const cJSON *o, const char *field) {
  const cJSON *n = cJSON_GetObjectItem(o, field);
  return cJSON_IsNumber(n) ? n->valueint : -1;
}

int main(void) {
  char log_path[] = "/tmp/duet-test-canary-XXXXXX";
  int fd = mkstemp(log_path);
  CHECK(fd >= 0);
  close(fd);
  setenv("DUET_CANARY_LOG", log_path, 1);

  duet_running_side = "c";
  DUET_CANARY("X-1", 0);
  DUET_CANARY("X-1", 1);
  DUET_CANARY("X-1", 1);
  duet_running_side = "rust";
  DUET_CANARY("X-1", 0);
  duet_canary_hit("X-2 and a much longer tail", 3, 1); /* ids are length-delimited */
  duet_running_side = NULL;
  DUET_CANARY("X-3", 0);

  cJSON *arr = duet_canary_json();
  CHECK_EQ_INT(cJSON_GetArraySize(arr), 4);
  CHECK_EQ_INT(count_of(hit(arr, "X-1", "c"), "reached"), 3);
  CHECK_EQ_INT(count_of(hit(arr, "X-1", "c"), "triggered"), 2);
  CHECK_EQ_INT(count_of(hit(arr, "X-1", "rust"), "reached"), 1);
  CHECK_EQ_INT(count_of(hit(arr, "X-1", "rust"), "triggered"), 0);
  CHECK_EQ_INT(count_of(hit(arr, "X-2", "rust"), "triggered"), 1);
  CHECK(hit(arr, "X-3", "?") != NULL); /* outside a run: side "?" */
  cJSON_Delete(arr);

  duet_canary_reset();
  arr = duet_canary_json();
  CHECK_EQ_INT(cJSON_GetArraySize(arr), 0);
  cJSON_Delete(arr);

  /* After a reset the log still holds first hits only: no second line for X-1/c. */
  duet_running_side = "c";
  DUET_CANARY("X-1", 1);
  uint8_t *text;
  size_t size;
  CHECK_EQ_INT(duet_read_file(log_path, 1 << 20, &text, &size), 0);
  text[size] = '\0';
  int lines = 0, c_triggered = 0;
  for (char *line = strtok((char *)text, "\n"); line; line = strtok(NULL, "\n")) {
    lines++;
    if (strstr(line, " triggered X-1 c")) c_triggered++;
  }
  CHECK_EQ_INT(c_triggered, 1);
  /* reached X-1 c, triggered X-1 c, reached X-1 rust, reached+triggered X-2 rust, reached X-3 ? */
  CHECK_EQ_INT(lines, 6);
  free(text);
  unlink(log_path);
  unsetenv("DUET_CANARY_LOG");

  /* A differential run resets the counts and attributes hits to each side:
     a well-formed echo record reaches TLV-1 and TLV-5 (its hex table, a race
     only under threads) on all three sides, and triggers neither. */
  const struct duet_target *tlv = duet_target_find("gt.tlv");
  CHECK(tlv != NULL);
  static const uint8_t echo[] = {0x01, 0x00, 0x04, 0x00, 0x02, 'h', 'i'};
  struct duet_differential result;
  CHECK_EQ_INT(duet_differential_run(tlv, NULL, echo, sizeof echo, &result), 0);
  CHECK_EQ_INT(result.outcome, DUET_OUTCOME_NONE);
  arr = duet_canary_json();
  CHECK_EQ_INT(cJSON_GetArraySize(arr), 6);
  const char *sides[] = {"c", "rust", "rust-unsafe"};
  for (size_t i = 0; i < 3; i++) {
    CHECK_EQ_INT(count_of(hit(arr, "TLV-1", sides[i]), "reached"), 1);
    CHECK_EQ_INT(count_of(hit(arr, "TLV-1", sides[i]), "triggered"), 0);
    CHECK_EQ_INT(count_of(hit(arr, "TLV-5", sides[i]), "reached"), 1);
    CHECK_EQ_INT(count_of(hit(arr, "TLV-5", sides[i]), "triggered"), 0);
  }
  cJSON_Delete(arr);
  duet_differential_release(&result);
  CHECK_DONE();
}
