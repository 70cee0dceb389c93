// Runs the profile's readiness checks over one notebook and produces the report: findings (suppressions and the
// profile applied), the verdict, and positive evidence worth showing (papermill proof, verified claims).
// Never throws: a check that fails is reported as an info finding and the others still run.
import { checkInfo } from './catalogue';
import { type AnalyseOptions, NotebookContext } from './context';
import type { Finding, FormatProblem, Notebook, Profile, Severity, Verdict } from './model';
import { readNotebook } from './read-notebook';
import { checkApplies, profileSeverity } from './profiles';
import { buildSuppressor } from './suppressions';
import { ALL_CHECKS } from './checks/all';
import { redactSecrets } from './checks/secrets';

export interface ReadinessReport {
  file: string;
  profile: Profile;
  verdict: Verdict;
  findings: Finding[];
  /** Things that are right and worth a green mark (papermill proof of a clean run, verified metric claims). */
  evidence: string[];
  cellCount: number;
  /** Wall-clock milliseconds the analysis took. */
  elapsedMs: number;
}

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export function analyseNotebookText(text: string, fileName: string, options: AnalyseOptions = {}): ReadinessReport {
  const started = Date.now();
  const { notebook, problems } = readNotebook(text, fileName);
  return analyseNotebook(notebook, problems, options, started);
}

export function analyseNotebook(notebook: Notebook, problems: FormatProblem[], options: AnalyseOptions = {}, started = Date.now()): ReadinessReport {
  const ctx = new NotebookContext(notebook, problems, options);
  const findings: Finding[] = [];
  const evidence: string[] = [];
  for (const check of ALL_CHECKS) {
    if (!checkApplies(check.id, ctx.profile)) continue;
    const info = checkInfo(check.id);
    try {
      check.run(ctx, (e) => {
        if (e.message.startsWith('✓ ')) {
          evidence.push(e.message.slice(2));
          return;
        }
        // messages may quote outputs and code: never let a token through in full
        findings.push({ id: check.id, ...e, message: redactSecrets(e.message), severity: e.severity ?? info?.severity ?? 'warning' });
      });
    } catch (err) {
      findings.push({ id: check.id, severity: 'info', cell: null, message: `The ${check.id} check could not run: ${err instanceof Error ? err.message : String(err)}` });
    }
  }
  const suppressed = buildSuppressor(ctx);
  const kept = findings
    .filter((f) => !suppressed(f))
    .map((f) => ({ ...f, severity: profileSeverity(f.id, f.severity, ctx.profile) }))
    .sort((a, b) => (a.cell ?? -1) - (b.cell ?? -1) || RANK[a.severity] - RANK[b.severity]);
  const pm = notebook.metadata.papermill as Record<string, unknown> | undefined;
  if (pm && pm.exception !== true && ctx.code.length > 0 && ctx.code.every((c) => (c.cell.metadata.papermill as Record<string, unknown> | undefined)?.status === 'completed'))
    evidence.unshift('papermill ran every cell top to bottom without an exception.');
  return {
    file: notebook.fileName,
    profile: ctx.profile,
    verdict: verdictOf(kept),
    findings: kept,
    evidence,
    cellCount: notebook.cells.length,
    elapsedMs: Date.now() - started,
  };
}

export function verdictOf(findings: Pick<Finding, 'severity'>[]): Verdict {
  if (findings.some((f) => f.severity === 'error')) return 'not-ready';
  if (findings.some((f) => f.severity === 'warning')) return 'ready-with-warnings';
  return 'ready';
}
