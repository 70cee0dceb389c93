// `runlens diagnose <paths...> [--where Q] [--rules r1,r2] [--best k1,k2] [--json]`: curve and sweep health,
// checkpoints with their markers and the disk that keeping only last + best would free (issue 15). Exits 1 when
// any error-severity finding exists, so a CI job can fail on a NaN. Series are read at full resolution.
import { diagnose, parseRules, UnknownRuleError } from '../core/health/diagnose';
import type { HealthReport } from '../core/health/types';
import { seriesLabel } from '../core/model';
import { formatBytes } from '../core/notebook/outputs';
import { readerSeries } from '../core/runs/column-values';
import { readerFor } from '../core/sources/registry';
import { parseArgs } from './args';
import type { CliCommand } from './command';
import { flagList, loadRuns, parseGoals } from './run-inputs';
import { terminalText } from './terminal-text';

function fail(message: string): number {
  process.stderr.write(`runlens diagnose: ${terminalText(message)}\n`);
  return 2;
}

/** The JSON of the issue: exactly these fields, in this order. */
export function reportJson(r: HealthReport): HealthReport {
  return {
    findings: r.findings.map((f) => ({ rule: f.rule, severity: f.severity, runId: f.runId, runName: f.runName, series: f.series, context: f.context, step: f.step, message: f.message })),
    sweep: r.sweep.map((s) => ({ rule: s.rule, severity: s.severity, experiment: s.experiment, param: s.param, message: s.message })),
    checkpoints: r.checkpoints.map((c) => ({ runId: c.runId, path: c.path, step: c.step, bytes: c.bytes, markers: c.markers })),
    reclaimableBytes: r.reclaimableBytes,
  };
}

export function reportText(r: HealthReport): string {
  const t = terminalText;
  const lines: string[] = [];
  for (const f of r.findings) lines.push(`${f.severity.padEnd(7)} ${f.rule.padEnd(21)} ${t(f.runName)} · ${t(seriesLabel({ key: f.series, context: f.context }))} @ ${f.step}: ${t(f.message)}`);
  for (const s of r.sweep) lines.push(`${s.severity.padEnd(7)} ${s.rule.padEnd(21)} ${t(s.experiment)} · ${t(s.param)}: ${t(s.message)}`);
  const marked = r.checkpoints.filter((c) => c.markers.length);
  if (r.checkpoints.length) {
    lines.push(`checkpoints: ${r.checkpoints.length} (${formatBytes(r.checkpoints.reduce((n, c) => n + c.bytes, 0))}), keeping only last + best would free ${formatBytes(r.reclaimableBytes)}`);
    for (const c of marked) lines.push(`  ${t(c.path)}${c.step !== null ? ` @ ${c.step}` : ''} ${formatBytes(c.bytes)} [${t(c.markers.join(', '))}]`);
  }
  if (!lines.length) lines.push('no findings');
  return lines.join('\n') + '\n';
}

export const diagnoseCommand: CliCommand = {
  name: 'diagnose',
  usage: 'diagnose <folder|file>... [--where Q] [--rules r1,r2] [--objective [max:|min:]key] [--best key1,key2] [--goal key=min|max] [--json]',
  summary: 'curve and sweep health (NaN, divergence, overfitting, early stopping…), checkpoints and reclaimable disk; exit 1 on an error finding',
  async run(args) {
    const { positionals, flags } = parseArgs(args, ['where', 'rules', 'best', 'objective', 'goal', 'db']);
    if (!positionals.length) return fail(`give at least one folder or file\nusage: runlens ${this.usage}`);
    const rules = flagList(flags.get('rules'));
    try {
      parseRules(rules);
    } catch (err) {
      if (err instanceof UnknownRuleError) return fail(err.message);
      throw err;
    }
    const goals = parseGoals(flags.get('goal'));
    if (typeof goals === 'string') return fail(goals);
    const dbFile = typeof flags.get('db') === 'string' ? (flags.get('db') as string) : undefined;
    const loaded = await loadRuns(positionals, flags.get('where'), dbFile);
    if (!loaded.ok) return fail(loaded.message);
    const report = await diagnose(loaded.runs, readerSeries(readerFor), {
      rules,
      bestColumns: flagList(flags.get('best')),
      objective: typeof flags.get('objective') === 'string' ? (flags.get('objective') as string) : undefined,
      goals,
    });
    for (const e of [...loaded.errors, ...report.errors]) process.stderr.write(`runlens diagnose: ${terminalText(e.path)}: ${terminalText(e.message)}\n`);
    process.stdout.write(flags.has('json') ? JSON.stringify(reportJson(report), null, 2) + '\n' : reportText(report));
    return report.findings.some((f) => f.severity === 'error') ? 1 : 0;
  },
};
