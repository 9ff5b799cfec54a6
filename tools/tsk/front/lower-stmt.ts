// Statements and whole function bodies. Control flow becomes flat labels and branches with
// an empty operand stack at every label (the KBC rule).
import { ts } from "./ts-adapter.ts";
import { fail } from "./diagnostic.ts";
import { ExprLowering } from "./lower-expr.ts";
import { rejectStatement } from "./reject.ts";
import { I32, intRange, isInt, is64Type, stackType, storageOf, typeName, type IntName, type KtsType } from "./ktypes.ts";
import type { JumpTarget } from "./function-builder.ts";
import type { KbcFunction } from "../kbc/types.ts";

export class StmtLowering extends ExprLowering {
  lowerFunction(): KbcFunction {
    const { decl, sig, owner } = this.fn;
    if (owner) this.fb.addLocal("u32", "this");
    decl.parameters.forEach((p, i) => {
      const t = sig.params[i]!;
      const index = this.fb.addLocal(stackType(t), (p.name as ts.Identifier).text);
      this.fb.vars.set(p, { kind: "local", index, type: t });
    });
    const params = [...this.fb.locals];
    for (const s of decl.body!.statements) this.statement(s);
    if (!this.fb.endsFlow()) {
      const sf = decl.getSourceFile();
      this.fb.line = sf.getLineAndCharacterOfPosition(decl.getEnd()).line + 1;
      if (sig.result.kind === "void") this.fb.emit({ op: "ret" });
      else this.fb.emit({ op: "trap", reason: `${this.fn.symbol} reached its end without returning a value` });
    }
    const sf = decl.getSourceFile();
    return {
      name: this.fn.symbol, exported: this.fn.exported, params,
      result: sig.result.kind === "void" ? null : stackType(sig.result),
      locals: this.fb.locals, localNames: this.fb.localNames, slots: this.fb.slots, body: this.fb.body, lines: this.fb.lines, attrs: this.fn.attrs,
      source: `${sf.fileName}:${sf.getLineAndCharacterOfPosition(decl.getStart(sf)).line + 1}`,
    };
  }

  statement(s: ts.Statement, label?: string): void {
    if (!ts.isBlock(s)) {
      const sf = s.getSourceFile();
      this.fb.line = sf.getLineAndCharacterOfPosition(s.getStart(sf)).line + 1;
    }
    switch (s.kind) {
      case ts.SyntaxKind.Block: for (const x of (s as ts.Block).statements) this.statement(x); return;
      case ts.SyntaxKind.EmptyStatement: return;
      case ts.SyntaxKind.ExpressionStatement: this.discard((s as ts.ExpressionStatement).expression); return;
      case ts.SyntaxKind.VariableStatement: this.variables((s as ts.VariableStatement).declarationList); return;
      case ts.SyntaxKind.IfStatement: this.ifStatement(s as ts.IfStatement); return;
      case ts.SyntaxKind.WhileStatement: this.whileStatement(s as ts.WhileStatement, label); return;
      case ts.SyntaxKind.DoStatement: this.doStatement(s as ts.DoStatement, label); return;
      case ts.SyntaxKind.ForStatement: this.forStatement(s as ts.ForStatement, label); return;
      case ts.SyntaxKind.ReturnStatement: this.returnStatement(s as ts.ReturnStatement); return;
      case ts.SyntaxKind.BreakStatement: case ts.SyntaxKind.ContinueStatement: this.jump(s as ts.BreakOrContinueStatement); return;
      case ts.SyntaxKind.SwitchStatement: this.switchStatement(s as ts.SwitchStatement, label); return;
      case ts.SyntaxKind.LabeledStatement: this.labeled(s as ts.LabeledStatement); return;
      case ts.SyntaxKind.TypeAliasDeclaration: return;
    }
    rejectStatement(s);
  }

  private variables(list: ts.VariableDeclarationList): void {
    for (const d of list.declarations) {
      if (!ts.isIdentifier(d.name)) fail(d.name, "destructuring is not in KTS; declare one variable per value");
      const name = d.name.text;
      let type: KtsType;
      if (d.type) type = this.model.resolveType(d.type, d);
      else if (d.initializer) {
        type = this.typeOf(d.initializer);
        if (type.kind === "null") fail(d, "write the variable's type: `let p: Node | null = null`");
        if (type.kind === "void") fail(d.initializer, "this call returns nothing; it has no value");
      } else fail(d, `write the type of '${name}', e.g. let ${name}: i32 = 0`);
      if (type.kind === "array") { this.localArray(d, type); continue; }
      if (type.kind === "void" || type.kind === "null") fail(d, `a variable cannot be ${type.kind}`);
      const index = this.fb.addLocal(stackType(type), name);
      this.fb.vars.set(d, { kind: "local", index, type });
      if (d.initializer) {
        if (ts.isArrayLiteralExpression(d.initializer)) fail(d.initializer, "an array literal initializes a FixedArray<T, N> variable");
        this.exprAs(d.initializer, type);
      } else {
        // Locals start zeroed, so a read before the first write is deterministic.
        this.fb.emit({ op: "const", ty: stackType(type), value: 0n });
      }
      this.fb.emit({ op: "local.set", index });
    }
  }

  /** A FixedArray local lives in the frame, zeroed, then the literal's elements stored. */
  private localArray(d: ts.VariableDeclaration, type: Extract<KtsType, { kind: "array" }>): void {
    const st = storageOf(type);
    const slot = this.fb.addSlot(Math.max(st.size, 1), st.align, (d.name as ts.Identifier).text);
    this.fb.vars.set(d, { kind: "slot", slot, type });
    this.zeroSlot(slot, st.size, d);
    const init = d.initializer;
    if (!init) return;
    if (!ts.isArrayLiteralExpression(init)) fail(init, "a FixedArray local is initialized with an array literal, e.g. = [] or = [1, 2, 3]");
    if (init.elements.length > type.length) fail(init, `${init.elements.length} values do not fit in FixedArray of ${type.length}`);
    const es = storageOf(type.elem).size;
    init.elements.forEach((el, i) => {
      if (ts.isSpreadElement(el) || ts.isOmittedExpression(el)) fail(el, "write each element of the array literal");
      this.fb.emit({ op: "slot.addr", slot, offset: 0 });
      this.exprAs(el, type.elem);
      const ty = stackType(type.elem);
      this.fb.emit({ op: "store", ty, width: es as 1 | 2 | 4 | 8, offset: i * es });
    });
  }

  private ifStatement(s: ts.IfStatement): void {
    const otherwise = this.fb.newLabel();
    this.branch(s.expression, false, otherwise);
    this.statement(s.thenStatement);
    if (s.elseStatement) {
      const end = this.fb.newLabel();
      if (!this.fb.endsFlow()) this.fb.emit({ op: "br", target: end });
      this.fb.placeLabel(otherwise);
      this.statement(s.elseStatement);
      this.fb.placeLabel(end);
    } else {
      this.fb.placeLabel(otherwise);
    }
  }

  private loop(label: string | undefined, body: (t: JumpTarget) => void, continueTo: number): void {
    const t: JumpTarget = { label, breakTo: this.fb.newLabel(), continueTo };
    this.fb.targets.push(t);
    body(t);
    this.fb.targets.pop();
    this.fb.placeLabel(t.breakTo);
  }

  private whileStatement(s: ts.WhileStatement, label?: string): void {
    const head = this.fb.newLabel();
    this.loop(label, (t) => {
      this.fb.placeLabel(head);
      this.branch(s.expression, false, t.breakTo);
      this.statement(s.statement);
      this.fb.emit({ op: "br", target: head });
    }, head);
  }

  private doStatement(s: ts.DoStatement, label?: string): void {
    const top = this.fb.newLabel(), cond = this.fb.newLabel();
    this.loop(label, () => {
      this.fb.placeLabel(top);
      this.statement(s.statement);
      this.fb.placeLabel(cond);
      this.branch(s.expression, true, top);
    }, cond);
  }

  private forStatement(s: ts.ForStatement, label?: string): void {
    if (s.initializer) {
      if (ts.isVariableDeclarationList(s.initializer)) {
        this.variables(s.initializer);
      } else this.discardList(s.initializer);
    }
    const head = this.fb.newLabel(), next = this.fb.newLabel();
    this.loop(label, (t) => {
      this.fb.placeLabel(head);
      if (s.condition) this.branch(s.condition, false, t.breakTo);
      this.statement(s.statement);
      this.fb.placeLabel(next);
      if (s.incrementor) this.discardList(s.incrementor);
      this.fb.emit({ op: "br", target: head });
    }, next);
  }

  /** `for (...; ...; i++, j--)`: the comma is allowed here, as a list of effects. */
  private discardList(e: ts.Expression): void {
    if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.CommaToken) {
      this.discardList(e.left);
      this.discardList(e.right);
    } else {
      this.discard(e);
    }
  }

  private returnStatement(s: ts.ReturnStatement): void {
    const result = this.fn.sig.result;
    if (s.expression) {
      if (result.kind === "void") fail(s, "this function returns nothing; add its return type to the signature");
      this.exprAs(s.expression, result);
    } else if (result.kind !== "void") {
      fail(s, `this function returns ${typeName(result)}; return a value`);
    }
    this.fb.emit({ op: "ret" });
  }

  private jump(s: ts.BreakOrContinueStatement): void {
    const isBreak = s.kind === ts.SyntaxKind.BreakStatement;
    const name = s.label?.text;
    for (let i = this.fb.targets.length - 1; i >= 0; i--) {
      const t = this.fb.targets[i]!;
      if (name !== undefined && t.label !== name) continue;
      if (!isBreak && t.continueTo === undefined) { if (name !== undefined) fail(s, `'${name}' is not a loop; continue needs a loop`); continue; }
      this.fb.emit({ op: "br", target: isBreak ? t.breakTo : t.continueTo! });
      return;
    }
    fail(s, `${isBreak ? "break" : "continue"} has no enclosing ${name ? `statement labelled '${name}'` : isBreak ? "loop or switch" : "loop"}`);
  }

  private labeled(s: ts.LabeledStatement): void {
    const inner = s.statement;
    if (ts.isWhileStatement(inner) || ts.isDoStatement(inner) || ts.isForStatement(inner) || ts.isSwitchStatement(inner)) {
      this.statement(inner, s.label.text);
      return;
    }
    const t: JumpTarget = { label: s.label.text, breakTo: this.fb.newLabel() };
    this.fb.targets.push(t);
    this.statement(inner);
    this.fb.targets.pop();
    this.fb.placeLabel(t.breakTo);
  }

  /**
   * switch: the value goes to a temp; dense integer cases become a br_table, others a chain
   * of compares. Bodies follow in source order, so fall-through is the C one.
   */
  private switchStatement(s: ts.SwitchStatement, label?: string): void {
    const t0 = this.typeOf(s.expression);
    if (!isInt(t0) || t0.name === "bool") fail(s.expression, `switch needs an integer value, not a ${typeName(t0)}`);
    const t = is64Type(t0) ? t0 : t0.name === "u32" ? t0 : I32;
    const ty = stackType(t);
    const tmp = this.fb.temp(ty);
    this.exprAs(s.expression, t);
    this.fb.emit({ op: "local.set", index: tmp });
    const clauses = s.caseBlock.clauses;
    const bodyLabels = clauses.map(() => this.fb.newLabel());
    const end = this.fb.newLabel();
    const defaultIndex = clauses.findIndex((c) => ts.isDefaultClause(c));
    const otherwise = defaultIndex >= 0 ? bodyLabels[defaultIndex]! : end;
    const cases: { value: bigint; label: number }[] = [];
    clauses.forEach((c, i) => {
      if (!ts.isCaseClause(c)) return;
      const v = this.literalValue(c.expression);
      if (v === undefined) fail(c.expression, "case values are integer constants in KTS (literals, enum members, const globals)");
      if (cases.some((x) => x.value === v)) fail(c.expression, `case ${v} appears twice`);
      const [lo, hi] = intRange((t as { name: IntName }).name);
      if (v < lo || v > hi) fail(c.expression, `case ${v} can never match a ${typeName(t)} value (${lo}..${hi})`);
      cases.push({ value: v, label: bodyLabels[i]! });
    });
    const min = cases.reduce((m, c) => (c.value < m ? c.value : m), cases[0]?.value ?? 0n);
    const max = cases.reduce((m, c) => (c.value > m ? c.value : m), cases[0]?.value ?? 0n);
    const span = Number(max - min) + 1;
    if (!is64Type(t) && cases.length >= 4 && span <= cases.length * 2 + 2) {
      const targets = new Array<number>(span).fill(otherwise);
      for (const c of cases) targets[Number(c.value - min)] = c.label;
      this.fb.emit({ op: "local.get", index: tmp });
      if (min !== 0n) { this.fb.emit({ op: "const", ty, value: min }); this.fb.emit({ op: "sub", ty }); }
      this.fb.emit({ op: "br_table", targets, default: otherwise });
    } else {
      for (const c of cases) {
        this.fb.emit({ op: "local.get", index: tmp });
        this.emitConst(t, c.value, s);
        this.fb.emit({ op: "eq", ty });
        this.fb.emit({ op: "br_if", target: c.label });
      }
      this.fb.emit({ op: "br", target: otherwise });
    }
    this.fb.freeTemp(ty, tmp);
    this.fb.targets.push({ label, breakTo: end });
    clauses.forEach((c, i) => {
      this.fb.placeLabel(bodyLabels[i]!);
      for (const st of c.statements) this.statement(st);
    });
    this.fb.targets.pop();
    this.fb.placeLabel(end);
  }
}
