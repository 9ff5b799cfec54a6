// run-ts reuses a bundle only while every file it was built from is older than it.
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { repoRoot } from "../../test/reference/repo-root.ts";

const root = repoRoot();
const dir = path.join(root, "build", "run-ts-test");
const entry = "build/run-ts-test/entry.ts";

function run(): string {
  return execFileSync(process.execPath, [path.join(root, "tools", "host", "run-ts.mjs"), entry], { cwd: root, encoding: "utf8" });
}

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("run-ts", () => {
  it("rebuilds when an imported module changes, and reuses the bundle otherwise", () => {
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, "entry.ts"), `import { word } from "./dep.ts";\nexport async function main(): Promise<number> { process.stdout.write(word + "\\n"); return 0; }\n`);
    writeFileSync(path.join(dir, "dep.ts"), `export const word: string = "first";\n`);
    expect(run()).toBe("first\n");
    expect(run(), "unchanged sources: same bundle, same answer").toBe("first\n");
    writeFileSync(path.join(dir, "dep.ts"), `export const word: string = "second";\n`);
    const later = new Date(Date.now() + 5_000); // newer than the bundle whatever the clock granularity
    utimesSync(path.join(dir, "dep.ts"), later, later);
    expect(run(), "after the imported module changed").toBe("second\n");
  });
});
