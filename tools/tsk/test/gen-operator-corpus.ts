// Generates the operator part of the conformance corpus: every operator at every width and
// sign over edge values. The expected output of each program is computed here with BigInt
// from the written semantics (tools/tsk/kbc/README.md and front/README.md: C promotion,
// wrapping, masked shift counts, truncating division) — an implementation independent of
// the front end, the interpreter and the backend. Regenerate with:
//   node -e 'import("./tools/host/run-ts.mjs").then((m) => m.runTs("tools/tsk/test/write-operator-corpus.ts"))'
type T = "i8" | "u8" | "i16" | "u16" | "i32" | "u32" | "i64" | "u64";
export const OPERATOR_TYPES: T[] = ["i8", "u8", "i16", "u16", "i32", "u32", "i64", "u64"];

const P = 2n;
const VALUES: Record<T, bigint[]> = {
  i8: [-128n, -127n, -1n, 0n, 1n, 2n, 7n, 100n, 127n],
  u8: [0n, 1n, 2n, 127n, 128n, 200n, 254n, 255n],
  i16: [-32768n, -32767n, -1n, 0n, 1n, 3n, 255n, 32767n],
  u16: [0n, 1n, 255n, 256n, 32767n, 32768n, 65534n, 65535n],
  i32: [-2147483648n, -2147483647n, -65536n, -1n, 0n, 1n, 3n, 65535n, 2147483647n],
  u32: [0n, 1n, 3n, 65535n, 2147483647n, 2147483648n, 4294967294n, 4294967295n],
  i64: [-(P ** 63n), -(P ** 63n) + 1n, -(P ** 32n), -1n, 0n, 1n, 3n, P ** 32n - 1n, P ** 32n, P ** 63n - 1n],
  u64: [0n, 1n, 3n, P ** 32n - 1n, P ** 32n, P ** 63n, P ** 64n - 2n, P ** 64n - 1n],
};
const SHIFTS32 = [0n, 1n, 3n, 7n, 8n, 15n, 16n, 31n, 32n, 33n];
const SHIFTS64 = [0n, 1n, 31n, 32n, 33n, 63n, 64n, 65n];

const bits = (t: T) => BigInt(t.slice(1));
const signed = (t: T) => t.startsWith("i");
const is64 = (t: T) => bits(t) === 64n;
const wrap = (t: T, v: bigint) => (signed(t) ? BigInt.asIntN(Number(bits(t)), v) : BigInt.asUintN(Number(bits(t)), v));
/** The C-promoted type arithmetic on T happens in. */
const promoted = (t: T): T => (is64(t) || t === "u32" ? t : "i32");
const lit = (t: T, v: bigint) => (is64(t) ? `${v}n` : `${v}`);

/** How a value of type t prints: put_i32 / put_u32 text, or 16 hex digits for 64-bit. */
function shown(t: T, v: bigint): string {
  v = wrap(t, v);
  if (is64(t)) return BigInt.asUintN(64, v).toString(16).padStart(16, "0");
  return t === "u32" ? String(BigInt.asUintN(32, v)) : String(v);
}
function showCall(t: T, expr: string): string {
  if (is64(t)) return `show64(u64(${expr}));`;
  return t === "u32" ? `showU(${expr});` : `showI(${expr});`;
}

const HELPERS = `function showI(x: i32): void { put_i32(x); putc(32); }
function showU(x: u32): void { put_u32(x); putc(32); }
function show64(x: u64): void { put_hex32(u32(x >> 32n)); put_hex32(u32(x)); putc(32); }
function showB(x: bool): void { putc(x ? 49 : 48); }`;

interface Group {
  name: string;
  what: string;
  /** Statements run for each pair (a, b) of values; `line` gets the expected text. */
  pair?: (t: T) => { code: string; expect: (a: bigint, b: bigint) => string | undefined };
  single?: (t: T) => { code: string; expect: (a: bigint) => string };
}

function divTrunc(a: bigint, b: bigint): bigint { return a / b; }

const GROUPS: Group[] = [
  {
    name: "addsub", what: "+ and - (in the promoted type, and narrowed back)",
    pair: (t) => {
      const p = promoted(t);
      return {
        code: `${showCall(p, "a + b")} ${showCall(p, "a - b")} ${showCall(t, `${t}(a + b)`)} ${showCall(t, `${t}(a - b)`)}`,
        expect: (a, b) => [shown(p, a + b), shown(p, a - b), shown(t, a + b), shown(t, a - b)].join(" ") + " ",
      };
    },
  },
  {
    name: "mul", what: "* (in the promoted type, and narrowed back)",
    pair: (t) => {
      const p = promoted(t);
      return { code: `${showCall(p, "a * b")} ${showCall(t, `${t}(a * b)`)}`, expect: (a, b) => [shown(p, a * b), shown(t, a * b)].join(" ") + " " };
    },
  },
  {
    name: "divrem", what: "/ and % (truncating; divisor 0 and MIN / -1 in 32/64 bits skipped: they trap)",
    pair: (t) => {
      const p = promoted(t);
      const min = signed(p) ? -(1n << (bits(p) - 1n)) : undefined;
      const zero = lit(t, 0n);
      const guard = `if (b == ${zero}) continue;` + (min !== undefined && (p === t) ? ` if (a == ${lit(t, min)} && b == ${lit(t, -1n)}) continue;` : "");
      return {
        code: `${guard} ${showCall(p, "a / b")} ${showCall(p, "a % b")}`,
        expect: (a, b) => {
          if (b === 0n) return undefined;
          const pa = wrap(p, a), pb = wrap(p, b);
          if (min !== undefined && p === t && a === min && b === -1n) return undefined;
          return [shown(p, divTrunc(pa, pb)), shown(p, pa % pb)].join(" ") + " ";
        },
      };
    },
  },
  {
    name: "bitwise", what: "& | ^ on pairs",
    pair: (t) => {
      const p = promoted(t);
      return {
        code: `${showCall(p, "a & b")} ${showCall(p, "a | b")} ${showCall(p, "a ^ b")}`,
        expect: (a, b) => [shown(p, a & b), shown(p, a | b), shown(p, a ^ b)].join(" ") + " ",
      };
    },
  },
  {
    name: "unary", what: "unary -, ~, ! and narrowing of the results",
    single: (t) => {
      const p = promoted(t);
      return {
        code: `${showCall(p, "-a")} ${showCall(p, "~a")} ${showCall(t, `${t}(-a)`)} ${showCall(t, `${t}(~a)`)} showB(!a);`,
        expect: (a) => [shown(p, -a), shown(p, ~a), shown(t, -a), shown(t, ~a)].join(" ") + " " + (a === 0n ? "1" : "0"),
      };
    },
  },
  {
    name: "compare", what: "== != < <= > >= (signedness of the type)",
    pair: () => ({
      code: "showB(a == b); showB(a != b); showB(a < b); showB(a <= b); showB(a > b); showB(a >= b);",
      expect: (a, b) => [a === b, a !== b, a < b, a <= b, a > b, a >= b].map((x) => (x ? "1" : "0")).join(""),
    }),
  },
  {
    name: "compound", what: "compound assignment and ++/-- wrapping at the variable's width",
    pair: (t) => {
      const one = lit(t, 1n), three = lit(t, 3n);
      const ops: [string, (a: bigint, b: bigint) => bigint][] = [
        ["x += b;", (a, b) => a + b], ["x -= b;", (a, b) => a - b], ["x *= b;", (a, b) => a * b],
        ["x &= b;", (a, b) => a & b], ["x |= b;", (a, b) => a | b], ["x ^= b;", (a, b) => a ^ b],
        [`x <<= ${three};`, (a) => a << 3n], [`x >>= ${one};`, (a) => wrap(promoted(t), a) >> 1n],
        ["x++;", (a) => a + 1n], ["x--;", (a) => a - 1n],
      ];
      return {
        code: "let x: " + t + " = a; " + ops.map(([s]) => `x = a; ${s} ${showCall(t, "x")}`).join(" "),
        expect: (a, b) => ops.map(([, f]) => {
          // >>= on a u32-promoted or i32-promoted value: logical for unsigned promoted types.
          return shown(t, f(a, b));
        }).join(" ") + " ",
      };
    },
  },
  {
    name: "shift", what: "<< >> (>>> for 32-bit) with counts masked to 31 / 63",
    single: (t) => {
      const p = promoted(t);
      const counts = is64(t) ? SHIFTS64 : SHIFTS32;
      const mask = is64(t) ? 63n : 31n;
      const code = counts.map((c) => {
        const n = lit(is64(t) ? t : "i32", c);
        const parts = [showCall(p, `a << ${n}`), showCall(p, `a >> ${n}`)];
        if (!is64(t)) parts.push(showCall("u32", `a >>> ${n}`));
        return parts.join(" ");
      }).join(" ");
      return {
        code,
        expect: (a) => counts.map((c) => {
          const pa = wrap(p, a), k = c & mask;
          const parts = [shown(p, pa << k), shown(p, pa >> k)];
          if (!is64(t)) parts.push(shown("u32", BigInt.asUintN(32, pa) >> k));
          return parts.join(" ");
        }).join(" ") + " ",
      };
    },
  },
  {
    name: "convert", what: "explicit conversions to every width and sign",
    single: () => ({
      code: OPERATOR_TYPES.map((to) => showCall(to, `${to}(a)`)).join(" "),
      expect: (a) => OPERATOR_TYPES.map((to) => shown(to, a)).join(" ") + " ",
    }),
  },
];

/** Mixed operand types: the C promotion decides the type (u32 if either side is u32, else i32). */
function mixedPrograms(files: Map<string, string>): void {
  const narrowAnd32: T[] = ["i8", "u8", "i16", "u16", "i32", "u32"];
  const groups: [T, T[]][] = [...narrowAnd32.map((t): [T, T[]] => [t, narrowAnd32.filter((u) => u !== t)]), ["i64", ["u64"]], ["u64", ["i64"]]];
  for (const [ta, others] of groups) {
    const expected: string[] = [];
    const code: string[] = [];
    for (const tb of others) {
      const p: T = is64(ta) ? "u64" : ta === "u32" || tb === "u32" ? "u32" : "i32";
      code.push(`  for (let i: i32 = 0; i < ${VALUES[ta].length}; i++) {
    for (let j: i32 = 0; j < ${VALUES[tb].length}; j++) {
      const a: ${ta} = A[i];
      const b: ${tb} = B_${tb}[j];
      ${showCall(p, "a + b")} ${showCall(p, "a - b")} ${showCall(p, "a * b")} ${showCall(p, "a & b")} ${showCall(p, "a | b")} ${showCall(p, "a ^ b")}
      putc(10);
    }
  }`);
      for (const a of VALUES[ta]) for (const b of VALUES[tb]) {
        expected.push([a + b, a - b, a * b, wrap(p, a) & wrap(p, b), wrap(p, a) | wrap(p, b), wrap(p, a) ^ wrap(p, b)].map((v) => shown(p, v)).join(" ") + " ");
      }
    }
    const decls = [`const A: FixedArray<${ta}, ${VALUES[ta].length}> = [${VALUES[ta].map((v) => lit(ta, v)).join(", ")}];`,
      ...others.map((tb) => `const B_${tb}: FixedArray<${tb}, ${VALUES[tb].length}> = [${VALUES[tb].map((v) => lit(tb, v)).join(", ")}];`)];
    files.set(`op-mixed-${ta}.kts.ts`, `// GENERATED by tools/tsk/test/gen-operator-corpus.ts — do not edit; regenerate instead.
// + - * & | ^ with a ${ta} left operand and each other type on the right: C promotion picks
// the type (u32 if either side is u32, else i32; u64 with i64 gives u64). Expected output
// computed by the generator with BigInt.
// expect-exit: 0
${expected.map((l) => `//| ${l}`).join("\n")}
${HELPERS}
${decls.join("\n")}
export function main(): i32 {
${code.join("\n")}
  return 0;
}
`);
  }
}

export function generateOperatorCorpus(): Map<string, string> {
  const files = new Map<string, string>();
  mixedPrograms(files);
  for (const g of GROUPS) {
    for (const t of OPERATOR_TYPES) {
      const vals = VALUES[t];
      const expected: string[] = [];
      let loop: string;
      const decl = `const V: FixedArray<${t}, ${vals.length}> = [${vals.map((v) => lit(t, v)).join(", ")}];`;
      if (g.pair) {
        const { code, expect } = g.pair(t);
        for (const a of vals) for (const b of vals) {
          const line = expect(a, b);
          if (line !== undefined) expected.push(line);
        }
        loop = `  for (let i: i32 = 0; i < ${vals.length}; i++) {
    for (let j: i32 = 0; j < ${vals.length}; j++) {
      const a: ${t} = V[i];
      const b: ${t} = V[j];
      ${code}
      putc(10);
    }
  }`;
      } else {
        const { code, expect } = g.single!(t);
        for (const a of vals) expected.push(expect(a));
        loop = `  for (let i: i32 = 0; i < ${vals.length}; i++) {
    const a: ${t} = V[i];
    ${code}
    putc(10);
  }`;
      }
      const text = `// GENERATED by tools/tsk/test/gen-operator-corpus.ts — do not edit; regenerate instead.
// ${g.what}, on ${t} at edge values. Expected output computed by the generator with BigInt.
// expect-exit: 0
${expected.map((l) => `//| ${l}`).join("\n")}
${HELPERS}
${decl}
export function main(): i32 {
${loop}
  return 0;
}
`;
      files.set(`op-${g.name}-${t}.kts.ts`, text);
    }
  }
  return files;
}
