// Parameter importance for an objective column (decisions.md §1.5/§1.8): Spearman ρ per numeric param and
// PED-ANOVA per param, over the runs that have a finite objective and a value of every param (as Optuna
// filters trials). Shown with "based on N runs"; hidden when N < 10, where neither says anything reliable.
import type { CellValue } from '../runs/column-values';
import type { Goal } from '../runs/declared-objective';
import { suggestScale } from './axis-scale';
import { cellNumber, isNumericColumn } from './cells';
import { pedAnova, topSet, type ParamDomain, type PedAnovaParam } from './ped-anova';
import { spearman } from './spearman';

export const MIN_RUNS_FOR_IMPORTANCE = 10;

export interface ParamImportance {
  param: string;
  /** Spearman ρ with the objective (NaN for a text param or a constant one). */
  spearman: number;
  /** PED-ANOVA share, summing to 1 over the params. */
  pedAnova: number;
}

export interface ImportanceResult {
  objective: string;
  /** Runs the importance is based on. */
  n: number;
  /** Size of PED-ANOVA's top set. */
  top: number;
  /** False when n < 10: the panel shows why instead of numbers. */
  shown: boolean;
  /** Most important first. */
  params: ParamImportance[];
}

function domainOf(values: readonly CellValue[]): { domain: ParamDomain; values: Array<number | string> } {
  if (isNumericColumn(values)) {
    const nums = values.map((v) => cellNumber(v)!);
    const low = Math.min(...nums);
    const high = Math.max(...nums);
    const log = suggestScale(values) === 'log';
    return { domain: { kind: 'numeric', low, high, log, integer: nums.every(Number.isInteger) }, values: nums };
  }
  const texts = values.map((v) => String(v));
  return { domain: { kind: 'categorical', choices: [...new Set(texts)].sort() }, values: texts };
}

/**
 * params: each param's values over the runs; objective: its values (same order); goal: its direction.
 */
export function paramImportance(params: Record<string, readonly CellValue[]>, objectiveId: string, objective: readonly CellValue[], goal: Goal): ImportanceResult {
  const names = Object.keys(params);
  const keep: number[] = [];
  objective.forEach((o, i) => {
    const n = cellNumber(o);
    if (n === undefined || !Number.isFinite(n)) return;
    if (names.every((p) => params[p][i] !== null && params[p][i] !== undefined && (typeof params[p][i] !== 'number' || Number.isFinite(params[p][i])))) keep.push(i);
  });
  const losses = keep.map((i) => (goal === 'max' ? -1 : 1) * cellNumber(objective[i])!);
  const n = keep.length;
  const top = n > 2 ? topSet(losses).length : n;
  const shown = n >= MIN_RUNS_FOR_IMPORTANCE;
  const inputs: PedAnovaParam[] = names.map((name) => ({ name, ...domainOf(keep.map((i) => params[name][i])) }));
  const ped = n ? pedAnova(inputs, losses) : Object.fromEntries(names.map((p) => [p, 0]));
  const objectiveValues = keep.map((i) => cellNumber(objective[i])!);
  const list = inputs.map((p) => ({
    param: p.name,
    spearman: p.domain.kind === 'numeric' ? spearman(p.values as number[], objectiveValues) : NaN,
    pedAnova: ped[p.name] ?? 0,
  }));
  list.sort((a, b) => b.pedAnova - a.pedAnova || (Math.abs(b.spearman) || 0) - (Math.abs(a.spearman) || 0) || a.param.localeCompare(b.param));
  return { objective: objectiveId, n, top, shown, params: list };
}
