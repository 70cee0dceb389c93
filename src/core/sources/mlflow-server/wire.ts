// The JSON MLflow's REST API sends (mlflow-rest spec §2–§3), decoded defensively: every field is optional
// (protobuf JSON omits unset fields, so an empty search is `{}`), int64 fields arrive as strings from 1.x
// servers and as numbers from 2.x/3.x, doubles may be "NaN"/"Infinity"/"-Infinity", and a 0 step is omitted.

export interface WireKeyValue {
  key?: string;
  value?: string;
}

export interface WireMetric {
  key?: string;
  value?: number | string;
  timestamp?: number | string;
  step?: number | string;
  run_id?: string;
}

export interface WireRunInfo {
  run_id?: string;
  run_uuid?: string;
  run_name?: string;
  experiment_id?: string | number;
  user_id?: string;
  status?: string;
  start_time?: number | string;
  end_time?: number | string;
  artifact_uri?: string;
  lifecycle_stage?: string;
}

export interface WireRun {
  info?: WireRunInfo;
  data?: { metrics?: WireMetric[]; params?: WireKeyValue[]; tags?: WireKeyValue[] };
}

export interface WireExperiment {
  experiment_id?: string | number;
  name?: string;
  artifact_location?: string;
  lifecycle_stage?: string;
  last_update_time?: number | string;
  creation_time?: number | string;
  tags?: WireKeyValue[];
}

export interface SearchExperimentsResponse {
  experiments?: WireExperiment[];
  next_page_token?: string;
}

export interface SearchRunsResponse {
  runs?: WireRun[];
  next_page_token?: string;
}

export interface MetricsResponse {
  metrics?: WireMetric[];
  next_page_token?: string;
}

/** A metric point as the reader uses it: numbers only. */
export interface MetricPoint {
  key: string;
  value: number;
  timestamp: number;
  step: number;
  runId?: string;
}

/** int64 as a string (1.x) or a number (2.x/3.x); undefined when absent or not a number. */
export function int64(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'string' && /^-?\d+$/.test(v.trim())) return Number(v);
  return undefined;
}

/** A protobuf JSON double: a number, or one of the strings protobuf writes for non-finite values. */
export function double(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string') {
    if (v === 'NaN') return NaN;
    if (v === 'Infinity') return Infinity;
    if (v === '-Infinity') return -Infinity;
    const n = Number(v);
    return v.trim() !== '' && !Number.isNaN(n) ? n : NaN;
  }
  return NaN;
}

export function metricPoint(m: WireMetric): MetricPoint | undefined {
  if (typeof m.key !== 'string') return undefined;
  const p: MetricPoint = { key: m.key, value: double(m.value), timestamp: int64(m.timestamp) ?? NaN, step: int64(m.step) ?? 0 };
  if (typeof m.run_id === 'string') p.runId = m.run_id;
  return p;
}

export function keyValues(list: WireKeyValue[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const kv of asArray(list)) if (typeof kv?.key === 'string') out[kv.key] = typeof kv.value === 'string' ? kv.value : '';
  return out;
}

/** A repeated field: absent means empty; anything that is not an array is treated as empty too. */
export function asArray<T>(v: T[] | undefined): T[] {
  return Array.isArray(v) ? v : [];
}

/** Ids may be numbers in runs of 0.9-era servers (spec §4.2): always strings here. */
export function idString(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
}
