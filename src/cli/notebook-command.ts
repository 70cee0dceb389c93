// `runlens notebook <file.ipynb>… [--profile general|hand-in|publish] [--json] [--no-workspace]`: the readiness
// report for pre-commit hooks and CI. Exit code 1 when any finding is an error, 2 on usage errors.
// --json prints {"file","verdict","findings":[{"id","severity","cell","message"}]} for one file, and an
// array of such objects for several files. Messages never contain a secret in full (they are masked
// when the findings are made).
import * as fs from 'node:fs';
import { analyseNotebookText, type ReadinessReport } from '../core/notebook/analyse';
import { DEFAULT_PROFILE, isProfile, PROFILES } from '../core/notebook/profiles';
import { fsWorkspace } from '../core/notebook/fs-workspace';
import type { Profile } from '../core/notebook/model';
import { parseArgs } from './args';
import type { CliCommand } from './command';
import { readRegularFileSync } from '../core/util/fs';
import { terminalText } from './terminal-text';

const MAX_FILE_BYTES = 200 * 1024 * 1024;
const VERDICT_TEXT = { ready: 'Ready', 'ready-with-warnings': 'Ready with warnings', 'not-ready': 'Not ready' } as const;

export function reportJson(file: string, report: ReadinessReport): object {
  return {
    file,
    verdict: report.verdict,
    findings: report.findings.map((f) => ({ id: f.id, severity: f.severity, cell: f.cell, message: f.message })),
  };
}

function unreadable(file: string, message: string, profile: Profile): ReadinessReport {
  return {
    file,
    profile,
    verdict: 'not-ready',
    findings: [{ id: 'nb-invalid-format', severity: 'error', cell: null, message: `Notebook format problem: ${message}. Jupyter or GitHub may refuse to open this file.` }],
    evidence: [],
    cellCount: 0,
    elapsedMs: 0,
  };
}

export function analyseFile(file: string, profile: Profile, useWorkspace: boolean): ReadinessReport {
  let text: string;
  try {
    const size = fs.statSync(file).size;
    if (size > MAX_FILE_BYTES) return unreadable(file, `the file is ${Math.round(size / 1024 / 1024)} MB, more than the ${MAX_FILE_BYTES / 1024 / 1024} MB this command reads`, profile);
    text = readRegularFileSync(file).toString('utf8');
  } catch (err) {
    return unreadable(file, `cannot read the file (${err instanceof Error ? err.message : String(err)})`, profile);
  }
  return analyseNotebookText(text, file.replace(/^.*[\\/]/, ''), { profile, workspace: useWorkspace ? fsWorkspace(file) : undefined });
}

function textReport(file: string, r: ReadinessReport): string {
  const count = (s: string): number => r.findings.filter((f) => f.severity === s).length;
  const lines = [`${file}: ${VERDICT_TEXT[r.verdict]} (${count('error')} errors, ${count('warning')} warnings, ${count('info')} info; profile ${r.profile})`];
  for (const f of r.findings) lines.push(`  ${f.severity.padEnd(7)} ${f.cell === null ? 'notebook' : `cell ${f.cell}`.padEnd(8)} ${f.id}: ${f.message}`);
  for (const e of r.evidence) lines.push(`  ok      ${e}`);
  return lines.map(terminalText).join('\n');
}

export const notebookCommand: CliCommand = {
  name: 'notebook',
  usage: 'notebook <file.ipynb>... [--profile general|hand-in|publish] [--json]',
  summary: 'Readiness report of notebooks (exit 1 when any error is found)',
  async run(args) {
    const { positionals, flags } = parseArgs(args, ['profile']);
    const profile = flags.get('profile') ?? DEFAULT_PROFILE;
    if (typeof profile !== 'string' || !isProfile(profile)) {
      process.stderr.write(`runlens notebook: --profile must be one of ${PROFILES.join(', ')}\n`);
      return 2;
    }
    if (positionals.length === 0) {
      process.stderr.write(`usage: runlens ${this.usage}\n`);
      return 2;
    }
    const reports = positionals.map((file) => ({ file, report: analyseFile(file, profile, flags.get('no-workspace') !== true) }));
    if (flags.has('json')) {
      const json = reports.map((r) => reportJson(r.file, r.report));
      process.stdout.write(JSON.stringify(json.length === 1 ? json[0] : json, null, 2) + '\n');
    } else process.stdout.write(reports.map((r) => textReport(r.file, r.report)).join('\n\n') + '\n');
    return reports.some((r) => r.report.findings.some((f) => f.severity === 'error')) ? 1 : 0;
  },
};
