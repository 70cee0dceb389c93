// Notebook Readiness panel protocol: the only messages host and webview exchange, validated on receipt
// on both sides. Handshake: the webview posts `ready`; only then does the host post the newest report.
import { isNumber, isObject, isString, isStringArray, makeMessageGuard } from './validate';

export type ReadinessSeverity = 'error' | 'warning' | 'info';
export type ReadinessProfile = 'general' | 'hand-in' | 'publish';
export type ReadinessVerdict = 'ready' | 'ready-with-warnings' | 'not-ready';

export interface ReadinessFindingView {
  id: string;
  severity: ReadinessSeverity;
  /** 0-based cell index, or null for the notebook as a whole. */
  cell: number | null;
  /** 0-based line inside the cell, when known. */
  line: number | null;
  message: string;
  /** Checklist section id (format, execution, …) and the check's title. */
  section: string;
  title: string;
}

export interface ReadinessReportView {
  fileName: string;
  /** The notebook's URI, kept in the webview's state so a reload restores the panel on the same notebook. */
  uri?: string;
  profile: ReadinessProfile;
  /** Why this profile is active (a folder setting, the profile setting, the panel's choice, the default). */
  profileReason: string;
  /** The profiles the panel offers, with their labels. */
  profiles: { id: ReadinessProfile; label: string }[];
  verdict: ReadinessVerdict;
  cellCount: number;
  findings: ReadinessFindingView[];
  /** What is already right (verified claims, papermill proof). */
  evidence: string[];
  /** Checklist sections in display order. */
  sections: { id: string; title: string }[];
  elapsedMs: number;
}

export type HostToNotebook =
  | { type: 'report'; report: ReadinessReportView }
  | { type: 'empty'; message: string };

export type NotebookToHost =
  | { type: 'ready' }
  | { type: 'reveal'; cell: number; line: number | null }
  | { type: 'setProfile'; profile: ReadinessProfile }
  | { type: 'refresh' }
  | { type: 'error'; message: string };

const SEVERITIES = new Set(['error', 'warning', 'info']);
const VERDICTS = new Set(['ready', 'ready-with-warnings', 'not-ready']);
export const isProfileName = (v: unknown): v is ReadinessProfile => v === 'general' || v === 'hand-in' || v === 'publish';
const isCellIndex = (v: unknown): boolean => v === null || (isNumber(v) && Number.isInteger(v) && v >= 0);

export const isFindingView = (v: unknown): v is ReadinessFindingView =>
  isObject(v) &&
  isString(v.id) &&
  SEVERITIES.has(v.severity as string) &&
  isCellIndex(v.cell) &&
  isCellIndex(v.line) &&
  isString(v.message) &&
  isString(v.section) &&
  isString(v.title);

export const isReportView = (v: unknown): v is ReadinessReportView =>
  isObject(v) &&
  isString(v.fileName) &&
  (v.uri === undefined || isString(v.uri)) &&
  isProfileName(v.profile) &&
  isString(v.profileReason) &&
  Array.isArray(v.profiles) &&
  v.profiles.every((p) => isObject(p) && isProfileName(p.id) && isString(p.label)) &&
  VERDICTS.has(v.verdict as string) &&
  isNumber(v.cellCount) &&
  Array.isArray(v.findings) &&
  v.findings.every(isFindingView) &&
  isStringArray(v.evidence) &&
  Array.isArray(v.sections) &&
  v.sections.every((s) => isObject(s) && isString(s.id) && isString(s.title)) &&
  isNumber(v.elapsedMs);

export const isHostToNotebook = makeMessageGuard<HostToNotebook>({
  report: (m) => isReportView(m.report),
  empty: (m) => isString(m.message),
});

export const isNotebookToHost = makeMessageGuard<NotebookToHost>({
  ready: () => true,
  reveal: (m) => isCellIndex(m.cell) && m.cell !== null && isCellIndex(m.line),
  setProfile: (m) => isProfileName(m.profile),
  refresh: () => true,
  error: (m) => isString(m.message),
});
