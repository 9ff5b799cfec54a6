// Runs a host TypeScript entry point (machine/, boot/, tools/) under Node.
//
// Host code is compiled by esbuild into build/host/ and then imported. esbuild strips types
// only (type checking is `make typecheck`, part of `make test`), bundles the project's own
// modules and leaves npm packages external. The bundle is reused while none of the files it
// was built from (listed beside it) is newer, so a command starts without a rebuild and is
// never stale.
import { fileURLToPath, pathToFileURL } from "node:url";
import path from "node:path";
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

/** True when `outfile` exists and no input its last build read has changed since. */
function upToDate(outfile, inputsFile) {
  try {
    const built = statSync(outfile).mtimeMs;
    const inputs = JSON.parse(readFileSync(inputsFile, "utf8"));
    return inputs.every((f) => statSync(path.join(root, f)).mtimeMs < built);
  } catch {
    return false; // no bundle yet, no input list, or an input was removed
  }
}

/** Publish bytes under `file` by rename, so a concurrent reader never sees a partial file. */
function publish(file, bytes) {
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, bytes);
  renameSync(temp, file);
}

/** Compile `entry` (a path relative to the repository root) if needed, and import it. */
export async function runTs(entry) {
  const name = entry.replace(/[\\/]/g, "_").replace(/\.ts$/, "");
  const outfile = path.join(root, "build", "host", `${name}.mjs`);
  const inputsFile = `${outfile}.inputs.json`;
  if (upToDate(outfile, inputsFile)) return import(pathToFileURL(outfile).href);
  // Built in memory and published by rename: several processes (parallel test files, make
  // targets) may compile the same entry at once, and none may import a half-written file.
  const { build } = await import("esbuild"); // only when a rebuild is needed
  const result = await build({
    entryPoints: [path.join(root, entry)],
    outfile,
    absWorkingDir: root,
    metafile: true,
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
  publish(outfile, result.outputFiles[0].contents);
  // Written after the bundle: a reader that sees this list sees a bundle at least as new.
  publish(inputsFile, JSON.stringify(Object.keys(result.metafile.inputs)));
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
