// Writes Optuna RDB storages with sql.js for unit tests, in the layouts of several Optuna
// versions (DDL as SQLAlchemy emits it for SQLite; see optuna/storages/_rdb/alembic/versions):
//   v3  (3.0+)    study_directions, trial_values(objective, value, value_type),
//                 trial_intermediate_values(step, intermediate_value, intermediate_value_type)
//   v2  (2.4–2.x) same tables without the *_type columns; ±inf clipped to ±float32 max, NaN as NULL
//   v1  (1.3–2.3) studies.direction, trials.value, trial_values(step, value) = intermediate values
//   v0  (0.9–1.2) as v1 without trials.number (kept as the system attribute `_number`)
import * as fs from 'node:fs';
import { loadSqlJs } from '../../../src/core/util/sqljs';

export type Layout = 'v3' | 'v2' | 'v1' | 'v0';

export interface FixtureParam {
  name: string;
  /** Optuna's internal representation: categorical index, int as float. */
  internal: number;
  distribution: { name: string; attributes: Record<string, unknown> };
}

export interface FixtureTrial {
  number: number;
  state: 'COMPLETE' | 'PRUNED' | 'FAIL' | 'RUNNING' | 'WAITING';
  values?: number[];
  params?: FixtureParam[];
  intermediate?: [number, number][];
  userAttrs?: Record<string, unknown>;
  systemAttrs?: Record<string, unknown>;
  start?: string;
  complete?: string;
}

export interface FixtureStudy {
  name: string;
  directions: ('MINIMIZE' | 'MAXIMIZE')[];
  trials: FixtureTrial[];
  metricNames?: string[];
  userAttrs?: Record<string, unknown>;
}

const F32_MAX = 3.4028234663852886e38;

/** Pre-3.0 storage of a float: ±inf clipped, NaN as NULL (SQLite has no NaN). */
function legacy(v: number): number | null {
  if (Number.isNaN(v)) return null;
  if (v === Infinity) return F32_MAX;
  if (v === -Infinity) return -F32_MAX;
  return v;
}

function typed(v: number, withNan: boolean): [number | null, string] {
  if (Number.isNaN(v)) return [null, withNan ? 'NAN' : 'FINITE'];
  if (v === Infinity) return [null, 'INF_POS'];
  if (v === -Infinity) return [null, 'INF_NEG'];
  return [v, 'FINITE'];
}

function ddl(layout: Layout): string {
  const attrs = (owner: string, idCol: string) => `
CREATE TABLE ${owner}_user_attributes (${owner}_user_attribute_id INTEGER NOT NULL, ${idCol} INTEGER, "key" VARCHAR(512), value_json TEXT, PRIMARY KEY (${owner}_user_attribute_id), UNIQUE (${idCol}, "key"));
CREATE TABLE ${owner}_system_attributes (${owner}_system_attribute_id INTEGER NOT NULL, ${idCol} INTEGER, "key" VARCHAR(512), value_json TEXT, PRIMARY KEY (${owner}_system_attribute_id), UNIQUE (${idCol}, "key"));`;
  const modern = layout === 'v3' || layout === 'v2';
  return `
CREATE TABLE studies (study_id INTEGER NOT NULL, study_name VARCHAR(512) NOT NULL,${modern ? '' : ' direction VARCHAR(8) NOT NULL,'} PRIMARY KEY (study_id));
CREATE UNIQUE INDEX ix_studies_study_name ON studies (study_name);
CREATE TABLE version_info (version_info_id INTEGER NOT NULL, schema_version INTEGER, library_version VARCHAR(256), PRIMARY KEY (version_info_id), CHECK (version_info_id=1));
${modern ? 'CREATE TABLE study_directions (study_direction_id INTEGER NOT NULL, direction VARCHAR(8) NOT NULL, study_id INTEGER NOT NULL, objective INTEGER NOT NULL, PRIMARY KEY (study_direction_id), UNIQUE (study_id, objective));' : ''}
${attrs('study', 'study_id')}
CREATE TABLE trials (trial_id INTEGER NOT NULL,${layout === 'v0' ? '' : ' number INTEGER,'} study_id INTEGER, state VARCHAR(8) NOT NULL,${modern ? '' : ' value FLOAT,'} datetime_start DATETIME, datetime_complete DATETIME, PRIMARY KEY (trial_id));
${attrs('trial', 'trial_id')}
CREATE TABLE trial_params (param_id INTEGER NOT NULL, trial_id INTEGER, param_name VARCHAR(512), param_value FLOAT, distribution_json TEXT, PRIMARY KEY (param_id), UNIQUE (trial_id, param_name));
${
  modern
    ? `CREATE TABLE trial_values (trial_value_id INTEGER NOT NULL, trial_id INTEGER NOT NULL, objective INTEGER NOT NULL, value FLOAT,${layout === 'v3' ? ' value_type VARCHAR(7) NOT NULL,' : ''} PRIMARY KEY (trial_value_id), UNIQUE (trial_id, objective));
CREATE TABLE trial_intermediate_values (trial_intermediate_value_id INTEGER NOT NULL, trial_id INTEGER NOT NULL, step INTEGER NOT NULL, intermediate_value FLOAT,${layout === 'v3' ? ' intermediate_value_type VARCHAR(7) NOT NULL,' : ''} PRIMARY KEY (trial_intermediate_value_id), UNIQUE (trial_id, step));`
    : 'CREATE TABLE trial_values (trial_value_id INTEGER NOT NULL, trial_id INTEGER, step INTEGER, value FLOAT, PRIMARY KEY (trial_value_id), UNIQUE (trial_id, step));'
}
CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL, PRIMARY KEY (version_num));`;
}

const REVISION: Record<Layout, [number, string, string]> = {
  v3: [12, '3.1.0', 'v3.0.0.d'],
  v2: [12, '2.10.0', 'v2.6.0.a'],
  v1: [12, '2.3.0', 'v2.3.0.a'],
  v0: [12, '1.2.0', 'v1.2.0.a'],
};

/** Bytes of an Optuna storage holding `studies` in the given layout. */
export async function optunaDbBytes(studies: FixtureStudy[], layout: Layout = 'v3'): Promise<Uint8Array> {
  const SQL = await loadSqlJs();
  const db = new SQL.Database();
  try {
    db.exec(ddl(layout));
    const [schemaVersion, lib, rev] = REVISION[layout];
    db.run('INSERT INTO version_info VALUES (1, ?, ?)', [schemaVersion, lib]);
    db.run('INSERT INTO alembic_version VALUES (?)', [rev]);
    let trialId = 0;
    db.exec('BEGIN');
    studies.forEach((s, si) => {
      const studyId = si + 1;
      if (layout === 'v3' || layout === 'v2') {
        db.run('INSERT INTO studies (study_id, study_name) VALUES (?, ?)', [studyId, s.name]);
        s.directions.forEach((d, i) => db.run('INSERT INTO study_directions (direction, study_id, objective) VALUES (?, ?, ?)', [d, studyId, i]));
      } else {
        db.run('INSERT INTO studies (study_id, study_name, direction) VALUES (?, ?, ?)', [studyId, s.name, s.directions[0]]);
      }
      if (s.metricNames) db.run('INSERT INTO study_system_attributes (study_id, key, value_json) VALUES (?, ?, ?)', [studyId, 'study:metric_names', JSON.stringify(s.metricNames)]);
      for (const [k, v] of Object.entries(s.userAttrs ?? {})) db.run('INSERT INTO study_user_attributes (study_id, key, value_json) VALUES (?, ?, ?)', [studyId, k, JSON.stringify(v)]);
      for (const t of s.trials) writeTrial(db, layout, studyId, ++trialId, t);
    });
    db.exec('COMMIT');
    return db.export();
  } finally {
    db.close();
  }
}

function writeTrial(db: import('sql.js').Database, layout: Layout, studyId: number, trialId: number, t: FixtureTrial): void {
  const modern = layout === 'v3' || layout === 'v2';
  const cols = ['trial_id', 'study_id', 'state', 'datetime_start', 'datetime_complete'];
  const vals: (number | string | null)[] = [trialId, studyId, t.state, t.start ?? null, t.complete ?? null];
  if (layout !== 'v0') {
    cols.push('number');
    vals.push(t.number);
  }
  if (!modern) {
    cols.push('value');
    vals.push(t.values ? legacy(t.values[0]) : null);
  }
  db.run(`INSERT INTO trials (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`, vals);
  if (layout === 'v0') db.run("INSERT INTO trial_system_attributes (trial_id, key, value_json) VALUES (?, '_number', ?)", [trialId, String(t.number)]);
  for (const p of t.params ?? []) {
    db.run('INSERT INTO trial_params (trial_id, param_name, param_value, distribution_json) VALUES (?, ?, ?, ?)', [trialId, p.name, p.internal, JSON.stringify(p.distribution)]);
  }
  if (modern) {
    (t.values ?? []).forEach((v, i) => {
      if (layout === 'v3') db.run('INSERT INTO trial_values (trial_id, objective, value, value_type) VALUES (?, ?, ?, ?)', [trialId, i, ...typed(v, false)]);
      else db.run('INSERT INTO trial_values (trial_id, objective, value) VALUES (?, ?, ?)', [trialId, i, legacy(v)]);
    });
  }
  for (const [step, v] of t.intermediate ?? []) {
    if (layout === 'v3') db.run('INSERT INTO trial_intermediate_values (trial_id, step, intermediate_value, intermediate_value_type) VALUES (?, ?, ?, ?)', [trialId, step, ...typed(v, true)]);
    else if (layout === 'v2') db.run('INSERT INTO trial_intermediate_values (trial_id, step, intermediate_value) VALUES (?, ?, ?)', [trialId, step, legacy(v)]);
    else db.run('INSERT INTO trial_values (trial_id, step, value) VALUES (?, ?, ?)', [trialId, step, legacy(v)]);
  }
  for (const [k, v] of Object.entries(t.userAttrs ?? {})) db.run('INSERT INTO trial_user_attributes (trial_id, key, value_json) VALUES (?, ?, ?)', [trialId, k, JSON.stringify(v)]);
  for (const [k, v] of Object.entries(t.systemAttrs ?? {})) db.run('INSERT INTO trial_system_attributes (trial_id, key, value_json) VALUES (?, ?, ?)', [trialId, k, JSON.stringify(v)]);
}

export async function writeOptunaDb(file: string, studies: FixtureStudy[], layout: Layout = 'v3'): Promise<void> {
  fs.writeFileSync(file, await optunaDbBytes(studies, layout));
}

// Distributions as Optuna ≥ 3.0 serialises them (and two pre-3.0 names the reader must also know).
export const dist = {
  float: (low: number, high: number, log = false) => ({ name: 'FloatDistribution', attributes: { step: null, low, high, log } }),
  int: (low: number, high: number) => ({ name: 'IntDistribution', attributes: { log: false, step: 1, low, high } }),
  intUniform: (low: number, high: number) => ({ name: 'IntUniformDistribution', attributes: { low, high, step: 1 } }),
  logUniform: (low: number, high: number) => ({ name: 'LogUniformDistribution', attributes: { low, high } }),
  categorical: (choices: unknown[]) => ({ name: 'CategoricalDistribution', attributes: { choices } }),
};
