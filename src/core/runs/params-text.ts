// A run's settings and results as plain text, one `key = value` per line in sorted order, so two runs can be
// compared in VS Code's own diff editor ("Runlens: Diff Params Between Runs"): params, tags, scalar
// summaries, and the last / min / max of each context-free metric. Pure (no 'vscode').
import type { IndexedRun } from '../index/types';
import { seriesLabel } from '../model';
import { numberText } from '../util/python-text';

type RunText = Pick<IndexedRun, 'name' | 'id' | 'format' | 'experiment' | 'params' | 'tags' | 'series'> & Partial<Pick<IndexedRun, 'summary' | 'gitCommit' | 'entryPoint' | 'status'>>;

/** Newlines in values would shift every following line of the diff: shown escaped. */
function oneLine(value: string): string {
  return value.replace(/\r?\n/g, '\\n');
}

function section(title: string, entries: Array<[string, string]>): string[] {
  if (!entries.length) return [];
  return ['', `[${title}]`, ...entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => `${oneLine(k)} = ${oneLine(v)}`)];
}

const num = (n: number) => (Number.isNaN(n) ? 'nan' : n === Infinity ? 'inf' : n === -Infinity ? '-inf' : numberText(n));

export function runParamsText(run: RunText): string {
  const head = [`# ${run.name || run.id}`, `id = ${run.id}`, `format = ${run.format}`, `experiment = ${oneLine(run.experiment)}`];
  if (run.status) head.push(`status = ${run.status}`);
  if (run.entryPoint) head.push(`entry point = ${oneLine(run.entryPoint)}`);
  if (run.gitCommit) head.push(`commit = ${run.gitCommit}`);
  const metrics: Array<[string, string]> = run.series.map((s) => [seriesLabel(s), `last ${num(s.last)} · min ${num(s.min)} · max ${num(s.max)} · ${s.count} points`]);
  return [
    ...head,
    ...section('params', Object.entries(run.params)),
    ...section('summary', Object.entries(run.summary ?? {}).map(([k, v]) => [k, num(v)])),
    ...section('metrics', metrics),
    ...section('tags', Object.entries(run.tags)),
    '',
  ].join('\n');
}
