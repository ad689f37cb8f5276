#!/usr/bin/env python3
"""Shows that check_exports.py can fail: it must pass hand-made exports of the documented
shapes (make_sample_exports.py) and fail each copy of them spoiled in one way (a span shifted
by one, offsets counted in UTF-16 code units, CRLF text under LF offsets, a formula cell left
as it is…), in the format that was spoiled and in no other. Also: a folder without
`*.gloss.json` exits 2.

    selftest.py --doccano-python PY [WORKDIR]      (WORKDIR: default target/interop/selftest)

Prints one line per case and exits non-zero when the checker misses a spoiled file or fails a
good one.
"""

import argparse
import io
import json
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import make_sample_exports  # noqa: E402


def u16(text, cp):
    """A code-point offset as UTF-16 code units (what a browser's DOM counts)."""
    return len(text[:cp].encode("utf-16-le")) // 2


def files(d):
    stem = next(d.glob("*.gloss.json")).name[: -len(".gloss.json")]
    text = json.loads((d / f"{stem}.gloss.json").read_text(encoding="utf-8"))["documents"][0]["text"]
    return stem, text


def edit_json(path, change):
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")


def edit_zip(path, change):
    """change(name, bytes) -> bytes or None (drop the entry)."""
    with zipfile.ZipFile(path) as z:
        entries = [(n, z.read(n)) for n in z.namelist()]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for n, data in entries:
            data = change(n, data)
            if data is not None:
                z.writestr(n, data)
    path.write_bytes(out.getvalue())


def last_after_emoji(text, spans):
    """The index of a span that starts after an astral character (UTF-16 counts it twice)."""
    return next(i for i, s in enumerate(spans) if u16(text, s["start"]) != s["start"])


# ---- the spoilers: each takes an article folder and spoils one format's file ------------------

def w3c_shift(d):
    stem, _ = files(d)

    def change(data):
        data["first"]["items"][0]["target"]["selector"][1]["start"] += 1
        data["first"]["items"][0]["target"]["selector"][1]["end"] += 1
    edit_json(d / f"{stem}.w3c.json", change)


def w3c_utf16(d):
    stem, text = files(d)

    def change(data):
        for item in data["first"]["items"]:
            p = item["target"]["selector"][1]
            p["start"], p["end"] = u16(text, p["start"]), u16(text, p["end"])
    edit_json(d / f"{stem}.w3c.json", change)


def w3c_schema(d):
    stem, _ = files(d)

    def change(data):
        data["first"]["items"][0]["id"] = "not a URI"
    edit_json(d / f"{stem}.w3c.json", change)


def w3c_note(d):
    stem, _ = files(d)

    def change(data):
        item = next(i for i in data["first"]["items"] if len(i["body"]) == 2)
        item["body"][1]["value"] += " (edited)"
    edit_json(d / f"{stem}.w3c.json", change)


def brat_shift(d):
    stem, _ = files(d)

    def change(name, data):
        if not name.endswith(".ann"):
            return data
        lines = data.decode("utf-8").split("\n")
        m = re.match(r"(T\d+\t\w+) (\d+) (\d+)\t(.*)", lines[0])
        lines[0] = f"{m[1]} {int(m[2]) + 1} {int(m[3]) + 1}\t{m[4]}"
        return "\n".join(lines).encode("utf-8")
    edit_zip(d / f"{stem}.zip", change)


def brat_crlf(d):
    stem, _ = files(d)
    edit_zip(d / f"{stem}.zip",
             lambda name, data: data.replace(b"\n", b"\r\n") if name.endswith(".txt") else data)


def brat_one_fragment(d):
    """A span across a paragraph break written as one fragment: its TEXT field then holds
    line breaks, which brat's one-line format cannot."""
    stem, text = files(d)

    def change(name, data):
        if not name.endswith(".ann"):
            return data
        lines = data.decode("utf-8").split("\n")
        for i, line in enumerate(lines):
            m = re.match(r"(T\d+\t\w+) (\d+) \d+;\d+ (\d+)\t", line)
            if m:
                lines[i] = f"{m[1]} {m[2]} {m[3]}\t{text[int(m[2]):int(m[3])]}"
        return "\n".join(lines).encode("utf-8")
    edit_zip(d / f"{stem}.zip", change)


def brat_no_overlap(d):
    stem, _ = files(d)

    def change(name, data):
        if name != "annotation.conf":
            return data
        return b"".join(line for line in data.splitlines(keepends=True) if not line.startswith(b"<OVERLAP>"))
    edit_zip(d / f"{stem}.zip", change)


def brat_no_visual(d):
    stem, _ = files(d)
    edit_zip(d / f"{stem}.zip", lambda name, data: None if name == "visual.conf" else data)


def doccano_rewrite(d, change):
    stem, _ = files(d)
    path = d / f"{stem}.jsonl"
    obj = json.loads(path.read_text(encoding="ascii"))
    change(obj)
    path.write_text(json.dumps(obj, ensure_ascii=True) + "\n", encoding="ascii")


def doccano_shift(d):
    def change(obj):
        obj["label"][0][0] += 1
        obj["label"][0][1] += 1
    doccano_rewrite(d, change)


def doccano_utf16(d):
    def change(obj):
        obj["label"] = [[u16(obj["text"], s), u16(obj["text"], e), lab] for s, e, lab in obj["label"]]
    doccano_rewrite(d, change)


def doccano_label(d):
    def change(obj):
        obj["label"][0][2] = "PERSON"
    doccano_rewrite(d, change)


def ls_utf16(d):
    stem, text = files(d)

    def change(tasks):
        for r in tasks[0]["annotations"][0]["result"]:
            r["value"]["start"], r["value"]["end"] = u16(text, r["value"]["start"]), u16(text, r["value"]["end"])
    edit_json(d / f"{stem}.labelstudio.json", change)


def ls_note(d):
    stem, _ = files(d)

    def change(tasks):
        note = next(r for r in tasks[0]["annotations"][0]["result"] if r["type"] == "textarea")
        note["id"] = "a-region-that-is-not-there"
    edit_json(d / f"{stem}.labelstudio.json", change)


def ls_config(d):
    path = d / "gloss-label-studio-config.xml"
    path.write_text(re.sub(r'\s*<Label value="Actor"[^>]*/>', "", path.read_text(encoding="utf-8")),
                    encoding="utf-8")


def csv_rewrite(d, change):
    stem, _ = files(d)
    path = d / f"{stem}.csv"
    path.write_bytes(change(path.read_bytes()))


def csv_formula(d):
    csv_rewrite(d, lambda b: b.replace(b"\"'=SUM", b'"=SUM'))


def csv_shift(d):
    def change(data):
        lines = data.split(b"\r\n")
        lines[1] = re.sub(rb",(\d+),(\d+),", lambda m: b",%d,%d," % (int(m[1]) + 1, int(m[2]) + 1), lines[1], count=1)
        return b"\r\n".join(lines)
    csv_rewrite(d, change)


def csv_no_bom(d):
    csv_rewrite(d, lambda b: b[3:])


def missing_file(d):
    stem, _ = files(d)
    (d / f"{stem}.jsonl").unlink()


# case name -> (spoiler, the rows that must fail; every other row must pass). "library": the
# files of "Export library" for two articles, unspoiled.
CASES = {
    "good": (None, set()),
    "library-good": ("library", set()),
    "w3c-shifted-by-one": (w3c_shift, {"W3C Web Annotation"}),
    "w3c-utf16-offsets": (w3c_utf16, {"W3C Web Annotation"}),
    "w3c-id-not-a-uri": (w3c_schema, {"W3C Web Annotation"}),
    "w3c-note-changed": (w3c_note, {"W3C Web Annotation"}),
    "brat-shifted-by-one": (brat_shift, {"brat standoff"}),
    "brat-crlf-text-lf-offsets": (brat_crlf, {"brat standoff"}),
    "brat-one-fragment-across-lines": (brat_one_fragment, {"brat standoff"}),
    "brat-no-overlap-in-conf": (brat_no_overlap, {"brat standoff"}),
    "brat-no-visual-conf": (brat_no_visual, {"brat standoff"}),
    "doccano-shifted-by-one": (doccano_shift, {"doccano JSONL", "spaCy char_span"}),
    "doccano-utf16-offsets": (doccano_utf16, {"doccano JSONL", "spaCy char_span"}),
    "doccano-unknown-label": (doccano_label, {"doccano JSONL"}),
    "labelstudio-utf16-offsets": (ls_utf16, {"Label Studio JSON", "spaCy char_span"}),
    "labelstudio-note-on-no-region": (ls_note, {"Label Studio JSON"}),
    "labelstudio-config-without-actor": (ls_config, {"Label Studio JSON"}),
    "csv-formula-not-neutralised": (csv_formula, {"CSV"}),
    "csv-shifted-by-one": (csv_shift, {"CSV"}),
    "csv-without-bom": (csv_no_bom, {"CSV"}),
    "doccano-file-missing": (missing_file, {"doccano JSONL"}),
}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--doccano-python", required=True)
    parser.add_argument("workdir", nargs="?", default="target/interop/selftest", type=Path)
    args = parser.parse_args()
    work = args.workdir
    shutil.rmtree(work, ignore_errors=True)
    cases_dir = work / "cases"
    for name, (spoil, _) in CASES.items():
        d = cases_dir / name
        make_sample_exports.write(d, library=spoil == "library")
        if callable(spoil):
            spoil(d)
    report = work / "report.json"
    checker = [sys.executable, str(HERE / "check_exports.py"), "--doccano-python", args.doccano_python]
    done = subprocess.run(checker + ["--json-report", str(report), str(cases_dir)],
                          capture_output=True, text=True)
    (work / "checker-output.txt").write_text(done.stdout + done.stderr, encoding="utf-8")
    problems = []
    if done.returncode != 1:
        problems.append(f"the checker exited {done.returncode} on a folder with spoiled files, not 1")
    if not report.is_file():
        print(done.stdout[-3000:], done.stderr[-3000:])
        print("selftest: the checker wrote no report")
        return 1
    rows = json.loads(report.read_text(encoding="utf-8"))
    for name, (_, must_fail) in CASES.items():
        mine = [r for r in rows if Path(r["dir"]).name == name]
        failed = {r["format"] for r in mine if r["failures"]}
        wrong = []
        if not mine:
            wrong.append("not checked")
        if must_fail - failed:
            wrong.append(f"missed in {sorted(must_fail - failed)}")
        if failed - must_fail:
            extra = {r["format"]: r["failures"][:2] for r in mine if r["format"] in failed - must_fail}
            wrong.append(f"also failed {extra}")
        first = next((r["failures"][0] for r in mine if r["failures"]), "")
        print(f"{'ok  ' if not wrong else 'FAIL'} {name}: "
              + ("; ".join(wrong) if wrong else (f"caught: {first[:150]}" if first else "passes")))
        if wrong:
            problems.append(name)
    empty = work / "empty"
    empty.mkdir()
    done = subprocess.run(checker + [str(empty)], capture_output=True, text=True)
    ok = done.returncode == 2 and "no *.gloss.json" in done.stderr
    print(f"{'ok  ' if ok else 'FAIL'} a folder without *.gloss.json: exit {done.returncode}")
    if not ok:
        problems.append("no *.gloss.json")
    print(f"selftest: {len(CASES) + 1 - len(problems)} passed, {len(problems)} failed")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
