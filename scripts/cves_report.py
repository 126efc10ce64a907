"""The figures of `duet validate --cves` (scripts/validate_cves.py): the tallies per
pair and overall, "k of n reachable CVEs rediscovered in the C library; on those
inputs the Rust rewrite: r rejected, a accepted, p panicked, c crashed", and cves.md."""
import os


OUTCOMES = (("rejected", "rejected"), ("accepted", "accepted"), ("panicked", "panicked"), ("crashed", "crashed"))


def tally(results, memory):
    n = k = 0
    counts = {label: 0 for _, label in OUTCOMES}
    for r in results:
        listed = [c for c in r["cves"] if c["reachable"] and c["memory_safety"] == memory]
        n += len(listed)
        rows = r["memory"] if memory else [b for b in r["behaviour"] if b.get("input")]
        found = {row["cve"] for row in rows if row["cve"] in {c["id"] for c in listed}}
        k += len(found)
        seen = set()
        for row in rows:
            if row["cve"] not in found or row["cve"] in seen:
                continue
            seen.add(row["cve"])
            for rust in row.get("rust", {}).values():
                for prefix, label in OUTCOMES:
                    if rust["outcome"].startswith(prefix) or (prefix == "crashed" and rust["outcome"] == "timed out"):
                        counts[label] += 1
    return {"found": k, "reachable": n, "rust": counts}


def sentence(t, what):
    r = t["rust"]
    return (f"{t['found']} of {t['reachable']} reachable {what} rediscovered in the C library; on those inputs the "
            f"Rust rewrite: {r['rejected']} rejected, {r['accepted']} accepted, {r['panicked']} panicked, "
            f"{r['crashed']} crashed")


def md_escape(text):
    return str(text).replace("|", "\\|").replace("\n", " ")


def write_md(out, doc):
    lines = ["# CVE rediscovery on the unpatched C builds (claim C1, real code)", "",
             f"Campaign budget: {doc['seconds_per_pair']} s per pair on the unpatched build "
             f"(`duet fuzz`, 1 job). Kept apart from the planted ground truth and from the patched campaigns.", "",
             "**Overall, memory-safety CVEs (C1):** " + sentence(doc["overall"]["memory"], "memory-safety CVEs") + ".", "",
             "**Overall, behavioural CVEs (not C1: no frames, found as a difference between the two C builds):** " +
             sentence(doc["overall"]["behaviour"], "behavioural CVEs") + ".", ""]
    for r in doc["pairs"]:
        lines += [f"## {r['pair']} ({r['package']} {r['version']})", ""]
        if r.get("run"):
            lines += [f"Campaign `{r['run']}`: status {r['status']}, {r.get('duration_seconds')} s, "
                      f"{r.get('executions')} executions; Rust side(s): {', '.join(r.get('candidates', []))}.", ""]
        else:
            lines += ["No campaign ran.", ""]
        lines += ["- memory-safety: " + sentence(r["tally"]["memory"], "memory-safety CVEs"),
                  "- behavioural: " + sentence(r["tally"]["behaviour"], "behavioural CVEs"), "",
                  "| CVE | class | reachable | found | seconds to first | evidence | patched C | unpatched C | Rust |",
                  "|---|---|---|---|---|---|---|---|---|"]
        for c in r["cves"]:
            rows = [m for m in r["memory"] if m["cve"] == c["id"]] + [b for b in r["behaviour"] if b["cve"] == c["id"]]
            row = next((x for x in rows if x.get("input")), rows[0] if rows else None)
            found = bool(row and row.get("input"))
            if not found:
                lines.append(f"| {c['id']} | {md_escape(c['class'])} | {'yes' if c['reachable'] else 'no: ' + md_escape(c['why'])} "
                             f"| no | | | | | |")
                continue
            if c["memory_safety"]:
                evidence = f"signature {row['signature']} ({row['class']} {row.get('kind')}), frames {md_escape('; '.join(row['frames']))}"
            else:
                evidence = f"{row['witnesses']} kept inputs ({row['from_campaign']} from the campaign) answered as the witness says; `{row['input']}` ({row['origin']})"
            rust = "; ".join(f"{n}: {v['outcome']}" for n, v in row["rust"].items())
            lines.append(f"| {c['id']} | {md_escape(c['class'])} | {'yes' if c['reachable'] else 'no (listed unreachable!)'} | yes "
                         f"| {row.get('seconds_to_first')} | {md_escape(evidence)} | {row['patched_c']['status']} "
                         f"| {row['unpatched_c']['status']} | {md_escape(rust)} |")
        if r["unmatched_c_findings"]:
            lines += ["", "C-side findings not counted as a CVE (no top frame in a function a CVE patch changes):", ""]
            lines += [f"- {u['signature']}: {u['class']} {u.get('kind')}, frames {md_escape('; '.join(u['frames']) or 'none')}; "
                      f"the patched C on its input: {u.get('patched_c', {}).get('status', 'not run')}"
                      for u in r["unmatched_c_findings"]]
        if r["other_differences"]:
            lines += ["", f"{len(r['other_differences'])} kept inputs on which the two C builds differ otherwise "
                      "(no listed CVE's witness): " + ", ".join(
                          f"{d['unpatched_c']}→{d['patched_c']}" for d in r["other_differences"][:10])]
        lines.append("")
    with open(os.path.join(out, "cves.md"), "w") as f:
        f.write("\n".join(lines) + "\n")


