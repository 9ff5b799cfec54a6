// The tsk command line, run in-process: exit statuses and what goes to stdout/stderr.
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { main } from "./cli.ts";

const corpus = path.join(process.cwd(), "tools", "tsk", "test", "corpus");
const errors = path.join(process.cwd(), "tools", "tsk", "test", "errors");

async function run(args: string[]): Promise<{ status: number; out: string; err: string }> {
  let out = "", err = "";
  const text = (c: unknown) => (typeof c === "string" ? c : new TextDecoder().decode(c as Uint8Array));
  vi.spyOn(process.stdout, "write").mockImplementation((c: unknown) => { out += text(c); return true; });
  vi.spyOn(process.stderr, "write").mockImplementation((c: unknown) => { err += text(c); return true; });
  const status = await main(args);
  vi.restoreAllMocks();
  return { status, out, err };
}

describe("tsk CLI", () => {
  afterEach(() => vi.restoreAllMocks());

  it("--help prints the usage and exits 0", async () => {
    const r = await run(["--help"]);
    expect(r.status).toBe(0);
    expect(r.out).toContain("--emit=kbc");
  });

  it("--emit=kbc prints the module in the text format", async () => {
    const r = await run(["--emit=kbc", path.join(corpus, "rec-fib.kts.ts")]);
    expect(r.status, r.err).toBe(0);
    expect(r.out).toMatch(/^func fib\(i32 %0\) -> i32/m);
    expect(r.out).toContain("call fib");
  });

  it("--run-kbc prints the program's output and exits with main's value", async () => {
    const r = await run(["--run-kbc", path.join(corpus, "cf-exit-value.kts.ts")]);
    expect(r.out).toBe("exiting with 42\n");
    expect(r.status).toBe(42);
  });

  it("--run-kbc reports a trap on stderr and exits 70", async () => {
    const r = await run(["--run-kbc", path.join(corpus, "trap-div-zero.kts.ts")]);
    expect(r.out).toBe("before\n");
    expect(r.err).toContain("trap: integer divide error (in div, line 4)");
    expect(r.status).toBe(70);
  });

  it("a program outside KTS gives file:line:col: error: and exit 1", async () => {
    const file = path.join(errors, "throw.kts.ts");
    const r = await run(["--emit=kbc", file]);
    expect(r.status).toBe(1);
    expect(r.err).toContain(`${file}:5:3: error: exceptions are not in KTS`);
  });

  it("a bad command line exits 2 with the usage", async () => {
    const r = await run(["--frobnicate"]);
    expect(r.status).toBe(2);
    expect(r.err).toContain("unknown option --frobnicate");
  });
});
