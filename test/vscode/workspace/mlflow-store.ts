// Writes a small MLflow file store (mlruns/) the way MLflow 2.x lays it out: experiment and run meta.yaml,
// params/, metrics/ ("<ms> <value> <step>" lines), tags/. Enough for the VS Code suites; the demo
// workspace (src/demo) is the richer source when it exists.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface FixtureRun {
  id: string;
  name: string;
  startTime: number;
  endTime: number;
  params: Record<string, string>;
  tags: Record<string, string>;
  metrics: Record<string, Array<{ step: number; value: number; time: number }>>;
}

export function writeMlflowStore(storeDir: string, experiment: { id: string; name: string }, runs: FixtureRun[]): void {
  const expDir = join(storeDir, experiment.id);
  mkdirSync(expDir, { recursive: true });
  const created = Math.min(...runs.map((r) => r.startTime));
  writeFileSync(
    join(expDir, 'meta.yaml'),
    [
      `artifact_location: file://${expDir}`,
      `creation_time: ${created}`,
      `experiment_id: '${experiment.id}'`,
      `last_update_time: ${created}`,
      'lifecycle_stage: active',
      `name: ${experiment.name}`,
      '',
    ].join('\n'),
  );
  for (const run of runs) {
    const dir = join(expDir, run.id);
    for (const sub of ['params', 'metrics', 'tags', 'artifacts']) mkdirSync(join(dir, sub), { recursive: true });
    writeFileSync(
      join(dir, 'meta.yaml'),
      [
        `artifact_uri: file://${dir}/artifacts`,
        `end_time: ${run.endTime}`,
        "entry_point_name: ''",
        `experiment_id: '${experiment.id}'`,
        'lifecycle_stage: active',
        `run_id: ${run.id}`,
        `run_name: ${run.name}`,
        `run_uuid: ${run.id}`,
        "source_name: ''",
        'source_type: 4',
        "source_version: ''",
        `start_time: ${run.startTime}`,
        'status: 3',
        'tags: []',
        'user_id: alice',
        '',
      ].join('\n'),
    );
    for (const [k, v] of Object.entries(run.params)) writeFileSync(join(dir, 'params', k), v);
    for (const [k, v] of Object.entries({ 'mlflow.runName': run.name, ...run.tags })) writeFileSync(join(dir, 'tags', k), v);
    for (const [k, points] of Object.entries(run.metrics)) {
      writeFileSync(join(dir, 'metrics', k), points.map((p) => `${p.time} ${p.value} ${p.step}\n`).join(''));
    }
  }
}
