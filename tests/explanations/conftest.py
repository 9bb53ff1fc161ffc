"""Fixtures for the explanation tests: one readable snapshot file per scenario and format."""

from __future__ import annotations

import pytest
from syrupy.extensions.single_file import SingleFileSnapshotExtension, WriteMode


class _TextFile(SingleFileSnapshotExtension):
    _write_mode = WriteMode.TEXT


class TextSnapshot(_TextFile):
    file_extension = "txt"


class MarkdownSnapshot(_TextFile):
    file_extension = "md"


class HtmlSnapshot(_TextFile):
    file_extension = "html"


class SvgSnapshot(_TextFile):
    file_extension = "svg"


@pytest.fixture
def snapshot_txt(snapshot):
    return snapshot.use_extension(TextSnapshot)


@pytest.fixture
def snapshot_md(snapshot):
    return snapshot.use_extension(MarkdownSnapshot)


@pytest.fixture
def snapshot_html(snapshot):
    return snapshot.use_extension(HtmlSnapshot)


@pytest.fixture
def snapshot_svg(snapshot):
    return snapshot.use_extension(SvgSnapshot)
