// `runlens table <paths...> [--where Q] [--columns C1,C2,...] [--group-by P1,P2] [--format text|json|csv|md|latex]`
// `runlens table <paths...> --pivot <context key|suffix|param> --metric <key> [--summary S] [--group-by …] [--average]`
// The Runs table of the issue, from the command line: each column's summary is computed from the full series,
// read from the sources (only the series the columns need). See src/core/runs/columns.ts for column ids.
import * as fs from 'node:fs';
import type { IndexedRun } from '../core/index/types';
import { readerFor } from '../core/sources/registry';
import { readRows, readerSeries } from '../core/runs/column-values';
import { ColumnError, parseColumn, resolveColumns, splitColumnList, type Column } from '../core/runs/columns';
import type { Goal } from '../core/runs/declared-objective';
import { groupParams, groupRows, replicateParams } from '../core/runs/groups';
import { chooseObjective } from '../core/runs/objective';
import { buildPivot, pivotLayout, type Statistic } from '../core/runs/pivot';
import { groupsCsv, groupsGrid, pivotCsv, pivotGrid, runsCsv, runsGrid, toLatex, toMarkdown, type Grid } from '../core/runs/export';
import { pivotJson, tableJson } from '../core/runs/table-json';
import { parseArgs } from './args';
import type { CliCommand } from './command';
import { indexPaths } from './index-paths';
import { paddedTable } from './runs-table';
import { whereFilter } from './run-filter';
import { terminalText } from './terminal-text';

const FORMATS = ['text', 'json', 'csv', 'md', 'latex'] as const;
type Format = (typeof FORMATS)[number];

const list = (v: string | true | undefined) => (typeof v === 'string' ? v.split(',').map((s) => s.trim()).filter(Boolean) : []);

function fail(message: string): number {
  process.stderr.write(`runlens table: ${terminalText(message)}\n`);
  return 2;
}

/** `--goal f1_en=max,eval_loss=min`: the direction of `best` per metric, beating declarations and names. */
function parseGoals(v: string | true | undefined): Record<string, Goal> | string {
  const goals: Record<string, Goal> = {};
  for (const entry of list(v)) {
    const [key, goal] = entry.split('=');
    if (!key || (goal !== 'min' && goal !== 'max')) return `--goal takes key=min or key=max, not '${entry}'`;
    goals[key] = goal;
  }
  return goals;
}

/** Without --columns: the params that vary between runs (replicate-like ones but the seed left out), then the objective's best. */
function defaultColumns(runs: readonly IndexedRun[]): Column[] {
  const names = new Set<string>();
  for (const r of runs) for (const k of Object.keys(r.params)) names.add(k);
  const replicate = replicateParams(runs);
  const varying = [...names].filter((k) => new Set(runs.map((r) => r.params[k])).size > 1 && (!replicate.has(k) || /seed/i.test(k))).sort();
  const objective = chooseObjective(runs);
  return [...varying.map((k) => parseColumn(`params.${k}`)), ...(objective ? [parseColumn(`${objective.key}:best`)] : [])];
}

function render(grid: Grid, format: Format): string {
  if (format === 'md') return toMarkdown(grid);
  if (format === 'latex') return toLatex(grid);
  return paddedTable([grid.header, ...grid.rows.map((r) => r.map((c) => (c.mark === 'best' ? `${c.text} *` : c.text)))]);
}

export const tableCommand: CliCommand = {
  name: 'table',
  usage:
    'table <folder|file>... [--where Q] [--columns C1,C2,...] [--group-by P1,P2] [--goal key=min|max,...] [--stat median|mean] [--format text|json|csv|md|latex]\n' +
    '  table <folder|file>... --pivot <context key|suffix|param> --metric <key> [--summary S] [--group-by P1,P2] [--average] [--format …]',
  summary: 'runs table with per-column summaries (last, best, at(<column>), …), seed groups, pivots; export as CSV, Markdown, LaTeX',
  async run(args) {
    const { positionals, flags } = parseArgs(args, ['where', 'columns', 'group-by', 'format', 'pivot', 'metric', 'summary', 'goal', 'stat', 'db']);
    if (!positionals.length) return fail(`give at least one folder or file\nusage: runlens ${this.usage}`);
    const missing = positionals.filter((p) => !fs.existsSync(p));
    if (missing.length) return fail(missing.map((p) => `${p}: no such file or folder`).join('\n'));
    const format = (flags.get('format') ?? 'text') as Format;
    if (!FORMATS.includes(format)) return fail(`--format must be one of ${FORMATS.join(', ')}`);
    const statistic = (flags.get('stat') ?? 'median') as Statistic;
    if (statistic !== 'median' && statistic !== 'mean') return fail('--stat must be median or mean');
    const goals = parseGoals(flags.get('goal'));
    if (typeof goals === 'string') return fail(goals);
    const pivotBy = flags.get('pivot');
    const metric = flags.get('metric');
    if (pivotBy !== undefined && (typeof pivotBy !== 'string' || typeof metric !== 'string')) return fail('--pivot takes a context key, suffix or a param, and needs --metric <key>');

    const dbFile = typeof flags.get('db') === 'string' ? (flags.get('db') as string) : undefined;
    const indexed = await indexPaths(positionals, { dbFile });
    const filtered = whereFilter(indexed.runs, flags.get('where'));
    if ('error' in filtered) return fail(filtered.error);
    const runs = filtered.runs;
    const chosenGroups = list(flags.get('group-by'));

    let columns: Column[];
    let pivotSpec: { metric: string; summary?: string; by: string } | undefined;
    let layout: ReturnType<typeof pivotLayout> | undefined;
    try {
      if (typeof pivotBy === 'string' && typeof metric === 'string') {
        const summary = flags.get('summary');
        pivotSpec = { metric, by: pivotBy, summary: typeof summary === 'string' ? summary : undefined };
        layout = pivotLayout(runs, pivotSpec);
        columns = layout.columns;
      } else {
        const text = flags.get('columns');
        columns = typeof text === 'string' ? resolveColumns(splitColumnList(text).map(parseColumn), runs) : defaultColumns(runs);
      }
    } catch (err) {
      if (err instanceof ColumnError) return fail(err.message);
      throw err;
    }
    const { rows, errors } = await readRows(runs, columns, readerSeries(readerFor), { goals });
    for (const e of [...indexed.errors, ...errors]) process.stderr.write(`runlens table: ${terminalText(e.path)}: ${terminalText(e.message)}\n`);

    if (pivotSpec && layout) {
      const groupBy = groupParams(runs, chosenGroups).filter((p) => !(layout!.mode === 'param' && p === pivotSpec!.by));
      const pivot = buildPivot(pivotSpec, layout, rows, { groupBy, average: flags.has('average') }, goals);
      if (!pivot.columns.length) return fail(`no ${pivotSpec.by} values found for ${pivotSpec.metric} (a context key of ${pivotSpec.metric}, suffix for ${pivotSpec.metric}_<x> keys, or a param)`);
      if (format === 'json') process.stdout.write(JSON.stringify(pivotJson(pivot, statistic), null, 2) + '\n');
      else if (format === 'csv') process.stdout.write(pivotCsv(pivot, groupBy, statistic));
      else process.stdout.write(render(pivotGrid(pivot, statistic), format));
      return 0;
    }
    const groupBy = chosenGroups.length ? chosenGroups : undefined;
    const groups = groupBy ? groupRows(rows, columns, groupBy) : undefined;
    if (format === 'json') process.stdout.write(JSON.stringify(tableJson(columns, rows, groups), null, 2) + '\n');
    else if (format === 'csv') process.stdout.write(groups ? groupsCsv(columns, groups, groupBy!, statistic) : runsCsv(columns, rows));
    else process.stdout.write(render(groups ? groupsGrid(columns, groups, statistic) : runsGrid(columns, rows), format));
    return 0;
  },
};
