// `runlens select <paths...> --by <column> --target <metric>[,…] [--unit step|run] [--where Q] [--json | --format …]`
// Does selecting on one metric (English dev F1) pick a good model for the targets (other languages)? Per target
// the selected (run, step), its rank, the oracle, the regret, the last-step and seed-median variants and
// Kendall's τ (src/core/selection).
import { selectionTable } from '../core/compare/compare-tables';
import { readerSeries } from '../core/runs/column-values';
import { selectRuns } from '../core/compare/run-analyses';
import { splitColumnList } from '../core/runs/columns';
import { readerFor } from '../core/sources/registry';
import { formatNumber } from '../core/util/numbers';
import { parseArgs } from './args';
import type { CliCommand } from './command';
import { cliFail, renderTables, tableFormat, TABLE_FORMATS } from './compare-command';
import { flagList, loadRuns, parseGoals } from './run-inputs';
import { terminalText } from './terminal-text';

export const selectCommand: CliCommand = {
  name: 'select',
  usage: 'select <folder|file>... --by <metric> --target <metric>[,<metric>...] [--unit step|run] [--where Q] [--config P1,P2] [--goal key=min|max] [--json | --format text|csv|md|latex]',
  summary: 'model selection: the (run, step) the --by metric picks, its rank and regret against the oracle on each target, Kendall τ',
  async run(args) {
    const fail = (m: string) => cliFail('select', m);
    const { positionals, flags } = parseArgs(args, ['by', 'target', 'unit', 'where', 'format', 'goal', 'config', 'db']);
    const format = tableFormat(flags);
    if (!format) return fail(`--format must be one of ${TABLE_FORMATS.join(', ')}`);
    const byText = flags.get('by');
    const targetText = flags.get('target');
    if (typeof byText !== 'string' || typeof targetText !== 'string') return fail(`--by <metric> and --target <metric>[,…] are required\nusage: runlens ${this.usage}`);
    const unit = flags.get('unit') ?? 'step';
    if (unit !== 'step' && unit !== 'run') return fail('--unit must be step or run');
    const goals = parseGoals(flags.get('goal'));
    if (typeof goals === 'string') return fail(goals);
    const loaded = await loadRuns(positionals, flags.get('where'), typeof flags.get('db') === 'string' ? (flags.get('db') as string) : undefined);
    if (!loaded.ok) return fail(loaded.message);
    const config = flagList(flags.get('config'));
    const res = await selectRuns(loaded.runs, byText, splitColumnList(targetText), readerSeries(readerFor), { unit, goals, configParams: config.length ? config : undefined });
    for (const e of [...loaded.errors, ...res.errors]) process.stderr.write(`runlens select: ${terminalText(e.path)}: ${terminalText(e.message)}\n`);
    if (!res.ok) return fail(res.message);
    const json = res.json;
    if (format === 'json') {
      process.stdout.write(JSON.stringify(json, null, 2) + '\n');
      return 0;
    }
    let out = renderTables([selectionTable(json)], format);
    if (format === 'text') {
      const notBest = json.targets.filter((t) => t.selected.rank > 1).map((t) => t.metric);
      out =
        `selected by ${terminalText(json.by)} (${json.selectionGoal}), unit ${json.unit}; configurations by ${terminalText(json.configParams.join(', ') || '(none)')}\n\n` +
        out +
        `\nmean regret ${formatNumber(json.meanRegret)}` +
        (notBest.length ? `; the selected model is not the best on ${terminalText(notBest.join(', '))}` : '; the selected model is the best on every target') +
        '\n' +
        (json.missing.length ? `no candidates for ${terminalText(json.missing.join(', '))}\n` : '');
    }
    process.stdout.write(out);
    return 0;
  },
};
