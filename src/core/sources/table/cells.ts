// Reading one table cell as text, number, time or status.
import type { RunStatus } from '../../model';
import { parseFloatToken } from '../../util/numbers';
import type { TableCell } from './types';

export function isMissing(cell: TableCell | undefined): boolean {
  return cell === null || cell === undefined || (typeof cell === 'string' && cell.trim() === '');
}

/** Text of a cell as written (CSV keeps `0.0010` as is); undefined when missing. */
export function cellText(cell: TableCell | undefined): string | undefined {
  if (isMissing(cell)) return undefined;
  if (typeof cell === 'number') {
    if (Number.isNaN(cell)) return 'nan';
    if (cell === Infinity) return 'inf';
    if (cell === -Infinity) return '-inf';
  }
  return typeof cell === 'string' ? cell.trim() : String(cell);
}

/** Number of a cell; NaN / inf / -inf / Infinity tokens included. Undefined for missing or non-numeric cells. */
export function cellNumber(cell: TableCell | undefined): number | undefined {
  if (isMissing(cell)) return undefined;
  if (typeof cell === 'number') return cell;
  if (typeof cell === 'boolean') return undefined;
  return parseFloatToken(cell as string);
}

/**
 * Epoch milliseconds of a time cell: ISO-like text, or an epoch number (seconds below 1e11,
 * milliseconds above; 1e11 s is the year 5138, 1e11 ms is 1973).
 */
export function cellTime(cell: TableCell | undefined): number | undefined {
  if (isMissing(cell) || typeof cell === 'boolean') return undefined;
  const n = typeof cell === 'number' ? cell : /^\s*-?\d+(\.\d+)?\s*$/.test(String(cell)) ? Number(cell) : undefined;
  if (n !== undefined) {
    if (!Number.isFinite(n) || n <= 0) return undefined;
    return n < 1e11 ? n * 1000 : n;
  }
  const text = String(cell).trim();
  if (!/^\d{4}-\d{2}-\d{2}/.test(text)) return undefined;
  const t = Date.parse(text.replace(' ', 'T'));
  return Number.isNaN(t) ? undefined : t;
}

const STATUS_WORDS: [RegExp, RunStatus][] = [
  [/^(completed?|finished|success(ful)?|succeeded|done|ok)$/, 'finished'],
  [/^(fail(ed|ure)?|error(ed)?|crashed)$/, 'failed'],
  [/^(running|in ?progress|inprogress|active|started)$/, 'running'],
  [/^(stopped|stopping|killed|cancell?ed|aborted|terminated)$/, 'killed'],
  [/^pruned$/, 'pruned'],
  [/^(waiting|scheduled|queued|pending|created)$/, 'scheduled'],
];

export function statusFromText(text: string | undefined): RunStatus {
  if (!text) return 'unknown';
  // SageMaker writes {'PrimaryStatus': 'Completed', …} in its status column
  const primary = /PrimaryStatus['"]?\s*:\s*['"]([^'"]+)/.exec(text);
  const word = (primary ? primary[1] : text).trim().toLowerCase();
  for (const [re, status] of STATUS_WORDS) if (re.test(word)) return status;
  return 'unknown';
}

/** `['exp-a']` (a Python list printed into a CSV cell, as SageMaker's Experiments column) → `exp-a`. */
export function unwrapListText(text: string): string {
  const m = /^\[\s*['"]([^'"]*)['"]\s*(,.*)?\]$/.exec(text.trim());
  return m ? m[1] : text;
}
