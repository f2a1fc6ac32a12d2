// Syntax highlighting for the editor: Pygments' class names, so Material's colours apply to edited code too.

const KEYWORDS = new Set(
  "and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield".split(" "),
);
const WORD_OPERATORS = new Set(["and", "in", "is", "not", "or"]);
const CONSTANTS = new Set(["True", "False", "None"]);
const BUILTINS = new Set(
  "abs aiter all anext any ascii bin bool breakpoint bytearray bytes callable chr classmethod compile complex dict dir divmod enumerate eval exec filter float format frozenset getattr globals hasattr hash help hex id input int isinstance issubclass iter len list locals map max memoryview min next object oct open ord pow print property range repr reversed round set setattr slice sorted staticmethod str sum super tuple type vars zip __import__ BaseException Exception ArithmeticError AssertionError AttributeError BaseExceptionGroup ExceptionGroup EOFError ImportError IndexError KeyError KeyboardInterrupt LookupError MemoryError NameError NotImplementedError OSError RecursionError RuntimeError StopIteration StopAsyncIteration SyntaxError SystemExit TimeoutError TypeError ValueError ZeroDivisionError DeprecationWarning RuntimeWarning UserWarning Warning".split(" "),
);
const TOKENS = new RegExp(
  [
    /(?<comment>#.*)/,
    /(?<string>(?:(?<![\p{L}\p{N}_])[rRbBuUfFtT]{1,2})?(?:"""[\s\S]*?(?:"""|$(?![\s\S]))|'''[\s\S]*?(?:'''|$(?![\s\S]))|"(?:\\.|[^"\\\n])*"?|'(?:\\.|[^'\\\n])*'?))/,
    /(?<decorator>^[ \t]*@[\p{L}_][\p{L}\p{N}_.]*)/,
    /(?<name>[\p{L}_][\p{L}\p{N}_]*)/,
    /(?<number>\b(?:0[xXoObB][\da-fA-F_]+|\d[\d_]*\.?[\d_]*(?:[eE][+-]?\d+)?j?|\.\d[\d_]*(?:[eE][+-]?\d+)?j?))/,
    /(?<operator>[-+*/%=<>!&|^~@:.]+)/,
    /(?<punctuation>[()[\]{},;])/,
  ]
    .map((part) => part.source)
    .join("|"),
  "gmu",
);

export function escapeHtml(text) {
  return text.replace(/[&<>]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;" })[c]);
}

export function highlight(code) {
  // One span per line, as Pygments' line spans (Material lays code out as a grid of lines).
  const lines = [""];
  const add = (text, css) => {
    text.split("\n").forEach((piece, index) => {
      if (index) lines.push("");
      if (piece) lines[lines.length - 1] += css ? `<span class="${css}">${escapeHtml(piece)}</span>` : escapeHtml(piece);
    });
  };
  let last = 0;
  let previous = "";
  for (const match of code.matchAll(TOKENS)) {
    const [text] = match;
    const kind = Object.keys(match.groups).find((key) => match.groups[key] !== undefined);
    let css = { comment: "c1", string: "s2", decorator: "nd", number: "mi", operator: "o", punctuation: "p" }[kind];
    if (kind === "name") {
      if (previous === "def") css = "nf";
      else if (previous === "class") css = "nc";
      else if (CONSTANTS.has(text)) css = "kc";
      else if (WORD_OPERATORS.has(text)) css = "ow";
      else if (text === "import" || text === "from") css = "kn";
      else if (KEYWORDS.has(text)) css = "k";
      else if (BUILTINS.has(text)) css = "nb";
      else if (text === "self" || text === "cls") css = "bp";
      else css = "n";
      previous = text;
    } else {
      previous = "";
    }
    add(code.slice(last, match.index), null);
    add(text, css);
    last = match.index + text.length;
  }
  add(code.slice(last), null);
  return lines.map((line) => `<span>${line}\n</span>`).join("");
}
