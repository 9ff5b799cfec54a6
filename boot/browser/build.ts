// `make browser`: bundles the page and the machine's worker with esbuild into dist/web/, with
// xterm's stylesheet and a default image beside them — no CDN, so the page works offline.
import { build } from "esbuild";
import { copyFileSync, existsSync, mkdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));

export function repoRootFrom(dir: string): string {
  let d = dir;
  while (!existsSync(path.join(d, "package.json"))) {
    const up = path.dirname(d);
    if (up === d) throw new Error("cannot find the repository root (package.json)");
    d = up;
  }
  return d;
}

export interface WebBuild {
  outDir: string;
  bytes: { page: number; worker: number; total: number };
}

/** Bundle into `outDir`; `defaultImage` becomes default.elf, what the page boots with no ?kernel=. */
export async function buildWeb(outDir: string, defaultImage: string): Promise<WebBuild> {
  const root = repoRootFrom(here);
  const src = path.join(root, "boot", "browser");
  mkdirSync(outDir, { recursive: true });
  await build({
    entryPoints: { page: path.join(src, "page.ts"), worker: path.join(src, "worker.ts") },
    outdir: outDir,
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    minify: true,
    sourcemap: true,
    logLevel: "error",
  });
  copyFileSync(path.join(src, "index.html"), path.join(outDir, "index.html"));
  copyFileSync(path.join(src, "style.css"), path.join(outDir, "style.css"));
  copyFileSync(path.join(root, "node_modules", "@xterm", "xterm", "css", "xterm.css"), path.join(outDir, "xterm.css"));
  copyFileSync(defaultImage, path.join(outDir, "default.elf"));
  const size = (f: string) => statSync(path.join(outDir, f)).size;
  const page = size("page.js");
  const worker = size("worker.js");
  const total = ["page.js", "worker.js", "index.html", "style.css", "xterm.css"].reduce((n, f) => n + size(f), 0);
  return { outDir, bytes: { page, worker, total } };
}

export async function main(argv: string[]): Promise<number> {
  const [image, outDir = "dist/web"] = argv;
  if (image === undefined) {
    process.stderr.write("usage: build.ts DEFAULT_IMAGE.elf [OUT_DIR]\n");
    return 2;
  }
  if (!existsSync(image) || readFileSync(image).subarray(0, 4).toString("latin1") !== "\x7fELF") {
    process.stderr.write(`browser build: the default image ${image} is missing or not an ELF file\n`);
    return 2;
  }
  const r = await buildWeb(path.resolve(outDir), image);
  process.stdout.write(`browser: ${outDir}/ (page.js ${r.bytes.page} B, worker.js ${r.bytes.worker} B, ${r.bytes.total} B without the image)\n`);
  return 0;
}
