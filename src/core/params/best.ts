// "Highlight the best by" a column (the founding study's Figure 1): the run (or group) with the best value
// of that column, and its rank on every other axis — "rank 7 of 40 on f1_de". Ranks are competition ranks
// (1 + the number of strictly better values) among the finite values of that axis; NaN, ±inf and missing
// values are not ranked and do not count in "of N".
import type { CellValue } from '../runs/column-values';
import type { Goal } from '../runs/declared-objective';
import { cellNumber } from './cells';

const finite = (v: CellValue | undefined): number | undefined => {
  const n = cellNumber(v);
  return n !== undefined && Number.isFinite(n) ? n : undefined;
};

/** Index of the best finite value (the first one on ties), or -1 when there is none. */
export function bestIndex(values: readonly CellValue[], goal: Goal): number {
  let best = -1;
  let bestValue = 0;
  values.forEach((v, i) => {
    const n = finite(v);
    if (n === undefined) return;
    if (best < 0 || (goal === 'max' ? n > bestValue : n < bestValue)) {
      best = i;
      bestValue = n;
    }
  });
  return best;
}

export interface Rank {
  rank: number;
  of: number;
}

/** The rank of values[index] among the finite values (1 = best); undefined when that value is not finite. */
export function rankOf(values: readonly CellValue[], index: number, goal: Goal): Rank | undefined {
  const mine = finite(values[index]);
  if (mine === undefined) return undefined;
  let better = 0;
  let of = 0;
  for (const v of values) {
    const n = finite(v);
    if (n === undefined) continue;
    of++;
    if (goal === 'max' ? n > mine : n < mine) better++;
  }
  return { rank: better + 1, of };
}

export function rankLabel(r: Rank, axisLabel: string): string {
  return `rank ${r.rank} of ${r.of} on ${axisLabel}`;
}
