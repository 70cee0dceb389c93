// Tiny notebook builder for the readiness tests: cells in, analysed report out.
import { analyseNotebookText, type ReadinessReport } from '../../../src/core/notebook/analyse';
import type { AnalyseOptions } from '../../../src/core/notebook/context';
import type { Finding } from '../../../src/core/notebook/model';

type Json = Record<string, unknown>;

export function md(source: string | string[], extra: Json = {}): Json {
  return { cell_type: 'markdown', metadata: {}, source, ...extra };
}

export interface CodeOptions {
  count?: number | null;
  outputs?: Json[];
  tags?: string[];
  metadata?: Json;
}

export function code(source: string | string[], opts: CodeOptions = {}): Json {
  const metadata: Json = { ...(opts.metadata ?? {}) };
  if (opts.tags) metadata.tags = opts.tags;
  return { cell_type: 'code', metadata, source, execution_count: opts.count === undefined ? null : opts.count, outputs: opts.outputs ?? [] };
}

export const stream = (text: string, name = 'stdout'): Json => ({ output_type: 'stream', name, text });
export const result = (plain: string, count: number | null): Json => ({ output_type: 'execute_result', execution_count: count, metadata: {}, data: { 'text/plain': plain } });
export const display = (data: Json): Json => ({ output_type: 'display_data', metadata: {}, data });
export const error = (ename: string, evalue: string): Json => ({ output_type: 'error', ename, evalue, traceback: [`\u001b[0;31m${ename}\u001b[0m: ${evalue}`] });

export const PY_META: Json = {
  kernelspec: { name: 'python3', display_name: 'Python 3', language: 'python' },
  language_info: { name: 'python', version: '3.11.4' },
};

/** A v4.5 notebook text with ids "c0", "c1", …. */
export function notebookText(cells: Json[], metadata: Json = PY_META, minor = 5): string {
  const withIds = cells.map((c, i) => (minor >= 5 && c.id === undefined ? { id: `c${i}`, ...c } : c));
  return JSON.stringify({ nbformat: 4, nbformat_minor: minor, metadata, cells: withIds }, null, 1);
}

/** Analyses under the course's hand-in profile unless told otherwise: most checks' tests are about the course's rules. */
export function analyse(cells: Json[], opts: AnalyseOptions & { metadata?: Json; fileName?: string } = {}): ReadinessReport {
  return analyseNotebookText(notebookText(cells, opts.metadata ?? PY_META), opts.fileName ?? 'course_project_notebook.ipynb', { profile: 'hand-in', ...opts });
}

export function of(report: ReadinessReport, id: string): Finding[] {
  return report.findings.filter((f) => f.id === id);
}

/** Markdown cells that satisfy the documentation checks, to keep unrelated findings out of the way. */
export const WELL_DOCUMENTED: Json[] = [
  md('# Sentiment classification of movie reviews\n\nWe fine-tune a small transformer model on the IMDB dataset and report accuracy.'),
  md('## Introduction\n\nTopic: sentiment. Data: IMDB dataset. Method: DistilBERT model. Experiments: a sweep over the learning rate. Results: accuracy of 91.2% on the test split.'),
];
