"""MedQuAD XML: NIH consumer-health question/answer pairs; each answer is patient information."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from lxml import etree

from medcite.index.base import LOOKUP_NAMES_KEY
from medcite.ingest.base import Loader, LoadError, parse_xml, xml_root_tag
from medcite.ingest.builder import DocumentBuilder
from medcite.ingest.textclean import xml_text
from medcite.models import Document, SourceType
from medcite.text import name_key

PUBLISHERS = {
    "CancerGov": "National Cancer Institute (cancer.gov)",
    "GARD": "Genetic and Rare Diseases Information Center (GARD)",
    "GHR": "Genetics Home Reference (NLM)",
    "MPlusHealthTopics": "MedlinePlus (NLM)",
    "MPlusDrugs": "MedlinePlus (NLM)",
    "MPlusHerbsSupplements": "MedlinePlus (NLM)",
    "ADAM": "A.D.A.M. Medical Encyclopedia (MedlinePlus)",
    "NIDDK": "National Institute of Diabetes and Digestive and Kidney Diseases (NIDDK)",
    "NINDS": "National Institute of Neurological Disorders and Stroke (NINDS)",
    "NIHSeniorHealth": "NIHSeniorHealth (NIH)",
    "NHLBI": "National Heart, Lung, and Blood Institute (NHLBI)",
    "CDC": "Centers for Disease Control and Prevention (CDC)",
}
# MedQuAD's collections use three spellings of one schema: Document/QAPair, doc/pair, DiseaseFile/QAPair.
ROOT_TAGS = ("Document", "doc", "DiseaseFile")
_FOCUS_MARKERS = (b"<Focus", b"<doctitle-focus", b"<QAPairs", b"<qaPairs")
LICENSE = (
    "MedQuAD (Ben Abacha & Demner-Fushman, 2019), CC BY 4.0; source page by a US government agency."
)
# Answers inline their bullet lists as "    - item"; put each item on its own line.
_INLINE_BULLET = re.compile(r"\s{2,}-\s+")
_RAW_SPACE = re.compile(r"[ \t]+")


_GUIDE_PREFIX = re.compile(r"^(?:what i need to know about|your guide to)\s+", re.I)
# CDC: "Parasites - Lice - Body Lice"
_PARASITES = re.compile(r"^parasites\s+-\s+(?:.*\s+-\s+)?", re.I)
_SUBTITLE = re.compile(r":\s.*$")  # "Diabetic Neuropathies: The Nerve Damage of Diabetes"
_TRAILING_ALIAS = re.compile(r"^(?P<name>.+?)\s*\((?P<alias>[^()]+)\)$")
_PARENTHESES = re.compile(r"\s*\([^()]*\)")


def focus_names(focus: str) -> list[str]:
    """The names a page's topic is looked up by (`name_key` form): the focus as written, without
    a guide's prefix or subtitle, and both names of "Bile Duct Cancer (Cholangiocarcinoma)".
    Lists ("Achondroplasia and severe combined immunodeficiency") stay whole: each part names
    another condition."""
    plain = _SUBTITLE.sub("", _PARASITES.sub("", _GUIDE_PREFIX.sub("", focus.strip())))
    names = [focus, plain]
    alias = _TRAILING_ALIAS.match(plain)
    if alias:
        names.append(alias["alias"])
    names.append(_PARENTHESES.sub("", plain))
    keys = (name_key(n) for n in names)
    return list(dict.fromkeys(k for k in keys if k))


def _answer_text(raw: str) -> str:
    text = _INLINE_BULLET.sub("\n- ", raw)
    lines = (_RAW_SPACE.sub(" ", line).strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def _child(el: etree._Element, name: str) -> etree._Element | None:
    found = el.find(name)
    return found if found is not None else el.find(name.lower())


class MedQuadLoader(Loader):
    name = "medquad"
    suffixes = (".xml",)

    def sniff(self, path: Path, head: bytes) -> bool:
        return (
            path.suffix.lower() == ".xml"
            and xml_root_tag(head) in ROOT_TAGS
            and any(marker in head for marker in _FOCUS_MARKERS)
        )

    def load(self, path: Path) -> Iterator[Document]:
        root = parse_xml(path)
        if root.tag not in ROOT_TAGS:
            raise LoadError(f"root element is <{root.tag}>, expected one of MedQuAD's {ROOT_TAGS}")
        source = root.get("source") or root.get("corpus") or ""
        doc_key = root.get("id") or root.get("docid") or root.get("fid") or path.stem
        focus = xml_text(
            root.find("Focus") if root.find("Focus") is not None else root.find("doctitle-focus")
        )
        for pair in [*root.iter("QAPair"), *root.iter("pair")]:
            question = _child(pair, "Question")
            answer_el = _child(pair, "Answer")
            answer = "".join(answer_el.itertext()) if answer_el is not None else ""
            if question is None or not answer.strip():
                continue  # three MedQuAD subsets ship without answers (copyright)
            qtype = question.get("qtype", "information")
            qid = question.get("qid") or f"{doc_key}-{pair.get('pid', '')}"
            builder = DocumentBuilder(
                # Question ids restart in each MedQuAD collection, so the source is part of the id.
                f"medquad:{source or 'unknown'}:{qid}",
                xml_text(question),
                SourceType.PATIENT_INFORMATION,
                "medquad",
                self.chunk,
                publisher=PUBLISHERS.get(source, source or None),
                url=root.get("url"),
                license=LICENSE,
                metadata={
                    "focus": focus,
                    "qtype": qtype,
                    "source": source,
                    LOOKUP_NAMES_KEY: focus_names(focus),
                },
            )
            builder.add_section(qtype.capitalize(), _answer_text(answer))
            yield builder.build(source_path=str(path))
