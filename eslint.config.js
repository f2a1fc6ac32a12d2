// ESLint over the runner's browser modules and the Node tests: the recommended rules, with each file's globals.
import js from "@eslint/js";
import globals from "globals";

export default [
  js.configs.recommended,
  {
    files: ["live_snippets/assets/**/*.js"],
    languageOptions: { globals: { ...globals.browser, ...globals.worker } },
  },
  {
    files: ["live_snippets/assets/start.js"], // inlined in the page as a classic script
    languageOptions: { sourceType: "script" },
  },
  {
    files: ["tests/**/*.js", "tests/**/*.mjs", "tests/**/*.cjs", "eslint.config.js"],
    languageOptions: { globals: { ...globals.node } },
  },
  { ignores: ["node_modules/", "site/", ".venv/"] },
];
