// Optuna's RDB schema changed several times (alembic revisions v0.9.0.a … v3.x). The reader never
// switches on the revision id: it inspects which tables and columns exist and builds its queries
// from that. The layouts it knows:
//   v0.9–v2.3  studies.direction; trials.value holds the objective; trial_values(step, value) holds
//              the *intermediate* values; ±inf stored clipped to ±float32 max, NaN as NULL.
//   v2.4+      study_directions(objective); trial_values(objective, value) holds objectives;
//              trial_intermediate_values(step, intermediate_value).
//   v3.0+      trial_values.value_type (FINITE/INF_POS/INF_NEG) and
//              trial_intermediate_values.intermediate_value_type (… /NAN), value NULL when not finite.
//   v3.4+      trial_intermediate_values.intermediate_value_index (several values per step).
// Before v1.3 the trial number lived in trial_system_attributes under the key `_number`.
import type { Database } from 'sql.js';
import { tableColumns, tableNames } from '../../util/sqljs';

/** Tables whose presence together marks a SQLite file as an Optuna storage (no other tool has `studies` + `trial_params`). */
export const OPTUNA_MARKER_TABLES = ['studies', 'trials', 'trial_params'] as const;

export interface IntermediateLayout {
  table: string;
  valueColumn: string;
  typeColumn?: string;
  indexColumn?: string;
}

export interface OptunaSchema {
  /** `study_directions` exists (v2.4+); otherwise `studies.direction` (or nothing) gives the single direction. */
  hasStudyDirections: boolean;
  studiesHaveDirection: boolean;
  trialsHaveNumber: boolean;
  trialsHaveStart: boolean;
  trialsHaveComplete: boolean;
  /** Where objective values live. */
  objectives: { kind: 'trial_values'; typeColumn?: string } | { kind: 'trials.value' } | { kind: 'none' };
  intermediate?: IntermediateLayout;
  hasTrialUserAttrs: boolean;
  hasTrialSystemAttrs: boolean;
  hasStudyUserAttrs: boolean;
  hasStudySystemAttrs: boolean;
  /** Distribution column of trial_params (always present in known versions, checked anyway). */
  hasDistribution: boolean;
}

export function isOptunaTableSet(names: Set<string>): boolean {
  return OPTUNA_MARKER_TABLES.every((t) => names.has(t));
}

/** Reads the schema of an opened Optuna database; returns a message when the file is not one. */
export function inspectOptunaSchema(db: Database): OptunaSchema | string {
  const names = tableNames(db);
  if (!isOptunaTableSet(names)) {
    const missing = OPTUNA_MARKER_TABLES.filter((t) => !names.has(t));
    return `not an Optuna storage (missing table${missing.length > 1 ? 's' : ''} ${missing.join(', ')})`;
  }
  const studies = tableColumns(db, 'studies');
  const trials = tableColumns(db, 'trials');
  for (const c of ['study_id', 'study_name']) if (!studies.has(c)) return `studies table has no ${c} column`;
  for (const c of ['trial_id', 'study_id', 'state']) if (!trials.has(c)) return `trials table has no ${c} column`;

  const values = names.has('trial_values') ? tableColumns(db, 'trial_values') : new Set<string>();
  let objectives: OptunaSchema['objectives'] = { kind: 'none' };
  let intermediate: IntermediateLayout | undefined;
  if (values.has('objective') && values.has('value')) {
    objectives = { kind: 'trial_values', typeColumn: values.has('value_type') ? 'value_type' : undefined };
  } else if (trials.has('value')) {
    objectives = { kind: 'trials.value' };
  }
  if (names.has('trial_intermediate_values')) {
    const iv = tableColumns(db, 'trial_intermediate_values');
    const valueColumn = iv.has('intermediate_value') ? 'intermediate_value' : iv.has('value') ? 'value' : undefined;
    if (valueColumn && iv.has('step')) {
      intermediate = {
        table: 'trial_intermediate_values',
        valueColumn,
        typeColumn: iv.has('intermediate_value_type') ? 'intermediate_value_type' : undefined,
        indexColumn: iv.has('intermediate_value_index') ? 'intermediate_value_index' : undefined,
      };
    }
  } else if (values.has('step') && values.has('value') && !values.has('objective')) {
    // pre-v2.4: trial_values is the intermediate-value table
    intermediate = { table: 'trial_values', valueColumn: 'value' };
  }

  return {
    hasStudyDirections: names.has('study_directions'),
    studiesHaveDirection: studies.has('direction'),
    trialsHaveNumber: trials.has('number'),
    trialsHaveStart: trials.has('datetime_start'),
    trialsHaveComplete: trials.has('datetime_complete'),
    objectives,
    intermediate,
    hasTrialUserAttrs: names.has('trial_user_attributes'),
    hasTrialSystemAttrs: names.has('trial_system_attributes'),
    hasStudyUserAttrs: names.has('study_user_attributes'),
    hasStudySystemAttrs: names.has('study_system_attributes'),
    hasDistribution: tableColumns(db, 'trial_params').has('distribution_json'),
  };
}
