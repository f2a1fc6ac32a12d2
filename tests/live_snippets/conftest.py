"""Fixtures of the plugin's unit tests."""

import pytest


@pytest.fixture
def root(tmp_path):
    """A snippets folder with one snippet, page/01_hello.py, and its recorded output."""
    (tmp_path / "page").mkdir()
    (tmp_path / "page" / "01_hello.py").write_text('print("hello")\n')
    (tmp_path / "page" / "01_hello.out").write_text("hello\n")
    return tmp_path
