"""Regenerate src/medcite/data/condition_names.txt: the focus names of MedQuAD's question pages.

MedQuAD (CC BY 4.0; pages from NIH/NLM sites) names the disease, condition or test each page
is about in its <Focus> element. These ~5k names are topics the index holds answers for, so a
question naming one is about it. Names that are drugs in drug_lexicon.tsv are left out.

    .venv/bin/python tools/extract_condition_names.py [MEDQUAD_DIR]
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from medcite.config import Settings

DATA = Path(__file__).resolve().parents[1] / "src/medcite/data"
_FOCUS = re.compile(r"<Focus>([^<]+)</Focus>")
_NAME = re.compile(r"^[a-z0-9][a-z0-9 ,'\-/().]*$")
HEADER = (
    "# Condition and topic names: the <Focus> of each MedQuAD page (CC BY 4.0, Ben Abacha &\n"
    "# Demner-Fushman 2019; pages from NIH sites), lower case. Regenerate with\n"
    "# tools/extract_condition_names.py.\n"
)


def drug_names() -> set[str]:
    lines = (DATA / "drug_lexicon.tsv").read_text(encoding="utf-8").splitlines()
    return {line.split("\t")[0] for line in lines if not line.startswith("#")}


def focus_names(medquad_dir: Path) -> set[str]:
    names: set[str] = set()
    for path in medquad_dir.rglob("*.xml"):
        for match in _FOCUS.finditer(path.read_text(encoding="utf-8", errors="replace")):
            name = " ".join(match.group(1).lower().split())
            if 3 <= len(name) <= 80 and _NAME.match(name):
                names.add(name)
    return names


def main() -> None:
    medquad = Path(sys.argv[1]) if len(sys.argv) > 1 else Settings().data_dir / "corpus/medquad"
    names = sorted(focus_names(medquad) - drug_names())
    (DATA / "condition_names.txt").write_text(HEADER + "\n".join(names) + "\n", encoding="utf-8")
    print(f"wrote {len(names)} condition names")


if __name__ == "__main__":
    main()
