/* The drop-in identity guard (duet/dropin.h). */
#define _GNU_SOURCE /* dladdr */
#include "duet/dropin.h"

#include <dlfcn.h>
#include <string.h>

#include "duet/limits.h"

/* "0x... in OBJECT (SYMBOL)": where an entry point really lives. dladdr names
   the owning object always, the symbol only when it is dynamically exported. */
static void describe(void (*address)(void), char *buf, size_t size) {
  Dl_info info;
  memset(&info, 0, sizeof info);
  void *p;
  memcpy(&p, &address, sizeof p); /* function to object pointer, POSIX-style */
  if (dladdr(p, &info) && info.dli_fname)
    snprintf(buf, size, "%p in %s%s%s%s", p, info.dli_fname, info.dli_sname ? " (" : "",
             info.dli_sname ? info.dli_sname : "", info.dli_sname ? ")" : "");
  else
    snprintf(buf, size, "%p", p);
}

static void identity_of(const struct duet_impl *impl, char *buf, size_t size) {
  buf[0] = '\0';
  if (impl->dropin->identity) impl->dropin->identity(buf, size);
}

static int refuse_shared(const struct duet_impl *a, const struct duet_dropin_symbol *sa,
                         const struct duet_impl *b, const struct duet_dropin_symbol *sb, char *why,
                         size_t why_size) {
  char where[512], id_a[128], id_b[128];
  describe(sa->address, where, sizeof where);
  identity_of(a, id_a, sizeof id_a);
  identity_of(b, id_b, sizeof id_b);
  snprintf(why, why_size,
           "drop-in sides '%s' (%s %s%s%s) and '%s' (%s %s%s%s) resolve %s (linked as %s) and %s "
           "(linked as %s) to the same code at %s: both sides would run one library. Rename the "
           "rewrite's exports and compile its adapter against the new names (targets/README.md, "
           "\"Drop-in pairs\")",
           a->name, a->library, a->version, id_a[0] ? ", " : "", id_a, b->name, b->library, b->version,
           id_b[0] ? ", " : "", id_b, sa->api_name, sa->linked_name, sb->api_name, sb->linked_name, where);
  return -1;
}

static int check_one(const struct duet_impl *impl, char *why, size_t why_size) {
  const struct duet_dropin *d = impl->dropin;
  if (!d->symbols || d->symbol_count == 0) {
    snprintf(why, why_size, "drop-in side '%s' lists no entry point to check", impl->name);
    return -1;
  }
  for (size_t i = 0; i < d->symbol_count; i++)
    if (!d->symbols[i].address) {
      snprintf(why, why_size, "drop-in side '%s': entry point %s is NULL", impl->name, d->symbols[i].api_name);
      return -1;
    }
  return 0;
}

/* Every entry point of `a` against every entry point of `b`. */
static int check_pair(const struct duet_impl *a, const struct duet_impl *b, char *why, size_t why_size) {
  for (size_t i = 0; i < a->dropin->symbol_count; i++)
    for (size_t j = 0; j < b->dropin->symbol_count; j++)
      if (a->dropin->symbols[i].address == b->dropin->symbols[j].address)
        return refuse_shared(a, &a->dropin->symbols[i], b, &b->dropin->symbols[j], why, why_size);
  return 0;
}

int duet_dropin_check(const struct duet_target *target, char *why, size_t why_size) {
  const struct duet_impl *sides[DUET_MAX_SIDES];
  size_t n = 0;
  char scratch[8];
  if (why_size == 0) {
    why = scratch;
    why_size = sizeof scratch;
  }
  why[0] = '\0';
  if (target->reference->dropin) sides[n++] = target->reference;
  for (const struct duet_impl *const *c = target->candidates; *c && n < DUET_MAX_SIDES; c++)
    if ((*c)->dropin) sides[n++] = *c;
  for (size_t i = 0; i < n; i++)
    if (check_one(sides[i], why, why_size) != 0) return -1;
  for (size_t i = 0; i < n; i++)
    for (size_t j = i + 1; j < n; j++)
      if (check_pair(sides[i], sides[j], why, why_size) != 0) return -1;
  return 0;
}

int duet_dropin_guard(const struct duet_target *target, FILE *err) {
  char why[2048];
  if (duet_dropin_check(target, why, sizeof why) == 0) return 0;
  fprintf(err, "duet: refusing to run %s: %s\n", target->name, why);
  return -1;
}
