"""The MkDocs plugin: expands snippet directives into code and recorded output, and makes them runnable.

Options are documented in this folder's README.md.
"""

from __future__ import annotations

import fnmatch
import json
import re
import shutil
from html import escape
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.utils import get_relative_url

from .snippet import Snippet, SnippetError, expand

ASSETS = Path(__file__).parent / "assets"
SITE_ASSETS = "assets/live-snippets"  # where the runner's files go in the built site
SITE_PYODIDE = "assets/pyodide/"  # where the self-hosted copy of Pyodide goes
CONTRACT = json.loads((ASSETS / "contract.json").read_text(encoding="utf-8"))  # shared with the JS and runtime.py
PYODIDE_FILES = tuple(CONTRACT["pyodide"]["files"])
PYODIDE_VERSION = CONTRACT["pyodide"]["version"]  # the runtime (assets/runtime.py) is written for its CPython 3.14
SHIPPED = ("*.js", "contract.json", "runtime.py", "live-snippets.css")  # the runner's files, copied into the site
_SNIPPET_DIV = re.compile(r'<div class="snippet"(?P<attributes>[^>]*)>')


class LiveSnippetsConfig(base.Config):
    snippets_dir = c.Type(str, default="snippets")  # relative to mkdocs.yml
    run_in_browser = c.Type(bool, default=True)
    pyodide_url = c.Optional(c.Type(str))  # a Pyodide base URL (a CDN); default: a self-hosted copy
    node_modules = c.Type(str, default="node_modules")  # where `npm ci` put the pyodide package
    helpers = c.Optional(c.ListOfItems(c.Type(str)))  # modules importable by snippets; default: snippets_dir/*.py
    local_only = c.ListOfItems(c.Type(str), default=[])  # glob patterns of snippet paths not to run in a browser


class LiveSnippetsPlugin(BasePlugin[LiveSnippetsConfig]):
    def on_config(self, config):
        self.config_dir = Path(config.config_file_path).parent
        self.root = (self.config_dir / self.config.snippets_dir).resolve()
        if not self.root.is_dir():
            raise PluginError(f"live-snippets: snippets_dir {self.root} is not a folder")
        self.pyodide_dir = (self.config_dir / self.config.node_modules / "pyodide").resolve()
        if self.config.run_in_browser and not self.config.pyodide_url:
            missing = [name for name in PYODIDE_FILES if not (self.pyodide_dir / name).is_file()]
            if missing:
                raise PluginError(
                    f"live-snippets: Pyodide is not installed ({self.pyodide_dir} lacks {', '.join(missing)}). "
                    "Run `npm ci` (or `make build`), or set the plugin's pyodide_url option."
                )
            version = json.loads((self.pyodide_dir / "package.json").read_text(encoding="utf-8"))["version"]
            if version != PYODIDE_VERSION:
                raise PluginError(
                    f"live-snippets: needs Pyodide {PYODIDE_VERSION}, {self.pyodide_dir} has {version}; run `npm ci`"
                )
        helpers = self.config.helpers
        if helpers is None:
            helpers = sorted(p.name for p in self.root.glob("*.py"))
        self.helpers = {name: self.root / name for name in helpers}
        for name, file in self.helpers.items():
            if not file.is_file():
                raise PluginError(f"live-snippets: helper module {name} is not a file in {self.root}")
        return config

    def on_page_markdown(self, markdown, page, config, files):
        try:
            return expand(markdown, self.root, self.marked_local_only)
        except SnippetError as error:
            raise PluginError(f"{page.file.src_uri}: {error}") from error

    def marked_local_only(self, snippet: Snippet) -> str | None:
        if any(fnmatch.fnmatchcase(snippet.path, pattern) for pattern in self.config.local_only):
            return "marked local-only in mkdocs.yml"
        return None

    def on_page_content(self, html_text, page, config, files):
        """Link the runner from pages with a snippet that can run in a browser."""
        runnable = any("data-local-only=" not in match["attributes"] for match in _SNIPPET_DIV.finditer(html_text))
        if not (runnable and self.config.run_in_browser):
            return html_text
        base = get_relative_url(SITE_ASSETS, page.url)
        pyodide_url = self.pyodide_url or get_relative_url(SITE_PYODIDE, page.url).rstrip("/") + "/"
        return (
            f'{html_text}\n<script type="module" src="{base}/runner.js" data-pyodide-url="{escape(pyodide_url)}"></script>\n'
        )

    @property
    def pyodide_url(self) -> str | None:
        """The configured Pyodide base URL, ending in a slash; None: the self-hosted copy."""
        return self.config.pyodide_url.rstrip("/") + "/" if self.config.pyodide_url else None

    def on_post_build(self, config):
        if not self.config.run_in_browser:
            return
        site = Path(config.site_dir)
        assets = site / SITE_ASSETS
        assets.mkdir(parents=True, exist_ok=True)
        for pattern in SHIPPED:
            for file in ASSETS.glob(pattern):
                shutil.copyfile(file, assets / file.name)
        helpers = {name: file.read_text(encoding="utf-8") for name, file in self.helpers.items()}
        (assets / "helpers.json").write_text(json.dumps(helpers), encoding="utf-8")
        if not self.config.pyodide_url:
            (site / SITE_PYODIDE).mkdir(parents=True, exist_ok=True)
            for name in PYODIDE_FILES:
                shutil.copyfile(self.pyodide_dir / name, site / SITE_PYODIDE / name)

