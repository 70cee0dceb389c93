// The seam between the notebook checks and Runlens's index of tracked runs. The tracked-data checks
// (tracked-run-mismatch, tracked-config-mismatch, reported-metric-mismatch) only ask this interface,
// so the index (or a test) plugs in whatever it has; without a lookup their T-parts do not fire.
import type { RunInfo } from '../model';

export interface TrackedRunSummary {
  /** The tool's own run id (W&B 8-char id, MLflow uuid, Aim hash). */
  id: string;
  /** wandb, mlflow, aim, tensorboard, … */
  tool: string;
  name?: string;
  /** W&B project / MLflow experiment name. */
  project?: string;
  entity?: string;
  /** running, finished, failed, killed, crashed, … */
  status?: string;
  /** Epoch milliseconds. */
  startTime?: number;
  params: Record<string, string>;
  /** Final (summary or last) value per metric key, e.g. `test_accuracy` → 0.6165. */
  metrics: Record<string, number>;
}

export interface TrackedRunsLookup {
  findRunById(id: string): TrackedRunSummary | undefined;
  /** Runs a link (W&B/MLflow/Aim URL) or a bare id refers to; a project URL gives all its runs. */
  findRunsByUrlOrId(urlOrId: string): TrackedRunSummary[];
}

export interface ParsedTrackerUrl {
  tool: 'wandb' | 'mlflow' | 'aim';
  entity?: string;
  project?: string;
  runId?: string;
}

/** Recognises run/project links of W&B, MLflow (incl. Databricks) and Aim. */
export function parseTrackerUrl(url: string): ParsedTrackerUrl | undefined {
  const wb = /^https?:\/\/(?:www\.)?wandb\.ai\/([^/?#\s]+)\/([^/?#\s]+)(?:\/(runs|sweeps|reports|groups|workspace|artifacts)(?:\/([^/?#\s]+))?)?/.exec(url);
  if (wb) return { tool: 'wandb', entity: wb[1], project: wb[2], runId: wb[3] === 'runs' ? wb[4] : undefined };
  const ml = /#\/experiments\/([^/?\s]+)(?:\/runs\/([0-9a-f]{32}))?/.exec(url) ?? /\/ml\/experiments\/([^/?\s]+)(?:\/runs\/([0-9a-f]{32}))?/.exec(url);
  if (ml) return { tool: 'mlflow', project: ml[1], runId: ml[2] };
  const aim = /^https?:\/\/[^/\s]+(?::\d+)?\/runs\/([0-9a-f]{16,})/.exec(url);
  if (aim) return { tool: 'aim', runId: aim[1] };
  return undefined;
}

/** A lookup over an in-memory list (tests, the CLI, or a snapshot of the index). */
export function lookupFromRuns(runs: TrackedRunSummary[]): TrackedRunsLookup {
  const byId = new Map(runs.map((r) => [r.id, r]));
  return {
    findRunById: (id) => byId.get(id),
    findRunsByUrlOrId(urlOrId) {
      const direct = byId.get(urlOrId);
      if (direct) return [direct];
      const parsed = parseTrackerUrl(urlOrId);
      if (!parsed) return [];
      if (parsed.runId) {
        const run = byId.get(parsed.runId);
        return run ? [run] : [];
      }
      return runs.filter((r) => r.tool === parsed.tool && parsed.project !== undefined && r.project === parsed.project);
    },
  };
}

const TOOL_BY_FORMAT: Record<string, string> = {
  wandb: 'wandb',
  'mlflow-file': 'mlflow',
  'mlflow-db': 'mlflow',
  aim: 'aim',
  tensorboard: 'tensorboard',
  'lightning-csv': 'lightning',
  'hf-trainer': 'hf-trainer',
  optuna: 'optuna',
};

/** Adapts a reader's RunInfo (plus last values of its series, when known) to the lookup's shape. */
export function trackedRunFromRunInfo(run: RunInfo, lastValues: Record<string, number> = {}): TrackedRunSummary {
  return {
    id: run.id,
    tool: TOOL_BY_FORMAT[run.format] ?? run.format,
    name: run.name,
    project: run.experiment,
    status: run.status,
    startTime: run.startTime,
    params: run.params,
    metrics: { ...lastValues, ...(run.summary ?? {}) },
  };
}
