#!/usr/bin/env python3
"""`duet validate --cves`: rediscovery of real CVEs in the C libraries.

Each pair with a targets/<pair>/cves.json has an unpatched build (preset
`unpatched`: the same Debian source and flags, less the CVE patches the
manifest lists). For each such pair this runs one campaign on the unpatched
build, then:

- memory-safety CVEs: a finding of the C side (crash, leak, oom, timeout)
  counts for a CVE only when one of its top frames (the frames of its
  signature) is a function the CVE's patch changes; its minimised input is
  then run on the patched build, each side alone;
- behavioural CVEs (memory_safety false: a DoS or a parsing fix): every input
  the campaign kept (its corpus and saved inputs, and the seeds) is run on the
  C side of both builds; an input on which they answer as the CVE's "witness"
  says (e.g. unpatched rejects, patched accepts) is a rediscovery. There are
  no frames to show here, so these are counted apart, never for claim C1.

Writes OUT/cves.json and OUT/cves.md; with --promote, each rediscovered
CVE's input goes to corpora/<pair>/cves/<CVE> with its expectation
(<CVE>.expect.json), which the ctest cves.replay replays on both builds.
A measurement: the exit status says only whether it ran (0), or why not (2).
"""
import argparse
import concurrent.futures
import datetime
import glob
import json
import os
import re
import shutil
import subprocess
import sys

from cves_report import sentence, tally, write_md  # scripts/cves_report.py

MEMORY_CLASSES = ("crash", "leak", "oom", "timeout")
BATCH = 200          # inputs per `duet exec --batch` process
SIDE_TIMEOUT = 60    # seconds for one side's run on one input (a hang is not a verdict here)


def log(msg):
    print(f"{datetime.datetime.utcnow().strftime('%H:%M:%S')} cves: {msg}", file=sys.stderr, flush=True)


def parse_args(argv):
    p = argparse.ArgumentParser(prog="duet validate --cves", description=__doc__.split("\n\n")[0])
    p.add_argument("--duet", required=True, help="the patched build's duet (duet validate passes itself)")
    p.add_argument("--source", required=True, help="the checkout (targets/, corpora/)")
    p.add_argument("--unpatched", help="the unpatched build's duet (default SOURCE/build/unpatched/harness/cli/duet)")
    p.add_argument("--time", type=int, default=600, help="seconds of campaign per pair (default 600)")
    p.add_argument("--parallel", type=int, default=1, help="campaigns at once (default 1; one core each)")
    p.add_argument("--target", action="append", default=[], help="only this pair (repeatable)")
    p.add_argument("--out", help="output folder (default SOURCE/reports/cves-<UTC time>)")
    p.add_argument("--runs", help="re-read the campaigns of an earlier OUT instead of fuzzing again")
    p.add_argument("--promote", action="store_true", help="commit each rediscovered CVE's input under corpora/<pair>/cves/")
    a = p.parse_args(argv)
    if a.time < 10 or a.parallel < 1:
        p.error("--time must be at least 10 seconds and --parallel at least 1")
    a.unpatched = a.unpatched or os.path.join(a.source, "build/unpatched/harness/cli/duet")
    return a


def manifests(source, only):
    found = {}
    for path in sorted(glob.glob(os.path.join(source, "targets/*/cves.json"))):
        pair = os.path.basename(os.path.dirname(path))
        if not only or pair in only:
            with open(path) as f:
                found[pair] = json.load(f)
    return found


# ---- running a side -------------------------------------------------------

def result_record(stdout):
    for line in stdout.splitlines():
        if line.startswith("DUET-RESULT "):
            return json.loads(line[len("DUET-RESULT "):])
    return None


def first_report_line(stderr):
    for line in stderr.splitlines():
        if re.search(r"ERROR: (Address|Leak)Sanitizer|runtime error:|panicked at|Sanitizer:DEADLYSIGNAL", line):
            return line.strip()[:300]
    return (stderr.strip().splitlines() or [""])[-1][:300]


def run_side(duet, pair, side, path):
    """One side alone on one input: status accept/reject/panic with its output hash, or crash."""
    try:
        p = subprocess.run([duet, "exec", pair, path, "--side", side], capture_output=True, timeout=SIDE_TIMEOUT,
                           text=True, errors="replace")
    except subprocess.TimeoutExpired:
        return {"status": "timeout"}
    rec = result_record(p.stdout)
    if p.returncode == 0 and rec:
        s = rec["sides"][0]
        return {"status": s["status"], "output_xxh3": s["output_xxh3"], "reason": s["reason"]}
    return {"status": "crash", "exit": p.returncode, "detail": first_report_line(p.stderr)}


def batch_c_side(duet, pair, files):
    """Every side on every file, BATCH per process (as triage's quick pass): {file: record or None if it died}."""
    out, i = {}, 0
    while i < len(files):
        chunk = files[i:i + BATCH]
        p = subprocess.run([duet, "exec", "--batch", "--timeout", "10", pair, *chunk], capture_output=True,
                           text=True, errors="replace")
        current, done = -1, 0
        for line in p.stdout.splitlines():
            if line.startswith("DUET-BATCH "):
                current = int(line.split()[1])
            elif line.startswith("DUET-RESULT ") and current >= 0:
                out[chunk[current]] = json.loads(line[len("DUET-RESULT "):])
                done = current + 1
            elif line.startswith("DUET-SKIP "):
                done = current + 1
        if done < len(chunk):          # the process died on chunk[done]
            out[chunk[done]] = None
            i += done + 1
        else:
            i += len(chunk)
    return out


def side_of(record, name):
    for s in (record or {}).get("sides", []):
        if s["side"] == name:
            return s
    return None


def answer(s):
    """What a side answered, as compared across builds: status, and the output when accepted."""
    if s is None:
        return ("crash", "")
    return (s["status"], s["output_xxh3"] if s["status"] == "accept" else "")


def rust_outcome(rust, patched_c):
    if rust["status"] in ("crash", "timeout"):
        return "crashed" if rust["status"] == "crash" else "timed out"
    if rust["status"] == "panic":
        return "panicked"
    if rust["status"] == "reject":
        return "rejected"
    if patched_c.get("status") == "accept":
        same = rust.get("output_xxh3") == patched_c.get("output_xxh3")
        return "accepted, same output as the patched C" if same else "accepted, output differs from the patched C"
    return "accepted"


# ---- one pair -------------------------------------------------------------

def campaign(a, pair, out):
    runs, corpus = os.path.join(out, pair, "runs"), os.path.join(out, pair, "corpus")
    os.makedirs(runs, exist_ok=True)
    os.makedirs(corpus, exist_ok=True)
    log(f"{pair}: {a.time} s campaign on the unpatched build")
    with open(os.path.join(out, pair, "campaign.log"), "w") as lf:
        rc = subprocess.run([a.unpatched, "fuzz", pair, "--time", str(a.time), "--reports", runs, "--corpus", corpus,
                             "--progress-interval", "60"], stdout=lf, stderr=subprocess.STDOUT).returncode
    log(f"{pair}: campaign exit status {rc}")
    return rc


def run_folder(base, pair):
    runs = sorted(d for d in glob.glob(os.path.join(base, pair, "runs", pair + "-*")) if os.path.isdir(d))
    return runs[-1] if runs else None


def when(path):
    try:
        return os.stat(path).st_mtime
    except OSError:
        return None


def first_detection(run, signature, started):
    times = [t for t in (when(p) for p in glob.glob(os.path.join(run, "signatures", f"*{signature}*")) +
                         glob.glob(os.path.join(run, "artifacts", f"*{signature}*"))) if t]
    return round(max(0.0, min(times) - started), 1) if times else None


def minimized_of(run, finding):
    for path in (os.path.join(finding.get("store", ""), "minimized"),
                 os.path.join(run, "findings", finding["signature"], "minimized"),
                 os.path.join(run, finding.get("example", ""))):
        if os.path.isfile(path):
            return path
    return None


def frame_functions(frames):
    """'parse_string cJSON.c:812' -> 'parse_string' (C++ frames keep their qualified name's last part)."""
    names = []
    for fr in frames:
        name = fr.split(" ")[0]
        names.append(re.sub(r".*::", "", name.split("(")[0]))
    return names


def check_inputs(a, pair, path, candidates):
    patched_c = run_side(a.duet, pair, "c", path)
    unpatched_c = run_side(a.unpatched, pair, "c", path)
    rust = {name: run_side(a.duet, pair, name, path) for name in candidates}
    return unpatched_c, patched_c, {n: dict(r, outcome=rust_outcome(r, patched_c)) for n, r in rust.items()}


def memory_cves(a, pair, manifest, run, triage, started, candidates, out):
    rows, unmatched = [], []
    by_cve = {c["id"]: c for c in manifest["cves"] if c["memory_safety"]}
    for f in triage.get("findings", []):
        sides = f.get("side", "").split("+")
        if f.get("class") not in MEMORY_CLASSES or not ("c" in sides or f.get("side") == "both"):
            continue
        funcs = frame_functions(f.get("frames", []))
        hits = [cid for cid, c in by_cve.items() if set(funcs) & set(c["functions"])]
        entry = {"signature": f["signature"], "class": f["class"], "kind": f.get("kind"), "frames": f.get("frames", []),
                 "reliable": f.get("reliable"), "reproduced": f.get("reproduced"), "reruns": f.get("reruns"),
                 "seconds_to_first": first_detection(run, f["signature"], started)}
        path = minimized_of(run, f)
        if not hits:
            if path:  # does the patched build show it too? (then it is no CVE of this manifest)
                entry["patched_c"] = run_side(a.duet, pair, "c", path)
            unmatched.append(entry)
            continue
        for cid in hits:
            row = dict(entry, cve=cid, matched_functions=sorted(set(funcs) & set(by_cve[cid]["functions"])))
            if path:
                keep = os.path.join(out, pair, "inputs", cid)
                os.makedirs(os.path.dirname(keep), exist_ok=True)
                shutil.copyfile(path, keep)
                row["input"] = os.path.relpath(keep, out)
                row["unpatched_c"], row["patched_c"], row["rust"] = check_inputs(a, pair, keep, candidates)
            rows.append(row)
    return rows, unmatched


def behaviour_inputs(a, pair, run, out):
    files = []
    for folder, origin in ((os.path.join(out, pair, "corpus"), "campaign"),
                           (os.path.join(run, "artifacts"), "campaign") if run else (None, None),
                           (os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(a.unpatched))), "seeds", pair),
                            "seed")):
        if folder and os.path.isdir(folder):
            files += [(os.path.join(folder, n), origin) for n in sorted(os.listdir(folder))
                      if os.path.isfile(os.path.join(folder, n)) and not n.startswith(".")]
    return files


def behaviour_cves(a, pair, manifest, run, started, candidates, out):
    cves = [c for c in manifest["cves"] if not c["memory_safety"] and c.get("witness")]
    if not cves:
        return [], []
    files = behaviour_inputs(a, pair, run, out)
    origin = dict(files)
    paths = [p for p, _ in files]
    log(f"{pair}: {len(paths)} kept inputs on the C side of both builds")
    unpatched, patched = batch_c_side(a.unpatched, pair, paths), batch_c_side(a.duet, pair, paths)
    witnesses, other = {c["id"]: [] for c in cves}, []
    for p in paths:
        u, b = answer(side_of(unpatched.get(p), "c")), answer(side_of(patched.get(p), "c"))
        if u == b:
            continue
        hit = [c["id"] for c in cves if c["witness"]["unpatched"] == u[0] and c["witness"]["patched"] == b[0]]
        for cid in hit:
            witnesses[cid].append(p)
        if not hit:
            other.append({"input": os.path.relpath(p, out) if p.startswith(out) else p,
                          "unpatched_c": u[0], "patched_c": b[0]})
    rows = []
    for c in cves:
        found = witnesses[c["id"]]
        row = {"cve": c["id"], "witnesses": len(found),
               "from_campaign": sum(1 for p in found if origin[p] == "campaign")}
        if found:
            best = min(found, key=lambda p: (origin[p] != "campaign", os.path.getsize(p)))
            keep = os.path.join(out, pair, "inputs", c["id"])
            os.makedirs(os.path.dirname(keep), exist_ok=True)
            shutil.copyfile(best, keep)
            row["input"] = os.path.relpath(keep, out)
            row["origin"] = origin[best]
            times = [when(p) - started for p in found if origin[p] == "campaign" and when(p)]
            row["seconds_to_first"] = round(max(0.0, min(times)), 1) if times else None
            row["unpatched_c"], row["patched_c"], row["rust"] = check_inputs(a, pair, keep, candidates)
        rows.append(row)
    return rows, other


def study_pair(a, pair, manifest, out):
    run = run_folder(out, pair)
    result = {"pair": pair, "package": manifest["package"], "version": manifest["version"], "run": None,
              "cves": manifest["cves"], "memory": [], "unmatched_c_findings": [], "behaviour": [],
              "other_differences": []}
    if not run:
        result["status"] = "no campaign"
        return result
    with open(os.path.join(run, "report.json")) as f:
        report = json.load(f)
    triage = report  # the campaign's own triage; a later `duet triage RUN` writes triage.json
    if os.path.isfile(os.path.join(run, "triage.json")):
        with open(os.path.join(run, "triage.json")) as f:
            triage = json.load(f)
    started = datetime.datetime.strptime(report["started_at"], "%Y-%m-%dT%H:%M:%SZ").replace(
        tzinfo=datetime.timezone.utc).timestamp()
    candidates = [s["name"] for s in report["sides"] if s.get("role") != "reference"]
    c_side = next(s for s in report["sides"] if s.get("role") == "reference")
    result.update(run=os.path.relpath(run, out), status=report["status"], duration_seconds=report.get("duration_seconds"),
                  executions=(report.get("campaign") or {}).get("executions"), candidates=candidates,
                  c_library=f"{c_side.get('library')} {c_side.get('version')}")
    result["memory"], result["unmatched_c_findings"] = memory_cves(a, pair, manifest, run, triage, started, candidates, out)
    result["behaviour"], result["other_differences"] = behaviour_cves(a, pair, manifest, run, started, candidates, out)
    return result


def promote(a, doc, out):
    for r in doc["pairs"]:
        for row in r["memory"] + r["behaviour"]:
            if not row.get("input"):
                continue
            dest = os.path.join(a.source, "corpora", r["pair"], "cves")
            os.makedirs(dest, exist_ok=True)
            shutil.copyfile(os.path.join(out, row["input"]), os.path.join(dest, row["cve"]))
            expect = {"cve": row["cve"], "unpatched": {"status": row["unpatched_c"]["status"]},
                      "patched": {"status": row["patched_c"]["status"]}}
            if row.get("matched_functions"):
                expect["unpatched"]["functions"] = row["matched_functions"]
            with open(os.path.join(dest, row["cve"] + ".expect.json"), "w") as f:
                json.dump(expect, f, indent=2)
                f.write("\n")
            log(f"promoted {row['cve']} to corpora/{r['pair']}/cves/{row['cve']}")


def main(argv):
    a = parse_args(argv)
    found = manifests(a.source, a.target)
    if not found:
        print("duet validate --cves: no targets/<pair>/cves.json" + (" for " + ", ".join(a.target) if a.target else ""),
              file=sys.stderr)
        return 2
    if not os.access(a.unpatched, os.X_OK):
        print(f"duet validate --cves: no unpatched build at {a.unpatched}: run scripts/install-deps, then "
              "cmake --preset unpatched && cmake --build --preset unpatched", file=sys.stderr)
        return 2
    stamp = datetime.datetime.utcnow().strftime("%Y%m%dT%H%M%SZ")
    out = os.path.abspath(a.runs or a.out or os.path.join(a.source, "reports", f"cves-{stamp}"))
    os.makedirs(out, exist_ok=True)
    if not a.runs:
        with concurrent.futures.ThreadPoolExecutor(max_workers=a.parallel) as pool:
            list(pool.map(lambda p: campaign(a, p, out), found))
    results = []
    for pair, manifest in found.items():
        r = study_pair(a, pair, manifest, out)
        r["tally"] = {"memory": tally([r], True), "behaviour": tally([r], False)}
        results.append(r)
    doc = {"schema": "duet-cves/1", "seconds_per_pair": a.time, "pairs": results,
           "overall": {"memory": tally(results, True), "behaviour": tally(results, False)}}
    with open(os.path.join(out, "cves.json"), "w") as f:
        json.dump(doc, f, indent=1)
        f.write("\n")
    write_md(out, doc)
    if a.promote:
        promote(a, doc, out)
    print(sentence(doc["overall"]["memory"], "memory-safety CVEs"))
    print(sentence(doc["overall"]["behaviour"], "behavioural CVEs") + " (not C1)")
    print(f"report: {os.path.join(out, 'cves.md')}")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except KeyboardInterrupt:  # the campaigns got the same SIGINT and stop as `duet fuzz` does
        print("duet validate --cves: interrupted", file=sys.stderr)
        sys.exit(130)
