// Writes the generated operator programs into corpus/ (see gen-operator-corpus.ts).
// Run from the repository root:
//   node -e 'import("./tools/host/run-ts.mjs").then((m) => m.runTs("tools/tsk/test/write-operator-corpus.ts"))'
import { writeFileSync } from "node:fs";
import path from "node:path";
import { generateOperatorCorpus } from "./gen-operator-corpus.ts";

const dir = path.join(process.cwd(), "tools", "tsk", "test", "corpus");
for (const [name, text] of generateOperatorCorpus()) writeFileSync(path.join(dir, name), text);
