// Notebook Readiness panel protocol: the only messages host and webview exchange, validated on receipt
// on both sides. Handshake: the webview posts `ready`; only then does the host post the newest report.
import { array, id, literal, messages, nullable, number, object, optional, panelProtocol, string, type Infer, type MessageOf } from './schema';

const severity = literal('error', 'warning', 'info');
const profile = literal('general', 'hand-in', 'publish');
const verdict = literal('ready', 'ready-with-warnings', 'not-ready');
export type ReadinessSeverity = Infer<typeof severity>;
export type ReadinessProfile = Infer<typeof profile>;
export type ReadinessVerdict = Infer<typeof verdict>;
export const isProfileName = profile.is;

/** A 0-based cell or line index, or null when there is none. */
const index = nullable(id);

const findingSchema = object({
  id: string,
  severity,
  /** 0-based cell index, or null for the notebook as a whole. */
  cell: index,
  /** 0-based line inside the cell, when known. */
  line: index,
  message: string,
  /** Checklist section id (format, execution, …) and the check's title. */
  section: string,
  title: string,
});
export type ReadinessFindingView = Infer<typeof findingSchema>;
export const isFindingView = findingSchema.is;

const reportSchema = object({
  fileName: string,
  /** The notebook's URI, kept in the webview's state so a reload restores the panel on the same notebook. */
  uri: optional(string),
  profile,
  /** Why this profile is active (a folder setting, the profile setting, the panel's choice, the default). */
  profileReason: string,
  /** The profiles the panel offers, with their labels. */
  profiles: array(object({ id: profile, label: string })),
  verdict,
  cellCount: number,
  findings: array(findingSchema),
  /** What is already right (verified claims, papermill proof). */
  evidence: array(string),
  /** Checklist sections in display order. */
  sections: array(object({ id: string, title: string })),
  elapsedMs: number,
});
export type ReadinessReportView = Infer<typeof reportSchema>;
export const isReportView = reportSchema.is;

const hostToNotebook = messages({
  report: { report: reportSchema },
  empty: { message: string },
});

const notebookToHost = messages({
  ready: {},
  reveal: { cell: id, line: index },
  setProfile: { profile },
  refresh: {},
  error: { message: string },
});

export const NOTEBOOK_PROTOCOL = panelProtocol({ name: 'notebook', toHost: notebookToHost, toWebview: hostToNotebook, requests: {} });

export type HostToNotebook = MessageOf<typeof hostToNotebook.defs>;
export type NotebookToHost = MessageOf<typeof notebookToHost.defs>;
export const isHostToNotebook = hostToNotebook.is;
export const isNotebookToHost = notebookToHost.is;
