// Runs a host TypeScript entry point (machine/, boot/, tools/) under Node.
//
// Host code is compiled by esbuild, once per invocation, into build/host/ and then imported.
// esbuild strips types only (type checking is `make typecheck`, part of `make test`), bundles
// the project's own modules and leaves npm packages external, so a rebuild costs tens of
// milliseconds and a bin is never stale.
import { build } from "esbuild";
import { fileURLToPath, pathToFileURL } from "node:url";
import path from "node:path";
import { mkdirSync, renameSync, writeFileSync } from "node:fs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

/** Compile `entry` (a path relative to the repository root) and import it. */
export async function runTs(entry) {
  const name = entry.replace(/[\\/]/g, "_").replace(/\.ts$/, "");
  const outfile = path.join(root, "build", "host", `${name}.mjs`);
  // Built in memory and published by rename: several processes (parallel test files, make
  // targets) may compile the same entry at once, and none may import a half-written file.
  const result = await build({
    entryPoints: [path.join(root, entry)],
    outfile,
    write: false,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    sourcemap: "inline",
    logLevel: "error",
  });
  mkdirSync(path.dirname(outfile), { recursive: true });
  const temp = `${outfile}.${process.pid}.tmp`;
  writeFileSync(temp, result.outputFiles[0].contents);
  renameSync(temp, outfile);
  return import(pathToFileURL(outfile).href);
}

// `node tools/host/run-ts.mjs ENTRY.ts ARGS...` runs ENTRY's `main(args)` and exits with its status.
if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [entry, ...args] = process.argv.slice(2);
  if (entry === undefined) {
    console.error("usage: node tools/host/run-ts.mjs ENTRY.ts [ARGS...]");
    process.exit(2);
  }
  const { main } = await runTs(entry);
  process.exitCode = await main(args);
}
