#!/usr/bin/env node
// `tsk-as`: the x86 assembler (GNU as syntax). See `tsk-as --help`.
import { runTs } from "../tools/host/run-ts.mjs";
const { main } = await runTs("tools/asm/cli.ts");
process.exitCode = await main(process.argv.slice(2));
