// Folding Aim's flattened (path, value) records back into a tree (aim/storage/treeutils.pyx),
// then either to plain JS values (contexts) or to the flat, dotted, text-valued params every
// reader produces. Leaves keep their Aim type so 1 (int) and 1.0 (float) print as Python would.
import type { AimValue, PathSegment } from './encoding';

export type PlainValue = null | boolean | number | string | PlainValue[] | { [k: string]: PlainValue };

export class TreeNode {
  kind: 'dict' | 'list' | 'custom' | 'leaf' = 'dict';
  value: AimValue = { t: 'object' };
  typeName = '';
  readonly children = new Map<string, TreeNode>();
  /** Child segments in key order (ints kept as numbers for list indices). */
  readonly order: (string | number)[] = [];

  child(seg: PathSegment): TreeNode {
    const name = typeof seg === 'bigint' ? seg.toString() : seg;
    let c = this.children.get(name);
    if (!c) {
      c = new TreeNode();
      this.children.set(name, c);
      this.order.push(typeof seg === 'bigint' ? Number(seg) : seg);
    }
    return c;
  }

  set(value: AimValue): void {
    this.value = value;
    if (value.t === 'array') this.kind = 'list';
    else if (value.t === 'object') this.kind = 'dict';
    else if (value.t === 'custom') {
      this.kind = 'custom';
      this.typeName = value.typeName;
    } else this.kind = 'leaf';
  }
}

/** Builds a tree from records given in key order, paths relative to the tree root. */
export class TreeBuilder {
  readonly root = new TreeNode();
  readonly warnings: string[] = [];

  add(path: PathSegment[], value: AimValue): void {
    let node = this.root;
    for (const seg of path) node = node.child(seg);
    if (value.t === 'unknown') {
      this.warnings.push(`value with unknown type byte 0x${value.typeByte.toString(16)} at ${path.join('/')} read as None`);
      node.set({ t: 'none' });
      return;
    }
    node.set(value);
  }
}

function leafPlain(v: AimValue): PlainValue {
  switch (v.t) {
    case 'bool':
    case 'int':
    case 'float':
    case 'str':
      return v.v;
    case 'bytes':
      return `<${v.v.length} bytes>`;
    case 'blob':
      return '<blob>';
    default:
      return null;
  }
}

/** The tree as plain JS: dicts, lists (gaps = null), custom objects as {"$type", ...fields}. */
export function toPlain(node: TreeNode): PlainValue {
  // A node with children but a scalar record was overwritten by a later dict: children win.
  if (node.kind === 'leaf' && node.children.size === 0) return leafPlain(node.value);
  if (node.kind === 'list') {
    const out: PlainValue[] = [];
    for (const k of node.order) {
      const idx = typeof k === 'number' ? k : Number(k);
      if (!Number.isInteger(idx) || idx < 0 || idx > 1_000_000) continue;
      while (out.length < idx) out.push(null);
      out[idx] = toPlain(node.children.get(String(k))!);
    }
    return out;
  }
  const obj: { [k: string]: PlainValue } = {};
  if (node.kind === 'custom') obj.$type = node.typeName;
  for (const k of node.order) obj[String(k)] = toPlain(node.children.get(String(k))!);
  return obj;
}

/** Python's repr() of a float: shortest round-trip digits, exponent form outside [1e-4, 1e16). */
export function pyFloat(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const [mant, expText] = x.toExponential().split('e');
  const exp = Number(expText);
  if (exp < -4 || exp >= 16) return `${mant}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  const s = String(x);
  if (s.includes('e')) {
    // JS uses exponent form below 1e-6 where Python does not: expand the digits.
    const digits = mant.replace('-', '').replace('.', '');
    return `${x < 0 ? '-' : ''}0.${'0'.repeat(-exp - 1)}${digits}`;
  }
  return Number.isInteger(x) ? `${s}.0` : s;
}

/** A node as Python's str() would print it: True, None, 0.001, [3, 3], {'a': 1}. */
export function nodeText(node: TreeNode): string {
  if (node.kind === 'leaf' && node.children.size === 0) {
    const v = node.value;
    switch (v.t) {
      case 'none':
        return 'None';
      case 'bool':
        return v.v ? 'True' : 'False';
      case 'int':
        return v.big.toString();
      case 'float':
        return pyFloat(v.v);
      case 'str':
        return v.v;
      default:
        return String(leafPlain(v));
    }
  }
  const items = node.order.map((k) => node.children.get(String(k))!);
  if (node.kind === 'list') return `[${items.map(reprText).join(', ')}]`;
  if (node.kind === 'custom') return `<${node.typeName}>`;
  return `{${node.order.map((k, i) => `'${k}': ${reprText(items[i])}`).join(', ')}}`;
}

function reprText(node: TreeNode): string {
  const t = nodeText(node);
  if (node.kind === 'leaf' && node.value.t === 'str') return `'${t.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  return t;
}

/**
 * Flattens a params tree into dotted keys: dicts are walked, everything else (scalars, lists,
 * custom objects) becomes one text value. `skip` names top-level keys to leave out.
 */
export function flattenParams(root: TreeNode, skip: ReadonlySet<string> = new Set()): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (node: TreeNode, prefix: string) => {
    for (const k of node.order) {
      const name = String(k);
      if (!prefix && skip.has(name)) continue;
      const child = node.children.get(name)!;
      const key = prefix ? `${prefix}.${name}` : name;
      const isDict = child.kind === 'dict' || (child.kind === 'leaf' && child.children.size > 0);
      if (isDict && child.children.size > 0) walk(child, key);
      else if (isDict) out[key] = '{}';
      else out[key] = nodeText(child);
    }
  };
  walk(root, '');
  return out;
}
