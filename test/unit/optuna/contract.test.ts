// Contract test: real studies made by the installed Optuna (test/contract/optuna/make_studies.py)
// read back by the reader and compared with Optuna's own answers. Skips when no Python with Optuna
// is available (Debian: apt-get install python3-optuna; or set RUNLENS_PYTHON).
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { RunInfo } from '../../../src/core/model';
import { createOptunaReader } from '../../../src/core/sources/optuna/reader';
import { parseTolerantJson } from '../../../src/core/util/tolerant-json';
import { repoRoot } from '../../helpers/corpus';
import { tempDir } from '../../helpers/tmp';

interface PyTrial {
  number: number;
  trial_id: number;
  state: string;
  params: Record<string, unknown>;
  values: number[] | null;
  intermediate: [number, number][];
  user_attrs: Record<string, unknown>;
  datetime_start: number | null;
  datetime_complete: number | null;
}
interface PyStudy {
  name: string;
  directions: string[];
  trials: PyTrial[];
  user_attrs: Record<string, unknown>;
  best_number?: number | null;
  best_number_rdb?: number | null;
  best_value?: number;
  best_numbers?: number[];
}
interface PyOut {
  optuna_version: string;
  samplers: string[];
  studies: PyStudy[];
}

function findPythonWithOptuna(): string | undefined {
  const candidates = [process.env.RUNLENS_PYTHON, 'python3', '/usr/bin/python3', 'python'].filter(Boolean) as string[];
  for (const py of candidates) {
    const res = spawnSync(py, ['-c', 'import optuna'], { encoding: 'utf8', timeout: 60_000 });
    if (res.status === 0) return py;
  }
  return undefined;
}

const python = findPythonWithOptuna();
const skip = python ? false : 'no python3 with optuna (apt-get install python3-optuna, or set RUNLENS_PYTHON)';

/** Python's str() of a param value as the reader prints it. */
function pyText(v: unknown): string {
  if (v === null) return 'None';
  if (v === true) return 'True';
  if (v === false) return 'False';
  return String(v);
}

function sameNumber(actual: number | undefined, expected: number, what: string): void {
  assert.ok(actual !== undefined, `${what}: missing`);
  if (Number.isNaN(expected)) assert.ok(Number.isNaN(actual), `${what}: expected NaN, got ${actual}`);
  else assert.equal(actual, expected, what);
}

describe('optuna contract (real Optuna storage)', { skip }, () => {
  const reader = createOptunaReader();
  const db = path.join(tempDir('runlens-optuna-'), 'contract.db');
  let py: PyOut;
  let runs: RunInfo[];
  let byId: Map<string, RunInfo>;

  before(async () => {
    const script = path.join(repoRoot, 'test', 'contract', 'optuna', 'make_studies.py');
    const res = spawnSync(python!, [script, db], { encoding: 'utf8', timeout: 180_000, maxBuffer: 64 << 20 });
    assert.equal(res.status, 0, `make_studies.py failed: ${res.stderr}`);
    py = parseTolerantJson(res.stdout) as PyOut;
    const listed = await reader.listRuns({ format: 'optuna', path: db });
    assert.deepEqual(listed.errors, []);
    runs = listed.runs;
    byId = new Map(runs.map((r) => [r.id, r]));
  });
  after(() => reader.cache.clear());

  it('detects the file and lists one run per trial, one experiment per study', async () => {
    const d = await reader.detect({ path: path.dirname(db), dirs: [], files: [path.basename(db)] });
    assert.deepEqual(d.roots, [{ format: 'optuna', path: db }]);
    assert.ok(py.samplers.includes('TPESampler') && py.samplers.includes('RandomSampler'));
    const total = py.studies.reduce((n, s) => n + s.trials.length, 0);
    assert.equal(runs.length, total);
    assert.deepEqual(new Set(runs.map((r) => r.experiment)), new Set(py.studies.map((s) => s.name)));
    const states = new Set(py.studies.flatMap((s) => s.trials.map((t) => t.state)));
    for (const s of ['COMPLETE', 'PRUNED', 'FAIL', 'RUNNING', 'WAITING']) assert.ok(states.has(s), `fixture lacks a ${s} trial`);
  });

  it('matches state, params, values, user attributes and times of every trial', () => {
    const statusOf: Record<string, string> = { COMPLETE: 'finished', PRUNED: 'pruned', FAIL: 'failed', RUNNING: 'running', WAITING: 'scheduled' };
    for (const study of py.studies) {
      for (const t of study.trials) {
        const id = `${study.name}#${t.number}`;
        const run = byId.get(id);
        assert.ok(run, `missing run ${id}`);
        assert.equal(run.name, `trial ${t.number}`);
        assert.equal(run.status, statusOf[t.state], `${id} status`);
        assert.deepEqual(run.extra?.directions, study.directions, `${id} directions`);
        assert.deepEqual(Object.keys(run.params).sort(), Object.keys(t.params).sort(), `${id} param names`);
        for (const [k, v] of Object.entries(t.params)) {
          if (typeof v === 'number' && !Number.isInteger(v)) assert.equal(Number(run.params[k]), v, `${id} param ${k}`);
          else assert.equal(run.params[k], pyText(v), `${id} param ${k}`);
        }
        const keys = run.extra?.objectives as string[];
        if (t.values) {
          assert.equal(keys.length, t.values.length);
          t.values.forEach((v, i) => sameNumber(run.summary?.[keys[i]], v, `${id} ${keys[i]}`));
        } else {
          assert.deepEqual(run.summary, {}, `${id} has no values`);
        }
        for (const [k, v] of Object.entries(t.user_attrs)) {
          assert.equal(run.tags[k], typeof v === 'string' ? v : JSON.stringify(v), `${id} user attr ${k}`);
        }
        if (t.datetime_start === null) assert.equal(run.startTime, undefined);
        else assert.ok(Math.abs(run.startTime! - t.datetime_start) < 1, `${id} start ${run.startTime} vs ${t.datetime_start}`);
        if (t.datetime_complete === null) assert.equal(run.endTime, undefined);
        else assert.ok(Math.abs(run.endTime! - t.datetime_complete) < 1, `${id} end`);
      }
    }
  });

  it('reads the intermediate values of every trial, NaN and ±inf kept', async () => {
    let nonFinite = 0;
    for (const study of py.studies) {
      for (const t of study.trials) {
        const run = byId.get(`${study.name}#${t.number}`)!;
        const res = await reader.readSeries(run);
        assert.deepEqual(res.errors, []);
        if (t.intermediate.length === 0) {
          assert.equal(res.series.length, 0);
          continue;
        }
        assert.equal(res.series.length, 1);
        const pts = res.series[0].points;
        assert.deepEqual([...pts.steps], t.intermediate.map(([s]) => s));
        t.intermediate.forEach(([, v], i) => sameNumber(pts.values[i], v, `${run.id} step ${i}`));
        nonFinite += [...pts.values].filter((v) => !Number.isFinite(v)).length;
      }
    }
    assert.ok(nonFinite >= 9, 'the "infinite" study reports NaN, inf and -inf in each of its 3 trials');
  });

  it('marks the trials Optuna calls best, with the study directions', () => {
    for (const study of py.studies) {
      const marked = runs
        .filter((r) => r.experiment === study.name && r.extra?.best === true)
        .map((r) => r.extra?.number as number)
        .sort((a, b) => a - b);
      if (study.best_numbers) assert.deepEqual(marked, study.best_numbers, `${study.name} Pareto front`);
      else assert.deepEqual(marked, study.best_number === null || study.best_number === undefined ? [] : [study.best_number], `${study.name} best`);
    }
    // Optuna 3.1's RDB best_trial sorts on the value column where ±inf is NULL; the reader follows
    // Python's comparison (Optuna's in-memory answer) instead.
    const inf = py.studies.find((s) => s.name === 'infinite')!;
    assert.equal(inf.best_value, Infinity);
  });

  it('uses study metric names as summary and series keys, and keeps study user attributes', async () => {
    const multi = runs.find((r) => r.experiment === 'multi')!;
    assert.deepEqual(multi.extra?.objectives, ['energy', 'margin']);
    assert.ok('energy' in multi.summary! && 'margin' in multi.summary!);
    const mixed = runs.find((r) => r.experiment === 'mixed-categorical')!;
    assert.deepEqual(mixed.extra?.objectives, ['cost']);
    const tpe = runs.find((r) => r.experiment === 'tpe-pruned' && r.status === 'finished')!;
    assert.deepEqual(tpe.extra?.studyUserAttrs, py.studies.find((s) => s.name === 'tpe-pruned')!.user_attrs);
    const series = await reader.readSeries(tpe);
    assert.equal(series.series[0].key, 'intermediate_value');
  });
});
