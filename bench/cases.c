#include "cases.h"

#include "sink.h" /* harness-internal: the bench times the contract call itself */

const char *duet_bench_case_iteration(void *bench_case) {
  const struct duet_bench_case *c = bench_case;
  const struct duet_bench_class_inputs *cls = c->inputs;
  for (size_t i = 0; c->native && i < cls->count; i++)
    if (c->impl->native(cls->inputs[i]->data, cls->inputs[i]->size) != c->expected)
      return "a native call answered differently than in the check before timing";
  for (size_t i = 0; !c->native && i < cls->count; i++) {
    struct duet_sink sink;
    duet_sink_init(&sink, DUET_OUTPUT_BOUND);
    int status = c->impl->run(cls->inputs[i]->data, cls->inputs[i]->size, &sink);
    bool changed = status != c->expected || sink.overflowed || sink.alloc_failed;
    duet_sink_release(&sink);
    if (changed) return "an implementation answered differently than in the check before timing";
  }
  return NULL;
}
