"""The MkDocs plugin (MkDocs 1.6, ProperDocs): a thin host for the Markdown extension (``extension.py``).

It adds the extension to the build, tells it each page's URL, and registers the runner's files and the self-hosted
Pyodide as files of the build, so the generator copies them (``mkdocs serve`` included). Options are the
extension's (``extension.OPTIONS``); set here, they override those given to the extension under
``markdown_extensions``. Relative paths are relative to mkdocs.yml. Documented in this folder's README.md.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File

from .extension import CONTRACT, OPTIONS, PYODIDE_FILES, PYODIDE_VERSION, Options, SnippetExtension
from .snippet import SnippetError

__all__ = ["CONTRACT", "PYODIDE_FILES", "PYODIDE_VERSION", "LiveSnippetsPlugin"]
EXTENSION_NAMES = ("live_snippets.extension", "live_snippets")


class LiveSnippetsConfig(base.Config):
    # None: not set here (the extension's option, else its default).
    snippets_dir = c.Optional(c.Type(str))
    run_in_browser = c.Optional(c.Type(bool))
    pyodide_url = c.Optional(c.Type(str))
    node_modules = c.Optional(c.Type(str))
    helpers = c.Optional(c.ListOfItems(c.Type(str)))
    local_only = c.Optional(c.ListOfItems(c.Type(str)))


class LiveSnippetsPlugin(BasePlugin[LiveSnippetsConfig]):
    def on_config(self, config):
        values: dict = {}
        # The extension listed for generators without this plugin (Zensical) is replaced by the plugin's own.
        for name in EXTENSION_NAMES:
            if name in config.markdown_extensions:
                config.markdown_extensions.remove(name)
                values |= config.mdx_configs.pop(name, None) or {}
        values |= {name: value for name, value in self.config.items() if value is not None and name in OPTIONS}
        values.pop("site_dir", None)  # the build's own files carry them
        try:
            self.options = Options(values, Path(config.config_file_path).parent)
            self.options.check()
        except SnippetError as error:
            raise PluginError(str(error)) from error
        self.extension = SnippetExtension(options=self.options, error=PluginError)
        config.markdown_extensions.append(self.extension)
        return config

    def on_files(self, files, config):
        for path, source in self.options.site_files().items():
            if isinstance(source, Path):
                files.append(_Unchanged.generated(config, path, abs_src_path=str(source)))
            else:
                files.append(File.generated(config, path, content=source))
        return files

    def on_page_markdown(self, markdown, page, config, files):
        self.extension.page_url = page.url
        self.extension.page_name = page.file.src_uri
        return markdown


class _Unchanged(File):
    """A file copied only when the site lacks it or has an older copy: `mkdocs serve` rebuilds into the same
    folder, and Pyodide's 14 MB need not be copied again on every change."""

    def copy_file(self, dirty: bool = False) -> None:
        super().copy_file(dirty=True)
