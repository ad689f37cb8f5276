#!/usr/bin/env python3
"""Writes, by hand, the files Gloss's "Export" gives for one article, in the shapes
docs/FORMAT.md and docs/formats/*.md describe (and brat's as its brief says), for the
interop fixtures' article (tests/fixtures/interop/article_source.py):

    make_sample_exports.py [--library] OUTDIR

OUTDIR/<title>.gloss.json, .w3c.json, .zip (brat), .jsonl (doccano), .labelstudio.json, .csv
and gloss-label-studio-config.xml; with --library, "Export library"'s files for two articles
(gloss-library-<date>.gloss.json, gloss-library.w3c.json, …). It is not Gloss's code: it shows check_exports.py passing
on files of the documented shapes, and selftest.py spoils copies of them to show it failing.
Gloss's own exports come from the end-to-end test (target/interop/exports/<slug>/).
"""

import csv
import hashlib
import io
import json
import sys
import uuid
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "fixtures" / "interop"))
import article_source  # noqa: E402

NS = uuid.UUID("6f1d3c52-8a0e-4b7e-9d2c-5a4e3b2c1d0f")
EXPORTED_AT = "2026-12-05T09:00:00.000Z"
CREATED = "2026-12-05T08:41:07.250Z"
CONTEXT = "http://www.w3.org/ns/anno.jsonld"
COLOURS = {"Claim": "#e69f00", "Quote": "#0072b2", "Actor": "#009e73"}


def stem(title):
    cleaned = "".join("-" if (ord(c) < 32 or c in '/\\:*?"<>|') else c for c in title)
    return cleaned.strip().strip(".").strip()[:80] or "article"


SECOND_TEXT = "A second 🇳🇴 article: the ferry to Kvernholmen runs twice a day.\nIt is “late”, says Åse.\n"
SECOND_SPANS = [
    {"label": "claim", "quote": "the ferry to Kvernholmen runs twice a day.\nIt is “late”", "note": ""},
    {"label": "actor", "quote": "Åse", "note": "first name only"},
]


def document(key="article", title=None, date=None, text=None, spans=None):
    title = article_source.TITLE if title is None else title
    date = article_source.DATE if date is None else date
    text = article_source.TEXT if text is None else text
    if spans is None:
        spans = article_source.spans()
    else:
        spans = [dict(s, start=text.index(s["quote"]), end=text.index(s["quote"]) + len(s["quote"])) for s in spans]
    doc_id = str(uuid.uuid5(NS, key))
    annotations = []
    for n, s in enumerate(spans):
        start, end = s["start"], s["end"]
        annotations.append({
            "id": str(uuid.uuid5(NS, f"{key} annotation {n}")),
            "label": s["label"],
            "start": start,
            "end": end,
            "text": text[start:end],
            "prefix": text[max(0, start - 32):start],
            "suffix": text[end:end + 32],
            "note": s["note"],
            "created_at": CREATED,
            "updated_at": CREATED,
        })
    return {
        "id": doc_id,
        "title": title,
        "date": date,
        "text": text,
        "text_sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
        "annotations": annotations,
    }


def gloss_json(docs):
    return json.dumps({"format": "gloss", "version": 1, "exported_at": EXPORTED_AT,
                       "documents": docs}, ensure_ascii=False, indent=2)


def w3c(docs):
    items = []
    for doc, a in ((d, a) for d in docs for a in d["annotations"]):
        body = [{"type": "TextualBody", "purpose": "tagging", "value": a["label"]}]
        if a["note"]:
            body.append({"type": "TextualBody", "purpose": "commenting", "value": a["note"],
                         "format": "text/plain"})
        items.append({
            "@context": CONTEXT,
            "id": f"urn:uuid:{a['id']}",
            "type": "Annotation",
            "motivation": "commenting" if a["note"] else "tagging",
            "created": a["created_at"],
            "modified": a["updated_at"],
            "body": body,
            "target": {
                "type": "SpecificResource",
                "source": f"urn:sha256:{doc['text_sha256']}",
                "selector": [
                    {"type": "TextQuoteSelector", "exact": a["text"], "prefix": a["prefix"],
                     "suffix": a["suffix"]},
                    {"type": "TextPositionSelector", "start": a["start"], "end": a["end"]},
                ],
            },
        })
    collection = f"urn:uuid:{uuid.uuid5(NS, 'collection')}"
    return json.dumps({
        "@context": CONTEXT,
        "id": collection,
        "type": "AnnotationCollection",
        "label": f"Gloss annotations: {len(items)} annotations of "
                 + ", ".join(f"“{d['title']}” ({d['date']})" for d in docs)
                 + ". TextPositionSelector start and end count Unicode code points.",
        "created": EXPORTED_AT,
        "total": len(items),
        "first": {
            "id": f"urn:uuid:{uuid.uuid5(NS, 'page')}",
            "type": "AnnotationPage",
            "partOf": {"id": collection, "total": len(items)},
            "startIndex": 0,
            "items": items,
        },
    }, ensure_ascii=False, indent=2)


def brat_ann(doc):
    text = doc["text"]
    lines, notes = [], []
    for n, a in enumerate(doc["annotations"], start=1):
        fragments, at = [], a["start"]
        for piece in text[a["start"]:a["end"]].split("\n"):
            if piece:
                fragments.append((at, at + len(piece)))
            at += len(piece) + 1
        offsets = ";".join(f"{s} {e}" for s, e in fragments)
        words = " ".join(text[s:e] for s, e in fragments)
        lines.append(f"T{n}\t{a['label'].capitalize()} {offsets}\t{words}\n")
        if a["note"]:
            notes.append(f"#{len(notes) + 1}\tAnnotatorNotes T{n}\t{' '.join(a['note'].split())}\n")
    return "".join(lines + notes)


def brat_zip(docs, names):
    annotation_conf = ("[entities]\nClaim\nQuote\nActor\n\n[relations]\n"
                       "<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>\n\n"
                       "[events]\n\n[attributes]\n")
    visual_conf = "[labels]\nClaim\nQuote\nActor\n\n[drawing]\n" + "".join(
        f"{k}\tbgColor:{v}\n" for k, v in COLOURS.items())
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for doc, name in zip(docs, names):
            z.writestr(f"{name}.txt", doc["text"].encode("utf-8"))
            z.writestr(f"{name}.ann", brat_ann(doc).encode("utf-8"))
        z.writestr("annotation.conf", annotation_conf)
        z.writestr("visual.conf", visual_conf)
    return out.getvalue()


def doccano(docs):
    return "".join(json.dumps({
        "id": doc["id"],
        "text": doc["text"],
        "label": [[a["start"], a["end"], a["label"].upper()] for a in doc["annotations"]],
        "date": doc["date"],
        "title": doc["title"],
    }, ensure_ascii=True, separators=(",", ":")) + "\n" for doc in docs)


def label_studio_config():
    labels = "".join(f'    <Label value="{k}" background="{v}"/>\n' for k, v in COLOURS.items())
    return ("<View>\n"
            "  <Style>.htx-text { white-space: pre-wrap; }</Style>\n"
            '  <Header value="$title"/>\n'
            '  <Labels name="label" toName="text">\n'
            f"{labels}"
            "  </Labels>\n"
            '  <Text name="text" value="$text"/>\n'
            '  <View visibleWhen="region-selected">\n'
            '    <Header value="Note"/>\n'
            '    <TextArea name="note" toName="text" perRegion="true" editable="true" rows="3" '
            'placeholder="Note on the selected annotation"/>\n'
            "  </View>\n"
            "</View>\n")


def label_studio(docs):
    return json.dumps([label_studio_task(doc) for doc in docs], ensure_ascii=False, indent=2)


def label_studio_task(doc):
    result = []
    for a in doc["annotations"]:
        result.append({"id": a["id"], "from_name": "label", "to_name": "text", "type": "labels",
                       "value": {"start": a["start"], "end": a["end"], "text": a["text"],
                                 "labels": [a["label"].capitalize()]}})
        if a["note"]:
            result.append({"id": a["id"], "from_name": "note", "to_name": "text", "type": "textarea",
                           "value": {"start": a["start"], "end": a["end"], "text": [a["note"]]}})
    return {
        "data": {"text": doc["text"], "title": doc["title"], "date": doc["date"]},
        "annotations": [{"result": result, "created_at": CREATED, "updated_at": CREATED,
                         "ground_truth": False}],
    }


def csv_bytes(docs):
    def cell(value):
        if isinstance(value, int):
            return str(value)
        value = "'" + value if value.startswith(("=", "+", "-", "@", "\t", "\r")) else value
        return '"' + value.replace('"', '""') + '"'

    header = ["article_id", "title", "date", "label", "start", "end", "text", "prefix", "suffix",
              "note", "created_at", "updated_at", "annotation_id", "source_id", "source_text",
              "entity_id", "entity_name", "verdict", "verdict_rating", "sources", "created_by", "curated"]
    rows = [",".join(header)]
    for doc, a in ((d, a) for d in docs for a in d["annotations"]):
        rows.append(",".join(cell(v) for v in [
            doc["id"], doc["title"], doc["date"] or "", a["label"].capitalize(), a["start"], a["end"],
            a["text"], a["prefix"], a["suffix"], a["note"], a["created_at"], a["updated_at"],
            a["id"], "", "", "", "", "", "", "", "", "false"]))
    data = "".join(r + "\r\n" for r in rows)
    assert list(csv.reader(io.StringIO(data, newline="")))[0] == header
    return b"\xef\xbb\xbf" + data.encode("utf-8")


def write(out_dir, library=False):
    """One article's exports, or with `library` those of "Export library" for two articles."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    docs = [document()]
    if library:
        docs.append(document("second", "Ferry “late”", None, SECOND_TEXT, SECOND_SPANS))
        gloss_name, name = f"gloss-library-{EXPORTED_AT[:10]}", "gloss-library"
    else:
        gloss_name = name = stem(docs[0]["title"])
    (out / f"{gloss_name}.gloss.json").write_text(gloss_json(docs), encoding="utf-8")
    (out / f"{name}.w3c.json").write_text(w3c(docs), encoding="utf-8")
    (out / f"{name}.zip").write_bytes(brat_zip(docs, [stem(d["title"]) for d in docs]))
    (out / f"{name}.jsonl").write_bytes(doccano(docs).encode("ascii"))
    (out / f"{name}.labelstudio.json").write_text(label_studio(docs), encoding="utf-8")
    (out / "gloss-label-studio-config.xml").write_text(label_studio_config(), encoding="utf-8")
    (out / f"{name}.csv").write_bytes(csv_bytes(docs))
    return name


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if a != "--library"]
    if len(args) != 1:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    print(write(args[0], library="--library" in sys.argv))
