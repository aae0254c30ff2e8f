"""Write docs/export-samples/: the fixed transcript of tests/support/transcripts.py in every
export format (bilingual, both directions, labels and times). tests/unit/test_export.py checks
the text samples are what this writes today.

    .venv/bin/python scripts/gen_export_samples.py
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.support.transcripts import sample_run  # noqa: E402
from translator.transcript.export import FORMATS, ExportOptions, render  # noqa: E402

SAMPLES = ROOT / "docs" / "export-samples"


def main() -> None:
    SAMPLES.mkdir(parents=True, exist_ok=True)
    for fmt in FORMATS:
        path = SAMPLES / f"sample.{fmt}"
        path.write_bytes(render(sample_run(), fmt, ExportOptions()))
        print(path.relative_to(ROOT))


if __name__ == "__main__":
    main()
