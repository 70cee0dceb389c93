// Parses the two meta.yaml shapes of an MLflow file store (experiment and run).
// MLflow writes them with yaml.safe_dump; legacy stores (MLflow < 1.x) have int ids,
// `name: ''` instead of run_name, and no creation_time (formats-spec §1 "meta.yaml").
import { loadYaml } from '../../util/yaml';
import type { RunStatus } from '../../model';
import { errorMessage } from '../../util/fs';

export interface ExperimentMeta {
  id: string;
  name: string;
  lifecycleStage: string;
  artifactLocation?: string;
  creationTime?: number;
}

export interface RunMeta {
  runId?: string;
  experimentId?: string;
  runName?: string;
  status: RunStatus;
  lifecycleStage: string;
  startTime?: number;
  endTime?: number;
  deletedTime?: number;
  userId?: string;
  artifactUri?: string;
}

/** Proto enum RunStatus (mlflow/protos/service.proto). */
const STATUS_BY_INT: Record<number, RunStatus> = {
  1: 'running',
  2: 'scheduled',
  3: 'finished',
  4: 'failed',
  5: 'killed',
};

const STATUS_BY_NAME: Record<string, RunStatus> = {
  RUNNING: 'running',
  SCHEDULED: 'scheduled',
  FINISHED: 'finished',
  FAILED: 'failed',
  KILLED: 'killed',
};

export function statusFromMeta(raw: unknown): RunStatus {
  // MLflow's _read_persisted_run_info_dict defaults a missing status to RUNNING.
  if (raw === undefined || raw === null) return 'running';
  if (typeof raw === 'number') return STATUS_BY_INT[raw] ?? 'unknown';
  if (typeof raw === 'string') {
    const asInt = Number(raw);
    if (raw.trim() !== '' && Number.isInteger(asInt)) return STATUS_BY_INT[asInt] ?? 'unknown';
    return STATUS_BY_NAME[raw.toUpperCase()] ?? 'unknown';
  }
  return 'unknown';
}

/** Loads YAML into a plain object, or returns an error message. */
function loadMapping(text: string): Record<string, unknown> | string {
  let doc: unknown;
  try {
    doc = loadYaml(text);
  } catch (err) {
    return `invalid YAML: ${errorMessage(err).split('\n')[0]}`;
  }
  if (doc === null || doc === undefined) return 'meta.yaml is empty';
  if (typeof doc !== 'object' || Array.isArray(doc)) return 'meta.yaml is not a mapping';
  return doc as Record<string, unknown>;
}

/**
 * Ids are strings in new files and ints in legacy ones. An int beyond 2^53 has lost digits
 * in the YAML parser, so the caller's folder name is the better truth then.
 */
function idText(raw: unknown, folderName: string): string | undefined {
  if (typeof raw === 'string') return raw;
  if (typeof raw === 'number' && Number.isFinite(raw)) {
    return Number.isSafeInteger(raw) ? String(raw) : folderName;
  }
  return undefined;
}

function optionalTime(raw: unknown): number | undefined {
  if (typeof raw === 'number' && Number.isFinite(raw)) return raw;
  if (typeof raw === 'string' && raw.trim() !== '' && Number.isFinite(Number(raw))) return Number(raw);
  return undefined;
}

function optionalText(raw: unknown): string | undefined {
  if (typeof raw === 'string') return raw;
  if (typeof raw === 'number' || typeof raw === 'boolean') return String(raw);
  return undefined;
}

/** Experiment meta.yaml; an error message when it is not one (needs experiment_id and name). */
export function parseExperimentMeta(text: string, folderName: string): ExperimentMeta | string {
  const doc = loadMapping(text);
  if (typeof doc === 'string') return doc;
  if (!('experiment_id' in doc) || !('name' in doc)) return 'meta.yaml has no experiment_id/name';
  const id = idText(doc.experiment_id, folderName);
  if (id === undefined) return 'meta.yaml experiment_id is not a string or integer';
  return {
    id,
    name: optionalText(doc.name) ?? '',
    lifecycleStage: optionalText(doc.lifecycle_stage) ?? 'active',
    artifactLocation: optionalText(doc.artifact_location),
    creationTime: optionalTime(doc.creation_time),
  };
}

/** Run meta.yaml; an error message when it cannot be read as a mapping. */
export function parseRunMeta(text: string, folderName: string): RunMeta | string {
  const doc = loadMapping(text);
  if (typeof doc === 'string') return doc;
  const runName = optionalText(doc.run_name);
  return {
    runId: idText(doc.run_id ?? doc.run_uuid, folderName),
    experimentId: idText(doc.experiment_id, folderName),
    runName,
    status: statusFromMeta(doc.status),
    lifecycleStage: optionalText(doc.lifecycle_stage) ?? 'active',
    startTime: optionalTime(doc.start_time),
    endTime: optionalTime(doc.end_time),
    deletedTime: optionalTime(doc.deleted_time),
    userId: optionalText(doc.user_id),
    artifactUri: optionalText(doc.artifact_uri),
  };
}
