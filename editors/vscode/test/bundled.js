// Every line of every bundled roadmap and status file (roadmaps/ at the top
// of the repository) is coloured as what it is: its key or declaration is
// known to the grammar (no `invalid.illegal` scope anywhere), so a keyword
// the language gained and the grammar did not is caught here.
"use strict";

const fs = require("fs");
const path = require("path");
const vsctm = require("vscode-textmate");
const oniguruma = require("vscode-oniguruma");

const here = __dirname;
const grammars = {
  "source.roadmap": path.join(here, "..", "syntaxes", "roadmap.tmLanguage.json"),
  "source.roadmap-status": path.join(here, "..", "syntaxes", "status.tmLanguage.json"),
};

function files(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return files(full);
    return /\.(roadmap|status)$/.test(entry.name) ? [full] : [];
  });
}

async function main() {
  const wasm = fs.readFileSync(require.resolve("vscode-oniguruma/release/onig.wasm")).buffer;
  await oniguruma.loadWASM(wasm);
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
      createOnigString: (s) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (scope) =>
      grammars[scope]
        ? vsctm.parseRawGrammar(fs.readFileSync(grammars[scope], "utf8"), grammars[scope])
        : null,
  });
  const root = path.resolve(here, "..", "..", "..", "roadmaps");
  const list = files(root);
  if (list.length === 0) throw new Error(`no roadmaps under ${root}`);
  const problems = [];
  let lines = 0;
  for (const file of list) {
    const scope = file.endsWith(".status") ? "source.roadmap-status" : "source.roadmap";
    const grammar = await registry.loadGrammar(scope);
    let state = vsctm.INITIAL;
    fs.readFileSync(file, "utf8")
      .split(/\r?\n/)
      .forEach((line, i) => {
        const result = grammar.tokenizeLine(line, state);
        state = result.ruleStack;
        if (line.trim() === "") return;
        lines += 1;
        const first = result.tokens.find((t) => line.slice(t.startIndex, t.endIndex).trim() !== "");
        const scopes = result.tokens.flatMap((t) => t.scopes);
        const known = first && first.scopes.some((s) => /^(comment|keyword)\./.test(s));
        if (!known || scopes.some((s) => s.startsWith("invalid."))) {
          problems.push(`${path.relative(root, file)}:${i + 1}: ${line}\n    ${first ? first.scopes.join(" ") : "no token"}`);
        }
      });
  }
  if (problems.length > 0) {
    console.error(`lines the grammar does not know:\n${problems.join("\n")}`);
    process.exit(1);
  }
  console.log(`✓ ${list.length} bundled files, ${lines} lines: every key and declaration coloured`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
