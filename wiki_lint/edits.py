"""Build the edits of a fix from a Document's lines.

Rules describe a fix as :class:`~wiki_lint.findings.Edit` s in the page's own
coordinates (1-based lines and columns, end exclusive).  These helpers build the few
shapes fixes need, so every rule deletes lines, inserts blocks and replaces spans the
same way:

* :func:`delete_lines` removes whole lines without leaving a double blank line and
  without changing whether the file ends with a newline;
* :func:`insert_block_after` adds a block after a line (a blank line between blocks in
  Markdown, none in a plain-text export, where each paragraph is one line);
* :func:`replace_span` replaces the text of a span.
"""

from __future__ import annotations

from wiki_lint.document import Span
from wiki_lint.findings import Edit


def _blank(lines: list[str], index: int) -> bool:
    """Whether the 0-based line ``index`` exists and holds only white space."""
    return 0 <= index < len(lines) and not lines[index].strip()


def delete_lines(lines: list[str], first: int, last: int) -> Edit:
    """Delete 1-based lines ``first``..``last`` (inclusive) with their line breaks.

    A blank line on both sides of the deleted lines would leave two blank lines: one
    of them goes too.  Lines at the end of the file are deleted from the end of the
    line before them, so a file without a final newline still has none.
    """
    first, last = max(first, 1), min(last, len(lines))
    if _blank(lines, first - 2) and (_blank(lines, last) or last == len(lines)):
        first -= 1  # take the blank line before along
    if last < len(lines):
        return Edit(first, 1, last + 1, 1, "")
    if first > 1:
        return Edit(first - 1, len(lines[first - 2]) + 1, last, len(lines[last - 1]) + 1, "")
    return Edit(1, 1, last, len(lines[last - 1]) + 1, "")


def insert_block_after(lines: list[str], line: int, block: str, markdown: bool) -> Edit:
    """Insert ``block`` (one or more lines, ``\n``-separated) as a new block after
    1-based ``line``; ``line`` 0 inserts at the top.

    In Markdown the block is separated from its neighbours by blank lines, so it never
    joins a paragraph; several blocks inserted at the same place stay separate blocks.
    """
    if line <= 0 or not any(text.strip() for text in lines):
        return insert_block_before(lines, 1, block, markdown)
    if markdown:
        following = line  # 0-based index of the line after ``line``
        while following < len(lines) and _blank(lines, following):
            following += 1
        if following == len(lines):  # only blank lines follow: append after ``line``
            end = len(lines[line - 1]) + 1
            return Edit(line, end, line, end, f"\n\n{block}")
        if following > line:  # a blank line ends the block: insert before what follows
            return insert_block_before(lines, following + 1, block, markdown)
        return Edit(line + 1, 1, line + 1, 1, f"\n{block}\n\n")
    if line < len(lines):
        return Edit(line + 1, 1, line + 1, 1, f"{block}\n")
    end = len(lines[-1]) + 1
    return Edit(len(lines), end, len(lines), end, f"\n{block}")


def insert_block_before(lines: list[str], line: int, block: str, markdown: bool) -> Edit:
    """Insert ``block`` as a new block before 1-based ``line`` (blank lines as above)."""
    if not any(text.strip() for text in lines):  # an empty page: blocks go at the top
        return Edit(1, 1, 1, 1, f"{block}\n" + ("\n" if markdown else ""))
    if line > len(lines):
        return insert_block_after(lines, len(lines), block, markdown)
    before = "\n" if markdown and line > 1 and not _blank(lines, line - 2) else ""
    after = "\n" if markdown else ""
    return Edit(line, 1, line, 1, f"{before}{block}\n{after}")


def replace_span(span: Span, content: str) -> Edit:
    """Replace the text of ``span`` with ``content``."""
    return Edit(span.line, span.column, span.end_line, span.end_column, content)


def last_line_of(lines: list[str], line: int) -> int:
    """``line`` moved back over trailing blank lines (never before line 1)."""
    while line > 1 and _blank(lines, line - 1):
        line -= 1
    return line
