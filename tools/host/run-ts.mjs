// Runs a host TypeScript entry point (machine/, boot/, tools/) under Node.
//
// Host code is compiled by esbuild, once per invocation, into build/host/ and then imported.
// esbuild strips types only (type checking is `make typecheck`, part of `make test`), bundles
// the project's own modules and leaves npm packages external, so a rebuild costs tens of
// milliseconds and a bin is never stale.
import { build } from "esbuild";
import { fileURLToPath, pathToFileURL } from "node:url";
import path from "node:path";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

/** Compile `entry` (a path relative to the repository root) and import it. */
export async function runTs(entry) {
  const name = entry.replace(/[\\/]/g, "_").replace(/\.ts$/, "");
  const outfile = path.join(root, "build", "host", `${name}.mjs`);
  await build({
    entryPoints: [path.join(root, entry)],
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    sourcemap: "inline",
    logLevel: "error",
  });
  return import(pathToFileURL(outfile).href);
}
