// The text of a table cell: numbers as the exports write them (NaN, ∞ shown as such), group cells as
// `median [min, max]` or `mean ± sd` (core/runs/export statsText), approximate values marked ≈ with both steps.
import type { CellValue } from '../../src/core/runs/column-values';
import { statsText } from '../../src/core/runs/export';
import type { Stats } from '../../src/core/runs/groups';
import type { Statistic } from '../../src/core/runs/pivot';
import { formatNumber } from '../../src/core/util/numbers';

export interface CellText {
  text: string;
  cls: string;
  title?: string;
}

export function valueText(v: CellValue, approx?: [number, number]): CellText {
  if (v === null) return { text: '', cls: 'empty' };
  if (typeof v === 'string') return { text: v, cls: 'text' };
  const special = !Number.isFinite(v);
  const text = formatNumber(v);
  if (approx) return { text: `≈${text}`, cls: 'num approx', title: `approximate: the value at step ${approx[0]} (step ${approx[1]} was not logged)` };
  return { text, cls: special ? 'num special' : 'num' };
}

export function groupCellText(v: Stats | CellValue | undefined, statistic: Statistic): CellText {
  if (typeof v === 'object' && v !== null) return v.n ? { text: statsText(v, statistic), cls: 'num stats', title: `n=${v.n}` } : { text: '', cls: 'empty' };
  return valueText(v ?? null);
}
