/*
 * Edge coverage of a GNU utility run as a child process, handed to the fuzzer.
 *
 * Linked into every instrumented utility (compiled with
 * -fsanitize-coverage=trace-pc-guard). When the environment names a shared
 * map (DUET_COV_FD: an inherited memfd of DUET_COV_MAP_SIZE bytes), each edge
 * increments one byte of it; the fuzz driver copies the map into libFuzzer's
 * extra counters after the child exits, so libFuzzer is guided by the C side.
 * Without DUET_COV_FD the utility runs as usual and records nothing.
 * This file itself is built without coverage instrumentation.
 */
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>

#define DUET_COV_MAP_SIZE 65536u

static unsigned char *duet_cov_map;

void __sanitizer_cov_trace_pc_guard_init(uint32_t *start, uint32_t *stop);
void __sanitizer_cov_trace_pc_guard(uint32_t *guard);

void __sanitizer_cov_trace_pc_guard_init(uint32_t *start, uint32_t *stop)
{
    static uint32_t next = 1;
    if (start == stop || *start)
        return;
    for (uint32_t *g = start; g < stop; g++)
        *g = next++ % DUET_COV_MAP_SIZE;
    if (!duet_cov_map) {
        const char *fd = getenv("DUET_COV_FD");
        if (fd && *fd) {
            void *p = mmap(NULL, DUET_COV_MAP_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED,
                           (int)strtol(fd, NULL, 10), 0);
            if (p != MAP_FAILED)
                duet_cov_map = p;
        }
    }
}

void __sanitizer_cov_trace_pc_guard(uint32_t *guard)
{
    if (duet_cov_map && *guard)
        duet_cov_map[*guard]++;
}
