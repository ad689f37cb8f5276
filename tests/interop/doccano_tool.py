#!/usr/bin/env python3
"""doccano's own import and export code, run without its web server.

Runs in the doccano venv (target/interop-doccano-venv, doccano 1.8.4): sets up doccano's Django
backend on a throw-away SQLite database (its migrations, 15 s or so), creates a user and a
sequence-labelling project, and then

  read OUT.json FILE.jsonl...   imports each file as doccano's "Import Dataset" does (file
                                format JSONL, its reader, parser, example and label makers,
                                saved in its database) and exports the project again with its
                                JSONL exporter (formatters + writer). OUT.json gets, per file:
                                {"file", "errors": [doccano's import errors],
                                 "examples": [{"text", "meta", "spans": [[start, end, label]],
                                 "relations": [[[start, end], [start, end], type]]}]
                                 (from doccano's database), "exported": [the exported lines]}
  write OUT.jsonl IN.jsonl      imports IN.jsonl and writes doccano's JSONL export to OUT.jsonl
                                (the bytes of `all.jsonl` in doccano's export zip).

The project allows overlapping spans ("Allow overlapping entity" in doccano's project
settings), since Gloss's annotations may overlap; without it doccano's import drops a span
that overlaps an earlier one.
"""

import json
import os
import shutil
import sys
import tempfile
import zipfile


def setup(home):
    os.environ["STANDALONE"] = "True"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")
    os.environ["DATABASE_URL"] = f"sqlite:///{home}/db.sqlite3"
    os.environ["MEDIA_ROOT"] = os.path.join(home, "media")
    os.environ["DEBUG"] = "False"
    import logging

    import backend  # doccano's package; its modules import each other from its folder

    sys.path.append(os.path.dirname(backend.__file__))
    import django

    django.setup()
    logging.disable(logging.WARNING)
    from django.core import management

    management.call_command("migrate", verbosity=0)


def new_project(name, use_relation=False):
    from django.contrib.auth import get_user_model

    from projects.models import ProjectType, SequenceLabelingProject

    user_model = get_user_model()
    user = user_model.objects.filter(username="gloss").first() or user_model.objects.create_user(
        username="gloss", password="not-a-secret-only-a-throwaway-db"
    )
    project = SequenceLabelingProject.objects.create(
        name=name,
        project_type=ProjectType.SEQUENCE_LABELING,
        created_by=user,
        allow_overlapping=True,
        collaborative_annotation=True,
        use_relation=use_relation,
    )
    return user, project


def has_relations(path):
    """Whether the file is in doccano's relation shape ("JSONL(Relation)": `entities` and
    `relations`), as Gloss writes it when a quote has a source: its first object says."""
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                return "relations" in json.loads(line)
    return False


def import_file(path, user, project):
    """doccano's import_dataset task without its upload step: the same load_dataset(), as the
    upload page's "JSONL" option (sequence labelling) or, for a file in the relation shape, its
    "JSONL(Relation)" option (task RelationExtraction) of a project with relation labelling."""
    from data_import.datasets import load_dataset
    from data_import.pipeline.catalog import create_file_format
    from data_import.pipeline.readers import FileName

    fmt = create_file_format("JSONL")
    name = os.path.basename(path)
    dataset = load_dataset(
        "RelationExtraction" if project.use_relation else "SequenceLabeling",
        fmt,
        [FileName(full_path=path, generated_name=name, upload_name=name)],
        project,
        # the options doccano's upload page sends for JSONL (its defaults)
        encoding="Auto",
        column_data="text",
        column_label="label",
    )
    dataset.save(user, batch_size=1000)
    return [e.dict() for e in dataset.errors]


def from_database(project):
    from examples.models import Example
    from labels.models import Relation, Span

    out = []
    for example in Example.objects.filter(project=project).order_by("id"):
        spans = [
            [s.start_offset, s.end_offset, s.label.text]
            for s in Span.objects.filter(example=example).order_by("start_offset", "end_offset")
        ]
        relations = sorted(
            [[r.from_id.start_offset, r.from_id.end_offset], [r.to_id.start_offset, r.to_id.end_offset], r.type.text]
            for r in Relation.objects.filter(example=example)
        )
        out.append({"text": example.text, "meta": example.meta, "spans": spans, "relations": relations})
    return out


def export_bytes(project):
    """doccano's export_dataset task, returning the JSONL file it zips."""
    from data_export.celery_tasks import export_dataset

    zip_path = export_dataset(project.id, "JSONL", False)
    with zipfile.ZipFile(zip_path) as z:
        names = z.namelist()
        if len(names) != 1:
            raise SystemExit(f"doccano's export zip holds {names}, expected one file")
        data = z.read(names[0])
    os.remove(zip_path)
    return data


def main(argv):
    if len(argv) < 3 or argv[0] not in ("read", "write"):
        print(__doc__, file=sys.stderr)
        return 2
    command, out, inputs = argv[0], argv[1], argv[2:]
    home = tempfile.mkdtemp(prefix="gloss-doccano-")
    try:
        setup(home)
        if command == "write":
            user, project = new_project("fixture")
            errors = import_file(os.path.abspath(inputs[0]), user, project)
            if errors:
                print(f"doccano refused parts of {inputs[0]}: {errors}", file=sys.stderr)
                return 1
            with open(out, "wb") as f:
                f.write(export_bytes(project))
            return 0
        results = []
        for i, path in enumerate(inputs):
            user, project = new_project(f"check {i}", has_relations(path))
            errors = import_file(os.path.abspath(path), user, project)
            exported = export_bytes(project).decode("utf-8")
            results.append(
                {
                    "file": path,
                    "errors": errors,
                    "examples": from_database(project),
                    "exported": [json.loads(line) for line in exported.splitlines() if line.strip()],
                }
            )
        with open(out, "w", encoding="utf-8") as f:
            json.dump(results, f, ensure_ascii=False, indent=1)
        return 0
    finally:
        shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
