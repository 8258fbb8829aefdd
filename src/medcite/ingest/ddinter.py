"""DDInter drug-drug interaction tables (CSV): one citable document per drug.

DDInter ships its table as CSV files by ATC letter (`ddinter_downloads_code_A.csv`, ...):
`DDInterID_A,Drug_A,DDInterID_B,Drug_B,Level`, with each pair repeated in the file of every
ATC group either drug belongs to. A drug's document can only be complete when every file is
read, so the loader merges all DDInter files in the folders it is given (the files named and
their DDInter siblings) and writes the merged documents with the first file.

Each document lists one line per interacting drug ("Warfarin and Ibuprofen: Major
interaction."), grouped in sections by severity. A pair appears in both drugs' documents; the
interaction lookup (compose/gather/interactions.py) cites the line in the first-named drug's.
Its passages are of kind `interaction`: they are found by drug name through the names the
document declares (metadata `lookup_names`), not by full-text search.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from medcite.index.base import LOOKUP_NAMES_KEY
from medcite.ingest.base import FileDocuments, FileFailure, Loader, LoadError, describe_error
from medcite.ingest.builder import DocumentBuilder
from medcite.models import Document, PassageKind, SourceType

HEADER = ("DDInterID_A", "Drug_A", "DDInterID_B", "Drug_B", "Level")
_HEADER_BYTES = ",".join(HEADER).encode()
LEVELS = ("Major", "Moderate", "Minor", "Unknown")
LICENSE = (
    "DDInter (Xiong G, et al. Nucleic Acids Res. 2022;50(D1):D1200-D1207), "
    "CC BY-NC-SA 4.0: research and non-commercial use."
)
CITATION = (
    "Xiong G, Yang Z, Yi J, et al. DDInter: an online drug-drug interaction database towards "
    "improving clinical decision-making and patient safety. Nucleic Acids Res. "
    "2022;50(D1):D1200-D1207."
)
PUBLISHER = "DDInter"
YEAR = 2022
DRUG_URL = "https://ddinter.scbdd.com/ddinter/drug-detail/{id}/"
_ID = re.compile(r"^DDInter\d+$")

# Salt and ester words that name a form of a drug, not another drug ("sertraline hydrochloride").
SALT_WORDS = frozenset(
    [
        "hydrochloride",
        "hcl",
        "hydrobromide",
        "sodium",
        "potassium",
        "calcium",
        "magnesium",
        "acetate",
        "maleate",
        "mesylate",
        "besylate",
        "tartrate",
        "bitartrate",
        "succinate",
        "fumarate",
        "sulfate",
        "sulphate",
        "phosphate",
        "citrate",
        "carbonate",
        "chloride",
        "bromide",
        "nitrate",
        "lactate",
        "gluconate",
        "dipropionate",
        "propionate",
        "butyrate",
        "valerate",
        "hyclate",
        "monohydrate",
        "dihydrate",
        "anhydrous",
        "disodium",
        "dipotassium",
    ]
)
# Names led by these are minerals, ions or esters ("calcium carbonate", "dimethyl fumarate"):
# the salt word is part of the drug's name.
_MINERAL_WORDS = frozenset(
    [
        "sodium",
        "potassium",
        "calcium",
        "magnesium",
        "zinc",
        "ferrous",
        "ferric",
        "iron",
        "aluminum",
        "aluminium",
        "ammonium",
        "bismuth",
        "strontium",
        "chromic",
        "manganese",
        "silver",
        "gold",
        "copper",
        "cupric",
        "dimethyl",
        "diroximel",
        "monomethyl",
        "monopotassium",
        "edetate",
        "thallous",
    ]
)
_PARENTHESIS = re.compile(r"\s*\(([^()]*)\)?\s*$")
_SPACE = re.compile(r"\s+")
_ABBREVIATION_DOT = re.compile(r"\.(?=\s)")


def drug_name_key(name: str) -> str:
    """The name as lookups compare it: lower case, one space, plain apostrophes, no salt in
    brackets ("Benzylpenicillin (potassium)" -> "benzylpenicillin"); a route or formulation in
    brackets stays ("hydrocortisone (topical)" is another product than "hydrocortisone")."""
    text = unicodedata.normalize("NFKC", name).replace("\u2019", "'").lower()
    text = _SPACE.sub(" ", _ABBREVIATION_DOT.sub("", text)).strip()
    bracket = _PARENTHESIS.search(text)
    if bracket and set(bracket.group(1).split()) <= SALT_WORDS:
        text = text[: bracket.start()].strip()
    return text


def without_salt(key: str) -> str | None:
    """'sertraline hydrochloride' -> 'sertraline'; None when there is no salt word to drop or
    the salt word is the drug ('calcium carbonate', 'sodium chloride')."""
    words = key.split()
    if len(words) < 2 or words[0] in _MINERAL_WORDS:
        return None
    end = len(words)
    while end > 1 and words[end - 1] in SALT_WORDS:
        end -= 1
    return " ".join(words[:end]) if end < len(words) else None


QUESTION_ONLY_KINDS = ("lay name", "abbreviation", "spelling in questions")


def load_name_variants() -> dict[str, list[str]]:
    """Other names of a drug (INN vs USAN and common names), both ways, from the shipped
    table medcite/data/drug_name_variants.csv."""
    text = resources.files("medcite.data").joinpath("drug_name_variants.csv").read_text("utf-8")
    variants: dict[str, list[str]] = defaultdict(list)
    for row in csv.DictReader(text.splitlines()):
        if row["kind"].startswith(QUESTION_ONLY_KINDS):
            continue  # how people write a drug in a question, not a name the table uses
        name, variant = drug_name_key(row["name"]), drug_name_key(row["variant"])
        variants[name].append(variant)
        variants[variant].append(name)
    return dict(variants)


@dataclass
class _Drug:
    """What the table says about one DDInter drug."""

    ddinter_id: str
    name: str
    partners: dict[str, tuple[str, str]] = field(default_factory=dict)  # id -> (name, level)


def is_ddinter_csv(head: bytes) -> bool:
    first_line = head.lstrip(b"\xef\xbb\xbf").split(b"\n", 1)[0].strip()
    return first_line == _HEADER_BYTES


def _siblings(paths: list[Path]) -> list[Path]:
    """The given files plus every DDInter file beside them, each once, in a stable order."""
    found = {p.resolve(): p for p in paths}
    for folder in {p.resolve().parent for p in paths}:
        for candidate in sorted(folder.glob("*.csv")):
            if candidate.resolve() not in found and _sniff_file(candidate):
                found[candidate.resolve()] = candidate
    return [found[k] for k in sorted(found)]


def _sniff_file(path: Path) -> bool:
    try:
        with path.open("rb") as fh:
            return is_ddinter_csv(fh.read(256))
    except OSError:
        return False


class DDInterLoader(Loader):
    name = "ddinter"
    suffixes = (".csv",)
    merges_files = True

    def sniff(self, path: Path, head: bytes) -> bool:
        return path.suffix.lower() == ".csv" and is_ddinter_csv(head)

    def load(self, path: Path) -> Iterator[Document]:
        for batch in self.load_files([path]):
            if isinstance(batch, FileFailure):
                raise LoadError(batch.reason)
            yield from batch.documents

    def load_files(self, paths: Iterable[Path]) -> Iterator[FileDocuments | FileFailure]:
        given = list(paths)
        drugs: dict[str, _Drug] = {}
        failed: set[Path] = set()
        for path in _siblings(given):
            try:
                _collect(path, drugs)
            except Exception as exc:  # a broken file is reported; the others still go in
                failed.add(path.resolve())
                if path in given:
                    yield FileFailure(path, describe_error(exc))
        good = [p for p in given if p.resolve() not in failed]
        if not good:
            return
        documents = self.documents(drugs)
        # Merged documents go in with the first good file; a re-ingest rebuilds them whole.
        yield FileDocuments(good[0], documents)
        for path in good[1:]:
            yield FileDocuments(path, [])

    def documents(self, drugs: dict[str, _Drug]) -> list[Document]:
        variants = load_name_variants()
        keys = {drug_name_key(d.name) for d in drugs.values()}
        return [
            self._document(drug, _lookup_names(drug.name, keys, variants))
            for _, drug in sorted(drugs.items(), key=lambda item: int(item[0][7:]))
        ]

    def _document(self, drug: _Drug, lookup_names: list[str]) -> Document:
        builder = DocumentBuilder(
            f"ddinter:{drug.ddinter_id}",
            f"DDInter: drug interactions of {drug.name}",
            SourceType.DRUG_INTERACTION_DATABASE,
            "ddinter",
            self.chunk,
            publisher=PUBLISHER,
            year=YEAR,
            url=DRUG_URL.format(id=drug.ddinter_id),
            license=LICENSE,
            citation=CITATION,
            metadata={
                "ddinter_id": drug.ddinter_id,
                "drug": drug.name,
                LOOKUP_NAMES_KEY: lookup_names,
            },
        )
        by_level: dict[str, list[str]] = defaultdict(list)
        for partner, level in sorted(drug.partners.values(), key=lambda p: p[0].lower()):
            by_level[level].append(interaction_line(drug.name, partner, level))
        for level in LEVELS:
            if by_level[level]:
                builder.add_section(level, "\n".join(by_level[level]), PassageKind.INTERACTION)
        return builder.build()


def interaction_line(drug: str, partner: str, level: str) -> str:
    """The document line for one pair; the lookup finds it by its prefix '<drug> and <partner>: '."""
    if level == "Unknown":
        return f"{drug} and {partner}: interaction of unknown severity."
    return f"{drug} and {partner}: {level} interaction."


def line_prefix(drug: str, partner: str) -> str:
    return f"{drug} and {partner}: "


def _lookup_names(name: str, keys: set[str], variants: dict[str, list[str]]) -> list[str]:
    """Names a question may use for the drug: its own, without a salt word when that is not
    another DDInter drug's name, and its other names (INN/USAN)."""
    key = drug_name_key(name)
    names = [key]
    bare = without_salt(key)
    if bare and bare not in keys:
        names.append(bare)
    for own in list(names):
        names.extend(v for v in variants.get(own, []) if v not in keys)
    return list(dict.fromkeys(names))


def _collect(path: Path, drugs: dict[str, _Drug]) -> None:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.reader(fh)
        header = tuple(next(reader, ()))
        if header != HEADER:
            raise LoadError(f"not a DDInter table: header is {','.join(header)!r}")
        for number, row in enumerate(reader, start=2):
            if not row:
                continue
            if len(row) != len(HEADER):
                raise LoadError(f"line {number}: expected 5 fields, found {len(row)}")
            id_a, name_a, id_b, name_b, level = (value.strip() for value in row)
            if level not in LEVELS or not (_ID.match(id_a) and _ID.match(id_b)):
                raise LoadError(f"line {number}: not a DDInter row: {','.join(row)!r}")
            drug_a = drugs.setdefault(id_a, _Drug(id_a, name_a))
            drug_b = drugs.setdefault(id_b, _Drug(id_b, name_b))
            drug_a.partners[id_b] = (name_b, level)
            drug_b.partners[id_a] = (name_a, level)
