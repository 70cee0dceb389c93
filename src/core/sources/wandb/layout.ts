// Where W&B runs live: `wandb/run-<YYYYMMDD_HHMMSS>-<id>/` and `wandb/offline-run-…/`.
// `latest-run`, `debug.log` and `debug-internal.log` beside them are symlinks in a live tree and
// plain text files in a git checkout; neither kind matches the pattern, so neither is a run.

const RUN_FOLDER = /^(offline-)?run-(\d{8}_\d{6})-([a-z0-9]+)$/;

export interface RunFolderName {
  offline: boolean;
  /** `YYYYMMDD_HHMMSS` in the writer's local time zone (unknown here, so not used as a time). */
  stamp: string;
  runId: string;
}

export function parseRunFolderName(name: string): RunFolderName | undefined {
  const m = RUN_FOLDER.exec(name);
  return m ? { offline: m[1] !== undefined, stamp: m[2], runId: m[3] } : undefined;
}

export function runFolderNames(dirs: string[]): string[] {
  return dirs.filter((d) => RUN_FOLDER.test(d)).sort();
}
