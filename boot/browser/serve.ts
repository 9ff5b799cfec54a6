// `make serve`: serves dist/web/ on 127.0.0.1 only, and prints the address to open.
import { createServer, type Server } from "node:http";
import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".map": "application/json",
  ".elf": "application/octet-stream",
};

/** Serve `dir` on 127.0.0.1:`port` (0 = any free port); resolves with the server and its URL. */
export function serveDirectory(dir: string, port: number): Promise<{ server: Server; url: string }> {
  const root = path.resolve(dir);
  const server = createServer((req, res) => {
    const urlPath = decodeURIComponent(new URL(req.url ?? "/", "http://localhost").pathname);
    const file = path.join(root, urlPath === "/" ? "index.html" : urlPath);
    // Never serve anything outside the directory (../ in the address).
    if (!file.startsWith(root + path.sep) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { "content-type": "text/plain" }).end(`not found: ${urlPath}\n`);
      return;
    }
    res.writeHead(200, { "content-type": TYPES[path.extname(file)] ?? "application/octet-stream", "cache-control": "no-store" });
    res.end(readFileSync(file));
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      const a = server.address();
      const p = typeof a === "object" && a !== null ? a.port : port;
      resolve({ server, url: `http://127.0.0.1:${p}/` });
    });
  });
}

export async function main(argv: string[]): Promise<number> {
  const [dir = "dist/web", portText = "8086"] = argv;
  if (!existsSync(path.join(dir, "index.html"))) {
    process.stderr.write(`serve: ${dir}/index.html does not exist; run \`make browser\` first\n`);
    return 2;
  }
  const port = Number(portText);
  try {
    const { url } = await serveDirectory(dir, port);
    process.stdout.write(`Damselfly is served at ${url} (Ctrl-C stops)\n`);
  } catch (e) {
    process.stderr.write(`serve: cannot listen on 127.0.0.1:${port}: ${(e as Error).message}\n`);
    return 1;
  }
  return new Promise<number>(() => {}); // serve until interrupted
}
