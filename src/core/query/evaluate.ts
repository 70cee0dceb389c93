// Evaluates a parsed run filter against runs. Pure: the Runs tree, the Curves panel and the CLI
// all filter with the same semantics.
import type { SeriesSummary } from '../index/types';
import type { Goal } from '../runs/declared-objective';
import { indexedCount, indexedValue } from '../runs/indexed-summaries';
import type { CompareOp } from './lexer';
import { BUILTIN_FIELDS, type FieldRef, type QueryNode, type QueryValue } from './parser';

/** What a query can see of a run (IndexedRun and the panels' run records both fit). */
export interface QueryRun {
  name: string;
  id: string;
  status: string;
  experiment: string;
  format: string;
  params: Record<string, string>;
  tags: Record<string, string>;
  summary?: Record<string, number>;
  /** Last value of each metric (context-free series), e.g. from the index's series summaries. */
  metrics?: Record<string, number>;
  /** The index's summary of every series: metric column terms (`f1[lang=de]:best`, `count(f1)`) read it. */
  series?: readonly SeriesSummary[];
  /** The run's format facts (declared objective: the direction of `best`). */
  extra?: Record<string, unknown>;
}

export interface QueryOptions {
  /** Per-metric direction of `best` (a setting), beating the run's declaration and the metric's name. */
  goals?: Record<string, Goal>;
}

type Field = string | number | undefined;

function lookup(run: QueryRun, field: FieldRef, options: QueryOptions): Field {
  const { scope, name } = field;
  if (scope === 'column' || scope === 'count') {
    // Runs seen without their series (no index summaries) have no value: they fail the test.
    if (!run.series || !field.column) return undefined;
    if (scope === 'count') return indexedCount({ series: run.series }, field.column);
    return indexedValue(run as QueryRun & { series: readonly SeriesSummary[] }, field.column, options.goals).value ?? undefined;
  }
  if (scope === 'builtin' || (scope === 'auto' && (BUILTIN_FIELDS as readonly string[]).includes(name.toLowerCase()))) {
    const key = name.toLowerCase();
    if (key === 'run') return run.name;
    return (run as unknown as Record<string, string | undefined>)[key];
  }
  if (scope === 'param' || scope === 'auto') {
    if (Object.prototype.hasOwnProperty.call(run.params, name)) return run.params[name];
    if (scope === 'param') return undefined;
  }
  if (scope === 'tag' || scope === 'auto') {
    if (Object.prototype.hasOwnProperty.call(run.tags, name)) return run.tags[name];
    if (scope === 'tag') return undefined;
  }
  if ((scope === 'summary' || scope === 'auto') && run.summary && Object.prototype.hasOwnProperty.call(run.summary, name)) return run.summary[name];
  if ((scope === 'metric' || scope === 'auto') && run.metrics && Object.prototype.hasOwnProperty.call(run.metrics, name)) return run.metrics[name];
  return undefined;
}

/** A field's value as a number, when the whole text reads as one ("3e-05", "0.1", "nan"). */
function asNumber(v: string | number): number | undefined {
  if (typeof v === 'number') return v;
  const t = v.trim();
  if (t === '') return undefined;
  if (/^[+-]?(nan|inf|infinity)$/i.test(t)) return /nan/i.test(t) ? NaN : t.startsWith('-') ? -Infinity : Infinity;
  const n = Number(t);
  return Number.isNaN(n) ? undefined : n;
}

/** Booleans logged by Python (True/False) compare equal to true/false, whatever the case. */
function sameText(a: string, b: string): boolean {
  return a.localeCompare(b, undefined, { sensitivity: 'accent' }) === 0;
}

function compare(actual: Field, op: CompareOp, value: QueryValue): boolean {
  // A run without the field: only the negative tests hold (it is "not equal" and "does not match").
  if (actual === undefined) return op === '!=' || op === '!~';
  if (value.any) return op === '=';
  const text = typeof actual === 'number' ? String(actual) : actual;
  if (op === '~' || op === '!~') {
    const hit = value.regex ? value.regex.test(text) : text.toLowerCase().includes(value.text.toLowerCase());
    return op === '~' ? hit : !hit;
  }
  const a = asNumber(actual);
  const b = value.num;
  if (a !== undefined && b !== undefined) {
    // NaN = nan holds (a diverged run is findable); otherwise IEEE comparison.
    if (Number.isNaN(a) || Number.isNaN(b)) {
      const both = Number.isNaN(a) && Number.isNaN(b);
      return op === '=' ? both : op === '!=' ? !both : false;
    }
    switch (op) {
      case '=':
        return a === b;
      case '!=':
        return a !== b;
      case '<':
        return a < b;
      case '<=':
        return a <= b;
      case '>':
        return a > b;
      case '>=':
        return a >= b;
    }
  }
  const c = text.localeCompare(value.text, undefined, { sensitivity: 'accent', numeric: true });
  switch (op) {
    case '=':
      return sameText(text, value.text);
    case '!=':
      return !sameText(text, value.text);
    case '<':
      return c < 0;
    case '<=':
      return c <= 0;
    case '>':
      return c > 0;
    case '>=':
      return c >= 0;
  }
}

/** A query compiled to one predicate: parse once, then test every run without walking the tree. */
export type RunPredicate = (run: QueryRun) => boolean;

export function compileQuery(node: QueryNode, options: QueryOptions = {}): RunPredicate {
  switch (node.kind) {
    case 'all':
      return () => true;
    case 'and': {
      const left = compileQuery(node.left, options);
      const right = compileQuery(node.right, options);
      return (run) => left(run) && right(run);
    }
    case 'or': {
      const left = compileQuery(node.left, options);
      const right = compileQuery(node.right, options);
      return (run) => left(run) || right(run);
    }
    case 'not': {
      const operand = compileQuery(node.operand, options);
      return (run) => !operand(run);
    }
    case 'compare': {
      const { field, op, value } = node;
      return (run) => compare(lookup(run, field, options), op, value);
    }
    case 'in': {
      const { field, values } = node;
      return (run) => {
        const actual = lookup(run, field, options);
        return values.some((v) => compare(actual, '=', v));
      };
    }
    case 'text': {
      const t = node.text.toLowerCase();
      return (run) => run.name.toLowerCase().includes(t) || run.experiment.toLowerCase().includes(t) || run.id.toLowerCase().startsWith(t);
    }
  }
}

const compiled = new WeakMap<QueryNode, RunPredicate>();

/** Whether a run matches; the tree is compiled on first use and the predicate kept with it. */
export function evaluate(node: QueryNode, run: QueryRun): boolean {
  let predicate = compiled.get(node);
  if (!predicate) compiled.set(node, (predicate = compileQuery(node)));
  return predicate(run);
}
