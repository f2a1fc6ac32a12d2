"""Driving the in-browser runner through its DOM contract (live_snippets/DOM-CONTRACT.md).

A `LiveSnippet` wraps one enhanced `div.snippet`: fill its editor, press Run, wait for the run to end, read what
its output panel shows. Waits are done in the page (a MutationObserver on `data-state`), so a run that starts and
ends between two polls is still seen.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from playwright.sync_api import Locator, Page

from live_snippets.plugin import CONTRACT

BUSY_STATES = ("loading", "running")
END_STATES = tuple(CONTRACT["endStates"])
ENHANCE_TIMEOUT_MS = 15_000
# Loading Python takes ~2.5 s on an idle 2-core machine; the test suite runs 4 processes and several browsers at once.
RUN_TIMEOUT_MS = 90_000

_WATCH_NEXT_RUN = """(el) => {
    el.__testRunEnd = null;
    el.__testRunObserver?.disconnect();
    const busy = %s, end = %s;
    let started = busy.includes(el.dataset.state);
    const observer = new MutationObserver((records) => {
        if (records.some((r) => busy.includes(r.oldValue)) || busy.includes(el.dataset.state)) started = true;
        if (started && end.includes(el.dataset.state)) {
            observer.disconnect();
            el.__testRunEnd = el.dataset.state;
        }
    });
    observer.observe(el, {attributes: true, attributeFilter: ["data-state"], attributeOldValue: true});
    el.__testRunObserver = observer;
}""" % (list(BUSY_STATES), list(END_STATES))

# A button that just scrolled into view can still move: the blocks around it render then (content-visibility), and a
# click whose press and release land on different spots is lost. Wait until it holds still for three frames.
_SETTLE = """async (button) => {
    button.scrollIntoView({block: "nearest"});
    const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
    let last = "", still = 0;
    for (let i = 0; i < 120 && still < 3; i++) {
        await frame();
        const box = button.getBoundingClientRect();
        const now = `${box.x},${box.y},${box.width},${box.height}`;
        still = now === last ? still + 1 : 0;
        last = now;
    }
}"""

_LINES = """(el) => [...el.querySelectorAll(".snippet-live-output .snippet-line")].map((line) => ({
    kind: ["snippet-stdout", "snippet-stderr", "snippet-note"].find((c) => line.classList.contains(c)) || "",
    time: line.querySelector(".snippet-time")?.textContent ?? null,
    text: line.querySelector(".snippet-text")?.textContent ?? line.textContent,
}))"""


@dataclass(frozen=True)
class Line:
    kind: str  # "snippet-stdout", "snippet-stderr" or "snippet-note"
    time: str | None  # the elapsed-time gutter, e.g. "1.00"
    text: str


def wait_for_enhancement(page: Page) -> None:
    """Wait until the runner has enhanced every div.snippet on the page (each has a data-state), after a sign of a
    reader (the pointer moves), which its modules wait for."""
    page.wait_for_selector("div.snippet", state="attached", timeout=ENHANCE_TIMEOUT_MS)
    page.mouse.move(2, 2)
    page.mouse.move(1, 1)
    try:
        page.wait_for_function(
            "() => [...document.querySelectorAll('div.snippet')].every((el) => el.dataset.state)",
            timeout=ENHANCE_TIMEOUT_MS,
        )
    except Exception as error:
        raise AssertionError("the runner did not enhance the page: some div.snippet has no data-state") from error


_FOLLOW_LINK = """(url) => {
    window.__testSameDocument = true;
    document.querySelector(".md-container").__testReplaced = true;
    const link = Object.assign(document.createElement("a"), {href: url});
    document.body.append(link);
    link.click();
    link.remove();
}"""


def visit(page: Page, url: str) -> list[LiveSnippet]:
    """Open url in page as a reader would: the first time by loading it, then by following a link to it, which
    Material's instant navigation turns into a content swap that keeps the runner, and Python, loaded. Tests that
    visit many pages share one Python this way, instead of loading it once a page (about 3 s each). The swap must
    happen: a full page load here fails, as it would cost every reader a new Python (the site must be built for the
    address it is served at: see built_site)."""
    if urlsplit(page.url)[:2] != urlsplit(url)[:2]:  # another origin, or about:blank
        page.goto(url)
    elif page.url != url:
        page.evaluate(_FOLLOW_LINK, url)
        page.wait_for_function(
            # navigation.tracking may add the section in view to the URL as soon as the page is in
            "(url) => location.href.split('#')[0] === url && !document.querySelector('.md-container').__testReplaced",
            arg=url,
        )
        assert page.evaluate("window.__testSameDocument === true"), f"following a link to {url} loaded a new page"
    return snippets_on(page)


def click_when_still(button: Locator, where: str) -> None:
    """Click a button as a reader does, once it holds still; fails at once if the click did not reach it."""
    button.evaluate(_SETTLE)
    button.evaluate("(b) => { b.__testClicked = false; b.addEventListener('click', () => (b.__testClicked = true), {once: true}); }")
    button.click()
    if not button.evaluate("(b) => b.__testClicked"):
        raise AssertionError(f"{where}: the click on {button.text_content()!r} did not reach the button")


def snippets_on(page: Page) -> list[LiveSnippet]:
    wait_for_enhancement(page)
    return [LiveSnippet(page, page.locator("div.snippet").nth(i)) for i in range(page.locator("div.snippet").count())]


def runnable_snippets(page: Page) -> list[LiveSnippet]:
    return [snippet for snippet in snippets_on(page) if snippet.local_only is None]


class LiveSnippet:
    def __init__(self, page: Page, root: Locator):
        self.page = page
        self.root = root
        self.run_button = root.locator("button.snippet-run")
        self.stop_button = root.locator("button.snippet-stop")
        self.reset_button = root.locator("button.snippet-reset")
        self.retry_button = root.locator("button.snippet-retry")
        self.editor = root.locator(".snippet-editor")
        self.status = root.locator(".snippet-status")
        self.panel = root.locator(".snippet-live-output")

    def __repr__(self) -> str:
        return f"<LiveSnippet {self.path}>"

    @property
    def path(self) -> str:
        return self.root.get_attribute("data-snippet")

    @property
    def file_name(self) -> str:
        return self.path.rsplit("/", 1)[-1]

    @property
    def command(self) -> str:
        return self.root.get_attribute("data-command")

    @property
    def local_only(self) -> str | None:
        return self.root.get_attribute("data-local-only")

    @property
    def state(self) -> str | None:
        return self.root.get_attribute("data-state")

    @property
    def code(self) -> str:
        self.show_editor()
        return self.editor.input_value()

    def set_code(self, code: str) -> None:
        self.show_editor()
        self.editor.fill(code)

    def show_editor(self) -> None:
        """The runner builds a snippet's editor when the snippet nears the viewport: scroll to it first."""
        if not self.editor.count():
            self.open_enclosing_blocks()
            self.root.scroll_into_view_if_needed()

    def watch_next_run(self) -> None:
        """Arm a watcher that notes the end of the next run (a busy state followed by an end state)."""
        self.root.evaluate(_WATCH_NEXT_RUN)

    def start(self, code: str | None = None) -> None:
        """Run the snippet (after replacing its code, if given) without waiting for the end."""
        self.open_enclosing_blocks()
        if code is not None:
            self.set_code(code)
        self.watch_next_run()
        click_when_still(self.run_button, self.path)

    def open_enclosing_blocks(self) -> None:
        """Open the collapsed blocks (details, such as an exercise's solution) around the snippet, as a reader does."""
        self.root.evaluate("(el) => { for (let d = el.closest('details'); d; d = d.parentElement.closest('details')) d.open = true; }")

    def wait_until_done(self, timeout_ms: float = RUN_TIMEOUT_MS) -> str:
        """Wait for the watched run to end; returns the end state."""
        try:
            handle = self.page.wait_for_function(
                "(el) => el.__testRunEnd", arg=self.root.element_handle(), timeout=timeout_ms, polling=50,
            )
        except Exception as error:
            raise AssertionError(
                f"{self.path}: the run did not end within {timeout_ms / 1000:.0f} s; state {self.state!r}, "
                f"status {self.status_text()!r}, output so far:\n{self.output()}"
            ) from error
        return handle.json_value()

    def run(self, code: str | None = None, timeout_ms: float = RUN_TIMEOUT_MS) -> str:
        """Run to the end; returns the output text (stdout and stderr lines joined with newlines)."""
        self.start(code)
        self.wait_until_done(timeout_ms)
        return self.output()

    def lines(self) -> list[Line]:
        return [Line(**line) for line in self.root.evaluate(_LINES)]

    def output(self) -> str:
        """What the run printed, as the contract defines it: stdout and stderr line texts joined with newlines."""
        return "\n".join(line.text for line in self.lines() if line.kind in ("snippet-stdout", "snippet-stderr"))

    def wait_for_output(self, text: str, timeout_ms: float = RUN_TIMEOUT_MS) -> None:
        """Wait until a stdout/stderr line containing text is shown."""
        self.page.wait_for_function(
            """([el, text]) => [...el.querySelectorAll(".snippet-live-output .snippet-text")]
                .some((span) => span.textContent.includes(text))""",
            arg=[self.root.element_handle(), text], timeout=timeout_ms, polling=50,
        )

    def status_text(self) -> str:
        return self.status.text_content() if self.status.count() else ""
