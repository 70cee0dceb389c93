// SQLite file names one format reserves. Shared through util because one source format never imports
// another (DESIGN.md §2): MLflow claims its names, and Optuna's detector must leave them to MLflow.

/** Names that only MLflow uses: claim them even when unreadable, so the problem is reported. */
const MLFLOW_NAMES = new Set(['mlflow.db', 'mlruns.db']);

export function isMlflowDbName(name: string): boolean {
  return MLFLOW_NAMES.has(name.toLowerCase());
}
