"""Generate a deterministic corpus of realistic Markdown medical pages for the benchmark.

Every page has YAML front matter, a level-1 title, a lead definition, sections
(Function, Clinical significance and a few optional ones), a numbered reference list,
See also, a medical disclaimer, credits and a license, so it looks like what a
content repository holds.  About 30 % of the pages carry one or two defects of the
kinds wiki-lint reports: a missing required part, ``[edit]`` markers, scraped site
chrome, a vague license, an empty section, a duplicate heading.  Sizes follow a
log-normal spread with a median near 4.9 KB.

The output depends only on ``--seed`` and ``--pages``: the same arguments always give
byte-identical files (page ``i`` is generated from its own ``Random(seed, i)``, so the
first 1,000 pages of a 10,000-page corpus are the 1,000-page corpus).

Usage::

    python bench/gen_corpus.py --pages 10000            # -> bench/corpus/10000/
    python bench/gen_corpus.py --pages 1000 --out /tmp/c
"""

from __future__ import annotations

import argparse
import math
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_OUT = HERE / "corpus"
DEFAULT_SEED = 20261126
DEFECT_RATE = 0.30
TARGET_MEDIAN = 4900  # bytes

KINDS = ("protein", "gene", "disease", "drug", "symptom", "procedure", "anatomy", "hormone")
PREFIXES = ("Interleukin", "Tumor necrosis factor", "Growth factor", "Kinase", "Receptor", "Syndrome",
            "Carcinoma", "Neuropathy", "Hepatitis", "Dystrophy", "Anemia", "Transporter", "Channel")
SUFFIXES = ("alpha", "beta", "gamma", "delta", "type 1", "type 2", "A", "B", "related protein",
            "like 3", "deficiency", "receptor 2")
ORGANS = ("liver", "kidney", "heart", "lung", "brain", "spleen", "pancreas", "skin", "bone marrow",
          "thyroid", "intestine", "retina", "muscle", "adipose tissue")
CELLS = ("macrophages", "T cells", "B cells", "neutrophils", "fibroblasts", "hepatocytes", "neurons",
         "endothelial cells", "osteoclasts", "epithelial cells", "dendritic cells", "platelets")
DISEASES = ("rheumatoid arthritis", "psoriasis", "type 2 diabetes", "heart failure", "asthma",
            "Crohn's disease", "multiple sclerosis", "chronic kidney disease", "breast cancer",
            "sepsis", "osteoporosis", "Alzheimer's disease", "systemic lupus erythematosus",
            "colorectal cancer", "cystic fibrosis", "atrial fibrillation")
VERBS = ("regulates", "promotes", "inhibits", "modulates", "stimulates", "suppresses", "mediates",
         "controls", "enhances", "limits")
PROCESSES = ("the differentiation of {c}", "the survival of {c}", "inflammation in the {o}",
             "glucose uptake by {c}", "the proliferation of {c}", "apoptosis of {c}",
             "the acute-phase response in the {o}", "tissue repair in the {o}",
             "the migration of {c} into the {o}", "the release of cytokines by {c}")
JOURNALS = ("Nat Immunol", "Lancet", "N Engl J Med", "J Clin Invest", "Cell", "Blood", "Immunity",
            "Ann Rheum Dis", "Gastroenterology", "Circulation", "J Biol Chem", "Nat Rev Drug Discov")
SURNAMES = ("Tanaka", "Smith", "Garcia", "Muller", "Rossi", "Kowalski", "Nguyen", "Okafor", "Larsen",
            "Dubois", "Silva", "Chen", "Hoffmann", "Ivanova", "Patel", "Kim", "Jones", "Novak")
OPTIONAL_SECTIONS = ("Structure", "Genetics", "Mechanism", "Epidemiology", "Diagnosis", "Treatment",
                     "History", "Research", "Pathophysiology", "Interactions")
DEFECTS = ("missing-part", "edit-marker", "chrome", "vague-license", "empty-section", "duplicate-heading")


def _sentence(rng: random.Random, subject: str) -> str:
    process = rng.choice(PROCESSES).format(c=rng.choice(CELLS), o=rng.choice(ORGANS))
    tail = rng.choice((
        f", and its activity is altered in {rng.choice(DISEASES)}",
        f" through a pathway that also involves {rng.choice(CELLS)}",
        f" under conditions of stress or infection in the {rng.choice(ORGANS)}",
        f", as shown in studies of patients with {rng.choice(DISEASES)}",
        "",
    ))
    cite = f"[{rng.randint(1, 9)}]" if rng.random() < 0.6 else ""
    return f"{subject} {rng.choice(VERBS)} {process}{tail}.{cite}"


def _paragraph(rng: random.Random, subject: str, sentences: int) -> str:
    pronouns = (subject, "It", "This molecule", subject.split()[0])
    return " ".join(_sentence(rng, rng.choice(pronouns)) for _ in range(sentences))


def _reference(rng: random.Random, number: int) -> str:
    authors = ", ".join(f"{rng.choice(SURNAMES)} {rng.choice('ABCDEFGHJKLMNPRST')}{rng.choice('ABCDEJKMS')}"
                        for _ in range(rng.randint(1, 4)))
    year = rng.randint(1995, 2025)
    title = f"The role of {rng.choice(CELLS)} in {rng.choice(DISEASES)}"
    journal = rng.choice(JOURNALS)
    doi = f"10.{rng.randint(1000, 9999)}/{rng.choice('abcdefgh')}{rng.randint(10000, 99999)}"
    return f"{number}. {authors}. {title}. {journal}. {year};{rng.randint(1, 80)}({rng.randint(1, 12)}):{rng.randint(1, 900)}-{rng.randint(901, 1800)}. doi:{doi}"


def _size_budget(rng: random.Random) -> int:
    """Bytes of body prose for this page: log-normal so a few pages are long."""
    return int(TARGET_MEDIAN * 0.45 * math.exp(rng.gauss(0.0, 0.45)))


def page(seed: int, index: int) -> tuple[str, list[str]]:
    """The text of page ``index`` and the defects injected into it."""
    rng = random.Random(f"{seed}:{index}")
    subject = f"{rng.choice(PREFIXES)} {rng.choice(SUFFIXES)} {index}"
    abbreviation = "".join(word[0] for word in subject.split() if word[0].isalpha()).upper() + str(index)
    defects: list[str] = []
    if rng.random() < DEFECT_RATE:
        defects = rng.sample(DEFECTS, k=1 if rng.random() < 0.7 else 2)

    budget = _size_budget(rng)
    optional = rng.sample(OPTIONAL_SECTIONS, k=rng.randint(0, 3))
    body_sections = ["Function", "Clinical significance", *optional]
    share = max(budget // len(body_sections), 200)

    edit = " [edit]" if "edit-marker" in defects else ""
    front = [
        "---",
        f"title: {subject}",
        f"type: {rng.choice(KINDS)}",
        "lang: en",
        f"authors: [{rng.choice(SURNAMES)} {rng.choice('ABCDE')}., {rng.choice(SURNAMES)} {rng.choice('FGHJK')}.]",
        f"last_reviewed: {rng.randint(2019, 2026)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        "license: CC-BY-SA-4.0" if "vague-license" not in defects else "license: CC BY SA or similar",
        "---",
    ]
    out = [*front, f"# {subject}", ""]
    if "chrome" in defects:
        out += ["Jump to navigation Jump to search", ""]
    lead = f"{subject} ({abbreviation}) is a {rng.choice(KINDS)} that {rng.choice(VERBS)} {rng.choice(PROCESSES).format(c=rng.choice(CELLS), o=rng.choice(ORGANS))}."
    out += [lead + " " + _paragraph(rng, subject, rng.randint(1, 3)), ""]

    missing = rng.choice(("Function", "Clinical significance", "Disclaimer", "Credits")) if "missing-part" in defects else None
    empty = rng.choice(body_sections) if "empty-section" in defects else None
    duplicate = rng.choice(body_sections) if "duplicate-heading" in defects else None
    for name in body_sections:
        if name == missing:
            continue
        out += [f"## {name}{edit}", ""]
        if name != empty:
            written = 0
            while written < share:
                text = _paragraph(rng, subject, rng.randint(2, 5))
                out += [text, ""]
                written += len(text)
        if name == duplicate:
            out += [f"## {name}", "", _paragraph(rng, subject, 2), ""]

    out += [f"## References{edit}", ""]
    out += [_reference(rng, n) for n in range(1, rng.randint(4, 14))]
    out += ["", f"## See also{edit}", ""]
    out += [f"- [{rng.choice(PREFIXES)} {rng.choice(SUFFIXES)}]({rng.choice(PREFIXES).lower().replace(' ', '-')}.md)"
            for _ in range(rng.randint(1, 4))]
    out += [""]
    if missing != "Disclaimer":
        out += [f"## Disclaimer{edit}", "",
                "This page is for informational purposes only and is not a substitute for professional "
                "medical advice, diagnosis or treatment. Always consult a qualified health professional "
                "about a medical condition. In an emergency, call your local emergency number.", ""]
    if missing != "Credits":
        out += ["## Credits", "",
                f"Written by {rng.choice(SURNAMES)} {rng.choice('ABCDE')}. and reviewed by "
                f"{rng.choice(SURNAMES)} {rng.choice('FGHJK')}. (medical editor), {rng.randint(2019, 2026)}.", ""]
    license_text = ("Text is available under the Creative Commons Attribution-ShareAlike License, CC BY SA or similar."
                    if "vague-license" in defects
                    else "Text is available under the Creative Commons Attribution-ShareAlike 4.0 International License (CC BY-SA 4.0).")
    out += ["## License", "", license_text, ""]
    if "chrome" in defects:
        out += ["Retrieved from https://wiki.example.org/" + subject.replace(" ", "_"), "",
                "This page was last edited on 3 March 2025, at 10:12.", ""]
    return "\n".join(out), defects


def generate(pages: int, out: Path, seed: int = DEFAULT_SEED) -> Path:
    """Write ``pages`` pages under ``out`` (100 pages a folder) and return ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    for index in range(pages):
        folder = out / f"{index // 100:04d}"
        if index % 100 == 0:
            folder.mkdir(exist_ok=True)
        text, _ = page(seed, index)
        target = folder / f"page-{index:06d}.md"
        data = text.encode("utf-8")
        if not target.exists() or target.read_bytes() != data:
            target.write_bytes(data)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=10_000, help="number of pages (default 10000)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"random seed (default {DEFAULT_SEED})")
    parser.add_argument("--out", type=Path, help="output folder (default bench/corpus/PAGES)")
    args = parser.parse_args(argv)
    out = args.out or DEFAULT_OUT / str(args.pages)
    generate(args.pages, out, args.seed)
    sizes = sorted(p.stat().st_size for p in out.rglob("*.md"))
    median = sizes[len(sizes) // 2] if sizes else 0
    print(f"{len(sizes)} pages in {out}: median {median / 1000:.1f} KB, {sum(sizes) / 1e6:.1f} MB in all", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
