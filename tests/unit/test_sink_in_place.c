/* Writing in place (duet_sink_reserve/commit): what is committed is the output,
   the bound holds, misuse is refused, and under ASan a write past the
   reservation is reported although the buffer has spare capacity. */
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"
#include "duet/engine.h"

static int mixed_writes(const uint8_t *input, size_t size, struct duet_sink *out) {
  (void)input;
  (void)size;
  char *space = duet_sink_reserve(out, 8);
  if (!space) return DUET_REJECT;
  memcpy(space, "abc", 3);
  if (duet_sink_commit(out, 3) != 0) return DUET_REJECT;
  if (duet_sink_commit(out, 1) == 0) return DUET_REJECT; /* nothing reserved any more */
  if (duet_sink_write(out, "de", 2) != 0) return DUET_REJECT;
  space = duet_sink_reserve(out, 4);
  if (!space || duet_sink_commit(out, 5) == 0) return DUET_REJECT; /* more than reserved */
  memcpy(space, "zzzz", 4); /* reserved, never committed: not output */
  return DUET_ACCEPT;
}

static int reserve_past_bound(const uint8_t *input, size_t size, struct duet_sink *out) {
  (void)input;
  (void)size;
  return duet_sink_reserve(out, duet_sink_room(out) + 1) ? DUET_ACCEPT : DUET_REJECT;
}

static size_t overrun_by; /* bytes written past the reservation */

static int overrun(const uint8_t *input, size_t size, struct duet_sink *out) {
  (void)input;
  (void)size;
  volatile char *space = duet_sink_reserve(out, 16); /* the buffer's capacity is larger */
  if (!space) return DUET_REJECT;
  for (size_t i = 0; i < 16 + overrun_by; i++) space[i] = 'x';
  duet_sink_commit(out, 16);
  return DUET_ACCEPT;
}

static struct duet_run run(duet_run_fn fn, size_t bound) {
  const struct duet_impl impl = {.name = "t", .library = "test", .version = "0", .api = "-", .run = fn};
  struct duet_run r;
  if (duet_run_impl(&impl, (const uint8_t *)"", 0, bound, &r) != 0) abort();
  return r;
}

/* Whether a child running `overrun` dies (ASan) rather than returning. */
static int overrun_dies(size_t by) {
  pid_t pid = fork();
  if (pid == 0) {
    overrun_by = by;
    struct duet_run r = run(overrun, 1 << 20);
    _exit(r.status == DUET_ACCEPT && r.output_len == 16 ? 0 : 1);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  return !(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

int main(void) {
  struct duet_run mixed = run(mixed_writes, 100);
  CHECK_EQ_INT(mixed.status, DUET_ACCEPT);
  CHECK_EQ_INT(mixed.output_len, 5);
  CHECK(mixed.output_len == 5 && memcmp(mixed.output, "abcde", 5) == 0);

  struct duet_run past = run(reserve_past_bound, 100);
  CHECK_EQ_INT(past.status, DUET_OUTPUT_LIMIT);

  CHECK(!overrun_dies(0));
#if defined(__has_feature)
#if __has_feature(address_sanitizer)
  fprintf(stderr, "expected below: one AddressSanitizer container-overflow report\n");
  CHECK(overrun_dies(1));
#endif
#endif
  duet_run_release(&mixed);
  duet_run_release(&past);
  CHECK_DONE();
}
