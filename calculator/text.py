"""Text normalisation shared by the rule-pack loader and the quote checks.

The five documents are transcriptions of scanned PDFs. A quote is the document's own words with
the scan's artefacts dropped: line breaks and spaces inside a sentence, page numbers on their own
line (``— 7 —``, ``- 10 -``) and the markup of the transcription (``**bold**``, ``$2\\%$``).
``normalise`` removes exactly those, so a quote can be compared with the source.
"""

from __future__ import annotations

import re

__all__ = ["normalise", "strip_page_numbers"]

_PAGE_NUMBER = re.compile(r"^\s*[—\-－–]\s*\d+\s*[—\-－–]\s*$", re.MULTILINE)
_MARKUP = re.compile(r"\*\*|\$|\\(?=%)|^#+\s*", re.MULTILINE)
_SPACE = re.compile(r"\s+")


def strip_page_numbers(text: str) -> str:
    """Drop lines that hold nothing but a page number."""
    return _PAGE_NUMBER.sub("", text)


def normalise(text: str) -> str:
    """The text without scan artefacts: no page numbers, no markup, no white space."""
    return _SPACE.sub("", _MARKUP.sub("", strip_page_numbers(text)))
