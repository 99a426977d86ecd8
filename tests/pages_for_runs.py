"""A small, varied set of pages for the parallel-run and cache tests.

Variants of the complete IL-6 sample: complete, with parts missing, with ``[edit]``
markers, with site chrome, with a vague license, with an empty or a duplicated
section, and files that cannot be read (binary, invalid UTF-8), so runs produce many
kinds of findings and errors in many files.
"""

from __future__ import annotations

from pathlib import Path

from support import COMPLETE_MD


def _variants() -> list[tuple[str, bytes]]:
    page = COMPLETE_MD
    variants = [
        ("complete", page),
        ("no-function", page.replace("## Function", "## Biography")),
        ("no-disclaimer", page.replace("## Disclaimer", "## Notes")),
        ("edit-markers", page.replace("## Function", "## Function[edit]").replace("## Credits", "## Credits [edit]")),
        ("chrome", page + "\nRetrieved from https://wiki.example.org/Interleukin_6\n\nThis page was last edited on 3 March 2025, at 10:12.\n"),
        ("vague-license", page.replace("(CC BY-SA 4.0)", "CC BY SA or similar").replace("license: CC-BY-SA-4.0\n", "")),
        ("empty-section", page.replace("## See also\n", "## See also\n\n## Research\n")),
        ("duplicate", page + "\n## Function\n\nIt also acts on hepatocytes during the acute-phase response.\n"),
        ("no-front-matter", page.split("---\n", 2)[2]),
    ]
    encoded = [(name, text.encode("utf-8")) for name, text in variants]
    encoded += [("binary", b"\x00\x01binary"), ("latin1", "Caf\u00e9 page\n".encode("latin-1"))]
    return encoded


def write_pages(folder: Path, count: int) -> list[Path]:
    """Write ``count`` pages (cycling through the variants) in a few subfolders."""
    variants = _variants()
    written = []
    for index in range(count):
        name, data = variants[index % len(variants)]
        target = folder / f"part-{index % 3}" / f"{index:03d}-{name}.md"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        written.append(target)
    return written
