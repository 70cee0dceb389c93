// Curves panel protocol: the only messages host and webview exchange, validated on receipt.
import { isBoolean, isNumber, isObject, isString, isStringArray, makeMessageGuard } from './validate';

export interface CurvesRun {
  key: string;
  name: string;
  experiment: string;
  format: string;
  params: Record<string, string>;
}

/** One series preview: bucketed points (x, last, min, max) from the index. */
export interface CurvesSeries {
  runKey: string;
  key: string;
  context: Record<string, string | number | boolean | null>;
  label: string;
  x: Float32Array;
  last: Float32Array;
  min: Float32Array;
  max: Float32Array;
  count: number;
  nanCount: number;
}

export interface CurvesViewState {
  runKeys: string[];
  hiddenRuns: string[];
  logY: boolean;
  filter: string;
}

export type HostToCurves =
  | { type: 'data'; runs: CurvesRun[]; series: CurvesSeries[]; state: CurvesViewState }
  | { type: 'loading'; message: string };

export type CurvesToHost =
  | { type: 'ready' }
  | { type: 'state'; state: CurvesViewState }
  | { type: 'openRun'; runKey: string }
  | { type: 'error'; message: string };

export const isCurvesViewState = (v: unknown): v is CurvesViewState =>
  isObject(v) && isStringArray(v.runKeys) && isStringArray(v.hiddenRuns) && isBoolean(v.logY) && isString(v.filter);

export const isCurvesToHost = makeMessageGuard<CurvesToHost>({
  ready: () => true,
  state: (m) => isCurvesViewState(m.state),
  openRun: (m) => isString(m.runKey),
  error: (m) => isString(m.message),
});

const isFloat32 = (v: unknown): v is Float32Array => v instanceof Float32Array;

const isCurvesSeries = (v: unknown): boolean =>
  isObject(v) &&
  isString(v.runKey) &&
  isString(v.key) &&
  isObject(v.context) &&
  isString(v.label) &&
  isFloat32(v.x) &&
  isFloat32(v.last) &&
  isFloat32(v.min) &&
  isFloat32(v.max) &&
  isNumber(v.count) &&
  isNumber(v.nanCount);

const isCurvesRun = (v: unknown): boolean =>
  isObject(v) && isString(v.key) && isString(v.name) && isString(v.experiment) && isString(v.format) && isObject(v.params);

export const isHostToCurves = makeMessageGuard<HostToCurves>({
  data: (m) =>
    Array.isArray(m.runs) && m.runs.every(isCurvesRun) && Array.isArray(m.series) && m.series.every(isCurvesSeries) && isCurvesViewState(m.state),
  loading: (m) => isString(m.message),
});
