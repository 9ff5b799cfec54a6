#!/usr/bin/env node
// The machine's command line (boot/terminal). See `damselfly --help`.
import { runTs } from "../tools/host/run-ts.mjs";
const { main } = await runTs("boot/terminal/main.ts");
process.exitCode = await main(process.argv.slice(2));
