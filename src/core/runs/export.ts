// Export of the Runs table and the pivot: CSV (the value plus `_min`, `_max`, `_sd`, `_n` columns for
// aggregated cells, full precision), Markdown (GFM; best **bold**, second <u>underlined</u>) and LaTeX
// (booktabs, `$\pm$`, best \textbf{}, second \underline{}). Text from logs is escaped for each format.
import { formatNumber } from '../util/numbers';
import type { CellValue, RunRow } from './column-values';
import type { Column } from './columns';
import { isStats, type GroupRow, type Stats } from './groups';
import { pivotRanks, type Pivot, type Statistic } from './pivot';

export type Mark = 'best' | 'second';
export interface GridCell {
  text: string;
  mark?: Mark;
  numeric?: boolean;
}
export interface Grid {
  header: string[];
  rows: GridCell[][];
}

/** `mean ± sd` or `median [min, max]`; a lone run (no sd) shows its value. */
export function statsText(s: Stats, statistic: Statistic): string {
  if (!s.n) return '';
  if (statistic === 'mean') return Number.isFinite(s.sd) ? `${formatNumber(s.mean)} ± ${formatNumber(s.sd)}` : formatNumber(s.mean);
  return s.n > 1 ? `${formatNumber(s.median)} [${formatNumber(s.min)}, ${formatNumber(s.max)}]` : formatNumber(s.median);
}

const cellText = (v: CellValue | undefined): GridCell =>
  typeof v === 'number' ? { text: formatNumber(v), numeric: true } : { text: v ?? '' };

const groupText = (g: Record<string, string>) => Object.entries(g).map(([k, v]) => `${k}=${v}`).join(', ') || '(all runs)';

export function runsGrid(columns: readonly Column[], rows: readonly RunRow[]): Grid {
  return {
    header: ['run', ...columns.map((c) => c.id)],
    // ≈: taken at an earlier step than the selector's (that step was not logged); the JSON row has both steps
    rows: rows.map((r) => [
      { text: r.run.name || r.run.id },
      ...columns.map((c) => {
        const cell = cellText(r.values[c.id]);
        return r.approximate[c.id] && cell.text ? { ...cell, text: `≈${cell.text}` } : cell;
      }),
    ]),
  };
}

export function groupsGrid(columns: readonly Column[], groups: readonly GroupRow[], statistic: Statistic): Grid {
  return {
    header: ['group', 'n', ...columns.map((c) => c.id)],
    rows: groups.map((g) => [
      { text: groupText(g.group) },
      { text: String(g.n), numeric: true },
      ...columns.map((c) => {
        const v = g.values[c.id];
        return isStats(v) ? { text: statsText(v, statistic), numeric: true } : cellText(v);
      }),
    ]),
  };
}

export function pivotGrid(p: Pivot, statistic: Statistic): Grid {
  const ranks = pivotRanks(p, statistic);
  const hasAverage = p.rows.some((r) => r.average);
  const labels = hasAverage ? [...p.columns, 'average'] : p.columns;
  return {
    header: ['group', ...labels],
    rows: p.rows.map((r, i) => [
      { text: groupText(r.group) },
      ...labels.map((label) => {
        const s = label === 'average' && hasAverage ? r.average! : r.cells[label];
        const mark: Mark | undefined = ranks[label]?.best === i ? 'best' : ranks[label]?.second === i ? 'second' : undefined;
        return { text: s ? statsText(s, statistic) : '', numeric: true, mark };
      }),
    ]),
  };
}

// Text from logs must not become markup: pipes end cells, `*` `<` `` ` `` and `[` start emphasis, HTML, code and
// links, and `_` emphasis at a word's edge (GFM ignores it inside words, so `eval_loss` stays readable).
const mdEscape = (s: string) =>
  s
    .replace(/[\\|*<>`[]/g, (c) => `\\${c}`)
    .replace(/(^|[^A-Za-z0-9])_|_(?=[^A-Za-z0-9]|$)/g, (m) => m.replace('_', '\\_'))
    .replace(/\r?\n/g, ' ');

export function toMarkdown(g: Grid): string {
  const row = (cells: string[]) => `| ${cells.join(' | ')} |`;
  const cell = (c: GridCell) => {
    const t = c.numeric ? c.text : mdEscape(c.text);
    return c.mark === 'best' && t ? `**${t}**` : c.mark === 'second' && t ? `<u>${t}</u>` : t;
  };
  const align = g.header.map((_, i) => (g.rows.length && g.rows.every((r) => r[i].numeric || !r[i].text) && g.rows.some((r) => r[i].numeric) ? '---:' : '---'));
  return [row(g.header.map(mdEscape)), row(align), ...g.rows.map((r) => row(r.map(cell)))].join('\n') + '\n';
}

const LATEX_SPECIAL: Record<string, string> = {
  '\\': '\\textbackslash{}', '{': '\\{', '}': '\\}', '$': '\\$', '&': '\\&', '#': '\\#', '_': '\\_', '%': '\\%', '~': '\\textasciitilde{}', '^': '\\textasciicircum{}',
};
export const latexEscape = (s: string) => s.replace(/[\\{}$&#_%~^]/g, (c) => LATEX_SPECIAL[c]).replace(/\r?\n/g, ' ');

/** The grid as a booktabs tabular, `±` written as `$\pm$`. */
export function toLatex(g: Grid): string {
  const spec = g.header.map((_, i) => (i > 0 && g.rows.some((r) => r[i].numeric) ? 'r' : 'l')).join('');
  const cell = (c: GridCell) => {
    // only numeric cells carry the ± this module wrote; a run name keeps its own characters
    const t = c.numeric ? latexEscape(c.text).replace(/ ± /g, ' $\\pm$ ') : latexEscape(c.text);
    return c.mark === 'best' && t ? `\\textbf{${t}}` : c.mark === 'second' && t ? `\\underline{${t}}` : t;
  };
  return [
    `\\begin{tabular}{${spec}}`,
    '\\toprule',
    g.header.map(latexEscape).join(' & ') + ' \\\\',
    '\\midrule',
    ...g.rows.map((r) => r.map(cell).join(' & ') + ' \\\\'),
    '\\bottomrule',
    '\\end{tabular}',
  ].join('\n') + '\n';
}

const csvField = (v: string) => (/[",\r\n]/.test(v) || /^\s|\s$/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
const csvNumber = (n: number) => (Number.isNaN(n) ? 'NaN' : n === Infinity ? 'Infinity' : n === -Infinity ? '-Infinity' : String(n));
const csvCell = (v: CellValue | undefined) => (typeof v === 'number' ? csvNumber(v) : csvField(v ?? ''));
const csvLines = (rows: string[][]) => rows.map((r) => r.map((c) => c).join(',')).join('\n') + '\n';
const statsCsv = (s: Stats | undefined, statistic: Statistic) =>
  s && s.n ? [csvNumber(s[statistic]), csvNumber(s.min), csvNumber(s.max), Number.isFinite(s.sd) ? csvNumber(s.sd) : '', String(s.n)] : ['', '', '', '', '0'];
const statsHeader = (id: string) => [id, `${id}_min`, `${id}_max`, `${id}_sd`, `${id}_n`].map(csvField);

export function runsCsv(columns: readonly Column[], rows: readonly RunRow[]): string {
  const header = ['run_id', 'run_name', 'experiment', 'format', ...columns.map((c) => c.id)].map(csvField);
  return csvLines([header, ...rows.map((r) => [r.run.id, r.run.name, r.run.experiment, r.run.format].map(csvField).concat(columns.map((c) => csvCell(r.values[c.id]))))]);
}

export function groupsCsv(columns: readonly Column[], groups: readonly GroupRow[], groupBy: readonly string[], statistic: Statistic): string {
  const header = [...groupBy.map(csvField), 'n', ...columns.flatMap((c) => (c.kind === 'metric' ? statsHeader(c.id) : [csvField(c.id)]))];
  const rows = groups.map((g) => [
    ...groupBy.map((p) => csvField(g.group[p] ?? '')),
    String(g.n),
    ...columns.flatMap((c) => {
      const v = g.values[c.id];
      return c.kind === 'metric' ? statsCsv(isStats(v) ? v : undefined, statistic) : [csvCell(isStats(v) ? null : v)];
    }),
  ]);
  return csvLines([header, ...rows]);
}

export function pivotCsv(p: Pivot, groupBy: readonly string[], statistic: Statistic): string {
  const hasAverage = p.rows.some((r) => r.average);
  const labels = hasAverage ? [...p.columns, 'average'] : p.columns;
  const header = [...groupBy.map(csvField), ...labels.flatMap(statsHeader)];
  const rows = p.rows.map((r) => [
    ...groupBy.map((g) => csvField(r.group[g] ?? '')),
    ...labels.flatMap((l) => statsCsv(l === 'average' && hasAverage ? r.average : r.cells[l], statistic)),
  ]);
  return csvLines([header, ...rows]);
}

/** A table of plain values (the Compare panel's tables): numbers at full precision in CSV, formatted in the grid. */
export interface ValueTable {
  header: string[];
  rows: CellValue[][];
}

export function valueTableCsv(t: ValueTable): string {
  return csvLines([t.header.map(csvField), ...t.rows.map((r) => r.map(csvCell))]);
}

export function valueTableGrid(t: ValueTable): Grid {
  return { header: t.header, rows: t.rows.map((r) => r.map(cellText)) };
}
