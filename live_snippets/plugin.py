"""The MkDocs plugin: expands snippet directives into code and recorded output."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin

from .snippet import SnippetError, expand


class LiveSnippetsConfig(base.Config):
    snippets_dir = c.Type(str, default="snippets")  # relative to mkdocs.yml


class LiveSnippetsPlugin(BasePlugin[LiveSnippetsConfig]):
    def on_config(self, config):
        self.root = (Path(config.config_file_path).parent / self.config.snippets_dir).resolve()
        if not self.root.is_dir():
            raise PluginError(f"live-snippets: snippets_dir {self.root} is not a folder")
        return config

    def on_page_markdown(self, markdown, page, config, files):
        try:
            return expand(markdown, self.root)
        except SnippetError as error:
            raise PluginError(f"{page.file.src_uri}: {error}") from error
