#!/usr/bin/env python3
"""Checks a duet-bench JSON file against the Google Benchmark fields that
compare.py (libbenchmark-tools) reads, and against duet's own promises: one
case per target, side and measured class, input-byte and item counters, a
paired case per candidate and class with its ratio counters, and the build
facts in the context.

usage: check_gbench_json.py FILE [REPETITIONS]
Prints every problem; exit 1 when there is one.
"""
import json
import sys

CONTEXT_KEYS = ["date", "host_name", "executable", "num_cpus", "mhz_per_cpu", "caches",
                "duet_build", "duet_c_compiler", "duet_c_flags", "duet_rust_toolchain", "duet_rust_flags",
                "duet_cpu_level", "duet_allocator", "duet_panic_handling"]
RUN_KEYS = {"name": str, "run_name": str, "run_type": str, "repetitions": int, "threads": int,
            "iterations": int, "real_time": (int, float), "cpu_time": (int, float), "time_unit": str,
            "bytes_per_second": (int, float), "items_per_second": (int, float)}
AGGREGATES = ["mean", "median", "stddev"]


def check(data, repetitions):
    problems = []
    context = data.get("context")
    if not isinstance(context, dict):
        return ["no context object"]
    problems += [f"context lacks {k}" for k in CONTEXT_KEYS if k not in context]
    runs = data.get("benchmarks")
    if not isinstance(runs, list) or not runs:
        return problems + ["no benchmarks array"]
    for r in runs:
        for key, kind in RUN_KEYS.items():
            if r.get("run_type") == "aggregate" and key in ("iterations",):
                continue
            if "~" in str(r.get("run_name")) and key in ("bytes_per_second", "items_per_second"):
                continue  # a paired case counts pairs, not inputs
            if not isinstance(r.get(key), kind):
                problems.append(f"{r.get('name')}: {key} missing or not {kind}")
        if r.get("time_unit") not in ("ns", "us", "ms", "s"):
            problems.append(f"{r.get('name')}: time_unit {r.get('time_unit')!r}")
        if r.get("error_occurred"):
            problems.append(f"{r.get('name')}: error {r.get('error_message')}")
    # Every measured class has each side's repetitions and aggregates.
    expected = []
    for key, value in context.items():
        if key.startswith("duet_class:") and not value.startswith("no inputs"):
            target, cls = key.split(":", 1)[1].rsplit("/", 1)
            sides = [k.split(":", 1)[1].rsplit("/", 1)[1] for k in context if k.startswith(f"duet_language:{target}/")]
            if len(sides) < 2:
                problems.append(f"{target}: fewer than two sides in the context")
            expected += [f"{target}/{side}/{cls}" for side in sides]
    if not expected:
        problems.append("no measured class in the context")
    problems += check_pairs(runs, context, expected, repetitions)
    for name in expected:
        reps = [r for r in runs if r.get("run_name") == name and r.get("run_type") == "iteration"]
        if len(reps) != repetitions:
            problems.append(f"{name}: {len(reps)} repetitions, expected {repetitions}")
        for agg in AGGREGATES:
            if not any(r.get("name") == f"{name}_{agg}" and r.get("run_type") == "aggregate" for r in runs):
                problems.append(f"{name}: no {agg} aggregate")
    return problems


def check_pairs(runs, context, expected, repetitions):
    """Every candidate's class has its paired case TARGET/CANDIDATE~REFERENCE/CLASS
    with a positive median ratio, its quartiles and the number of pairs."""
    problems = []
    for name in expected:
        target, side, cls = name.rsplit("/", 2)
        reference = context.get(f"duet_reference:{target}", "c")
        if side == reference:
            continue
        pair = f"{target}/{side}~{reference}/{cls}"
        reps = [r for r in runs if r.get("run_name") == pair and r.get("run_type") == "iteration"]
        if len(reps) != repetitions:
            problems.append(f"{pair}: {len(reps)} repetitions, expected {repetitions}")
        for r in reps:
            if not (r.get("ratio", 0) > 0 and r.get("ratio_q1", 0) <= r["ratio"] <= r.get("ratio_q3", 0)
                    and r.get("pairs", 0) >= 1):
                problems.append(f"{pair}: no ratio, quartiles and pairs counters")
    return problems


def main():
    try:
        with open(sys.argv[1]) as f:
            data = json.load(f)
    except (OSError, ValueError, IndexError) as e:
        print(f"check_gbench_json: {e}")
        return 1
    problems = check(data, int(sys.argv[2]) if len(sys.argv) > 2 else 1)
    for p in problems:
        print(f"check_gbench_json: {p}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
