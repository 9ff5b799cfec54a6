// The protocol core must bundle for a browser (served over a WebSocket later): only the TCP
// server and the front-end helper that starts it may import Node modules.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const here = path.dirname(fileURLToPath(import.meta.url));
const NODE_ALLOWED = new Set(["server.ts", "attach.ts"]);

describe("gdbstub layering", () => {
  it("keeps Node modules out of the protocol core", () => {
    const core = readdirSync(here).filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts") && !NODE_ALLOWED.has(f));
    expect(core).toContain("session.ts");
    for (const file of core) {
      const text = readFileSync(path.join(here, file), "utf8");
      const imports = [...text.matchAll(/^import[^;]*?from\s+"([^"]+)"/gms)].map((m) => m[1]!);
      const foreign = imports.filter((spec) => !spec.startsWith("."));
      expect(foreign, `${file} imports ${foreign.join(", ")}`).toEqual([]);
    }
  });
});
