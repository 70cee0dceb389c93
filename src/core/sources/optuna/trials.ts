// Every trial of every study as a RunInfo, with a handful of set-wise queries (one per table)
// rather than one query per trial, so a study of thousands of trials lists in one pass.
import type { Database } from 'sql.js';
import type { ReadError, RunInfo } from '../../model';
import { errorMessage } from '../../util/fs';
import { bestTrialNumbers } from './best';
import type { OptunaSchema } from './schema';
import { forEachRow } from './sql-rows';
import { readStudies, type StudyInfo } from './studies';
import {
  attributeText,
  decodeStoredValue,
  paramText,
  parseDistribution,
  parseOptunaDatetime,
  trialStatus,
  type Distribution,
} from './values';

export interface TrialRow {
  trialId: number;
  studyId: number;
  number: number;
  state: string;
  start?: number;
  complete?: number;
  values: number[];
  params: Record<string, string>;
  distributions: Record<string, Distribution>;
  userAttrs: Record<string, string>;
  systemAttrs: Record<string, string>;
  warnings: string[];
}

/** Stable run id: the study name is unique in a storage and the number is unique in a study. */
export function trialRunId(studyName: string, number: number): string {
  return `${studyName}#${number}`;
}

/** The trials table (with numbers resolved for every schema version), keyed by trial_id. */
export function readTrialRows(db: Database, schema: OptunaSchema): Map<number, TrialRow> {
  const cols = ['trial_id', 'study_id', 'state'];
  if (schema.trialsHaveNumber) cols.push('number');
  if (schema.trialsHaveStart) cols.push('datetime_start');
  if (schema.trialsHaveComplete) cols.push('datetime_complete');
  if (schema.objectives.kind === 'trials.value') cols.push('value');
  const at = (name: string) => cols.indexOf(name);
  const trials = new Map<number, TrialRow>();
  forEachRow(db, `SELECT ${cols.join(', ')} FROM trials ORDER BY trial_id`, [], (r) => {
    const row: TrialRow = {
      trialId: Number(r[0]),
      studyId: Number(r[1]),
      number: at('number') >= 0 && r[at('number')] !== null ? Number(r[at('number')]) : NaN,
      state: String(r[2] ?? ''),
      start: at('datetime_start') >= 0 ? parseOptunaDatetime(r[at('datetime_start')]) : undefined,
      complete: at('datetime_complete') >= 0 ? parseOptunaDatetime(r[at('datetime_complete')]) : undefined,
      values: [],
      params: {},
      distributions: {},
      userAttrs: {},
      systemAttrs: {},
      warnings: [],
    };
    // pre-v3 stored no value for unfinished trials; a NULL objective of a COMPLETE trial is a NaN
    if (at('value') >= 0 && (r[at('value')] !== null || row.state === 'COMPLETE')) row.values = [decodeStoredValue(r[at('value')])];
    trials.set(row.trialId, row);
  });
  resolveMissingNumbers(db, schema, trials);
  return trials;
}

/** Before v1.3 the number was the system attribute `_number`; failing that, the order within the study. */
function resolveMissingNumbers(db: Database, schema: OptunaSchema, trials: Map<number, TrialRow>): void {
  const missing = [...trials.values()].filter((t) => Number.isNaN(t.number));
  if (missing.length === 0) return;
  if (schema.hasTrialSystemAttrs) {
    forEachRow(db, "SELECT trial_id, value_json FROM trial_system_attributes WHERE key = '_number'", [], (r) => {
      const t = trials.get(Number(r[0]));
      const n = Number(attributeText(r[1]));
      if (t && Number.isNaN(t.number) && Number.isInteger(n)) t.number = n;
    });
  }
  const perStudy = new Map<number, number>();
  for (const t of trials.values()) {
    const next = perStudy.get(t.studyId) ?? 0;
    if (Number.isNaN(t.number)) t.number = next;
    perStudy.set(t.studyId, Math.max(next, t.number) + 1);
  }
}

function readObjectiveValues(db: Database, schema: OptunaSchema, trials: Map<number, TrialRow>): void {
  if (schema.objectives.kind !== 'trial_values') return;
  const type = schema.objectives.typeColumn;
  const sql = `SELECT trial_id, objective, value${type ? `, ${type}` : ''} FROM trial_values ORDER BY trial_id, objective`;
  forEachRow(db, sql, [], (r) => {
    const t = trials.get(Number(r[0]));
    if (t) t.values[Number(r[1])] = decodeStoredValue(r[2], type ? r[3] : undefined);
  });
}

function readParams(db: Database, schema: OptunaSchema, trials: Map<number, TrialRow>): void {
  const dist = schema.hasDistribution ? ', distribution_json' : '';
  forEachRow(db, `SELECT trial_id, param_name, param_value${dist} FROM trial_params ORDER BY rowid`, [], (r) => {
    const t = trials.get(Number(r[0]));
    if (!t || r[1] === null) return;
    const name = String(r[1]);
    const d = parseDistribution(r[3]);
    if (schema.hasDistribution && !d) t.warnings.push(`param ${name}: unreadable distribution ${String(r[3]).slice(0, 80)}`);
    const { text, problem } = paramText(r[2], d);
    if (problem) t.warnings.push(`param ${name}: ${problem}`);
    t.params[name] = text;
    if (d) t.distributions[name] = d;
  });
}

function readAttrs(db: Database, table: string, trials: Map<number, TrialRow>, pick: (t: TrialRow) => Record<string, string>): void {
  forEachRow(db, `SELECT trial_id, key, value_json FROM ${table} ORDER BY rowid`, [], (r) => {
    const t = trials.get(Number(r[0]));
    if (t && r[1] !== null) pick(t)[String(r[1])] = attributeText(r[2]);
  });
}

/** Runs one optional stage; a broken table costs its facts and a message, never the listing. */
function stage(label: string, file: string, errors: ReadError[], fn: () => void): void {
  try {
    fn();
  } catch (err) {
    errors.push({ path: file, message: `${label}: ${errorMessage(err)}` });
  }
}

export function listTrials(db: Database, schema: OptunaSchema, file: string): { runs: RunInfo[]; errors: ReadError[] } {
  const errors: ReadError[] = [];
  const studies = readStudies(db, schema);
  const trials = readTrialRows(db, schema);
  stage('trial_values', file, errors, () => readObjectiveValues(db, schema, trials));
  stage('trial_params', file, errors, () => readParams(db, schema, trials));
  if (schema.hasTrialUserAttrs) stage('trial_user_attributes', file, errors, () => readAttrs(db, 'trial_user_attributes', trials, (t) => t.userAttrs));
  if (schema.hasTrialSystemAttrs) stage('trial_system_attributes', file, errors, () => readAttrs(db, 'trial_system_attributes', trials, (t) => t.systemAttrs));

  for (const s of studies.values()) for (const w of s.warnings) errors.push({ path: file, message: w });
  const byStudy = new Map<number, TrialRow[]>();
  for (const t of trials.values()) {
    if (!studies.has(t.studyId)) {
      errors.push({ path: file, message: `trial ${t.trialId} belongs to missing study ${t.studyId}`, runId: String(t.trialId) });
      continue;
    }
    const list = byStudy.get(t.studyId) ?? [];
    list.push(t);
    byStudy.set(t.studyId, list);
  }
  const runs: RunInfo[] = [];
  for (const study of studies.values()) {
    const list = (byStudy.get(study.id) ?? []).sort((a, b) => a.number - b.number);
    const best = bestTrialNumbers(
      list.map((t) => ({ number: t.number, complete: t.state === 'COMPLETE', values: t.values })),
      study.directions,
    );
    for (const t of list) runs.push(toRun(t, study, best.has(t.number), file));
  }
  return { runs, errors };
}

function toRun(t: TrialRow, study: StudyInfo, isBest: boolean, file: string): RunInfo {
  const summary: Record<string, number> = {};
  t.values.forEach((v, i) => {
    if (v !== undefined) summary[study.objectiveKeys[i] ?? `values_${i}`] = v;
  });
  const tags: Record<string, string> = { ...t.userAttrs };
  for (const [k, v] of Object.entries(t.systemAttrs)) tags[`system_attrs.${k}`] = v;
  const extra: Record<string, unknown> = {
    study: study.name,
    studyId: study.id,
    trialId: t.trialId,
    number: t.number,
    state: t.state,
    directions: study.directions,
    objectives: study.objectiveKeys,
    intermediateKey: study.intermediateKey,
    best: isBest,
    distributions: t.distributions,
  };
  if (Object.keys(study.userAttrs).length) extra.studyUserAttrs = study.userAttrs;
  const run: RunInfo = {
    format: 'optuna',
    id: trialRunId(study.name, t.number),
    experiment: study.name,
    name: `trial ${t.number}`,
    status: trialStatus(t.state),
    path: file,
    root: file,
    params: t.params,
    tags,
    summary,
    checkpoints: [],
    extra,
  };
  if (t.start !== undefined) run.startTime = t.start;
  if (t.complete !== undefined) run.endTime = t.complete;
  if (t.warnings.length) run.warnings = t.warnings;
  return run;
}
