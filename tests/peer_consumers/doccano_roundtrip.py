"""Run inside doccano's own environment: import a file with doccano's import code, export it with its export code.

Usage: python doccano_roundtrip.py IN.jsonl OUT_DIR [--no-overlapping]

Sets up doccano 1.8.4's Django application on a fresh SQLite database in
OUT_DIR, creates a sequence-labelling project with relations (and, unless
--no-overlapping, "Allow overlapping spans"), runs doccano's JSONL import
pipeline (data_import.datasets.load_dataset, as its upload page does) on IN,
then its JSONL export (data_export's formatters and writer) into OUT_DIR/all.jsonl.
Prints a JSON summary: spans and relations stored, and the import errors.
This file is Annotator's test code; it only calls doccano.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

source, out = Path(sys.argv[1]), Path(sys.argv[2])
overlapping = "--no-overlapping" not in sys.argv
out.mkdir(parents=True, exist_ok=True)

# The imports follow the set-up they depend on: doccano's modules import each other as
# top-level names (so its folder goes on the path first), and Django's models can only be
# imported after django.setup().
import backend

sys.path.append(os.path.dirname(backend.__file__))
os.environ["STANDALONE"] = "True"
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.production"
os.environ["DATABASE_URL"] = f"sqlite:///{out / 'db.sqlite3'}"
os.environ["MEDIA_ROOT"] = str(out / "media")
os.environ.setdefault("SECRET_KEY", "annotator-test-only")

import django

django.setup()
from django.core.management import call_command

call_command("migrate", verbosity=0)

from data_export.celery_tasks import create_collaborative_dataset
from data_export.pipeline.factories import create_formatter, create_writer
from data_import.datasets import load_dataset
from data_import.pipeline.catalog import create_file_format
from data_import.pipeline.readers import FileName
from django.contrib.auth import get_user_model
from labels.models import Relation, Span
from projects.models import ProjectType, SequenceLabelingProject

user = get_user_model().objects.create_superuser("admin", "admin@example.com", "password")
project = SequenceLabelingProject.objects.create(
    name="annotator", project_type=ProjectType.SEQUENCE_LABELING, use_relation=True,
    allow_overlapping=overlapping, collaborative_annotation=True, created_by=user,
)
dataset = load_dataset("RelationExtraction", create_file_format("JSONL"),
                       [FileName(full_path=str(source), generated_name=source.name, upload_name=source.name)], project,
                       encoding="utf_8")  # the upload page's default (catalog.JSONL's option)
dataset.save(user, batch_size=1000)
create_collaborative_dataset(project, str(out), False, create_formatter(project, "JSONL"), create_writer("JSONL"))
print(json.dumps({
    "spans": Span.objects.filter(example__project=project).count(),
    "relations": Relation.objects.filter(example__project=project).count(),
    "errors": [str(e.dict()) for e in dataset.errors],
}))
