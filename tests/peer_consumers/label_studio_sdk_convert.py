"""Run inside an environment with label-studio-sdk: convert a Label Studio export with the SDK's own converter.

Usage: python label_studio_sdk_convert.py TASKS.json LABEL_CONFIG.xml OUT_DIR

Writes OUT_DIR/json_min/result.json and OUT_DIR/conll/result.conll with
label_studio_sdk.converter.Converter (what Label Studio's Export button runs
for JSON-MIN and CONLL2003). This file is Annotator's test code; it only calls the SDK.
"""

from __future__ import annotations

import sys
from pathlib import Path

from label_studio_sdk.converter import Converter

tasks, config, out = sys.argv[1], sys.argv[2], Path(sys.argv[3])
converter = Converter(config=config, project_dir=str(out), download_resources=False)
converter.convert_to_json_min(tasks, str(out / "json_min"), is_dir=False)
converter.convert_to_conll2003(tasks, str(out / "conll"), is_dir=False)
print("converted")
