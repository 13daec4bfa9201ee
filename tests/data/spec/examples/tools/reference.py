#!/usr/bin/env python3
"""Independent reference implementation of the Sipas method (method.md §1-§5, §7, §9), standard library only.

It reads an example folder (questionnaire.json, responses.csv, optional frame.csv) and writes the expected-*.csv
files of interchange.md. It shares no code with the engine (C#) and was written from the text of method.md alone:
every sum is exact (fractions.Fraction), so Var(θ) = Σ_h (1 − f_h) n_h/(n_h − 1) Σ_k (w_k z_k − m_h)² is computed
exactly and a stratum whose values are all equal contributes exactly 0 without any special case; only the square
root, n_eff and the Wilson interval are taken in floating point at the end.

    reference.py generate DIR     write DIR/expected-{results,counts,reliability,verdicts,rankings}.csv
    reference.py check DIR...     compare the computed figures with DIR/expected-*.csv (relative 1e-9)

`check` on the examples computed with R (tiny, sipas-srs, sipas-stratified, health-pooled) must report no
difference before `generate` is trusted on a new example (tests/data/README.md).
"""
import csv
import json
import math
import os
import sys
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

Z = 1.959963984540054          # method.md §4: Φ⁻¹(0.975)
SMALL = 30                     # §4: small sample below 30 valid
PROVINCE = "40"                # §7: Nghệ An
GROUP_TYPES = ["province", "agency", "area"]
TARGETS = [                    # §5, seeded; LAND/INVESTMENT/CONSTRUCTION never match a questionnaire family
    ("TTHC", 2025, ">", "0.95"), ("SIPAS", 2025, ">", "0.9"), ("HEALTH", 2025, ">", "0.85"),
    ("EDUCATION", 2025, ">", "0.85"), ("SIPAS", 2026, "≥", "0.95"), ("TTHC", 2026, "≥", "0.95"),
    ("LAND", 2026, ">", "0.85"), ("INVESTMENT", 2026, ">", "0.85"), ("CONSTRUCTION", 2026, ">", "0.85"),
]


class FrameError(Exception):
    pass


def read_questionnaire(path):
    with open(path, encoding="utf-8-sig") as f:
        q = json.load(f)
    sections = []
    for s in q["sections"]:
        items = [i["code"] for i in s["items"] if i["scale"] == "likert5"] if s.get("scored") else []
        if items:
            sections.append((s["code"], items))
    return q["family"], q.get("aggregation", "mean-of-items"), sections


def read_responses(path, items):
    rows = []
    with open(path, encoding="utf-8-sig", newline="") as f:
        for r in csv.DictReader(f):
            answers = [int(r[i]) if r[i] != "" else None for i in items]
            stratum = r["stratum"] or f"{r['agency']}/{r['area']}"
            rows.append({"wave": r["wave"], "agency": r["agency"], "area": r["area"], "stratum": stratum,
                         "answers": answers})
    return rows


def read_frame(path):
    if not os.path.exists(path):
        return None
    with open(path, encoding="utf-8-sig", newline="") as f:
        return {(r["wave"], r["stratum"]): int(r["population"]) for r in csv.DictReader(f)}


def design(valid, frame, wave):
    """§2: per stratum (n_h, w_h, 1 − f_h); without a frame one stratum, w = 1, f = 0."""
    counts = {}
    for r in valid:
        key = r["stratum"] if frame is not None else "*"
        counts[key] = counts.get(key, 0) + 1
    strata = {}
    for h, n in counts.items():
        if frame is None:
            strata[h] = (n, Fraction(1), Fraction(1))
            continue
        if (wave, h) not in frame:
            raise FrameError(f"stratum {h} has valid responses but no N")
        big_n = frame[(wave, h)]
        if n > big_n:
            raise FrameError(f"stratum {h}: n = {n} > N = {big_n}")
        strata[h] = (n, Fraction(big_n, n), 1 - Fraction(n, big_n))
    return strata


def variance(strata, stratum_of, z):
    """§4: z maps response index → influence value (missing: 0, outside G); exact."""
    total = Fraction(0)
    sums = {h: [Fraction(0), Fraction(0)] for h in strata}
    for k, value in z.items():
        h = stratum_of[k]
        wz = strata[h][1] * value
        sums[h][0] += wz
        sums[h][1] += wz * wz
    for h, (n, w, fpc) in strata.items():
        if n < 2:
            continue                                   # lonely stratum: certainty
        s, s2 = sums[h]
        centred = s2 - s * s / n                       # exact: Σ (x − mean)² over all n_h values
        total += fpc * Fraction(n, n - 1) * centred
    return total


def wilson(p, n):
    z2 = Z * Z
    denominator = 1 + z2 / n
    centre = (p + z2 / (2 * n)) / denominator
    half = Z / denominator * math.sqrt(max(0.0, p * (1 - p)) / n + z2 / (4 * n * n))
    low = 0.0 if p <= 0 else max(0.0, centre - half)
    high = 1.0 if p >= 1 else min(1.0, centre + half)
    return low, high


def row(n_valid, estimate, var, lonely, n_positive=None):
    """§4, §7: one results row's numbers and flags; estimate and var are Fractions (None when undefined)."""
    flags = ["small-sample"] if n_valid < SMALL else []
    if estimate is None:
        return {"n_valid": n_valid, "n_positive": 0 if n_positive is not None else None, "estimate": None,
                "se": None, "ci_low": None, "ci_high": None, "n_eff": None, "flags": flags + ["undefined"]}
    if lonely:
        flags.append("lonely-stratum")
    p = float(estimate)
    n_eff = float(estimate * (1 - estimate) / var) if 0 < estimate < 1 and var > 0 else float(n_valid)
    low, high = wilson(p, n_eff)
    return {"n_valid": n_valid, "n_positive": n_positive, "estimate": p, "se": math.sqrt(var), "ci_low": low,
            "ci_high": high, "n_eff": n_eff, "flags": flags}


def estimate_group(members, valid, strata, stratum_of, sections, aggregation):
    """§3-§4 for group G (members: indexes into valid). Returns rows keyed (section, item) in output order."""
    lonely_strata = {h for h, (n, _, _) in strata.items() if n == 1}
    weight = [strata[stratum_of[k]][1] for k in range(len(valid))]
    items = [(s, i, j) for s, (_, codes) in enumerate(sections) for j, i in enumerate(codes)]
    index = 0
    item_z, item_rate, item_d, rows = {}, {}, {}, {}
    per_item = []
    for s, (code, codes) in enumerate(sections):
        for item in codes:
            answered = [k for k in members if (valid[k]["answers"][index] or 0) >= 1]
            d = sum((weight[k] for k in answered), Fraction(0))
            y = sum((weight[k] for k in answered if valid[k]["answers"][index] >= 4), Fraction(0))
            per_item.append((s, item, index, answered, d, y))
            index += 1

    def contributes(indexes, k):
        return any((valid[k]["answers"][i] or 0) >= 1 for i in indexes)

    def lonely(indexes):
        return any(stratum_of[k] in lonely_strata and contributes(indexes, k) for k in members)

    for s, item, i, answered, d, y in per_item:
        if d == 0:
            item_rate[i] = None
            continue
        p = y / d
        item_rate[i], item_d[i] = p, d
        item_z[i] = {k: ((1 if valid[k]["answers"][i] >= 4 else 0) - p) / d for k in answered}

    def combine(zs, n):
        out = {}
        for z in zs:
            for k, v in z.items():
                out[k] = out.get(k, Fraction(0)) + v
        return {k: v / n for k, v in out.items()}

    def pooled(indexes):
        d = sum((item_d[i] for i in indexes if item_rate[i] is not None), Fraction(0))
        if d == 0:
            return None, {}
        y = sum((item_rate[i] * item_d[i] for i in indexes if item_rate[i] is not None), Fraction(0))
        theta = y / d
        z = {}
        for k in members:
            v = sum(((1 if valid[k]["answers"][i] >= 4 else 0) - theta for i in indexes
                     if (valid[k]["answers"][i] or 0) >= 1), Fraction(0))
            z[k] = v / d
        return theta, z

    section_est, section_z = {}, {}
    for s, (code, codes) in enumerate(sections):
        indexes = [i for (t, _, i, _, _, _) in per_item if t == s]
        if aggregation == "pooled":
            theta, z = pooled(indexes)
        else:
            defined = [i for i in indexes if item_rate[i] is not None]
            theta = sum((item_rate[i] for i in defined), Fraction(0)) / len(defined) if defined else None
            z = combine([item_z[i] for i in defined], len(defined)) if defined else {}
        section_est[s], section_z[s] = theta, z
    all_indexes = [i for (_, _, i, _, _, _) in per_item]
    if aggregation == "pooled":
        overall, overall_z = pooled(all_indexes)
    else:
        defined = [s for s in section_est if section_est[s] is not None]
        overall = sum((section_est[s] for s in defined), Fraction(0)) / len(defined) if defined else None
        overall_z = combine([section_z[s] for s in defined], len(defined)) if defined else {}

    rows[("", "")] = row(len(members), overall,
                         variance(strata, stratum_of, overall_z) if overall is not None else None, lonely(all_indexes))
    for s, (code, codes) in enumerate(sections):
        indexes = [i for (t, _, i, _, _, _) in per_item if t == s]
        n_section = sum(1 for k in members if contributes(indexes, k))
        theta = section_est[s]
        rows[(code, "")] = row(n_section, theta,
                               variance(strata, stratum_of, section_z[s]) if theta is not None else None,
                               lonely(indexes))
        for t, item, i, answered, d, y in per_item:
            if t != s:
                continue
            p = item_rate[i]
            rows[(code, item)] = row(len(answered), p,
                                     variance(strata, stratum_of, item_z[i]) if p is not None else None,
                                     lonely([i]), float(y))
    return rows


def alpha(answers):
    """§3.7: Cronbach's alpha of complete answer vectors (exact); None when undefined."""
    n, m = len(answers), len(answers[0]) if answers else 0
    if m < 2 or n < 3:
        return None

    def var(xs):
        mean = Fraction(sum(xs), len(xs))
        return sum((x - mean) ** 2 for x in xs) / (len(xs) - 1)

    total = var([sum(a) for a in answers])
    if total == 0:
        return None
    items = sum(var([a[i] for a in answers]) for i in range(m))
    return Fraction(m, m - 1) * (1 - items / total)


def display(p):
    percent = (Decimal(format(p, ".15g")) * 100).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return f"{percent:.2f}".replace(".", ",") + "%"


def target_year(wave):
    """docs/method-notes.md: the year the wave code begins with (no dates in the interchange files)."""
    return int(wave[:4]) if len(wave) >= 4 and wave[:4].isdigit() else None


def rank(units):
    """§9 on [(code, n_valid, estimate, se, flags)]: rows with rank and rank interval."""
    ranked = [u for u in units if u[2] is not None]
    out = []
    for code, n, p, se, flags in ranked:
        better = worse = 0
        higher = sum(1 for v in ranked if v[2] - p > 1e-12)
        for other in ranked:
            if other[0] == code:
                continue
            q, se2 = other[2], other[3]
            spread = math.sqrt(se * se + se2 * se2)
            if spread == 0:
                z = math.inf if q > p else -math.inf if q < p else 0.0
            else:
                z = (q - p) / spread
            better += z > Z
            worse += z < -Z
        out.append((code, n, p, se, 1 + higher, 1 + better, len(ranked) - worse, flags))
    out.sort(key=lambda r: (r[4], r[0]))
    undefined = sorted((u for u in units if u[2] is None), key=lambda u: u[0])
    return out + [(code, n, None, None, None, None, None, flags) for code, n, _, _, flags in undefined]


def compute(folder):
    family, aggregation, sections = read_questionnaire(os.path.join(folder, "questionnaire.json"))
    items = [i for _, codes in sections for i in codes]
    m = len(items)
    responses = read_responses(os.path.join(folder, "responses.csv"), items)
    frame = read_frame(os.path.join(folder, "frame.csv"))
    out = {"results": [], "counts": [], "reliability": [], "verdicts": [], "rankings": []}
    for wave in sorted({r["wave"] for r in responses}):
        wave_rows = [r for r in responses if r["wave"] == wave]
        for r in wave_rows:
            r["valid"] = 5 * sum(1 for a in r["answers"] if a is not None and a >= 1) >= 4 * m   # §1
        valid = [r for r in wave_rows if r["valid"]]
        strata = design(valid, frame, wave)
        stratum_of = [r["stratum"] if frame is not None else "*" for r in valid]
        overall_rows = {}
        for group_type in GROUP_TYPES:
            def key(r):
                return PROVINCE if group_type == "province" else r[group_type]
            for code in sorted({key(r) for r in wave_rows}, key=lambda c: c.encode("utf-8")):
                everyone = [r for r in wave_rows if key(r) == code]
                members = [k for k, r in enumerate(valid) if key(r) == code]
                out["counts"].append([wave, group_type, code, len(everyone), len(members),
                                      len(everyone) - len(members)])
                rows = estimate_group(members, valid, strata, stratum_of, sections, aggregation)
                for (section, item), r in rows.items():
                    out["results"].append([wave, family, group_type, code, section, item, r["n_valid"],
                                           r["n_positive"], r["estimate"], r["se"], r["ci_low"], r["ci_high"],
                                           r["n_eff"], "|".join(r["flags"])])
                overall_rows[(group_type, code)] = rows[("", "")]
                start = 0
                for section, codes in sections:
                    complete = [[valid[k]["answers"][start + j] for j in range(len(codes))] for k in members]
                    complete = [a for a in complete if all(x is not None and x >= 1 for x in a)]
                    a = alpha(complete)
                    out["reliability"].append([group_type, code, section, len(complete),
                                               None if a is None else float(a)])
                    start += len(codes)
        year = target_year(wave)
        province = overall_rows[("province", PROVINCE)]
        for indicator, target, comparator, threshold in TARGETS:
            if target != year or indicator != family:
                continue
            p, low, high, t = province["estimate"], province["ci_low"], province["ci_high"], float(threshold)
            verdict = qualifier = None
            if p is not None:
                met = p > t if comparator == ">" else p >= t
                if met:
                    certain = low > t if comparator == ">" else low >= t
                else:
                    certain = high <= t if comparator == ">" else high < t
                verdict, qualifier = ("met" if met else "not met"), ("certain" if certain else "within margin")
            out["verdicts"].append([wave, indicator, year, "province", PROVINCE, comparator, threshold, p, low, high,
                                    verdict, qualifier, "" if p is None else display(p)])
        agencies = [(code, r["n_valid"], r["estimate"], r["se"], r["flags"])
                    for (t, code), r in overall_rows.items() if t == "agency"]
        for code, n, p, se, rk, low, high, flags in rank(agencies):
            out["rankings"].append([wave, family, "agency", code, n, p, se, rk, low, high, "|".join(flags)])
    return out


HEADERS = {
    "results": "wave,indicator,group_type,group_code,section,item,n_valid,n_positive,estimate,se,ci_low,ci_high,n_eff,flags",
    "counts": "wave,group_type,group_code,n_responses,n_valid_responses,n_invalid",
    "reliability": "group_type,group_code,section,n_complete,alpha",
    "verdicts": "wave,indicator,year,group_type,group_code,comparator,threshold,estimate,ci_low,ci_high,verdict,qualifier,display",
    "rankings": "wave,indicator,group_type,group_code,n_valid,estimate,se,rank,rank_low,rank_high,flags",
}


def text(value):
    if value is None:
        return ""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    return str(value)


def write(folder, out):
    for name, header in HEADERS.items():
        with open(os.path.join(folder, f"expected-{name}.csv"), "w", encoding="utf-8", newline="") as f:
            writer = csv.writer(f, lineterminator="\n")
            f.write(header + "\n")
            for r in out[name]:
                writer.writerow([text(v) for v in r])


def same(expected, actual):
    if expected == actual:
        return True
    try:
        x, y = float(expected), float(actual)
    except ValueError:
        return False
    return abs(x - y) <= 1e-12 or abs(x - y) <= 1e-9 * abs(x)


def check(folder, out):
    """Differences between the computed tables and the folder's expected files, matched by key columns."""
    keys = {"results": 6, "counts": 3, "reliability": 3, "verdicts": 5, "rankings": 4}
    differences = []
    for name, header in HEADERS.items():
        path = os.path.join(folder, f"expected-{name}.csv")
        if not os.path.exists(path):
            continue
        columns = header.split(",")
        with open(path, encoding="utf-8-sig", newline="") as f:
            expected = list(csv.DictReader(f))
        computed = [dict(zip(columns, (text(v) for v in r))) for r in out[name]]
        width = keys[name]
        by_key = {tuple(r[c] for c in columns[:width]): r for r in computed}
        if len(expected) != len(computed):
            differences.append(f"{name}: {len(expected)} expected rows, {len(computed)} computed")
        for r in expected:
            k = tuple(r[c] for c in columns[:width])
            if k not in by_key:
                differences.append(f"{name}: missing {k}")
                continue
            for c in columns:
                if not same(r[c], by_key[k][c]):
                    differences.append(f"{name} {k}: {c} expected {r[c]}, computed {by_key[k][c]}")
    return differences


def main(argv):
    if len(argv) < 3 or argv[1] not in ("generate", "check"):
        print(__doc__)
        return 2
    failed = False
    for folder in argv[2:]:
        out = compute(folder)
        if argv[1] == "generate":
            write(folder, out)
            print(f"{folder}: {len(out['results'])} results written")
            continue
        differences = check(folder, out)
        failed |= bool(differences)
        print(f"{folder}: {'no difference' if not differences else str(len(differences)) + ' differences'}")
        for d in differences[:20]:
            print("  " + d)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
