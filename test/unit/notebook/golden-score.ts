// Scores readiness reports against test/fixtures/notebook-golden.json: per-check precision and recall.
import { checkInfo } from '../../../src/core/notebook/catalogue';
import type { Finding, Severity } from '../../../src/core/notebook/model';

export interface GoldenNotebook {
  file: string;
  expected: string[];
  forbidden: string[];
  info?: string[];
  maxSeverity?: Record<string, Severity>;
  notFlagged?: Record<string, string[]>;
  sectionsMissing?: string[];
  sectionsPresent?: string[];
}

export interface CheckScore {
  /** Forbidden and rightly silent. */
  tn: number;
  tp: number;
  fp: number;
  fn: number;
  details: string[];
}

const RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

/** A check fires at warning/error; at info only when info is its default or the golden names info. */
export function fires(findings: Finding[], id: string, nb: GoldenNotebook): boolean {
  const infoCounts = checkInfo(id)?.severity === 'info' || (nb.info ?? []).includes(id);
  return findings.some((f) => f.id === id && (f.severity !== 'info' || infoCounts));
}

export function scoreNotebook(findings: Finding[], nb: GoldenNotebook, scores: Map<string, CheckScore>): void {
  const score = (id: string): CheckScore => {
    let s = scores.get(id);
    if (!s) scores.set(id, (s = { tn: 0, tp: 0, fp: 0, fn: 0, details: [] }));
    return s;
  };
  for (const id of nb.expected) {
    if (fires(findings, id, nb)) score(id).tp++;
    else {
      score(id).fn++;
      score(id).details.push(`missed in ${nb.file}`);
    }
  }
  for (const id of nb.forbidden) {
    if (!fires(findings, id, nb)) score(id).tn++;
    else {
      score(id).fp++;
      score(id).details.push(`false alarm in ${nb.file}: ${findings.find((f) => f.id === id)?.message}`);
    }
  }
  for (const [id, max] of Object.entries(nb.maxSeverity ?? {})) {
    const over = findings.find((f) => f.id === id && RANK[f.severity] > RANK[max]);
    if (over) {
      score(id).fp++;
      score(id).details.push(`above ${max} in ${nb.file}: ${over.severity} ${over.message}`);
    }
  }
}

export function summarise(scores: Map<string, CheckScore>): { precision: number; recall: number; table: string } {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  const rows = ['check                          TP  FP  FN  TN  precision  recall'];
  for (const [id, s] of [...scores].sort(([a], [b]) => a.localeCompare(b))) {
    tp += s.tp;
    fp += s.fp;
    fn += s.fn;
    tn += s.tn;
    const p = s.tp + s.fp ? s.tp / (s.tp + s.fp) : 1;
    const r = s.tp + s.fn ? s.tp / (s.tp + s.fn) : 1;
    rows.push(`${id.padEnd(30)} ${String(s.tp).padStart(3)} ${String(s.fp).padStart(3)} ${String(s.fn).padStart(3)} ${String(s.tn).padStart(3)}  ${p.toFixed(2).padStart(9)}  ${r.toFixed(2).padStart(6)}`);
  }
  const precision = tp + fp ? tp / (tp + fp) : 1;
  const recall = tp + fn ? tp / (tp + fn) : 1;
  rows.push(`${'OVERALL'.padEnd(30)} ${String(tp).padStart(3)} ${String(fp).padStart(3)} ${String(fn).padStart(3)} ${String(tn).padStart(3)}  ${precision.toFixed(2).padStart(9)}  ${recall.toFixed(2).padStart(6)}`);
  return { precision, recall, table: rows.join('\n') };
}
