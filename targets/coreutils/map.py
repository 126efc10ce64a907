#!/usr/bin/python3
"""The map of the rewrite from coreutils campaigns: one row per utility.

    map.py REPORTS [--examples N]

Reads every coreutils run folder under REPORTS (a campaign of one utility,
campaign.sh: the utility is the one whose dictionary it used) and the
findings store REPORTS/findings/coreutils, and prints a Markdown table:
fuzzing seconds, executions, exec/s, corpus and coverage of the GNU side, and
the run's distinct findings by class and side, divergences split by what
their minimised input shows (an argument that is not UTF-8, data that is not
UTF-8) and else by the first part that differs: the stderr class only (both
sides exit alike; one prints a usage hint, the other a message: wording) or
the behaviour (exit status, stdout, files). With --examples N, up to N
minimised inputs of the behaviour divergences per utility follow, to explain
by hand. Standard library only.
"""
import glob
import json
import os
import re
import sys


def utility_of(report):
    for flag in report.get("campaign", {}).get("fuzzer_command", []):
        m = re.search(r"dicts/coreutils/([a-z0-9]+)\.dict$", flag)
        if m:
            return m.group(1)
    return None


def is_utf8(data):
    try:
        data.decode("utf-8")
        return True
    except UnicodeDecodeError:
        return False


def data_part(invocation):
    """stdin and the files a and b: what follows the empty line ending the arguments."""
    end = invocation.find(b"\n\n")
    return invocation[end + 2:] if end >= 0 else b""


def minimised(store, signature):
    for name in ("minimized", "input"):
        path = os.path.join(store, signature, name)
        if os.path.exists(path):
            with open(path, "rb") as f:
                return f.read()
    return b""


def row(run_dir, report, store):
    c = report["campaign"]
    counts = {"div": 0, "arg": 0, "data": 0, "wording": 0, "crash_c": 0, "panic": 0, "hang": 0, "unreliable": 0}
    others = []
    for f in report.get("findings", []):
        if not f.get("reliable"):
            counts["unreliable"] += 1
            continue
        cls = f["class"]
        if cls == "divergence":
            counts["div"] += 1
            if "non-UTF-8 argument" in f.get("feature", ""):
                counts["arg"] += 1
            elif not is_utf8(data_part(minimised(store, f["signature"]))):
                counts["data"] += 1
            elif f.get("feature", "").endswith(": stderr class"):
                counts["wording"] += 1
            else:
                others.append(f)
        elif cls == "panic":
            counts["panic"] += 1
        elif cls == "timeout":
            counts["hang"] += 1
        elif f.get("side", "").startswith("c"):
            counts["crash_c"] += 1
    return c, counts, others


def main():
    if len(sys.argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    reports = sys.argv[1]
    examples = int(sys.argv[3]) if len(sys.argv) > 3 and sys.argv[2] == "--examples" else 0
    store = os.path.join(reports, "findings", "coreutils")
    rows = []
    for path in sorted(glob.glob(os.path.join(reports, "coreutils-*", "report.json"))):
        with open(path) as f:
            report = json.load(f)
        utility = utility_of(report)
        if utility:
            rows.append((utility, os.path.basename(os.path.dirname(path)), report))
    print("| utility | run | status | fuzz s | executions | exec/s | corpus | GNU cov | divergences | "
          "non-UTF-8 argument | non-UTF-8 data | error wording | behaviour | C crashes | Rust panics | hangs | "
          "not reliable |")
    print("|---" * 17 + "|")
    detail = []
    for utility, run, report in sorted(rows):
        c, n, others = row(run, report, store)
        print(f"| {utility} | {run} | {report['status']} | {c['fuzz_seconds']} | {c['executions']} | "
              f"{c['execs_per_second']:.0f} | {c['corpus_size']} | {c['coverage']['cov']} | {n['div']} | {n['arg']} | "
              f"{n['data']} | {n['wording']} | {len(others)} | {n['crash_c']} | {n['panic']} | {n['hang']} | {n['unreliable']} |")
        for f in others[:examples]:
            detail.append(f"{utility} {f['signature']} {f.get('feature', '')}: "
                          f"{minimised(store, f['signature'])!r}")
    if detail:
        print()
        print("\n".join(detail))
    return 0


if __name__ == "__main__":
    sys.exit(main())
