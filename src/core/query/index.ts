// The run filter language, shared by the Curves panel's run query and any other run filter.
//
//   lr=3e-5 seed>1 status=finished name~xlmr experiment="xner sweep"
//   (lr=1e-5 or lr=3e-5) and not tags.mlflow.user=bot
//   lr in (1e-5, 3e-5)   name~/seed[12]$/i   metrics.f1_en>=0.8   params.optimizer=*
//
// Grammar:  or := and (('or' | '||') and)*      and := not (('and' | '&&')? not)*
//           not := ('not' | '!') not | primary  primary := '(' or ')' | term
//           term := field op value | field 'in' '(' value (',' value)* ')' | word
// Fields: name, status, experiment, format, id (built-ins), then params, tags, summary values and
// last metric values, in that order; a prefix picks one: params.X (p.X), tags.X, summary.X,
// metrics.X (m.X), run.X. Ops: = != < <= > >= ~ (contains, or /regex/flags) !~. Values compare as
// numbers when both sides read as numbers (so lr=3e-5 matches "3e-05"), else as text, ignoring
// case. `field=*` tests that a field exists. A run without the field fails every test except != and
// !~. A bare word matches run names and experiments (contains) and ids (prefix). Empty = all runs.
// Metric columns, written as src/core/runs/columns.ts parses them, compare a summary the index keeps
// exactly for every series: `f1[lang=de]:best > 0.7`, `eval_loss:min < 0.3`, `f1_en:last >= 0.5`
// (last, first, min, max, best: by the run's declared objective, else the name), and `count(f1_en) >= 10`
// (points logged, 0 when none). Summaries that need the points (at(…), mean_last:k, at_step:S) are a
// query error that points to the Runs table.
import { compileQuery, type QueryOptions, type QueryRun } from './evaluate';
import { parseQuery, type QueryNode } from './parser';

export { QueryError, tokenize, type CompareOp, type Token } from './lexer';
export { parseQuery, fieldRef, BUILTIN_FIELDS, type QueryNode, type QueryValue, type FieldRef, type ParseResult } from './parser';
export { compileQuery, evaluate, type QueryOptions, type QueryRun, type RunPredicate } from './evaluate';
export { queryRunOf, type IndexedQueryRun } from './run-view';

/**
 * Whether a parsed query has a metric column term (`f1[lang=de]:best > 0.7`, `count(f1_en) >= 10`): those read
 * the index's per-series summaries (QueryRun.series), which a panel's run records may not carry — the panel
 * then asks its host, which holds the indexed runs, to evaluate the query.
 */
export function readsSeriesSummaries(node: QueryNode): boolean {
  switch (node.kind) {
    case 'and':
    case 'or':
      return readsSeriesSummaries(node.left) || readsSeriesSummaries(node.right);
    case 'not':
      return readsSeriesSummaries(node.operand);
    case 'compare':
    case 'in':
      return node.field.scope === 'column' || node.field.scope === 'count';
    default:
      return false;
  }
}

export type FilterResult<T> = { ok: true; runs: T[] } | { ok: false; message: string; start: number; end: number };

/** Parses once and keeps the runs that match; a parse error comes back with its character span. */
export function filterRuns<T extends QueryRun>(query: string, runs: readonly T[], options: QueryOptions = {}): FilterResult<T> {
  const parsed = parseQuery(query);
  if (!parsed.ok) return { ok: false, message: parsed.error.message, start: parsed.error.start, end: parsed.error.end };
  const matches = compileQuery(parsed.node, options);
  return { ok: true, runs: runs.filter(matches) };
}
