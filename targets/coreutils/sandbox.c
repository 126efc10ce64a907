/*
 * duet-cu-sandbox: what the runner (runner.c) starts instead of a program, to
 * confine it before it runs. Usage:
 *   duet-cu-sandbox [-m MB] PROGRAM ARGV0 [ARG...]
 * It sets resource limits (no core file, files up to 64 MiB, 256 descriptors,
 * 10 s of CPU, and with -m an address space of MB MiB: not for ASan programs,
 * whose shadow memory maps terabytes), forbids every socket (seccomp: no
 * network, no connection to a local daemon), and, where the kernel has
 * Landlock, forbids writing anywhere but under its working directory (the
 * run's private directory, runner.c); then execs PROGRAM
 * with ARGV0 ARG... and the environment it was given. Exit 125 (with a line
 * on stderr) when a confinement cannot be set, 127 when PROGRAM cannot run.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

/* Landlock needs Linux >= 5.13 headers (Ubuntu 20.04's, in the ClusterFuzzLite
   image, are older): without them the sandbox is built without it, as on a
   kernel that lacks it. */
#if !defined(DUET_CU_NO_LANDLOCK) && __has_include(<linux/landlock.h>)
#include <linux/landlock.h>
#endif
#if defined(LANDLOCK_CREATE_RULESET_VERSION) && defined(SYS_landlock_create_ruleset)
#define DUET_CU_LANDLOCK 1
#endif
#ifndef LANDLOCK_ACCESS_FS_TRUNCATE /* Landlock ABI 3 (Linux 6.2), newer than Debian 12's headers */
#define LANDLOCK_ACCESS_FS_TRUNCATE (1ULL << 14)
#endif

static int fail(const char *what) {
  fprintf(stderr, "duet-cu-sandbox: %s: %s\n", what, strerror(errno));
  return 125;
}

static int limit(int resource, rlim_t value) {
  struct rlimit r = {value, value};
  return setrlimit(resource, &r);
}

static int set_limits(unsigned long memory_mb) {
  if (limit(RLIMIT_CORE, 0) || limit(RLIMIT_FSIZE, (rlim_t)64 << 20) || limit(RLIMIT_NOFILE, 256) ||
      limit(RLIMIT_CPU, 10))
    return -1;
  return memory_mb ? limit(RLIMIT_AS, (rlim_t)memory_mb << 20) : 0;
}

/* socket() fails with EACCES, whatever the family. */
static int forbid_sockets(void) {
  scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_ALLOW);
  if (!ctx) return errno = ENOMEM, -1;
  int rc = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EACCES), SCMP_SYS(socket), 0);
  if (rc == 0) rc = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EACCES), SCMP_SYS(socketpair), 0);
  if (rc == 0) rc = seccomp_load(ctx);
  seccomp_release(ctx);
  return rc == 0 ? 0 : (errno = -rc, -1);
}

/* Writes (and creations, removals, renames) only under dir. Returns 0, 1
   when the kernel has no Landlock (nothing confined), -1 on an error. */
static int writes_only_under(const char *dir) {
#ifndef DUET_CU_LANDLOCK
  (void)dir;
  return 1;
#else
  long abi = syscall(SYS_landlock_create_ruleset, NULL, 0, LANDLOCK_CREATE_RULESET_VERSION);
  if (abi < 1) return errno == ENOSYS || errno == EOPNOTSUPP ? 1 : -1;
  __u64 write = LANDLOCK_ACCESS_FS_WRITE_FILE | LANDLOCK_ACCESS_FS_REMOVE_DIR | LANDLOCK_ACCESS_FS_REMOVE_FILE |
                LANDLOCK_ACCESS_FS_MAKE_CHAR | LANDLOCK_ACCESS_FS_MAKE_DIR | LANDLOCK_ACCESS_FS_MAKE_REG |
                LANDLOCK_ACCESS_FS_MAKE_SOCK | LANDLOCK_ACCESS_FS_MAKE_FIFO | LANDLOCK_ACCESS_FS_MAKE_BLOCK |
                LANDLOCK_ACCESS_FS_MAKE_SYM;
  if (abi >= 2) write |= LANDLOCK_ACCESS_FS_REFER;
  if (abi >= 3) write |= LANDLOCK_ACCESS_FS_TRUNCATE;
  struct landlock_ruleset_attr attr = {.handled_access_fs = write};
  int ruleset = (int)syscall(SYS_landlock_create_ruleset, &attr, sizeof attr, 0);
  if (ruleset < 0) return -1;
  struct landlock_path_beneath_attr beneath = {.allowed_access = write, .parent_fd = open(dir, O_PATH | O_CLOEXEC)};
  int rc = beneath.parent_fd < 0 ? -1 : (int)syscall(SYS_landlock_add_rule, ruleset, LANDLOCK_RULE_PATH_BENEATH, &beneath, 0);
  if (rc == 0) rc = (int)syscall(SYS_landlock_restrict_self, ruleset, 0);
  if (beneath.parent_fd >= 0) close(beneath.parent_fd);
  close(ruleset);
  return rc;
#endif
}

int main(int argc, char **argv) {
  unsigned long memory_mb = 0;
  int first = 1;
  if (argc > 2 && strcmp(argv[1], "-m") == 0) memory_mb = strtoul(argv[2], NULL, 10), first = 3;
  if (argc - first < 2) {
    fprintf(stderr, "usage: duet-cu-sandbox [-m MB] PROGRAM ARGV0 [ARG...]\n");
    return 125;
  }
  if (set_limits(memory_mb) != 0) return fail("resource limits");
  if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) return fail("no_new_privs");
  if (writes_only_under(".") < 0) return fail("landlock");
  if (forbid_sockets() != 0) return fail("seccomp");
  execv(argv[first], argv + first + 1);
  fprintf(stderr, "duet-cu-sandbox: %s: %s\n", argv[first], strerror(errno));
  return 127;
}
