#!/usr/bin/env node
// Entry point of `make bench` (see main.ts for the arguments).
import { runTs } from "../host/run-ts.mjs";
const { main } = await runTs("tools/bench/main.ts");
process.exitCode = await main(process.argv.slice(2));
