#!/usr/bin/env node
// `tsk`: the KTS compiler (TypeScript subset -> KBC -> x86). See `tsk --help`.
import { runTs } from "../tools/host/run-ts.mjs";
const { main } = await runTs("tools/tsk/cli.ts");
process.exitCode = await main(process.argv.slice(2));
