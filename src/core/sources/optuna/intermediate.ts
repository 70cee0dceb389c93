// The values a trial reported with `trial.report(value, step)`: one series over step.
import type { Database } from 'sql.js';
import type { SeriesPoints } from '../../model';
import type { OptunaSchema } from './schema';
import { forEachRow, ident } from './sql-rows';
import { decodeStoredValue } from './values';

export function readIntermediateValues(db: Database, schema: OptunaSchema, trialId: number): SeriesPoints {
  const steps: number[] = [];
  const values: number[] = [];
  const layout = schema.intermediate;
  if (layout) {
    const type = layout.typeColumn ? `, ${ident(layout.typeColumn)}` : '';
    const order = layout.indexColumn ? `step, ${ident(layout.indexColumn)}` : 'step';
    const sql = `SELECT step, ${ident(layout.valueColumn)}${type} FROM ${ident(layout.table)} WHERE trial_id = ? ORDER BY ${order}`;
    forEachRow(db, sql, [trialId], (r) => {
      steps.push(r[0] === null ? NaN : Number(r[0]));
      values.push(decodeStoredValue(r[1], layout.typeColumn ? r[2] : undefined));
    });
  }
  return { steps: Float64Array.from(steps), values: Float64Array.from(values) };
}
