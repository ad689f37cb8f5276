#!/usr/bin/env python3
"""Reference values for Gloss's agreement figures (crates/gloss-core/src/agree), computed
independently of the Rust code.

Reads tests/fixtures/agreement/*.input.json (an article: title, text, layers of marks; or a
library: the names of article fixtures to pool) and writes the matching *.expected.json.

It also reads tests/fixtures/agreement/*.marks.json: two annotators' marks on an article kept
in a file of its own (`article`, a path from the repository root: the seed article
../shared/articles/seed-ceasefire.txt, which must not be copied into the repository, or the
project's ceasefire-like.txt), each mark located by a short phrase instead of offsets:
- `find`: the phrase the mark starts with (and ends with, without `to`); it must occur exactly
  once in the text, unless `within` or `occurrence` says which;
- `within`: a longer phrase that occurs exactly once; `find` is its first occurrence inside it;
- `occurrence`: 1 for the first occurrence of `find`, 2 for the second, ...;
- `to`: the mark ends where the first occurrence of this phrase after `find` ends.
Offsets are code points over the canonical text Gloss stores (the file as "Open file" reads it:
BOM dropped, CRLF and CR turned into LF, the leading ` date YYYY-MM-DD ` marker and the white
space after it taken out). Before resolving, the script runs
    cargo test -p gloss-core --test agreement_imports -- --exact resolved_inputs
which writes target/agreement/<name>.input.json (the same shape as the *.input.json fixtures)
from Gloss's own prepare_article and Gloss's own resolution of the phrases; the script resolves
the phrases again on its own reading of the file and stops unless both give the same text and
the same offsets. The figures are computed from that input as for any fixture, and
<name>.expected.json gets them with the resolved offsets, the text's length and SHA-256 and the
tokens, but nothing of the article's text. A marks file whose article is missing (a clone
without ../shared) is skipped and its expected file left as it is.
crates/gloss-core/tests/agreement_imports.rs checks Gloss's figures on these two articles after
two annotators' Gloss JSON exports are imported into one library.

Who computes what:
- Cohen's kappa: scikit-learn's sklearn.metrics.cohen_kappa_score (its value); observed and
  expected agreement by this script's own arithmetic (scikit-learn does not return them).
- Fleiss' kappa: statsmodels' statsmodels.stats.inter_rater.fleiss_kappa (its value); observed
  and expected agreement by this script, as Fleiss (1971) defines them.
- Overlap F1: the one-to-one matching is scipy's scipy.sparse.csgraph.maximum_bipartite_matching.
- Exact F1: set intersection here.
- Krippendorff's alpha for unitizing: the published formula (Krippendorff 1995; 2004, Content
  Analysis 2nd ed. pp. 251-256) written out below in exact integer arithmetic, and checked
  before use on Krippendorff's 2004 worked example (alpha_u = 0.7286 for c, 1 for k). The PyPI
  package krippendorff-unitized-alpha 0.1.0 was tried first: it implements a different variant
  (Krippendorff et al. 2016) with closed intervals, and gives 0.5441 on that example, so it is
  not used; its result is recorded in each expected file to show why.
- Tokens: Unicode default word boundaries from the `regex` module ((?w)\\b, UAX #29), keeping
  the pieces with a letter or digit. This is the same rule as Gloss's (unicode-segmentation's
  unicode_word_indices), computed by another library; the Rust test checks both give the same
  token spans.

Run (from the repository root):
    python3 -m venv target/agree-venv
    target/agree-venv/bin/pip install -r tests/agreement/requirements.txt
    target/agree-venv/bin/python tests/agreement/reference.py
(`--no-cargo` skips the cargo run and uses the target/agreement/*.input.json already there.)
"""

import datetime
import glob
import hashlib
import json
import math
import os
import platform
import subprocess
import sys
import warnings
from importlib.metadata import version

import numpy as np
import regex
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import maximum_bipartite_matching
from sklearn.metrics import cohen_kappa_score
from statsmodels.stats.inter_rater import fleiss_kappa

LABELS = ["claim", "quote", "actor"]
HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(HERE, "..", "fixtures", "agreement")
REPO = os.path.normpath(os.path.join(HERE, "..", ".."))
RESOLVED = os.path.join(REPO, "target", "agreement")


# ---------------------------------------------------------------- tokens

def tokens(text):
    """Word tokens as (start, end) code-point offsets."""
    bounds = sorted({0, len(text)} | {m.start() for m in regex.finditer(r"(?V1w)\b", text)})
    return [(s, e) for s, e in zip(bounds, bounds[1:]) if any(c.isalnum() for c in text[s:e])]


def decisions(toks, spans):
    return [int(any(s < te and ts < e for s, e in spans)) for ts, te in toks]


# ---------------------------------------------------------------- spans

def overlap_matches(a, b):
    if not a or not b:
        return 0
    rows, cols = [], []
    for i, (s, e) in enumerate(a):
        for j, (t, u) in enumerate(b):
            if s < u and t < e:
                rows.append(i)
                cols.append(j)
    if not rows:
        return 0
    graph = csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(a), len(b)))
    match = maximum_bipartite_matching(graph, perm_type="column")
    return int(np.sum(match >= 0))


def f1(matches, total):
    return None if total == 0 else 2 * matches / total


# ---------------------------------------------------------------- kappa

def nan_to_none(x):
    return None if x is None or math.isnan(x) else float(x)


def cohen(a, b):
    n = len(a)
    observed = sum(x == y for x, y in zip(a, b)) / n
    pa, pb = sum(a) / n, sum(b) / n
    expected = pa * pb + (1 - pa) * (1 - pb)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        value = cohen_kappa_score(a, b, labels=[0, 1])
    return nan_to_none(value), observed, expected, n


def fleiss(raters):
    m, n = len(raters), len(raters[0])
    yes = [sum(r[i] for r in raters) for i in range(n)]
    table = np.array([[m - y, y] for y in yes], dtype=float)
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        value = fleiss_kappa(table, method="fleiss")
    observed = sum((y * (y - 1) + (m - y) * (m - y - 1)) / (m * (m - 1)) for y in yes) / n
    p = sum(yes) / (n * m)
    expected = p * p + (1 - p) * (1 - p)
    return nan_to_none(value), observed, expected, n


# ---------------------------------------------------------------- alpha_u

def sections(spans, offset, length):
    """(start, length, is_unit) sections of [offset, offset+length); overlapping units merged."""
    merged = []
    for s, e in sorted((min(s, length), min(e, length)) for s, e in spans):
        if s >= e:
            continue
        if merged and s < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    out, at = [], 0
    for s, e in merged:
        if s > at:
            out.append((offset + at, s - at, False))
        out.append((offset + s, e - s, True))
        at = e
    if length > at:
        out.append((offset + at, length - at, False))
    return out


def delta2(x, y):
    (b1, l1, u1), (b2, l2, u2) = x, y
    if u1 and u2:
        if -l1 < b1 - b2 < l2:  # they overlap
            return (b1 - b2) ** 2 + (b1 + l1 - b2 - l2) ** 2
        return 0
    if u1 and not u2:
        return l1 ** 2 if l2 - l1 >= b1 - b2 >= 0 else 0
    if u2 and not u1:
        return l2 ** 2 if l1 - l2 >= b2 - b1 >= 0 else 0
    return 0


def alpha_u(coders, length):
    """Krippendorff's alpha_u of one category; returns (alpha or None, D_o, D_e)."""
    m, big_l = len(coders), length
    d_sum = sum(delta2(x, y) for i, a in enumerate(coders) for j, b in enumerate(coders)
                if i != j for x in a for y in b)
    d_o = d_sum / (m * (m - 1) * big_l ** 2)
    units = [l for c in coders for (_, l, u) in c if u]
    gaps = [l for c in coders for (_, l, u) in c if not u]
    n = len(units)
    numerator = 0
    for l in units:
        numerator += (n - 1) * (2 * l ** 3 - 3 * l ** 2 + l) // 3
        numerator += l ** 2 * sum(g - l + 1 for g in gaps if g >= l)
    denominator = m * big_l * (m * big_l - 1) - sum(l * (l - 1) for l in units)
    d_e = 2 * numerator / (big_l * denominator)
    return (1 - d_o / d_e if d_e > 0 else None), d_o, d_e


def worked_example():
    """Krippendorff (2004, p. 254): continuum [150, 450), two coders."""
    c = [sections([(75, 145), (220, 250)], 150, 300),
         sections([(70, 150), (205, 225), (250, 270)], 150, 300)]
    k = [sections([(30, 90), (150, 200)], 150, 300)] * 2
    ac, ak = alpha_u(c, 300), alpha_u(k, 300)
    assert abs(ac[0] - 0.7286) < 5e-5 and abs(ac[1] - 0.0144) < 5e-5 and abs(ac[2] - 0.0532) < 5e-5, ac
    assert abs(ak[0] - 1) < 1e-12 and abs(ak[2] - 0.0490) < 5e-5, ak
    overall = 1 - (ac[1] + ak[1]) / (ac[2] + ak[2])
    assert abs(overall - 0.8591) < 5e-4, overall
    from krippendorff_unitized_alpha.krippendorffs_unitized_alpha import (
        KrippendorffUnitizedAlpha, Segment, impute_empty_segments)
    a = [Segment("c", 75, 145), Segment("c", 220, 250)]
    b = [Segment("c", 70, 150), Segment("c", 205, 225), Segment("c", 250, 270)]
    package = KrippendorffUnitizedAlpha({"a": impute_empty_segments(a, 300),
                                         "b": impute_empty_segments(b, 300)}).result
    return {"this_script_c": ac[0], "this_script_k": ak[0], "this_script_overall": overall,
            "published_c": 0.7286, "published_k": 1.0, "published_overall": 0.8591,
            "krippendorff-unitized-alpha " + version("krippendorff-unitized-alpha") + " c": package}


# ---------------------------------------------------------------- articles and groups

def prepare(article):
    text = article["text"]
    people = {}
    for layer in article["layers"]:
        per = people.setdefault(layer["annotator"], {l: set() for l in LABELS})
        for mark in layer["marks"]:
            s, e = min(mark["start"], len(text)), min(mark["end"], len(text))
            if s < e:
                per[mark["label"]].add((s, e))
    return {"length": len(text), "tokens": tokens(text),
            "people": {name: {l: sorted(s) for l, s in marks.items()} for name, marks in people.items()}}


def group_figures(prepared, members, who):
    seen = [p for p in prepared if all(m in p["people"] for m in members)]
    if not seen:
        return []
    out = []
    for label in LABELS + [None]:
        labels = [label] if label else LABELS
        row = lambda measure, value, observed, expected, units, source: {
            "label": label or "all", "annotators": who, "measure": measure, "value": value,
            "observed": observed, "expected": expected, "units": units, "source": source}
        exact = overlap = total = 0
        for p in seen:
            for i, a in enumerate(members):
                for b in members[i + 1:]:
                    for l in labels:
                        x, y = p["people"][a][l], p["people"][b][l]
                        exact += len(set(x) & set(y))
                        overlap += overlap_matches(x, y)
                        total += len(x) + len(y)
        out.append(row("exact_f1", f1(exact, total), None, None, total, "set intersection"))
        out.append(row("overlap_f1", f1(overlap, total), None, None, total,
                       "scipy.sparse.csgraph.maximum_bipartite_matching " + version("scipy")))
        raters = [[] for _ in members]
        for p in seen:
            for l in labels:
                for r, m in zip(raters, members):
                    r.extend(decisions(p["tokens"], p["people"][m][l]))
        if raters[0]:
            if len(members) == 2:
                v, o, e, n = cohen(*raters)
                out.append(row("cohen_kappa", v, o, e, n,
                               "sklearn.metrics.cohen_kappa_score " + version("scikit-learn")))
            else:
                v, o, e, n = fleiss(raters)
                out.append(row("fleiss_kappa", v, o, e, n,
                               "statsmodels.stats.inter_rater.fleiss_kappa " + version("statsmodels")))
        length = sum(p["length"] for p in seen)
        if length > 0 and len(members) >= 2:
            d_o = d_e = 0.0
            for l in labels:
                coders = []
                for m in members:
                    secs, offset = [], 0
                    for p in seen:
                        secs += sections(p["people"][m][l], offset, p["length"])
                        offset += p["length"]
                    coders.append(secs)
                _, o, e = alpha_u(coders, length)
                d_o, d_e = d_o + o, d_e + e
            out.append(row("alpha_u", 1 - d_o / d_e if d_e > 0 else None, d_o, d_e, length,
                           "Krippendorff (2004) formula in reference.py"))
    return out


def figures(articles):
    prepared = [prepare(a) for a in articles]
    names = []
    for a in articles:
        for layer in a["layers"]:
            if layer["annotator"] not in names:
                names.append(layer["annotator"])
    out = []
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            out += group_figures(prepared, [a, b], [a, b])
    if len(names) >= 3:
        out += group_figures(prepared, names, "all")
    return out


# ---------------------------------------------------------------- articles of their own, marks by phrase

def article_path(name):
    """A marks file's `article`, from the repository root; GLOSS_SHARED (as for the end-to-end
    tests) stands for ../shared when set."""
    shared = os.environ.get("GLOSS_SHARED")
    if shared and name.startswith("../shared/"):
        return os.path.join(shared, name[len("../shared/"):])
    return os.path.join(REPO, name)


def canonical_text(data):
    """The text Gloss stores for a file's bytes (model/text.rs: decode_text, canonicalize,
    split_date_marker), read here independently of the Rust code."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    raw = data.decode("utf-8").lstrip("\ufeff")
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    m = regex.match(r"\s*date\s+([0-9]{4})-([0-9]{2})-([0-9]{2})(\s+|$)", text)
    if m:
        try:
            datetime.date(int(m[1]), int(m[2]), int(m[3]))
            return text[m.end():]
        except ValueError:
            pass
    return text


def occurrences(text, needle, lo=0, hi=None):
    hi = len(text) if hi is None else hi
    return [i for i in range(lo, hi - len(needle) + 1) if text.startswith(needle, i)]


def locate(text, mark):
    """A mark's [start, end) in code points, from its phrases (see the header)."""
    unknown = set(mark) - {"label", "find", "within", "occurrence", "to"}
    if unknown or mark.get("label") not in LABELS or not mark.get("find"):
        raise ValueError(f"not a mark: {mark}")
    find = mark["find"]
    lo, hi = 0, len(text)
    if "within" in mark:
        around = occurrences(text, mark["within"])
        if len(around) != 1:
            raise ValueError(f"`within` occurs {len(around)} times: {mark}")
        lo, hi = around[0], around[0] + len(mark["within"])
    found = occurrences(text, find, lo, hi)
    if "occurrence" in mark:
        n = mark["occurrence"]
        if not 1 <= n <= len(found):
            raise ValueError(f"no occurrence {n}: {mark}")
        start = found[n - 1]
    elif "within" in mark and found:
        start = found[0]
    elif len(found) == 1:
        start = found[0]
    else:
        raise ValueError(f"`find` occurs {len(found)} times: {mark}")
    end = start + len(find)
    if "to" in mark:
        after = occurrences(text, mark["to"], end)
        if not after:
            raise ValueError(f"`to` not found after `find`: {mark}")
        end = after[0] + len(mark["to"])
    return start, end


def resolved_by_gloss(no_cargo):
    if no_cargo:
        return
    command = ["cargo", "test", "-p", "gloss-core", "--test", "agreement_imports", "--",
               "--exact", "resolved_inputs"]
    print(" ".join(command), file=sys.stderr)
    subprocess.run(command, cwd=REPO, check=True, stdout=sys.stderr)


def marks_input(path):
    """The article input of a marks file, as Gloss resolved it and checked here; None when the
    article is not there."""
    name = os.path.basename(path)[: -len(".marks.json")]
    with open(path, encoding="utf-8") as f:
        spec = json.load(f)
    article = article_path(spec["article"])
    if not os.path.exists(article):
        print(f"{name}: skipped, {spec['article']} is not there", file=sys.stderr)
        return None
    with open(article, "rb") as f:
        text = canonical_text(f.read())
    mine = [(layer["annotator"], [(m["label"], *locate(text, m)) for m in layer["marks"]])
            for layer in spec["layers"]]
    resolved = os.path.join(RESOLVED, name + ".input.json")
    with open(resolved, encoding="utf-8") as f:
        data = json.load(f)
    if data["text"] != text:
        sys.exit(f"{name}: Gloss's text of {spec['article']} differs from this script's reading")
    gloss = [(layer["annotator"], [(m["label"], m["start"], m["end"]) for m in layer["marks"]])
             for layer in data["layers"]]
    if gloss != mine:
        sys.exit(f"{name}: Gloss resolved the phrases to other offsets than this script")
    return spec["article"], data


def marks_expected(article, data, produced_by):
    """An expected file for an article kept outside the fixtures: offsets and figures only."""
    text = data["text"]
    return {"produced_by": produced_by,
            "article": article,
            "length": len(text),
            "text_sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
            "marks": [{"annotator": layer["annotator"],
                       "marks": [[m["label"], m["start"], m["end"]] for m in layer["marks"]]}
                      for layer in data["layers"]],
            "tokens": [list(t) for t in tokens(text)],
            "figures": figures([data])}


def main():
    check = worked_example()
    produced_by = {
        "script": "tests/agreement/reference.py",
        "python": platform.python_version(),
        "scikit-learn": version("scikit-learn"),
        "statsmodels": version("statsmodels"),
        "scipy": version("scipy"),
        "numpy": version("numpy"),
        "regex": version("regex"),
        "alpha_u": "Krippendorff (2004) formula implemented in reference.py",
        "alpha_u_worked_example": check,
    }
    for path in sorted(glob.glob(os.path.join(FIXTURES, "*.input.json"))):
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
        if "articles" in data:
            articles = []
            for name in data["articles"]:
                with open(os.path.join(FIXTURES, name + ".input.json"), encoding="utf-8") as f:
                    articles.append(json.load(f))
            expected = {"produced_by": produced_by, "figures": figures(articles)}
        else:
            expected = {"produced_by": produced_by,
                        "tokens": [list(t) for t in tokens(data["text"])],
                        "figures": figures([data])}
        out = path.replace(".input.json", ".expected.json")
        with open(out, "w", encoding="utf-8") as f:
            json.dump(expected, f, ensure_ascii=False, indent=1)
            f.write("\n")
        print(os.path.relpath(out), len(expected["figures"]), "figures", file=sys.stderr)
    marks_files = sorted(glob.glob(os.path.join(FIXTURES, "*.marks.json")))
    if marks_files:
        resolved_by_gloss("--no-cargo" in sys.argv[1:])
    for path in marks_files:
        found = marks_input(path)
        if found is None:
            continue
        expected = marks_expected(*found, produced_by)
        out = path.replace(".marks.json", ".expected.json")
        with open(out, "w", encoding="utf-8") as f:
            json.dump(expected, f, ensure_ascii=False, indent=1)
            f.write("\n")
        print(os.path.relpath(out), len(expected["figures"]), "figures", file=sys.stderr)


if __name__ == "__main__":
    main()
