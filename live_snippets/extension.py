"""The snippet directive as a Python-Markdown extension, for any generator that runs Python-Markdown.

A page shows a snippet with a line of its own (see ``snippet.py`` for the files)::

    ::: snippet tasks/01_two_delays_as_tasks.py predict

The directive is a block of Python-Markdown's parser (a ``BlockProcessor``, the API ``pymdownx.blocks`` is built on),
so it is found wherever blocks are: at the top of a page, inside admonitions, collapsible blocks, content tabs,
list items, block quotes and ``<div markdown>``, one directive a line (two on consecutive lines are two
snippets); never inside code (fenced or indented), which the parser has set aside before blocks are read. What it
stands for (``render.render``) is parsed as if it had been written in its place.

A page with a snippet that runs in a browser ends with the runner's module script. The runner's files and Pyodide
reach the built site through the MkDocs plugin (``plugin.py``: registered as the build's files) or, under a
generator without MkDocs plugins (Zensical), are written into the site folder by this extension (``write_assets``).

Options (``markdown_extensions: - live_snippets.extension: {...}``; the MkDocs plugin's options of the same names
override them): see ``OPTIONS``.
"""

from __future__ import annotations

import fnmatch
import json
import re
import shutil
from pathlib import Path
from typing import Any, Callable, NamedTuple
from xml.etree import ElementTree

from markdown import Extension, Markdown
from markdown.blockprocessors import BlockProcessor
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

from . import service_worker
from .render import render
from .snippet import Snippet, SnippetError

ASSETS = Path(__file__).parent / "assets"
SITE_ASSETS = "assets/live-snippets"  # where the runner's files go in the built site
SITE_PYODIDE = "assets/pyodide"  # where the self-hosted copy of Pyodide goes
CONTRACT = json.loads((ASSETS / "contract.json").read_text(encoding="utf-8"))  # shared with the JS and runtime.py
PYODIDE_FILES = tuple(CONTRACT["pyodide"]["files"])
PYODIDE_VERSION = CONTRACT["pyodide"]["version"]  # the runtime (assets/runtime.py) is written for its CPython 3.14
# The runner's files, copied into the site; its stylesheet and its start are inlined in the pages (RunnerScript).
SHIPPED = ("*.js", "contract.json", *CONTRACT["runtimeFiles"])
INLINED = ("start.js",)

# name: (default, description). Relative paths are relative to the current folder (the MkDocs plugin: mkdocs.yml's).
OPTIONS: dict[str, tuple[Any, str]] = {
    "snippets_dir": ("snippets", "the snippets folder"),
    "run_in_browser": (True, "false: code and recorded output only, no runner"),
    "pyodide_url": ("", "a Pyodide base URL (a CDN); empty: the self-hosted copy from node_modules"),
    "node_modules": ("node_modules", "where `npm ci` installed the pyodide package"),
    "helpers": (None, "modules snippets import; None: every .py file at the top of snippets_dir"),
    "local_only": ([], "glob patterns of snippet paths shown as 'runs on your machine'"),
    "site_dir": ("", "without the MkDocs plugin: the site folder to write the runner's files into; "
                     "empty: the generator's (Zensical's), or none"),
}
# One directive a line, at most three spaces in, as Markdown allows for a block's first line.
_DIRECTIVE_LINE = re.compile(r"^ {0,3}:::[ \t]*snippet\b")


class Found(NamedTuple):
    """A directive the parser met, in page order: its line, and the snippet or what is wrong with it."""

    line: str
    snippet: Snippet | None
    error: SnippetError | None


class Options:
    """The extension's options, checked, with paths resolved against base (a folder)."""

    def __init__(self, values: dict[str, Any], base: Path | None = None):
        base = base or Path.cwd()
        unknown = set(values) - set(OPTIONS)
        if unknown:
            raise SnippetError(f"live-snippets: unknown option(s) {sorted(unknown)}; known: {sorted(OPTIONS)}")
        merged = {name: default for name, (default, _) in OPTIONS.items()} | values
        self.root = (base / merged["snippets_dir"]).resolve()
        self.run_in_browser = bool(merged["run_in_browser"])
        self.pyodide_url = (merged["pyodide_url"] or "").rstrip("/") + "/" if merged["pyodide_url"] else ""
        self.pyodide_dir = (base / merged["node_modules"] / "pyodide").resolve()
        self.local_only = list(merged["local_only"] or [])
        self.site_dir = (base / merged["site_dir"]).resolve() if merged["site_dir"] else None
        self.helper_names = merged["helpers"]

    def check(self) -> None:
        """Raise SnippetError when the snippets folder, the helpers or (when self-hosted) Pyodide are missing."""
        if not self.root.is_dir():
            raise SnippetError(f"live-snippets: snippets_dir {self.root} is not a folder")
        for name, file in self.helpers.items():
            if not file.is_file():
                raise SnippetError(f"live-snippets: helper module {name} is not a file in {self.root}")
        if self.run_in_browser and not self.pyodide_url:
            missing = [name for name in PYODIDE_FILES if not (self.pyodide_dir / name).is_file()]
            if missing:
                raise SnippetError(
                    f"live-snippets: Pyodide is not installed ({self.pyodide_dir} lacks {', '.join(missing)}). "
                    "Run `npm ci` (or `make build`), or set the pyodide_url option."
                )
            version = json.loads((self.pyodide_dir / "package.json").read_text(encoding="utf-8"))["version"]
            if version != PYODIDE_VERSION:
                raise SnippetError(
                    f"live-snippets: needs Pyodide {PYODIDE_VERSION}, {self.pyodide_dir} has {version}; run `npm ci`"
                )

    @property
    def helpers(self) -> dict[str, Path]:
        names = self.helper_names
        if names is None:
            names = sorted(p.name for p in self.root.glob("*.py")) if self.root.is_dir() else []
        return {name: self.root / name for name in names}

    def marked_local_only(self, snippet: Snippet) -> str | None:
        if any(fnmatch.fnmatchcase(snippet.path, pattern) for pattern in self.local_only):
            return "marked local-only in the site's configuration"
        return None

    def site_files(self) -> dict[str, Path | str]:
        """What the runner needs in the built site: {path in the site: source file, or text}. Empty when the site
        has no runner."""
        if not self.run_in_browser:
            return {}
        files: dict[str, Path | str] = {}
        for pattern in SHIPPED:
            for file in sorted(ASSETS.glob(pattern)):
                if file.name not in INLINED:
                    files[f"{SITE_ASSETS}/{file.name}"] = file
        helpers = {name: file.read_text(encoding="utf-8") for name, file in self.helpers.items()}
        files[f"{SITE_ASSETS}/helpers.json"] = json.dumps(helpers)
        if not self.pyodide_url:
            for name in PYODIDE_FILES:
                files[f"{SITE_PYODIDE}/{name}"] = self.pyodide_dir / name
        files[service_worker.SITE_PATH] = service_worker.site_file(files, SITE_PYODIDE, SITE_ASSETS, PYODIDE_VERSION)
        return files


def write_assets(options: Options, site_dir: Path) -> None:
    """Write the runner's files into a site folder; files already there with the same size and a newer time are
    kept (so Pyodide's 14 MB are copied once, not on every rebuild)."""
    for path, source in options.site_files().items():
        target = site_dir / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(source, str):
            if not target.is_file() or target.read_text(encoding="utf-8") != source:
                target.write_text(source, encoding="utf-8")
            continue
        if target.is_file() and target.stat().st_size == source.stat().st_size and (
            target.stat().st_mtime >= source.stat().st_mtime
        ):
            continue
        shutil.copyfile(source, target)


def inline_styles() -> str:
    """The runner's stylesheet (assets/live-snippets.css), its comments left out, for a page's inline style."""
    css = re.sub(r"/\*.*?\*/", "", (ASSETS / "live-snippets.css").read_text(encoding="utf-8"), flags=re.S)
    return "\n".join(line for line in css.splitlines() if line.strip())


def start_script() -> str:
    """The runner's start (assets/start.js), its comment lines left out, for a page's inline script."""
    code = (ASSETS / "start.js").read_text(encoding="utf-8")
    return "\n".join(line for line in code.splitlines() if line.strip() and not line.lstrip().startswith("//"))


def relative_url(target: str, page_url: str) -> str:
    """target (a path from the site's root) as seen from a page at page_url ('' home, 'tasks/', 'a/b.html')."""
    folder = page_url if page_url.endswith("/") else page_url.rpartition("/")[0] + "/" if "/" in page_url else ""
    return "../" * folder.count("/") + target


class SnippetProcessor(BlockProcessor):
    """Replaces each directive line of a block with what it stands for; the rest of the block is parsed as usual."""

    def __init__(self, parser, extension: SnippetExtension):
        super().__init__(parser)
        self.extension = extension
        self.runnable = False  # whether this conversion met a snippet that runs in a browser
        self.count = 0  # the snippets this conversion met: each one's controls get an id unique in the page

    def test(self, parent, block) -> bool:
        return any(_DIRECTIVE_LINE.match(line) for line in block.split("\n"))

    def run(self, parent, blocks) -> None:
        lines = blocks.pop(0).split("\n")
        index = next(i for i, line in enumerate(lines) if _DIRECTIVE_LINE.match(line))
        if index:
            self.parser.parseBlocks(parent, ["\n".join(lines[:index])])
        if index + 1 < len(lines):
            blocks.insert(0, "\n".join(lines[index + 1:]))
        markdown = self.extension.directive(lines[index].strip(), self)
        if markdown:
            # What the directive stands for goes through the page's preprocessors (fences, raw HTML), as page text.
            text = markdown.split("\n")
            for preprocessor in self.parser.md.preprocessors:
                if not isinstance(preprocessor, StartOfConversion):
                    text = preprocessor.run(text)
            self.parser.parseChunk(parent, "\n".join(text))


class StartOfConversion(Preprocessor):
    """Forgets what the previous conversion with the same Markdown instance met (generators convert a page, then
    its headings for the navigation, with one instance)."""

    def __init__(self, md, processor: SnippetProcessor):
        super().__init__(md)
        self.processor = processor

    def run(self, lines: list[str]) -> list[str]:
        self.processor.runnable = False
        self.processor.count = 0
        return lines


class RunnerScript(Treeprocessor):
    """Starts a page that has a runnable snippet with the runner's stylesheet and ends it with the runner's start,
    both inlined (see DOM-CONTRACT.md): the snippets' controls are in the page, styled in its first layout, and the
    page makes no request for the runner while it loads (``assets/start.js`` loads it once a reader shows up). In
    the content, not the head, so that every generator gets them, and Material's instant navigation brings them with
    the page. A tree processor, not a postprocessor: Python-Markdown's toc runs the postprocessors over each heading
    too."""

    def __init__(self, md, extension: SnippetExtension, processor: SnippetProcessor):
        super().__init__(md)
        self.extension = extension
        self.processor = processor

    def run(self, root: ElementTree.Element) -> None:
        extension = self.extension
        if not (self.processor.runnable and extension.options.run_in_browser):
            return
        page_url = extension.current_page_url(self.md)
        pyodide_url = extension.options.pyodide_url or relative_url(SITE_PYODIDE + "/", page_url)
        style = ElementTree.Element("style", {"data-live-snippets": ""})
        style.text = inline_styles()
        style.tail = "\n"
        root.insert(0, style)
        if len(root):
            root[-1].tail = (root[-1].tail or "").rstrip("\n") + "\n"
        script = ElementTree.SubElement(root, "script", {
            "data-runner": relative_url(f"{SITE_ASSETS}/runner.js", page_url),
            "data-pyodide-url": pyodide_url,
            "data-service-worker": relative_url(service_worker.SITE_PATH, page_url),
        })
        script.text = start_script()
        script.tail = "\n"


class SnippetExtension(Extension):
    """``::: snippet PATH [predict]`` directives: see this module's docstring.

    Beyond OPTIONS, for the code that hosts it: ``page_url`` (set by the MkDocs plugin before each page; else the
    generator's page context is read, else the page is taken to be at the site's root), ``on_found`` (called with
    each Found; with ``render=False`` nothing is rendered, for tools that only list directives), ``error``
    (the exception type a bad directive raises, with the page named)."""

    def __init__(self, *, options: Options | None = None, base: Path | None = None, on_found=None,
                 render: bool = True, error: type[Exception] = SnippetError, **values):
        super().__init__()
        self.options = options or Options(values, base)
        self.on_found: Callable[[Found], None] | None = on_found
        self.render = render
        self.error = error
        self.page_url: str | None = None
        self.page_name: str | None = None
        self._assets_written: Path | None = None

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        # The state of a conversion is kept by the processors, one set per Markdown instance: a generator may
        # share this extension between instances (and threads).
        md.registerExtension(self)
        processor = SnippetProcessor(md.parser, self)
        # After indented code (80), so that an indented directive outside a container stays code; before tables (75).
        md.parser.blockprocessors.register(processor, "live_snippet", 77)
        md.preprocessors.register(StartOfConversion(md, processor), "live_snippets_start", 1000)
        # After the headings' ids and the table of contents (toc: 5), which should not see it.
        md.treeprocessors.register(RunnerScript(md, self, processor), "live_snippets_runner", 1)

    def directive(self, line: str, processor: SnippetProcessor) -> str | None:
        """The Markdown a directive line stands for (None when not rendering); raises self.error when it is bad."""
        try:
            snippet = parse_directive(line, self.options.root)
        except SnippetError as error:
            if self.on_found:
                self.on_found(Found(line, None, error))
            if not self.render:
                return None
            page = self.page_name or getattr(_generator_page(processor.parser.md), "path", None) or "page"
            raise self.error(f"{page}: {error}") from error
        if self.on_found:
            self.on_found(Found(line, snippet, None))
        if not self.render:
            return None
        local_only = snippet.local_only or self.options.marked_local_only(snippet)
        processor.count += 1
        if not local_only:
            processor.runnable = True
            self._write_assets_without_plugin(processor.parser.md)
        controls_id = f"live-snippet-{processor.count}" if self.options.run_in_browser else None
        return render(snippet, self.options.marked_local_only(snippet), controls_id)

    def current_page_url(self, md: Markdown) -> str:
        if self.page_url is not None:
            return self.page_url
        context = _generator_page(md)
        return getattr(context, "url", "") or "" if context is not None else ""

    def _write_assets_without_plugin(self, md: Markdown) -> None:
        """Under a generator without the MkDocs plugin: write the runner's files into its site folder, once."""
        if self.page_url is not None:  # the MkDocs plugin registers them as the build's files
            return
        site_dir = self.options.site_dir
        if site_dir is None:
            context = _generator_context(md)
            config = getattr(context, "config", None) or {}
            site_dir = Path(config["site_dir"]).resolve() if config.get("site_dir") else None
        if site_dir is None or self._assets_written == site_dir:
            return
        self.options.check()
        write_assets(self.options, site_dir)
        self._assets_written = site_dir


def parse_directive(line: str, root: Path) -> Snippet:
    """The snippet a line the parser took for a directive names; SnippetError when the line is malformed or the
    snippet unusable."""
    snippet = Snippet.from_directive(line.strip(), root)
    if snippet is None:
        raise SnippetError(f"{line.strip()!r}: a directive reads `::: snippet PATH [predict]`, on a line of its own")
    return snippet


def _generator_context(md: Markdown):
    """The rendering context a generator registers with Python-Markdown (Zensical: a preprocessor
    'rendering_context' with .page and .config); None elsewhere. The one place that reads it."""
    if "rendering_context" in md.preprocessors:
        return md.preprocessors["rendering_context"]
    return None


def _generator_page(md: Markdown):
    context = _generator_context(md)
    return getattr(context, "page", None)


def find_snippets(markdown: str, root: Path, extensions=(), extension_configs=None) -> list[Found]:
    """Every directive of a page, in order, as the site's parser finds it (extensions: the site's other Markdown
    extensions, so that containers and fences are read as the build reads them). Renders nothing."""
    found: list[Found] = []
    extension = SnippetExtension(snippets_dir=str(root), run_in_browser=False, on_found=found.append, render=False)
    Markdown(extensions=[*extensions, extension], extension_configs=extension_configs or {}).convert(markdown)
    return found


def makeExtension(**kwargs) -> SnippetExtension:  # noqa: N802 - Python-Markdown's name
    return SnippetExtension(**kwargs)
