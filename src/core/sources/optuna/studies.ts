// Study-level facts: name, objective directions, metric names, user attributes.
import type { Database } from 'sql.js';
import type { Direction } from './best';
import type { OptunaSchema } from './schema';
import { forEachRow } from './sql-rows';
import { attributeValue } from './values';

/** Where Optuna ≥ 3.4 keeps `study.set_metric_names([...])` (optuna/study/study.py _SYSTEM_ATTR_METRIC_NAMES). */
export const METRIC_NAMES_ATTR = 'study:metric_names';

export interface StudyInfo {
  id: number;
  name: string;
  directions: Direction[];
  /** Summary key of each objective, in objective order. */
  objectiveKeys: string[];
  /** Series key of the intermediate values. */
  intermediateKey: string;
  userAttrs: Record<string, unknown>;
  warnings: string[];
}

function direction(text: unknown): Direction {
  // NOT_SET only existed before a study's first trial in Optuna 0.x; Optuna's default is minimize
  return String(text ?? '').toUpperCase() === 'MAXIMIZE' ? 'maximize' : 'minimize';
}

export function readStudies(db: Database, schema: OptunaSchema): Map<number, StudyInfo> {
  const studies = new Map<number, StudyInfo>();
  const dirColumn = schema.studiesHaveDirection ? ', direction' : '';
  forEachRow(db, `SELECT study_id, study_name${dirColumn} FROM studies ORDER BY study_id`, [], (r) => {
    studies.set(Number(r[0]), {
      id: Number(r[0]),
      name: String(r[1] ?? `study ${r[0]}`),
      directions: schema.studiesHaveDirection ? [direction(r[2])] : [],
      objectiveKeys: [],
      intermediateKey: 'intermediate_value',
      userAttrs: {},
      warnings: [],
    });
  });

  if (schema.hasStudyDirections) {
    const byStudy = new Map<number, Direction[]>();
    forEachRow(db, 'SELECT study_id, objective, direction FROM study_directions ORDER BY study_id, objective', [], (r) => {
      const list = byStudy.get(Number(r[0])) ?? [];
      list[Number(r[1])] = direction(r[2]);
      byStudy.set(Number(r[0]), list);
    });
    for (const [id, list] of byStudy) {
      const s = studies.get(id);
      if (s) s.directions = Array.from(list, (d) => d ?? 'minimize');
    }
  }

  const metricNames = new Map<number, unknown>();
  if (schema.hasStudySystemAttrs) {
    forEachRow(db, 'SELECT study_id, value_json FROM study_system_attributes WHERE key = ?', [METRIC_NAMES_ATTR], (r) => {
      metricNames.set(Number(r[0]), attributeValue(r[1]));
    });
  }
  if (schema.hasStudyUserAttrs) {
    forEachRow(db, 'SELECT study_id, key, value_json FROM study_user_attributes', [], (r) => {
      const s = studies.get(Number(r[0]));
      if (s && r[1] !== null) s.userAttrs[String(r[1])] = attributeValue(r[2]) ?? r[2];
    });
  }

  for (const s of studies.values()) {
    if (s.directions.length === 0) s.directions = ['minimize'];
    s.objectiveKeys = objectiveKeys(s, metricNames.get(s.id));
    if (s.directions.length === 1 && metricNames.has(s.id) && s.objectiveKeys[0] !== 'value') {
      // trial.report() values are the single objective's progress: name the curve like the objective
      s.intermediateKey = s.objectiveKeys[0];
    }
  }
  return studies;
}

/** `value` / `values_0..n` as Optuna's trials_dataframe names them, or the study's metric names when set. */
function objectiveKeys(study: StudyInfo, names: unknown): string[] {
  const n = study.directions.length;
  if (names !== undefined) {
    const ok =
      Array.isArray(names) &&
      names.length === n &&
      names.every((x) => typeof x === 'string' && x !== '') &&
      new Set(names).size === n;
    if (ok) return names as string[];
    study.warnings.push(`study "${study.name}": ignored metric names ${JSON.stringify(names)} (need ${n} distinct names)`);
  }
  return n === 1 ? ['value'] : Array.from({ length: n }, (_, i) => `values_${i}`);
}
