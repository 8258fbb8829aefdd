"""Regenerate src/medcite/data/condition_names.txt: the focus names of MedQuAD's question pages
and the conditions the NGC guideline summaries say they address.

MedQuAD (CC BY 4.0; pages from NIH/NLM sites) names the disease, condition or test each page
is about in its <Focus> element; each NGC summary (AHRQ National Guideline Clearinghouse)
lists its "Disease/Condition(s)" ("Alcohol use disorder", "Bacterial vaginosis"). These are
topics the index holds answers for, so a question naming one is about it. Names that are
drugs in drug_lexicon.tsv are left out.

    .venv/bin/python tools/extract_condition_names.py [DATA_DIR]
"""

from __future__ import annotations

import html
import re
import sys
from pathlib import Path

from medcite.compose.understand.vocabulary import CONDITION_HEADS, CONDITION_SUFFIXES
from medcite.config import Settings

DATA = Path(__file__).resolve().parents[1] / "src/medcite/data"
_FOCUS = re.compile(r"<Focus>([^<]+)</Focus>")
_NAME = re.compile(r"^[a-z0-9][a-z0-9 ,'\-/().]*$")
_NGC_CONDITIONS = re.compile(
    r'Name="Disease/Condition\(s\)" Type="text">\s*<FieldValue Value="([^"]*)"'
)
_ITEM = re.compile(r"<(?:p|li)>(.*?)</(?:p|li)>", re.S)
_TAG = re.compile(r"<[^>]+>")
_PARENTHESES = re.compile(r"\s*\([^()]*\)")
_MAX_NGC_WORDS = 6
# A long item listing conditions: "Substance use disorders (SUDs) including alcohol use
# disorder, opioid use disorder, cannabis use disorder".
_LIST_START = re.compile(r"\b(?:including|includes|include|such as|especially)\s+(.*)$")
_LIST_SEPARATOR = re.compile(r",\s*(?:and |or )?|\s+(?:and|or)\s+")
_MAX_LISTED_WORDS = 5
_BOOKLET = re.compile(r"^(?:what|how|who|why|when|where)\b")
# How a condition stands for a patient, not part of its name.
_STATUS = re.compile(
    r"^(?:(?:newly|recently) )?(?:diagnosed|suspected|confirmed|presumed|possible|known) "
)
HEADER = (
    "# Condition and topic names: the <Focus> of each MedQuAD page (CC BY 4.0, Ben Abacha &\n"
    "# Demner-Fushman 2019; pages from NIH sites) and the Disease/Condition(s) of each NGC\n"
    "# guideline summary (AHRQ), lower case. Regenerate with tools/extract_condition_names.py.\n"
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


def ngc_condition_names(ngc_dir: Path) -> set[str]:
    """Each listed condition, without its abbreviation: "acute otitis media (aom)" ->
    "acute otitis media"; headings and long descriptions are left out."""
    names: set[str] = set()
    for path in ngc_dir.glob("*.xml"):
        text = path.read_text(encoding="utf-8", errors="replace")
        for field in _NGC_CONDITIONS.finditer(text):
            for item in _ITEM.findall(html.unescape(field.group(1))):
                name = html.unescape(_TAG.sub("", item))
                name = " ".join(_PARENTHESES.sub("", name).lower().split())
                name = _STATUS.sub("", name)
                if (
                    len(name) >= 3
                    and len(name.split()) <= _MAX_NGC_WORDS
                    and _NAME.match(name)
                    and not name.endswith(":")
                ):
                    names.add(name)
                names.update(listed_conditions(name))
    return names


def listed_conditions(item: str) -> set[str]:
    """The conditions an item lists after "including" or "such as", each named as a condition
    (a head noun such as "disorder" or an ending such as "-itis"), so that "opioid use
    disorder" is kept and "the following" or "alcohol" are not."""
    listed = _LIST_START.search(item)
    if not listed:
        return set()
    out = set()
    for piece in _LIST_SEPARATOR.split(listed.group(1)):
        piece = piece.strip(" .;:")
        words = piece.split()
        if (
            2 <= len(words) <= _MAX_LISTED_WORDS
            and _NAME.match(piece)
            and words[0] != "other"
            and (words[-1] in CONDITION_HEADS or words[-1].endswith(CONDITION_SUFFIXES))
        ):
            out.add(piece)
    return out


def main() -> None:
    data = Path(sys.argv[1]) if len(sys.argv) > 1 else Settings().data_dir
    found = focus_names(data / "corpus/medquad") | ngc_condition_names(data / "corpus/ngc")
    # Booklet titles ("What I need to know about cirrhosis") are not condition names.
    names = sorted(n for n in found - drug_names() if not _BOOKLET.match(n))
    (DATA / "condition_names.txt").write_text(HEADER + "\n".join(names) + "\n", encoding="utf-8")
    print(f"wrote {len(names)} condition names")


if __name__ == "__main__":
    main()
