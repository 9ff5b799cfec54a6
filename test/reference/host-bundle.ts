// Compiles a TypeScript entry of this folder into one ES module under build/host/, for code
// that must run in another process or worker thread (which cannot load .ts files). Built once
// per process; the write-then-rename makes concurrent builds by parallel test files harmless.
import { mkdirSync, renameSync } from "node:fs";
import path from "node:path";
import { buildSync } from "esbuild";
import { repoRoot } from "./repo-root.ts";

const built = new Map<string, string>();

/** `entry` is a path relative to the repository root; returns the bundle's absolute path. */
export function bundleHostScript(entry: string): string {
  const done = built.get(entry);
  if (done !== undefined) return done;
  const root = repoRoot();
  const outDir = path.join(root, "build", "host");
  mkdirSync(outDir, { recursive: true });
  const out = path.join(outDir, `${entry.replace(/[\\/]/g, "-").replace(/\.ts$/, "")}.mjs`);
  const tmp = `${out}.${process.pid}.tmp`;
  buildSync({
    entryPoints: [path.join(root, entry)],
    outfile: tmp,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    logLevel: "error",
  });
  renameSync(tmp, out);
  built.set(entry, out);
  return out;
}
