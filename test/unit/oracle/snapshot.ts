// What a workspace reads as, through the same steps the index takes (discovery, listRuns, readSeries), in a
// shape the corruption oracle can compare: per run its facts, params/tags and every series' points, and
// every message that reached the user (run warnings/error, list and series errors, discovery problems).
import * as path from 'node:path';
import { contextKey, runKey, type ReadError, type RunInfo } from '../../../src/core/model';
import { discoverRoots } from '../../../src/core/index/discover';
import { readers, readerFor } from '../../../src/core/sources/registry';

export interface RunSnap {
  key: string;
  path: string;
  /** The run as JSON (warnings/error left out: they are messages), series included: equality is a string compare. */
  facts: string;
  params: number;
  tags: number;
  points: number;
  messages: ReadError[];
}

export interface Snapshot {
  runs: Map<string, RunSnap>;
  /** Problems not tied to one run: discovery problems, list errors of no listed run. */
  global: ReadError[];
}

const num = (x: number) => (Number.isNaN(x) ? 'NaN' : Object.is(x, -0) ? '-0' : Number.isFinite(x) ? x : String(x));

function runFacts(run: RunInfo): Record<string, unknown> {
  const { warnings: _w, error: _e, ...rest } = run;
  return rest as Record<string, unknown>;
}

export async function snapshot(dir: string): Promise<Snapshot> {
  const global: ReadError[] = [];
  const roots = await discoverRoots([dir], { readers, onProblem: (p) => global.push(p) });
  const runs = new Map<string, RunSnap>();
  for (const root of roots) {
    const reader = readerFor(root.format)!;
    const listed = await reader.listRuns(root);
    const owned = new Set<ReadError>();
    for (const run of listed.runs) {
      const messages: ReadError[] = [];
      for (const w of run.warnings ?? []) messages.push({ path: run.path, message: w, runId: run.id });
      if (run.error) messages.push({ path: run.path, message: run.error, runId: run.id });
      for (const e of listed.errors) {
        if (e.runId === run.id || (e.runId === undefined && e.path.startsWith(run.path + path.sep))) {
          messages.push(e);
          owned.add(e);
        }
      }
      const read = await reader.readSeries(run);
      messages.push(...read.errors);
      // scalar results count as points: a summary value lost in silence is as bad as a lost series point
      let points = Object.keys(run.summary ?? {}).length;
      const series = read.series
        .map((s) => {
          points += s.points.values.length;
          return [s.key, contextKey(s.context), Array.from(s.points.steps, num), Array.from(s.points.values, num), s.points.epochs ? Array.from(s.points.epochs, num) : null];
        })
        .sort((a, b) => (JSON.stringify(a.slice(0, 2)) < JSON.stringify(b.slice(0, 2)) ? -1 : 1));
      const key = runKey(run);
      runs.set(key, {
        key,
        path: run.path,
        facts: JSON.stringify({ run: runFacts(run), series }),
        params: Object.keys(run.params).length,
        tags: Object.keys(run.tags).length,
        points,
        messages,
      });
    }
    for (const e of listed.errors) if (!owned.has(e)) global.push(e);
  }
  return { runs, global };
}
