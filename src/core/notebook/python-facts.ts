// Facts about one (masked) code cell, read from a @lezer/python syntax tree.
// Why @lezer/python: it is pure JavaScript (no WASM to load, so the same code runs in Node, the CLI and
// a webview), small, maintained with CodeMirror, error-tolerant (a broken cell still yields a tree with
// ⚠ nodes, so one bad line does not hide the rest of the cell) and fast enough for a 2 MB notebook.
// tree-sitter's Python grammar would need a .wasm file located at run time in every host.
import { parser } from '@lezer/python';
import type { SyntaxNode } from '@lezer/common';

export interface Pos {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface ImportFact extends Pos {
  /** Dotted module (`a.b` for `import a.b` and `from a.b import c`); leading dots kept for relative imports. */
  module: string;
  from: boolean;
  star: boolean;
  /** Names this statement binds, e.g. `np` for `import numpy as np`, `a` for `import a.b`. */
  bound: { name: string; imported: string }[];
  /** Not inside a def/class body. */
  topLevel: boolean;
  /** Inside a `try` block (optional-dependency imports). */
  guarded: boolean;
}

export interface CallFact extends Pos {
  /** Callee text without whitespace: `np.random.seed`, `Trainer`, `trainer.train`. */
  callee: string;
  /** Keyword arguments: name → source text of the value. */
  kwargs: Record<string, string>;
  /** Positional arguments' source text. */
  args: string[];
  inFunction: boolean;
  offset: number;
}

export interface StringFact extends Pos {
  /** Literal content without prefix and quotes (escapes left as written). */
  value: string;
  fstring: boolean;
  /** Right-hand operand of `+` (e.g. `os.getcwd() + '/x'`). */
  concatenated: boolean;
  /** Callee of the call this string is a direct argument of. */
  callee?: string;
  /** Keyword name when it is a keyword argument's value. */
  kwarg?: string;
  /** Source text of the assignment target when it is the assigned value (`os.environ['X']`, `KEY`). */
  assignTarget?: string;
}

export interface PyFacts {
  imports: ImportFact[];
  calls: CallFact[];
  strings: StringFact[];
  /** Module-level `def`/`class` (also ones nested in module-level if/try blocks). */
  defs: { name: string; kind: 'function' | 'class'; line: number }[];
  /** Module-level names bound in this cell, with the offset of their first binding. */
  bindings: Map<string, number>;
  /** Loads executed at module level (function bodies, lambdas and comprehensions excluded), in order. */
  loads: { name: string; offset: number; line: number; column: number }[];
  /** Every identifier used anywhere outside import statements (loads and stores, f-strings included). */
  identifiers: Set<string>;
  syntaxErrors: { line: number; column: number; message: string }[];
  /** `if False:` / `if 0:` / `while False:` blocks. */
  deadBlocks: { line: number; column: number; text: string }[];
  asserts: { line: number; alwaysFalse: boolean }[];
  starImport: boolean;
  /** One entry per top-level statement: lezer node name, first line, source text (capped). */
  statements: { kind: string; line: number; text: string }[];
  /** Targets of `for` loops anywhere (`epoch`, `batch`). */
  forTargets: string[];
  /** Module-level `NAME = value` assignments with the value's source text. */
  assignments: { name: string; value: string; line: number }[];
}

const TEXT_CAP = 400;
const COMPREHENSIONS = new Set(['ArrayComprehensionExpression', 'DictionaryComprehensionExpression', 'SetComprehensionExpression', 'ComprehensionExpression']);

/** The facts of a cell with no Python in it; pythonFacts starts from these and fills them in. */
export function emptyPyFacts(): PyFacts {
  return {
    imports: [],
    calls: [],
    strings: [],
    defs: [],
    bindings: new Map(),
    loads: [],
    identifiers: new Set(),
    syntaxErrors: [],
    deadBlocks: [],
    asserts: [],
    starImport: false,
    statements: [],
    forTargets: [],
    assignments: [],
  };
}

export function pythonFacts(text: string): PyFacts {
  const facts = emptyPyFacts();
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const lc = (offset: number): { line: number; column: number } => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, column: offset - lineStarts[lo] };
  };
  const pos = (n: SyntaxNode): Pos => {
    const a = lc(n.from);
    const b = lc(n.to);
    return { line: a.line, column: a.column, endLine: b.line, endColumn: b.column };
  };
  const src = (n: SyntaxNode, cap = TEXT_CAP): string => text.slice(n.from, Math.min(n.to, n.from + cap));
  const compact = (n: SyntaxNode): string => src(n).replace(/\s+/g, '');

  // a trailing whitespace-only line without a newline makes lezer report an error at EOF
  const tree = parser.parse(text + "\n");
  const bind = (name: string, offset: number, moduleScope: boolean): void => {
    facts.identifiers.add(name);
    if (moduleScope && !facts.bindings.has(name)) facts.bindings.set(name, offset);
  };
  // binding targets: plain names and names inside tuple/list destructuring
  const bindTargets = (n: SyntaxNode, moduleScope: boolean): void => {
    if (n.name === 'VariableName') bind(src(n), n.from, moduleScope);
    else if (n.name === 'TupleExpression' || n.name === 'ArrayExpression' || n.name === 'ParenthesizedExpression')
      for (let c = n.firstChild; c; c = c.nextSibling) bindTargets(c, moduleScope);
    else walk(n, { fn: !moduleScope, moduleExec: moduleScope, inTry: false, cls: false });
  };

  interface Ctx {
    /** Inside a def/lambda/comprehension: bindings are local. */
    fn: boolean;
    /** Code that runs when the cell runs (module level or class body, not a function body). */
    moduleExec: boolean;
    inTry: boolean;
    cls: boolean;
  }

  function walk(node: SyntaxNode, ctx: Ctx): void {
    switch (node.name) {
      case '⚠': {
        const p = lc(node.from);
        facts.syntaxErrors.push({ ...p, message: 'SyntaxError: invalid syntax' });
        return;
      }
      case 'PrintStatement': {
        const p = lc(node.from);
        facts.syntaxErrors.push({ ...p, message: "SyntaxError: Missing parentheses in call to 'print'" });
        break;
      }
      case 'ImportStatement':
        return importFact(node, ctx);
      case 'FunctionDefinition':
      case 'ClassDefinition': {
        const nameNode = node.getChild('VariableName');
        if (nameNode) {
          bind(src(nameNode), nameNode.from, !ctx.fn && !ctx.cls);
          if (!ctx.fn && !ctx.cls) facts.defs.push({ name: src(nameNode), kind: node.name === 'ClassDefinition' ? 'class' : 'function', line: lc(node.from).line });
        }
        const isClass = node.name === 'ClassDefinition';
        for (let c = node.firstChild; c; c = c.nextSibling) {
          if (c === nameNode) continue;
          if (isClass && c.name === 'ArgList') walk(c, ctx);
          else if (isClass && c.name === 'Body') walk(c, { ...ctx, cls: true, fn: ctx.fn });
          else walk(c, { fn: true, moduleExec: false, inTry: ctx.inTry, cls: false });
        }
        return;
      }
      case 'LambdaExpression':
        for (let c = node.firstChild; c; c = c.nextSibling) walk(c, { ...ctx, fn: true, moduleExec: false });
        return;
      case 'ParamList':
        for (let c = node.firstChild; c; c = c.nextSibling) {
          if (c.name === 'VariableName') facts.identifiers.add(src(c));
          else walk(c, ctx);
        }
        return;
      case 'AssignStatement': {
        const children = childList(node);
        const lastOp = children.map((c) => c.name).lastIndexOf('AssignOp');
        children.forEach((c, i) => {
          if (i < lastOp && c.name !== 'AssignOp' && c.name !== 'TypeDef') bindTargets(c, !ctx.fn && !ctx.cls);
          else walk(c, ctx);
        });
        const target = children[0];
        if (!ctx.fn && !ctx.cls && target?.name === 'VariableName' && lastOp !== -1 && children[lastOp + 1])
          facts.assignments.push({ name: src(target), value: src(children[lastOp + 1]), line: lc(node.from).line });
        if (lastOp === -1 && target?.name === 'VariableName') bind(src(target), target.from, !ctx.fn && !ctx.cls); // `x: int`
        return;
      }
      case 'UpdateStatement': {
        const target = node.firstChild;
        if (target?.name === 'VariableName') {
          loadName(target, ctx);
          bind(src(target), target.from, !ctx.fn && !ctx.cls);
        }
        for (let c = target?.nextSibling ?? null; c; c = c.nextSibling) walk(c, ctx);
        return;
      }
      case 'NamedExpression': {
        const target = node.firstChild;
        if (target?.name === 'VariableName') bind(src(target), target.from, !ctx.fn && !ctx.cls);
        for (let c = target?.nextSibling ?? null; c; c = c.nextSibling) walk(c, ctx);
        return;
      }
      case 'ForStatement': {
        let inTargets = false;
        for (let c = node.firstChild; c; c = c.nextSibling) {
          if (c.name === 'for') inTargets = true;
          else if (c.name === 'in') inTargets = false;
          else if (inTargets) {
            bindTargets(c, !ctx.fn && !ctx.cls);
            facts.forTargets.push(src(c, 60));
          } else walk(c, ctx);
        }
        return;
      }
      case 'WithStatement':
      case 'TryStatement': {
        let afterAs = false;
        const tryCtx = node.name === 'TryStatement' ? { ...ctx, inTry: true } : ctx;
        for (let c = node.firstChild; c; c = c.nextSibling) {
          if (c.name === 'as') afterAs = true;
          else if (afterAs && c.name === 'VariableName') {
            bind(src(c), c.from, !ctx.fn && !ctx.cls);
            afterAs = false;
          } else {
            afterAs = false;
            walk(c, c.name === 'Body' ? tryCtx : ctx);
          }
        }
        return;
      }
      case 'IfStatement':
      case 'WhileStatement': {
        const cond = node.firstChild?.nextSibling;
        if (cond && ((cond.name === 'Boolean' && src(cond) === 'False') || (cond.name === 'Number' && /^0+$/.test(src(cond)))))
          facts.deadBlocks.push({ ...lc(node.from), text: `${node.name === 'IfStatement' ? 'if' : 'while'} ${src(cond)}:` });
        break;
      }
      case 'AssertStatement': {
        const test = node.firstChild?.nextSibling;
        facts.asserts.push({ line: lc(node.from).line, alwaysFalse: !!test && (src(test) === 'False' || src(test) === '0') });
        break;
      }
      case 'CallExpression':
        callFact(node, ctx);
        return;
      case 'String':
      case 'FormatString':
        stringFact(node);
        if (node.name === 'FormatString') break; // replacement fields hold expressions
        return;
      case 'VariableName':
        loadName(node, ctx);
        return;
      default:
        if (COMPREHENSIONS.has(node.name)) {
          for (let c = node.firstChild; c; c = c.nextSibling) walk(c, { ...ctx, fn: true, moduleExec: false });
          return;
        }
    }
    for (let c = node.firstChild; c; c = c.nextSibling) walk(c, ctx);
  }

  function loadName(n: SyntaxNode, ctx: Ctx): void {
    const name = src(n);
    facts.identifiers.add(name);
    if (ctx.moduleExec && !ctx.fn) facts.loads.push({ name, offset: n.from, ...lc(n.from) });
  }

  function importFact(node: SyntaxNode, ctx: Ctx): void {
    const children = childList(node);
    const isFrom = children[0]?.name === 'from';
    const fact: ImportFact = { ...pos(node), module: '', from: isFrom, star: false, bound: [], topLevel: !ctx.fn && !ctx.cls, guarded: ctx.inTry };
    if (isFrom) {
      const importAt = children.findIndex((c) => c.name === 'import');
      fact.module = children.slice(1, importAt).map((c) => src(c)).join('');
      const names = children.slice(importAt + 1);
      for (let i = 0; i < names.length; i++) {
        const c = names[i];
        if (c.name === '*') fact.star = true;
        if (c.name !== 'VariableName') continue;
        const imported = src(c);
        const alias = names[i + 1]?.name === 'as' ? names[i + 2] : undefined;
        fact.bound.push({ name: alias ? src(alias) : imported, imported });
        if (alias) i += 2;
      }
    } else {
      // import a.b.c as d, e
      let parts: string[] = [];
      for (let i = 1; i <= children.length; i++) {
        const c = children[i];
        if (c && c.name === 'VariableName') parts.push(src(c));
        else if (c && c.name === 'as') {
          const alias = children[i + 1];
          fact.bound.push({ name: alias ? src(alias) : parts[0], imported: parts.join('.') });
          if (!fact.module) fact.module = parts.join('.');
          parts = [];
          i++;
        } else if (!c || c.name === ',') {
          if (parts.length) {
            fact.bound.push({ name: parts[0], imported: parts.join('.') });
            if (!fact.module) fact.module = parts.join('.');
          }
          parts = [];
        }
      }
    }
    if (fact.star) facts.starImport = true;
    for (const b of fact.bound) if (!ctx.fn && !ctx.cls) bind(b.name, node.from, true);
    for (const b of fact.bound) facts.identifiers.delete(b.name); // an import is not a use of itself
    facts.imports.push(fact);
  }

  function callFact(node: SyntaxNode, ctx: Ctx): void {
    const callee = node.firstChild;
    const argList = node.getChild('ArgList');
    const fact: CallFact = { ...pos(node), callee: callee ? compact(callee) : '', kwargs: {}, args: [], inFunction: ctx.fn, offset: node.from };
    if (callee) walk(callee, ctx);
    if (argList) {
      const args = childList(argList);
      for (let i = 0; i < args.length; i++) {
        const a = args[i];
        if (a.name === '(' || a.name === ')' || a.name === ',' || a.name === '*' || a.name === '**') continue;
        if (a.name === 'VariableName' && args[i + 1]?.name === 'AssignOp' && args[i + 2]) {
          const value = args[i + 2];
          fact.kwargs[src(a)] = src(value);
          facts.identifiers.add(src(a));
          stringContext.set(value.from, { callee: fact.callee, kwarg: src(a) });
          walk(value, ctx);
          i += 2;
          continue;
        }
        fact.args.push(src(a));
        stringContext.set(a.from, { callee: fact.callee });
        walk(a, ctx);
      }
    }
    facts.calls.push(fact);
  }

  const stringContext = new Map<number, { callee: string; kwarg?: string }>();
  function stringFact(node: SyntaxNode): void {
    const raw = src(node, 100_000);
    const m = /^([rRbBuUfF]{0,2})('''|"""|'|")/.exec(raw);
    const prefix = m?.[1] ?? '';
    const quote = m?.[2] ?? '"';
    const value = raw.slice(prefix.length + quote.length, raw.endsWith(quote) && raw.length >= prefix.length + 2 * quote.length ? raw.length - quote.length : raw.length);
    const fact: StringFact = { ...pos(node), value, fstring: /f/i.test(prefix) || node.name === 'FormatString', concatenated: false };
    const parent = node.parent;
    if (parent?.name === 'BinaryExpression' && parent.firstChild !== node && /^\+$/.test(text.slice(node.prevSibling?.from ?? 0, node.prevSibling?.to ?? 0)))
      fact.concatenated = true;
    const ctxInfo = stringContext.get(node.from);
    if (ctxInfo) {
      fact.callee = ctxInfo.callee;
      fact.kwarg = ctxInfo.kwarg;
    }
    if (parent?.name === 'AssignStatement' && node.prevSibling?.name === 'AssignOp') {
      const target = parent.firstChild;
      if (target) fact.assignTarget = src(target, 120);
    }
    facts.strings.push(fact);
  }

  const top = tree.topNode;
  for (let c = top.firstChild; c; c = c.nextSibling) {
    if (c.name === 'Comment') continue;
    facts.statements.push({ kind: c.name, line: lc(c.from).line, text: src(c, 200) });
    walk(c, { fn: false, moduleExec: true, inTry: false, cls: false });
  }
  return facts;
}

function childList(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let c = node.firstChild; c; c = c.nextSibling) out.push(c);
  return out;
}
