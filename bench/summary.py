#!/usr/bin/env python3
"""Summary of a duet-bench run: per target, candidate and input class, the
candidate/reference (Rust/C) time ratio with a bootstrap confidence interval,
and a verdict on claim C3 ("Rust performs better").

The ratio comes from the paired case (TARGET/CANDIDATE~REFERENCE/CLASS: both
sides timed back to back, alternately, a ratio per pair; each repetition
gives the median of its pairs) when the run has one: its interval is over the
repetitions' ratios and its test is the Wilcoxon signed-rank test of their
logarithms. Without a paired case it is the ratio of the sides' median CPU
times, with the Mann-Whitney U-test of compare.py (libbenchmark-tools' gbench
module, used as is); the U-test is reported either way.

usage: summary.py [--gbench DIR] [--json OUT] [--alpha A] BENCH.json

The statistics are compare.py's and scipy's; this script only picks the
cases apart by name (TARGET/SIDE/CLASS) and phrases the verdicts.
Exit: 0 done, 2 bad input or missing python3-scipy.
"""
import argparse
import json
import math
import re
import sys
import warnings

CONFIDENCE = 0.95      # of the ratio's interval
RESAMPLES = 9999       # bootstrap resamples; seeded, so the summary is reproducible
SEED = 20240601
NOISE_MAX_CI_WIDTH = 0.10  # a class is flagged when its interval is wider than this share of the ratio,
NOISE_MAX_CV = 0.05        # when either side's repetitions spread more than this (cpu_time CV),
                           # or when the 1-minute load average exceeded the number of CPUs


def fail(message):
    print(f"summary: {message}", file=sys.stderr)
    sys.exit(2)


def load_gbench(directory):
    sys.path.insert(0, directory)
    try:
        from gbench import report, util  # compare.py's own modules
        import numpy
        from scipy import stats
    except ImportError as e:
        fail(f"{e}: install python3-scipy and libbenchmark-tools (scripts/install-deps)")
    return report, util, numpy, stats


def case_names(results):
    """{target: {side: [classes]}} from TARGET/SIDE/CLASS names, in
    duet-bench's registration order (results sorted by family_index)."""
    cases = {}
    for b in results["benchmarks"]:
        if b.get("run_type") != "iteration":
            continue
        target, side, cls = b["run_name"].rsplit("/", 2)
        if "~" in side:
            continue  # a paired case (paired_ratios)
        classes = cases.setdefault(target, {}).setdefault(side, [])
        if cls not in classes:
            classes.append(cls)
    return cases


def cpu_times(results, name):
    return [b["cpu_time"] for b in results["benchmarks"]
            if b.get("run_type") == "iteration" and b["run_name"] == name and not b.get("error_occurred")]


def paired_ratios(results, name):
    """Each repetition's median pair ratio of the paired case `name` ([] when there is none)."""
    return [b["ratio"] for b in results["benchmarks"] if b.get("run_type") == "iteration"
            and b["run_name"] == name and not b.get("error_occurred") and b.get("ratio", 0) > 0]


def paired_interval(numpy, stats, ratios):
    """Median of the repetitions' ratios, its bootstrap CI and the Wilcoxon
    signed-rank p-value of their logarithms against 0 (None with < 2)."""
    ratio = float(numpy.median(ratios))
    if len(ratios) < 2:
        return ratio, None, None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ci = stats.bootstrap((numpy.array(ratios),), numpy.median, vectorized=True, confidence_level=CONFIDENCE,
                             n_resamples=RESAMPLES, method="percentile",
                             random_state=numpy.random.default_rng(SEED)).confidence_interval
        p = float(stats.wilcoxon(numpy.log(ratios)).pvalue) if len(set(ratios)) > 1 else 1.0
    low, high = float(ci.low), float(ci.high)
    return ratio, (None if math.isnan(low) or math.isnan(high) else [low, high]), p


def ratio_interval(numpy, stats, candidate, reference):
    """Median candidate time / median reference time, bootstrap CI (None when
    fewer than two repetitions per side)."""
    ratio = float(numpy.median(candidate) / numpy.median(reference))
    if len(candidate) < 2 or len(reference) < 2:
        return ratio, None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # degenerate resamples with few repetitions
        ci = stats.bootstrap((numpy.array(candidate), numpy.array(reference)),
                             lambda c, r, axis: numpy.median(c, axis=axis) / numpy.median(r, axis=axis),
                             vectorized=True, paired=False, confidence_level=CONFIDENCE,
                             n_resamples=RESAMPLES, method="percentile",
                             random_state=numpy.random.default_rng(SEED)).confidence_interval
    low, high = float(ci.low), float(ci.high)
    return ratio, (None if math.isnan(low) or math.isnan(high) else [low, high])


def utest(report, results, target, reference, candidate, cls):
    """compare.py's U-test (filters mode) on one class: (cpu p, time p, optimal reps)."""
    ref = report.filter_benchmark(results, "^" + re.escape(f"{target}/{reference}/{cls}") + "$")
    cand = report.filter_benchmark(results, "^" + re.escape(f"{target}/{candidate}/{cls}") + "$")
    for entry in report.get_difference_report(ref, cand, utest=True):
        if entry["run_type"] == "iteration" and entry["utest"]:
            u = entry["utest"]
            return u["cpu_pvalue"], u["time_pvalue"], u["have_optimal_repetitions"]
    return None, None, False


def cv(times):
    if len(times) < 2:
        return 0.0
    mean = sum(times) / len(times)
    var = sum((t - mean) ** 2 for t in times) / (len(times) - 1)
    return math.sqrt(var) / mean if mean > 0 else 0.0


def noise(ratio, ci, ref_t, cand_t, context, paired=False):
    """Why the measurement of a class cannot carry a verdict ("" when it can).
    A paired ratio cancels drift common to both sides, so each side's own
    spread only counts without one."""
    reasons = []
    if ci and ratio > 0 and (ci[1] - ci[0]) / ratio > NOISE_MAX_CI_WIDTH:
        reasons.append(f"interval {100 * (ci[1] - ci[0]) / ratio:.0f}% of the ratio wide (bound {100 * NOISE_MAX_CI_WIDTH:.0f}%)")
    spread = max(cv(ref_t), cv(cand_t))
    if not paired and spread > NOISE_MAX_CV:
        reasons.append(f"repetitions spread {100 * spread:.0f}% (CV; bound {100 * NOISE_MAX_CV:.0f}%)")
    load, cpus = (context.get("load_avg") or [0])[0], context.get("num_cpus") or 0
    if cpus and load > cpus:
        reasons.append(f"machine load {load:.1f} on {cpus} CPUs")
    return "; ".join(reasons)


def class_verdict(ratio, ci, p, optimal, alpha, reference, candidate, sanitized, optimal_reps, test="U-test"):
    if sanitized:
        return "inconclusive", "sanitized build: timings are meaningless"
    if p is None:
        return "inconclusive", f"too few repetitions for the {test} (2+ per side, 9+ recommended)"
    if not optimal:
        return "inconclusive", f"fewer than {optimal_reps} repetitions: too few for the {test}"
    if p >= alpha:
        return "inconclusive", f"{test} not significant (p={p:.3g} >= {alpha})"
    if ci is None or ci[0] <= 1.0 <= ci[1]:
        return "inconclusive", "confidence interval of the ratio includes 1"
    faster = candidate if ratio < 1 else reference
    return f"{faster} faster", f"{test} p={p:.3g}, ratio {ratio:.3f} [{ci[0]:.3f}, {ci[1]:.3f}]"


def claim_c3(rows, languages):
    """Supported only if the Rust side is significantly faster on every class
    measured, refuted only if it is significantly slower on every class;
    anything else (including a mix) is inconclusive."""
    if not rows:
        return "inconclusive", "no class was measured"
    rust = lambda r: languages.get(f"{r['target']}/{r['candidate']}") == "rust" and not r.get("noisy")
    rust_faster = [r for r in rows if rust(r) and r["verdict"] == f"{r['candidate']} faster"]
    rust_slower = [r for r in rows if rust(r) and r["verdict"] == f"{r['reference']} faster"]
    noisy = [r for r in rows if r.get("noisy")]
    label = lambda rs: ", ".join(f"{r['target']}/{r['class']}" for r in rs)
    if len(rust_faster) == len(rows):
        return "supported", f"Rust significantly faster on every class measured ({label(rows)})"
    if len(rust_slower) == len(rows):
        return "refuted", f"Rust significantly slower on every class measured ({label(rows)})"
    undecided = [r for r in rows if r not in rust_faster and r not in rust_slower and r not in noisy]
    parts = []
    if noisy:
        parts.append(f"flagged as noisy (no verdict) on {label(noisy)}")
    if rust_faster:
        parts.append(f"Rust faster on {label(rust_faster)}")
    if rust_slower:
        parts.append(f"C faster on {label(rust_slower)}")
    if undecided:
        parts.append(f"no significant difference or too little data on {label(undecided)}")
    return "inconclusive", "; ".join(parts)


def summarise(results, report, numpy, stats, alpha):
    context = results.get("context", {})
    sanitized = context.get("duet_build", "").startswith("SANITIZED")
    rows = []
    for target, sides in case_names(results).items():
        reference = context.get(f"duet_reference:{target}", "c")
        if reference not in sides:
            continue
        for candidate in sorted(s for s in sides if s != reference):
            for cls in sides[reference]:
                if cls not in sides[candidate]:
                    continue
                ref_t = cpu_times(results, f"{target}/{reference}/{cls}")
                cand_t = cpu_times(results, f"{target}/{candidate}/{cls}")
                if not ref_t or not cand_t:
                    continue
                pairs = paired_ratios(results, f"{target}/{candidate}~{reference}/{cls}")
                p_cpu, p_time, optimal = utest(report, results, target, reference, candidate, cls)
                if pairs:
                    ratio, ci, p_pair = paired_interval(numpy, stats, pairs)
                    verdict, why = class_verdict(ratio, ci, p_pair, len(pairs) >= report.UTEST_OPTIMAL_REPETITIONS,
                                                 alpha, reference, candidate, sanitized,
                                                 report.UTEST_OPTIMAL_REPETITIONS, "paired Wilcoxon test")
                else:
                    ratio, ci = ratio_interval(numpy, stats, cand_t, ref_t)
                    p_pair = None
                    verdict, why = class_verdict(ratio, ci, p_cpu, optimal, alpha, reference, candidate, sanitized,
                                                 report.UTEST_OPTIMAL_REPETITIONS)
                flagged = noise(ratio, ci, ref_t, cand_t, context, bool(pairs))
                rows.append({"target": target, "reference": reference, "candidate": candidate, "class": cls,
                             "inputs": context.get(f"duet_class:{target}/{cls}", ""),
                             "timed": context.get(f"duet_timed:{target}", "").split(":", 1)[0],
                             "repetitions": [len(ref_t), len(cand_t)],
                             "cpu_time_ratio": ratio, "ci": ci, "confidence": CONFIDENCE,
                             "ratio_kind": "paired wall-clock ratio, median of repetitions" if pairs
                             else "median cpu_time ratio",
                             "paired": bool(pairs), "paired_repetitions": len(pairs),
                             "paired_wilcoxon_pvalue": p_pair,
                             "utest_cpu_pvalue": p_cpu, "utest_time_pvalue": p_time,
                             "utest_optimal_repetitions": optimal, "verdict": verdict, "why": why,
                             "cv": [cv(ref_t), cv(cand_t)], "noisy": bool(flagged), "noise": flagged})
    return rows, sanitized


def languages_of(context):
    """"TARGET/SIDE" -> "c" or "rust", from duet-bench's duet_language:* keys."""
    return {key.split(":", 1)[1]: value for key, value in context.items() if key.startswith("duet_language:")}


def print_table(rows, verdict, evidence, alpha):
    print(f"\nRust/C time ratio per class (< 1: Rust faster; paired: median over repetitions of the median "
          f"ratio of back-to-back pairs, else of median CPU times), {int(CONFIDENCE * 100)}% bootstrap CI, "
          f"compare.py U-test (alpha {alpha}):")
    header = f"{'case':34s} {'ratio':>7s} {'CI':>17s} {'p(cpu)':>8s} {'p(real)':>8s}  verdict"
    print(header)
    print("-" * len(header))
    for r in rows:
        ci = f"[{r['ci'][0]:.3f}, {r['ci'][1]:.3f}]" if r["ci"] else "n/a"
        p = lambda v: f"{v:.4f}" if v is not None else "n/a"
        case = f"{r['target']}/{r['class']} {r['candidate']}/{r['reference']}"
        print(f"{case:34s} {r['cpu_time_ratio']:7.3f} {ci:>17s} {p(r['utest_cpu_pvalue']):>8s} "
              f"{p(r['utest_time_pvalue']):>8s}  {r['verdict']} ({r['why']})")
        if r["noisy"]:
            print(f"{'':34s} FLAGGED, no verdict: {r['noise']}")
        if r["inputs"]:
            timed = {"native": "the libraries' native calls", "contract": "the contract call (adapter included)"}
            print(f"{'':34s} inputs: {r['inputs']}; timed: {timed.get(r['timed'], 'not recorded')}")
    print(f"\nC3 (Rust performs better): {verdict}: {evidence}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("bench_json")
    parser.add_argument("--gbench", default="/usr/share/benchmark", help="folder of compare.py's gbench module")
    parser.add_argument("--json", help="write the summary as JSON here")
    parser.add_argument("--alpha", type=float, default=0.05, help="U-test significance level (compare.py's default)")
    args = parser.parse_args()
    report, util, numpy, stats = load_gbench(args.gbench)
    try:
        results = util.sort_benchmark_results(util.load_benchmark_results(args.bench_json))
    except (OSError, ValueError, KeyError) as e:
        fail(f"cannot read {args.bench_json}: {e}")
    rows, sanitized = summarise(results, report, numpy, stats, args.alpha)
    verdict, evidence = claim_c3(rows, languages_of(results.get("context", {})))
    if sanitized:
        verdict, evidence = "inconclusive", "sanitized build: timings are meaningless (use the bench preset)"
    print_table(rows, verdict, evidence, args.alpha)
    if args.json:
        summary = {"bench_json": args.bench_json, "statistic": "cpu_time, median per side",
                   "alpha": args.alpha, "classes": rows,
                   "claim": {"id": "C3", "statement": "Rust performs better", "verdict": verdict,
                             "evidence": evidence}}
        with open(args.json, "w") as f:
            json.dump(summary, f, indent=2)
            f.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
