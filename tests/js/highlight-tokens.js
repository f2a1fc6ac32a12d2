// For tests/live_snippets/test_highlight.py: reads a JSON list of code strings on stdin and prints, as JSON, the
// editor's tokens ([class, text] pairs) of each.
import { tokens } from "../../live_snippets/assets/highlight.js";

let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => (input += chunk));
process.stdin.on("end", () => process.stdout.write(JSON.stringify(JSON.parse(input).map((code) => tokens(code)))));
