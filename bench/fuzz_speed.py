#!/usr/bin/env python3
"""Fuzzing speed of duet's zlib.inflate driver against the two-call target.

Runs each binary as a plain libFuzzer campaign from the same seed corpus,
with the same dictionary, -seed and -max_total_time, in interleaved rounds
(the order rotates every round, so drifting machine load hits every binary
alike), and reports per round the ratio of each binary's rate to the
baseline's (the first binary, by default the two-call target
duet-fuzz-direct-zlib.inflate), then the median ratio and its interquartile
range over the rounds. Two rates per run: libFuzzer's exec/s (executed units
over wall-clock time) and executed units per CPU second (user + sys of the
process, so other tenants of a shared machine weigh less). The load average
before and after each run and the CPU share the run got are recorded.

  python3 bench/fuzz_speed.py [--build build/dev] [--rounds 8] [--seconds 20]
                              [--out DIR] [--extra LABEL=BINARY ...]

--extra adds binaries (an older build of the driver, say) to every round.
Writes DIR/fuzz-speed.json (every run and the summary) and the logs.
"""
import argparse
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ENV = {"ASAN_OPTIONS": "detect_leaks=1:allocator_may_return_null=0:max_allocation_size_mb=2048",
       "UBSAN_OPTIONS": "halt_on_error=1"}


def loadavg():
    with open("/proc/loadavg") as f:
        return [float(x) for x in f.read().split()[:3]]


def stat(text, name):
    m = re.search(r"stat::%s: *(\d+)" % name, text)
    return int(m.group(1)) if m else None


def run_once(label, binary, seed, args, work):
    """One campaign of `binary` from a fresh copy of the seeds; its figures."""
    corpus = tempfile.mkdtemp(prefix="corpus.", dir=work)
    for name in os.listdir(args.seeds):
        shutil.copy(os.path.join(args.seeds, name), corpus)
    log_path = os.path.join(args.out, "%s-round%d.log" % (label, seed))
    cmd = [binary, "-seed=%d" % seed, "-max_total_time=%d" % args.seconds, "-print_final_stats=1",
           "-dict=%s" % args.dict, "-artifact_prefix=%s/" % work, corpus]
    before_load, before_usage = loadavg(), resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    with open(log_path, "w") as log:
        rc = subprocess.call(cmd, stdout=log, stderr=subprocess.STDOUT, env=dict(os.environ, **ENV))
    wall = time.monotonic() - start
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (usage.ru_utime - before_usage.ru_utime) + (usage.ru_stime - before_usage.ru_stime)
    shutil.rmtree(corpus)
    text = open(log_path, errors="replace").read()
    units = stat(text, "number_of_executed_units") or 0
    counters = re.search(r"Loaded \d+ modules +\((\d+) inline 8-bit counters\)", text)
    return {"label": label, "binary": binary, "seed": seed, "exit": rc, "log": os.path.basename(log_path),
            "executed_units": units, "exec_per_s": stat(text, "average_exec_per_sec"),
            "exec_per_cpu_s": round(units / cpu, 1) if cpu > 0 else None,
            "wall_seconds": round(wall, 2), "cpu_seconds": round(cpu, 2),
            "cpu_share": round(cpu / wall, 3) if wall > 0 else None,
            "coverage_counters": int(counters.group(1)) if counters else None,
            "loadavg_before": before_load, "loadavg_after": loadavg(),
            "ended_early": rc != 0 or wall < args.seconds}


def spread(values):
    """Median and interquartile range (quartiles by the inclusive method)."""
    if len(values) < 2:
        return {"median": values[0] if values else None, "q1": None, "q3": None, "n": len(values)}
    q1, _, q3 = statistics.quantiles(values, n=4, method="inclusive")
    return {"median": round(statistics.median(values), 3), "q1": round(q1, 3), "q3": round(q3, 3),
            "min": round(min(values), 3), "max": round(max(values), 3), "n": len(values)}


def summarize(runs, labels):
    base, summary = labels[0], {}
    for label in labels[1:]:
        ratios = {"exec_per_s": [], "exec_per_cpu_s": []}
        for r in sorted({run["seed"] for run in runs}):
            a = next(x for x in runs if x["seed"] == r and x["label"] == label)
            b = next(x for x in runs if x["seed"] == r and x["label"] == base)
            if a["ended_early"] or b["ended_early"]:
                continue  # a run cut short by a finding is not a rate
            for key in ratios:
                if a[key] and b[key]:
                    ratios[key].append(a[key] / b[key])
        summary["%s/%s" % (label, base)] = {key: dict(spread(v), ratios=[round(x, 3) for x in v])
                                             for key, v in ratios.items()}
    return summary


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--build", default=os.path.join(TOP, "build", "dev"))
    p.add_argument("--rounds", type=int, default=8)
    p.add_argument("--seconds", type=int, default=20)
    p.add_argument("--out")
    p.add_argument("--extra", action="append", default=[], metavar="LABEL=BINARY")
    args = p.parse_args()
    build = os.path.abspath(args.build)
    args.binaries = [("direct", os.path.join(build, "bench/overhead/duet-fuzz-direct-zlib.inflate")),
                     ("duet", os.path.join(build, "harness/cli/duet-fuzz-zlib.inflate"))]
    args.binaries += [tuple(e.split("=", 1)) for e in args.extra]
    args.seeds = os.path.join(build, "seeds/zlib.inflate")
    args.dict = os.path.join(build, "dicts/zlib.inflate.dict")
    for path in [b for _, b in args.binaries] + [args.seeds, args.dict]:
        if not os.path.exists(path):
            sys.exit("fuzz_speed: %s missing: build the dev or fuzz preset first" % path)
    args.out = os.path.abspath(args.out or tempfile.mkdtemp(prefix="duet-fuzz-speed."))
    os.makedirs(args.out, exist_ok=True)
    return args


def main():
    args = parse_args()
    labels = [label for label, _ in args.binaries]
    runs, work = [], tempfile.mkdtemp(prefix="work.", dir=args.out)
    started = {"utc": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "loadavg": loadavg()}
    for seed in range(1, args.rounds + 1):
        shift = (seed - 1) % len(args.binaries)  # rotate the order every round
        for label, binary in args.binaries[shift:] + args.binaries[:shift]:
            run = run_once(label, binary, seed, args, work)
            runs.append(run)
            print("round %d %-8s exec/s %6s  exec/cpu-s %8s  cpu share %.2f  load %.2f%s" % (
                seed, label, run["exec_per_s"], run["exec_per_cpu_s"], run["cpu_share"] or 0,
                run["loadavg_before"][0], "  (ended early: not counted)" if run["ended_early"] else ""), flush=True)
    shutil.rmtree(work)
    result = {"what": "zlib.inflate fuzzing speed, duet driver vs the two-call target (bench/fuzz_speed.py)",
              "started": started, "finished": {"utc": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                                               "loadavg": loadavg()},
              "machine": {"cpus": os.cpu_count()},
              "config": {"rounds": args.rounds, "seconds": args.seconds, "baseline": labels[0],
                         "binaries": dict(args.binaries), "env": ENV},
              "runs": runs, "summary": summarize(runs, labels)}
    with open(os.path.join(args.out, "fuzz-speed.json"), "w") as f:
        json.dump(result, f, indent=1)
    for name, s in result["summary"].items():
        for key, v in s.items():
            print("%s %s: median %s, IQR %s-%s over %d rounds" % (name, key, v["median"], v["q1"], v["q3"], v["n"]))
    print("results: %s/fuzz-speed.json" % args.out)


if __name__ == "__main__":
    main()
