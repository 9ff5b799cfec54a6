// Finding the outside judges (QEMU, gdb, GNU as, gcc) a test drives. `make test` runs
// `make deps` first, so a missing tool is an installation error and the test fails with a
// sentence saying so; it never silently skips.
import { execFileSync } from "node:child_process";

export function findTool(name: string): string | undefined {
  try {
    return execFileSync("sh", ["-c", `command -v ${name}`], { encoding: "utf8" }).trim() || undefined;
  } catch {
    return undefined;
  }
}

export function requireTool(name: string): string {
  const path = findTool(name);
  if (path === undefined) throw new Error(`${name} is not installed; run \`make deps\` (it installs the Debian packages the tests need)`);
  return path;
}
