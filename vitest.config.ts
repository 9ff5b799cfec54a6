import { defineConfig } from "vitest/config";

// Tests sit next to what they test (`*.test.ts`) or under test/. With CI=true a skipped test
// fails the run: a test that needs QEMU or gdb must install and use it, never skip.
export default defineConfig({
  test: {
    include: ["machine/**/*.test.ts", "boot/**/*.test.ts", "tools/**/*.test.ts", "test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: process.env.CI === "true" ? ["default", "./test/ci-reporter.ts"] : ["default"],
  },
});
