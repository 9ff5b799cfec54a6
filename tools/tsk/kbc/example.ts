// A small KBC module built by hand, the same shape the front end emits for
//
//   let calls: i32 = 0;
//   function fact(n: i32): i32 { calls = calls + 1; if (n <= 1) return 1; return n * fact(n - 1); }
//   export function main(): i32 {
//     puts("fact:"); let i: i32 = 1;
//     while (i <= 5) { putc(32); put_i32(fact(i)); i = i + 1; }
//     putc(10); put_i32(calls); putc(10); return 7;
//   }
//
// Printed output: "fact: 1 2 6 24 120\n15\n", exit value 7. Used by the KBC tests and as the
// first input for backend work before the front end exists.
import type { KbcModule } from "./types.ts";

const text = new TextEncoder().encode("fact:\0");

export function exampleModule(): KbcModule {
  return {
    source: "example.ts",
    externs: [
      { name: "putc", sig: { params: ["u32"], result: null } },
      { name: "puts", sig: { params: ["u32"], result: null } },
      { name: "put_i32", sig: { params: ["i32"], result: null } },
    ],
    globals: [
      { name: "calls", exported: false, size: 4, align: 4, relocs: [], readonly: false, percpu: false },
      { name: "__str_0", exported: false, size: text.length, align: 1, data: text, relocs: [], readonly: true, percpu: false },
    ],
    functions: [
      {
        name: "fact", exported: false, params: ["i32"], result: "i32", locals: ["i32"], localNames: ["n"], slots: [], attrs: {},
        body: [
          { op: "global.addr", name: "calls", offset: 0 },
          { op: "global.addr", name: "calls", offset: 0 },
          { op: "load", ty: "i32", width: 4, signed: true, offset: 0 },
          { op: "const", ty: "i32", value: 1n },
          { op: "add", ty: "i32" },
          { op: "store", ty: "i32", width: 4, offset: 0 },
          { op: "local.get", index: 0 },
          { op: "const", ty: "i32", value: 1n },
          { op: "gt", ty: "i32" },
          { op: "br_if", target: 0 },
          { op: "const", ty: "i32", value: 1n },
          { op: "ret" },
          { op: "label", id: 0 },
          { op: "local.get", index: 0 },
          { op: "local.get", index: 0 },
          { op: "const", ty: "i32", value: 1n },
          { op: "sub", ty: "i32" },
          { op: "call", name: "fact" },
          { op: "mul", ty: "i32" },
          { op: "ret" },
        ],
      },
      {
        name: "main", exported: true, params: [], result: "i32", locals: ["i32"], localNames: ["i"], slots: [], attrs: {},
        body: [
          { op: "global.addr", name: "__str_0", offset: 0 },
          { op: "call", name: "puts" },
          { op: "const", ty: "i32", value: 1n },
          { op: "local.set", index: 0 },
          { op: "label", id: 0 }, // loop head
          { op: "local.get", index: 0 },
          { op: "const", ty: "i32", value: 5n },
          { op: "gt", ty: "i32" },
          { op: "br_if", target: 1 },
          { op: "const", ty: "u32", value: 32n },
          { op: "call", name: "putc" },
          { op: "local.get", index: 0 },
          { op: "call", name: "fact" },
          { op: "call", name: "put_i32" },
          { op: "local.get", index: 0 },
          { op: "const", ty: "i32", value: 1n },
          { op: "add", ty: "i32" },
          { op: "local.set", index: 0 },
          { op: "br", target: 0 },
          { op: "label", id: 1 }, // loop exit
          { op: "const", ty: "u32", value: 10n },
          { op: "call", name: "putc" },
          { op: "global.addr", name: "calls", offset: 0 },
          { op: "load", ty: "i32", width: 4, signed: true, offset: 0 },
          { op: "call", name: "put_i32" },
          { op: "const", ty: "u32", value: 10n },
          { op: "call", name: "putc" },
          { op: "const", ty: "i32", value: 7n },
          { op: "ret" },
        ],
      },
    ],
  };
}
