// The generated TypeScript types: `tsc` type-checks a real preset against them, and the
// `@ts-expect-error` lines prove that values the API rejects are rejected by the types too.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { pkg } from "./helpers.mjs";

test("a typed preset type-checks with tsc", () => {
  const tsc = join(pkg, "node_modules", "typescript", "bin", "tsc");
  try {
    execFileSync(process.execPath, [tsc, "-p", join(pkg, "test", "types", "tsconfig.json")], {
      encoding: "utf8",
    });
  } catch (error) {
    assert.fail(`tsc failed:\n${error.stdout}${error.stderr}`);
  }
});
