// The machine runs in a browser Web Worker: machine/ (without the Node-only gdb stub) and
// boot/firmware must bundle for the browser with no Node built-in modules.
import path from "node:path";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../reference/repo-root.ts";

describe("browser bundle", () => {
  it("bundles Machine and the built-in firmware for the browser without Node modules", async () => {
    const result = await build({
      stdin: {
        contents: `export { Machine } from "./machine/machine.ts"; export { multibootFirmware } from "./boot/firmware/index.ts";`,
        resolveDir: repoRoot(),
        loader: "ts",
      },
      bundle: true,
      platform: "browser",
      format: "esm",
      write: false,
      logLevel: "silent",
      metafile: true,
    }).catch((e: { errors?: { text: string }[] }) => ({ failed: (e.errors ?? []).map((x) => x.text) }));
    expect("failed" in result ? result.failed : []).toEqual([]);
    if ("metafile" in result) {
      const inputs = Object.keys(result.metafile!.inputs);
      expect(inputs.filter((f) => f.startsWith("node:") || f.includes("gdbstub"))).toEqual([]);
      expect(inputs).toContain(path.join("machine", "machine.ts"));
    }
  });

  it("keeps machine/ free of boot/ (front ends import the machine, never the reverse)", async () => {
    const result = await build({
      entryPoints: [path.join(repoRoot(), "machine", "machine.ts")],
      bundle: true,
      platform: "browser",
      format: "esm",
      write: false,
      logLevel: "silent",
      metafile: true,
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.filter((f) => f.startsWith("boot/") || f.startsWith("node:"))).toEqual([]);
  });
});
