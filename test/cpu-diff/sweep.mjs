#!/usr/bin/env node
// Entry point of `make cpu-diff-sweep` (see sweep.ts).
import { runTs } from "../../tools/host/run-ts.mjs";
const { main } = await runTs("test/cpu-diff/sweep.ts");
process.exitCode = await main(process.argv.slice(2));
