// Constructs outside KTS, each with the sentence that says what to write instead. Lowering
// calls these for every node kind it does not handle, so nothing falls through silently.
import { ts } from "./ts-adapter.ts";
import { fail } from "./diagnostic.ts";

const EXPRESSION_ADVICE: Partial<Record<ts.SyntaxKind, string>> = {
  [ts.SyntaxKind.ArrowFunction]: "closures and function expressions are not in KTS; write a top-level function and pass its name (a function pointer)",
  [ts.SyntaxKind.FunctionExpression]: "function expressions are not in KTS; write a top-level function and pass its name (a function pointer)",
  [ts.SyntaxKind.ClassExpression]: "class expressions are not in KTS; declare the struct class at top level",
  [ts.SyntaxKind.ObjectLiteralExpression]: "object literals are not in KTS (they need a garbage collector); declare a struct class and fill a `new` instance",
  [ts.SyntaxKind.ArrayLiteralExpression]: "array literals are only initializers of FixedArray globals and locals in KTS",
  [ts.SyntaxKind.TemplateExpression]: "template strings are not in KTS; print the pieces with puts and put_i32",
  [ts.SyntaxKind.TaggedTemplateExpression]: "tagged templates are not in KTS",
  [ts.SyntaxKind.AwaitExpression]: "await is not in KTS; the kernel waits with messages and threads",
  [ts.SyntaxKind.YieldExpression]: "yield is not in KTS; keep the state in a struct and write a step function",
  [ts.SyntaxKind.TypeOfExpression]: "typeof is not in KTS: types are known at compile time",
  [ts.SyntaxKind.DeleteExpression]: "delete is not in KTS: structs have fixed fields",
  [ts.SyntaxKind.VoidExpression]: "the void operator is not in KTS; write the call as a statement",
  [ts.SyntaxKind.AsExpression]: "`as` casts are not in KTS (the checker would trust them blindly); convert with u32(x)/i32(x)/... or cast<T>(address)",
  [ts.SyntaxKind.TypeAssertionExpression]: "type assertions are not in KTS; convert with u32(x)/i32(x)/... or cast<T>(address)",
  [ts.SyntaxKind.SatisfiesExpression]: "`satisfies` is not in KTS; annotate the variable's type",
  [ts.SyntaxKind.SpreadElement]: "spread is not in KTS; pass each value",
  [ts.SyntaxKind.RegularExpressionLiteral]: "regular expressions are not in KTS",
  [ts.SyntaxKind.SuperKeyword]: "super is not in KTS: structs have no inheritance",
  [ts.SyntaxKind.MetaProperty]: "import.meta/new.target are not in KTS",
};

export function rejectExpression(e: ts.Expression): never {
  const advice = EXPRESSION_ADVICE[e.kind];
  if (advice) fail(e, advice);
  if (ts.isNumericLiteral(e)) fail(e, "KTS numbers are integers; write an integer literal (fixed point: scale by a power of two)");
  if (ts.isBinaryExpression(e)) {
    const k = e.operatorToken.kind;
    if (k === ts.SyntaxKind.AsteriskAsteriskToken) fail(e.operatorToken, "** is not in KTS; multiply in a loop or shift for powers of two");
    if (k === ts.SyntaxKind.InKeyword) fail(e.operatorToken, "`in` is dynamic property lookup, which KTS does not have; structs have fixed fields");
    if (k === ts.SyntaxKind.InstanceOfKeyword) fail(e.operatorToken, "instanceof needs run-time type information, which KTS structs do not carry; keep a type tag field");
    if (k === ts.SyntaxKind.QuestionQuestionToken || k === ts.SyntaxKind.QuestionQuestionEqualsToken) fail(e.operatorToken, "?? is not in KTS; test for null with a condition");
    if (k === ts.SyntaxKind.CommaToken) fail(e.operatorToken, "the comma operator is not in KTS; write two statements");
    if (k === ts.SyntaxKind.AmpersandAmpersandEqualsToken || k === ts.SyntaxKind.BarBarEqualsToken) fail(e.operatorToken, "logical assignment is not in KTS; write an if");
  }
  if (ts.isPropertyAccessExpression(e) && e.questionDotToken) fail(e, "optional chaining (?.) is not in KTS; test for null first");
  fail(e, `this expression (${ts.SyntaxKind[e.kind]}) is not in KTS`);
}

const STATEMENT_ADVICE: Partial<Record<ts.SyntaxKind, string>> = {
  [ts.SyntaxKind.ThrowStatement]: "exceptions are not in KTS; call panic(\"message\") (a function that never returns) or return an error code",
  [ts.SyntaxKind.TryStatement]: "exceptions are not in KTS; return an error code and test it",
  [ts.SyntaxKind.ForInStatement]: "for-in is dynamic property iteration, not in KTS; write an index loop",
  [ts.SyntaxKind.ForOfStatement]: "for-of needs iterators, not in KTS; write an index loop: for (let i = 0; i < n; i++)",
  [ts.SyntaxKind.WithStatement]: "with is not in KTS",
  [ts.SyntaxKind.FunctionDeclaration]: "nested functions are not in KTS (they would be closures); move the function to top level and pass what it needs",
  [ts.SyntaxKind.ClassDeclaration]: "classes are declared at top level in KTS",
  [ts.SyntaxKind.DebuggerStatement]: "debugger is not in KTS; use gdb breakpoints",
  [ts.SyntaxKind.ImportDeclaration]: "imports belong at the top of the file",
};

export function rejectStatement(s: ts.Statement): never {
  const advice = STATEMENT_ADVICE[s.kind];
  if (advice) fail(s, advice);
  fail(s, `this statement (${ts.SyntaxKind[s.kind]}) is not in KTS`);
}

/** Top-level statements: declarations only (no code runs at load time). */
export function rejectTopLevel(s: ts.Statement): void {
  if (ts.isFunctionDeclaration(s) || ts.isClassDeclaration(s) || ts.isVariableStatement(s) || ts.isEnumDeclaration(s) ||
    ts.isTypeAliasDeclaration(s) || ts.isImportDeclaration(s) || ts.isEmptyStatement(s)) return;
  if (ts.isExportDeclaration(s)) return;
  if (ts.isInterfaceDeclaration(s)) fail(s, "interfaces have no layout in KTS; declare a class with typed fields (a C struct), or a function type for callbacks");
  if (ts.isModuleDeclaration(s)) fail(s, "namespaces are not in KTS; use a module file and imports");
  if (ts.isExportAssignment(s)) fail(s, "default exports are not in KTS; export named functions");
  fail(s, "code at the top level never runs in KTS (there is no module initialization); put it in a function, e.g. main()");
}
