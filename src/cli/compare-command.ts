// `runlens compare <paths...> --metric <column> --by P1[,P2] [--where Q] [--json | --format text|csv|md|latex]`
// Configuration groups compared on one metric column over their seeds (src/core/compare): per group n, mean,
// sd, median, min, max and the values; per pair Welch, Holm, CI, Hedges g, P(A>B) and the verdict.
import { groupsTable, pairsTable } from '../core/compare/compare-tables';
import { compareRuns } from '../core/compare/run-analyses';
import { readerSeries } from '../core/runs/column-values';
import { toLatex, toMarkdown, valueTableCsv, valueTableGrid, type ValueTable } from '../core/runs/export';
import { readerFor } from '../core/sources/registry';
import { parseArgs } from './args';
import type { CliCommand } from './command';
import { flagList, loadRuns, parseGoals } from './run-inputs';
import { paddedTable } from './runs-table';
import { terminalText } from './terminal-text';

export const TABLE_FORMATS = ['text', 'json', 'csv', 'md', 'latex'] as const;
export type TableFormat = (typeof TABLE_FORMATS)[number];

/** `--json` or `--format F` (default text); undefined for an unknown format. */
export function tableFormat(flags: Map<string, string | true>): TableFormat | undefined {
  if (flags.has('json')) return 'json';
  const f = (flags.get('format') ?? 'text') as TableFormat;
  return TABLE_FORMATS.includes(f) ? f : undefined;
}

/** Value tables in a text format: padded columns for the terminal, else CSV / Markdown / LaTeX. */
export function renderTables(tables: readonly ValueTable[], format: Exclude<TableFormat, 'json'>): string {
  const one = (t: ValueTable) =>
    format === 'csv' ? valueTableCsv(t) : format === 'md' ? toMarkdown(valueTableGrid(t)) : format === 'latex' ? toLatex(valueTableGrid(t)) : paddedTable([t.header, ...valueTableGrid(t).rows.map((r) => r.map((c) => c.text))]);
  return tables.map(one).join('\n');
}

export function cliFail(command: string, message: string): number {
  process.stderr.write(`runlens ${command}: ${terminalText(message)}\n`);
  return 2;
}

export const compareCommand: CliCommand = {
  name: 'compare',
  usage: 'compare <folder|file>... --metric <column> [--by P1,P2] [--where Q] [--goal key=min|max] [--json | --format text|csv|md|latex]',
  summary: 'is A better than B beyond seed noise: groups of seeds on a metric column, Welch/Holm p, CI, Hedges g, P(A>B), verdicts',
  async run(args) {
    const fail = (m: string) => cliFail('compare', m);
    const { positionals, flags } = parseArgs(args, ['metric', 'by', 'where', 'format', 'goal', 'db']);
    const format = tableFormat(flags);
    if (!format) return fail(`--format must be one of ${TABLE_FORMATS.join(', ')}`);
    const metricText = flags.get('metric');
    if (typeof metricText !== 'string') return fail(`--metric <column> is required (e.g. f1_de:at(f1_en:best))\nusage: runlens ${this.usage}`);
    const goals = parseGoals(flags.get('goal'));
    if (typeof goals === 'string') return fail(goals);
    const loaded = await loadRuns(positionals, flags.get('where'), typeof flags.get('db') === 'string' ? (flags.get('db') as string) : undefined);
    if (!loaded.ok) return fail(loaded.message);
    const res = await compareRuns(loaded.runs, metricText, flagList(flags.get('by')), readerSeries(readerFor), { goals });
    for (const e of [...loaded.errors, ...res.errors]) process.stderr.write(`runlens compare: ${terminalText(e.path)}: ${terminalText(e.message)}\n`);
    if (!res.ok) return fail(res.message);
    const json = res.json;
    if (format === 'json') {
      process.stdout.write(JSON.stringify(json, null, 2) + '\n');
      return 0;
    }
    let out = renderTables([groupsTable(json), pairsTable(json)], format);
    if (format === 'text') {
      out = `${terminalText(json.metric)} by ${terminalText(json.by.join(', ') || '(nothing)')}\n\n` + out;
      if (json.alsoDiffer.length) out += `\nwarning: the compared groups also differ in ${terminalText(json.alsoDiffer.join(', '))} (not in --by)\n`;
    }
    process.stdout.write(out);
    return 0;
  },
};
