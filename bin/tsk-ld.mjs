#!/usr/bin/env node
// `tsk-ld`: the ELF linker. See `tsk-ld --help`.
import { runTs } from "../tools/host/run-ts.mjs";
const { main } = await runTs("tools/ld/cli.ts");
process.exitCode = await main(process.argv.slice(2));
