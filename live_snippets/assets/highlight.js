// Syntax highlighting for the editor: the rules of Pygments' Python lexer (the one that coloured the page when it
// was built), run by a small regex state machine, and Pygments' short class names, so that Material's colours
// apply to edited code exactly as to the page's code. tests/live_snippets/test_highlight.py compares the tokens
// with Pygments' over every snippet and the constructs listed there.

const NAME = String.raw`[\p{XID_Start}_][\p{XID_Continue}]*`;
const SOFT_KEYWORD_STOPS = "and|as|assert|async|await|break|class|continue|def|del|elif|else|except|finally|for|from|global|if|import|in|is|lambda|nonlocal|not|or|pass|raise|return|try|while|with|yield";

// words(...) of Pygments: longest first, as its optimised expression prefers. The words are separated by "|".
function words(list, prefix = "", suffix = "") {
  const sorted = list.split("|").sort((a, b) => b.length - a.length);
  return `${prefix}(?:${sorted.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|")})${suffix}`;
}

// A rule: [pattern, token class or classes of its groups, next state?, regex flags?]. "" is Pygments' plain Text
// (no span). A next state is a state's name, "#pop", or an array of state names combined into one state (Pygments'
// combined). A string in place of a rule includes that state's rules. A null pattern matches nothing (default).
const QUOTES = [['"""', "s2", "tdq"], ["'''", "s1", "tsq"], ['"', "s2", "dq"], ["'", "s1", "sq"]];
const STRING_PREFIX_RULES = [
  ...QUOTES.map(([quote, cls, s]) => [String.raw`(r[ft]|[ft]r)(${quote})`, ["sa", cls], ["rfstringescape", `${s}f`], "i"]),
  ...QUOTES.map(([quote, cls, s]) => [String.raw`([fFtT])(${quote})`, ["sa", cls], ["fstringescape", `${s}f`]]),
  ...QUOTES.map(([quote, cls, s]) => [String.raw`(rb|br|r)(${quote})`, ["sa", cls], `${s}s`, "i"]),
  ...QUOTES.map(([quote, cls, s]) => [String.raw`([uU]?)(${quote})`, ["sa", cls], ["stringescape", `${s}s`]]),
  ...QUOTES.map(([quote, cls, s]) => [String.raw`([bB])(${quote})`, ["sa", cls], ["bytesescape", `${s}s`]]),
];

const MAGIC_FUNCTIONS = "__abs__|__add__|__aenter__|__aexit__|__aiter__|__and__|__anext__|__await__|__bool__|__bytes__|__call__|__complex__|__contains__|__del__|__delattr__|__delete__|__delitem__|__dir__|__divmod__|__enter__|__eq__|__exit__|__float__|__floordiv__|__format__|__ge__|__get__|__getattr__|__getattribute__|__getitem__|__gt__|__hash__|__iadd__|__iand__|__ifloordiv__|__ilshift__|__imatmul__|__imod__|__imul__|__index__|__init__|__instancecheck__|__int__|__invert__|__ior__|__ipow__|__irshift__|__isub__|__iter__|__itruediv__|__ixor__|__le__|__len__|__length_hint__|__lshift__|__lt__|__matmul__|__missing__|__mod__|__mul__|__ne__|__neg__|__new__|__next__|__or__|__pos__|__pow__|__prepare__|__radd__|__rand__|__rdivmod__|__repr__|__reversed__|__rfloordiv__|__rlshift__|__rmatmul__|__rmod__|__rmul__|__ror__|__round__|__rpow__|__rrshift__|__rshift__|__rsub__|__rtruediv__|__rxor__|__set__|__setattr__|__setitem__|__str__|__sub__|__subclasscheck__|__truediv__|__xor__";
const MAGIC_VARIABLES = "__annotations__|__bases__|__class__|__closure__|__code__|__defaults__|__dict__|__doc__|__file__|__func__|__globals__|__kwdefaults__|__module__|__mro__|__name__|__objclass__|__qualname__|__self__|__slots__|__weakref__";
const BUILTINS = "__import__|abs|aiter|all|any|bin|bool|bytearray|breakpoint|bytes|callable|chr|classmethod|compile|complex|delattr|dict|dir|divmod|enumerate|eval|filter|float|format|frozendict|frozenset|getattr|globals|hasattr|hash|hex|id|input|int|isinstance|issubclass|iter|len|list|locals|map|max|memoryview|min|next|object|oct|open|ord|pow|print|property|range|repr|reversed|round|sentinel|set|setattr|slice|sorted|staticmethod|str|sum|super|tuple|type|vars|zip";
const EXCEPTIONS = "ArithmeticError|AssertionError|AttributeError|BaseException|BufferError|BytesWarning|DeprecationWarning|EOFError|EnvironmentError|Exception|FloatingPointError|FutureWarning|GeneratorExit|IOError|ImportError|ImportWarning|IndentationError|IndexError|KeyError|KeyboardInterrupt|LookupError|MemoryError|NameError|NotImplementedError|OSError|OverflowError|PendingDeprecationWarning|ReferenceError|ResourceWarning|RuntimeError|RuntimeWarning|StopIteration|SyntaxError|SyntaxWarning|SystemError|SystemExit|TabError|TypeError|UnboundLocalError|UnicodeDecodeError|UnicodeEncodeError|UnicodeError|UnicodeTranslateError|UnicodeWarning|UserWarning|ValueError|VMSError|Warning|WindowsError|ZeroDivisionError|BlockingIOError|ChildProcessError|ConnectionError|BrokenPipeError|ConnectionAbortedError|ConnectionRefusedError|ConnectionResetError|FileExistsError|FileNotFoundError|InterruptedError|IsADirectoryError|NotADirectoryError|PermissionError|ProcessLookupError|TimeoutError|StopAsyncIteration|ModuleNotFoundError|RecursionError|EncodingWarning";

const innerStringRules = (cls) => [
  [String.raw`%(\([\p{L}\p{N}_]+\))?[-#0 +]*([0-9]+|[*])?(\.([0-9]+|[*]))?[hlL]?[E-GXc-giorsaux%]`, "si"],
  [String.raw`\{(([\p{L}\p{N}_]+)((\.[\p{L}\p{N}_]+)|(\[[^\]]+\]))*)?(!(?:[sra]))?(:(.?[<>=^])?[-+ ]?#?0?(\d+)?,?(\.\d+)?[E-GXb-gnosx%]?)?\}`, "si"],
  [String.raw`[^\\'"%{\n]+`, cls],
  [String.raw`['"\\]`, cls],
  [String.raw`%|(\{{1,2})`, cls],
];
const fstringRules = (cls) => [
  [String.raw`\}`, "si"],
  [String.raw`\{`, "si", "expr-inside-fstring"],
  [String.raw`[^\\'"{}\n]+`, cls],
  [String.raw`['"\\]`, cls],
];

const RULES = {
  root: [
    [String.raw`\n`, "w"],
    [String.raw`^(\s*)([rRuUbB]{0,2})("""[\s\S]*?""")`, ["w", "sa", "sd"]],
    [String.raw`^(\s*)([rRuUbB]{0,2})('''[\s\S]*?''')`, ["w", "sa", "sd"]],
    [String.raw`(?<![\s\S])#!.+$`, "ch"],
    [String.raw`#.*$`, "c1"],
    [String.raw`\\\n`, ""],
    [String.raw`\\`, ""],
    "keywords",
    "soft-keywords",
    [String.raw`(def)((?:\s|\\\s)+)`, ["k", "w"], "funcname"],
    [String.raw`(class)((?:\s|\\\s)+)`, ["k", "w"], "classname"],
    [String.raw`^(lazy)((?:\s|\\\s)+)(from)((?:\s|\\\s)+)`, ["kn", "w", "kn", "w"], "fromimport"],
    [String.raw`^(lazy)((?:\s|\\\s)+)(import)((?:\s|\\\s)+)`, ["kn", "w", "kn", "w"], "import"],
    [String.raw`(from)((?:\s|\\\s)+)`, ["kn", "w"], "fromimport"],
    [String.raw`(import)((?:\s|\\\s)+)`, ["kn", "w"], "import"],
    "expr",
  ],
  expr: [
    ...STRING_PREFIX_RULES,
    [String.raw`[^\S\n]+`, ""],
    "numbers",
    [String.raw`!=|==|<<|>>|:=|[-~+/*%=<>&^|.]`, "o"],
    [String.raw`[\]{}:(),;[]`, "p"],
    [String.raw`(in|is|and|or|not)\b`, "ow"],
    "expr-keywords",
    "builtins",
    "magicfuncs",
    "magicvars",
    "name",
  ],
  "expr-inside-fstring": [
    [String.raw`[{([]`, "p", "expr-inside-fstring-inner"],
    [String.raw`(=\s*)?(!(?:[sraf]))?\}`, "si", "#pop"],
    [String.raw`(=\s*)?(!(?:[sraf]))?:`, "si", "#pop"],
    [String.raw`\s+`, "w"],
    "expr",
  ],
  "expr-inside-fstring-inner": [
    [String.raw`[{([]`, "p", "expr-inside-fstring-inner"],
    [String.raw`[\])}]`, "p", "#pop"],
    [String.raw`\s+`, "w"],
    "expr",
  ],
  "expr-keywords": [
    [words("async for|await|else|for|if|lambda|yield|yield from", "", String.raw`\b`), "k"],
    [words("True|False|None", "", String.raw`\b`), "kc"],
  ],
  keywords: [
    [words("assert|async|await|break|continue|del|elif|else|except|finally|for|global|if|lambda|pass|raise|nonlocal|return|try|while|yield|yield from|as|with", "", String.raw`\b`), "k"],
    [words("True|False|None", "", String.raw`\b`), "kc"],
  ],
  "soft-keywords": [
    [String.raw`(^[ \t]*)(match|case)\b(?![ \t]*(?:[:,;=^&|@~)\]}]|(?:${SOFT_KEYWORD_STOPS})\b))`, ["", "k"], "soft-keywords-inner"],
  ],
  "soft-keywords-inner": [
    [String.raw`(\s+)([^\n_]*)(_\b)`, ["w", "root", "k"]], // the middle group lexed from root: Pygments' using(this)
    [null, null, "#pop"],
  ],
  builtins: [
    [words(BUILTINS, "(?<!\\.)", String.raw`\b`), "nb"],
    [String.raw`(?<!\.)(self|Ellipsis|NotImplemented|cls)\b`, "bp"],
    [words(EXCEPTIONS, "(?<!\\.)", String.raw`\b`), "ne"],
  ],
  magicfuncs: [[words(MAGIC_FUNCTIONS, "", String.raw`\b`), "fm"]],
  magicvars: [[words(MAGIC_VARIABLES, "", String.raw`\b`), "vm"]],
  numbers: [
    [String.raw`(\d(?:_?\d)*\.(?:\d(?:_?\d)*)?|(?:\d(?:_?\d)*)?\.\d(?:_?\d)*)([eE][+-]?\d(?:_?\d)*)?`, "mf"],
    [String.raw`\d(?:_?\d)*[eE][+-]?\d(?:_?\d)*j?`, "mf"],
    [String.raw`0[oO](?:_?[0-7])+`, "mo"],
    [String.raw`0[bB](?:_?[01])+`, "mb"],
    [String.raw`0[xX](?:_?[a-fA-F0-9])+`, "mh"],
    [String.raw`\d(?:_?\d)*`, "mi"],
  ],
  name: [
    ["@" + NAME, "nd"],
    ["@", "o"],
    [NAME, "n"],
  ],
  funcname: ["magicfuncs", [NAME, "nf", "#pop"], [null, null, "#pop"]],
  classname: [[NAME, "nc", "#pop"]],
  import: [
    [String.raw`(\s+)(as)(\s+)`, ["w", "k", "w"]],
    [String.raw`\.`, "nn"],
    [NAME, "nn"],
    [String.raw`(\s*)(,)(\s*)`, ["w", "o", "w"]],
    [null, null, "#pop"],
  ],
  fromimport: [
    [String.raw`(\s+)(import)\b`, ["w", "kn"], "#pop"],
    [String.raw`\.`, "nn"],
    [String.raw`None\b`, "kc", "#pop"],
    [NAME, "nn"],
    [null, null, "#pop"],
  ],
  rfstringescape: [
    [String.raw`\{\{`, "se"],
    [String.raw`\}\}`, "se"],
  ],
  fstringescape: ["rfstringescape", "stringescape"],
  bytesescape: [[String.raw`\\([\\abfnrtv"']|\n|x[a-fA-F0-9]{2}|[0-7]{1,3})`, "se"]],
  stringescape: [[String.raw`\\(N\{.*?\}|u[a-fA-F0-9]{4}|U[a-fA-F0-9]{8})`, "se"], "bytesescape"],
  "fstrings-single": fstringRules("s1"),
  "fstrings-double": fstringRules("s2"),
  "strings-single": innerStringRules("s1"),
  "strings-double": innerStringRules("s2"),
  dqf: [['"', "s2", "#pop"], [String.raw`\\\\|\\"|\\\n`, "se"], "fstrings-double"],
  sqf: [["'", "s1", "#pop"], [String.raw`\\\\|\\'|\\\n`, "se"], "fstrings-single"],
  dqs: [['"', "s2", "#pop"], [String.raw`\\\\|\\"|\\\n`, "se"], "strings-double"],
  sqs: [["'", "s1", "#pop"], [String.raw`\\\\|\\'|\\\n`, "se"], "strings-single"],
  tdqf: [['"""', "s2", "#pop"], "fstrings-double", [String.raw`\n`, "s2"]],
  tsqf: [["'''", "s1", "#pop"], "fstrings-single", [String.raw`\n`, "s1"]],
  tdqs: [['"""', "s2", "#pop"], "strings-double", [String.raw`\n`, "s2"]],
  tsqs: [["'''", "s1", "#pop"], "strings-single", [String.raw`\n`, "s1"]],
};

// Each state's rules with includes expanded and patterns compiled (sticky: a rule matches at the position only).
const compiled = new Map();
function state(name) {
  const key = Array.isArray(name) ? name.join("+") : name;
  if (!compiled.has(key)) {
    const rules = [];
    const expand = (entries) => {
      for (const entry of entries) {
        if (typeof entry === "string") expand(RULES[entry]);
        else {
          const [pattern, action, next, flags = ""] = entry;
          rules.push({ regex: pattern === null ? null : new RegExp(pattern, `muy${flags}`), action, next });
        }
      }
    };
    for (const part of Array.isArray(name) ? name : [name]) expand(RULES[part]);
    compiled.set(key, rules);
  }
  return compiled.get(key);
}

// Pygments' RegexLexer: (class, text) tokens of code, lexed from the given state stack.
function lex(code, emit, stack = ["root"]) {
  let position = 0;
  while (position < code.length) {
    let matched = false;
    for (const { regex, action, next } of state(stack[stack.length - 1])) {
      let match = null;
      if (regex) {
        regex.lastIndex = position;
        match = regex.exec(code);
        if (!match) continue;
      }
      if (match) {
        if (typeof action === "string") emit(action, match[0]);
        else {
          action.forEach((cls, index) => {
            const text = match[index + 1];
            if (!text) return;
            if (cls === "root") lex(text, emit);
            else emit(cls, text);
          });
        }
        position += match[0].length;
      }
      if (next === "#pop") {
        if (stack.length > 1) stack.pop();
      } else if (next) stack.push(next);
      matched = true;
      break;
    }
    if (matched) continue;
    if (code[position] === "\n") {
      stack.length = 1;
      stack[0] = "root";
      emit("w", "\n");
    } else emit("err", code[position]);
    position += 1;
  }
}

// The tokens of code as [class, text] pairs, neighbours of one class merged (as Pygments' HTML formatter writes them).
export function tokens(code) {
  const result = [];
  lex(code, (cls, text) => {
    const last = result[result.length - 1];
    if (last && last[0] === cls) last[1] += text;
    else result.push([cls, text]);
  });
  return result;
}

export function escapeHtml(text) {
  return text.replace(/[&<>]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;" })[c]);
}

// One span per line, as Pygments' line spans (Material lays code out as lines, and the line numbers count them).
export function highlight(code) {
  const lines = [""];
  for (const [cls, text] of tokens(code)) {
    text.split("\n").forEach((piece, index) => {
      if (index) lines.push("");
      if (piece) lines[lines.length - 1] += cls ? `<span class="${cls}">${escapeHtml(piece)}</span>` : escapeHtml(piece);
    });
  }
  return lines.map((line) => `<span>${line}\n</span>`).join("");
}
