// Finds, in Python source, the calls that start or feed an experiment tracker and the hyperparameter
// literals a hover can explain. Pure (no 'vscode'); a real parser (lezer) so comments and strings that
// merely contain "Trainer(" are never mistaken for calls.
import type { SyntaxNode, Tree } from '@lezer/common';
import { parser } from '@lezer/python';
import { pythonStringLiteral } from '../../core/util/python-text';

export interface TrackingCall {
  /** The callee as written, e.g. `mlflow.start_run`, `pl.Trainer`. */
  callee: string;
  /** Which tool the call belongs to: mlflow, wandb, aim, tensorboard, lightning or transformers. */
  tracker: string;
  /** Offsets of the whole call expression. */
  from: number;
  to: number;
}

export interface HyperparamLiteral {
  /** The keyword, variable or dict key the literal is bound to (`learning_rate`). */
  name: string;
  /** The literal's source text (`2e-5`). */
  literal: string;
  /** Offsets of name-through-literal, the range a hover highlights. */
  from: number;
  to: number;
}

// Callees are matched on their dotted text; aliases people commonly import under are included.
const TRACKING_CALLEES: RegExp[] = [
  /^mlflow\.(start_run|log_metrics?|log_params?|autolog)$/,
  /^(aim\.)?Run$/,
  /^wandb\.init$/,
  /^(\w+\.)*SummaryWriter$/,
  /^(\w+\.)*(Seq2Seq|SFT)?Trainer$/,
  /^(\w+\.)*(Seq2Seq|SFT)?TrainingArguments$/,
];

const LITERALS = new Set(['Number', 'String', 'Boolean', 'None']);

export function parsePython(text: string): Tree {
  return parser.parse(text);
}

function trackerOf(callee: string): string {
  if (callee.startsWith('mlflow.')) return 'mlflow';
  if (callee.startsWith('wandb.')) return 'wandb';
  if (/(^|\.)Run$/.test(callee)) return 'aim';
  if (callee.endsWith('SummaryWriter')) return 'tensorboard';
  if (/^(pl|L|lightning|pytorch_lightning)\./.test(callee)) return 'lightning';
  return 'transformers';
}

function calleeText(call: SyntaxNode, text: string): string | undefined {
  const callee = call.firstChild;
  if (!callee || (callee.name !== 'VariableName' && callee.name !== 'MemberExpression')) return undefined;
  return text.slice(callee.from, callee.to).replace(/\s+/g, '');
}

/** Every tracking call, in source order. A bare `Run(` only counts when the file imports from aim. */
export function findTrackingCalls(text: string, tree: Tree = parsePython(text)): TrackingCall[] {
  const importsAim = /^\s*(from\s+aim\b|import\s+aim\b)/m.test(text);
  const calls: TrackingCall[] = [];
  tree.iterate({
    enter(node) {
      if (node.name !== 'CallExpression') return;
      const callee = calleeText(node.node, text);
      if (!callee || !TRACKING_CALLEES.some((re) => re.test(callee))) return;
      if (callee === 'Run' && !importsAim) return;
      calls.push({ callee, tracker: trackerOf(callee), from: node.from, to: node.to });
    },
  });
  return calls;
}

function isLiteral(node: SyntaxNode): boolean {
  if (LITERALS.has(node.name)) return true;
  // -3, -1e-4
  return node.name === 'UnaryExpression' && node.lastChild !== null && node.lastChild.name === 'Number';
}

function unquote(s: string): string {
  return pythonStringLiteral(s) ?? s;
}

/**
 * The hyperparameter literal at `offset`: `name=<literal>` in a call or a def, `name = <literal>` as a
 * statement, or `"name": <literal>` in a dict. The offset may be on the name or on the literal.
 */
export function hyperparamAt(text: string, offset: number, tree: Tree = parsePython(text)): HyperparamLiteral | undefined {
  let node: SyntaxNode | null = tree.resolveInner(offset, 1);
  // Climb from a token inside the literal (the Number of a UnaryExpression) to the literal itself.
  while (node && !isLiteral(node) && node.name !== 'VariableName' && node.name !== 'String') node = node.parent;
  if (!node) return undefined;
  if (node.parent?.name === 'UnaryExpression') node = node.parent;

  let nameNode: SyntaxNode | null;
  let valueNode: SyntaxNode | null;
  if (isLiteral(node) && !(node.name === 'String' && node.nextSibling?.name === ':')) {
    valueNode = node;
    const op = node.prevSibling;
    nameNode = op && (op.name === 'AssignOp' || op.name === ':') ? op.prevSibling : null;
  } else {
    nameNode = node;
    const op = node.nextSibling;
    valueNode = op && (op.name === 'AssignOp' || op.name === ':') ? op.nextSibling : null;
  }
  if (!nameNode || !valueNode || !isLiteral(valueNode)) return undefined;
  const op = nameNode.nextSibling!;
  // `name = value` only as a plain assignment, in an argument list or in a parameter list.
  if (op.name === 'AssignOp') {
    const holder = nameNode.parent?.name;
    if (nameNode.name !== 'VariableName' || !holder || !['ArgList', 'ParamList', 'AssignStatement'].includes(holder)) return undefined;
    if (holder === 'AssignStatement' && text.slice(op.from, op.to) !== '=') return undefined;
  } else if (nameNode.name !== 'String' || nameNode.parent?.name !== 'DictionaryExpression') return undefined;
  const name = nameNode.name === 'String' ? unquote(text.slice(nameNode.from, nameNode.to)) : text.slice(nameNode.from, nameNode.to);
  if (!/^[A-Za-z_][\w.\-/]*$/.test(name)) return undefined;
  return { name, literal: text.slice(valueNode.from, valueNode.to), from: nameNode.from, to: valueNode.to };
}
