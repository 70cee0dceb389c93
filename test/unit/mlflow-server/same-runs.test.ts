// The same runs written as an MLflow file store and served by the test MLflow server index identically
// (`runlens index --json`), except the fields that name where they came from: format, path and root. One fact
// only the file store has: a deleted run's deletion time (meta.yaml deleted_time; RunInfo in REST has none).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { indexToJson } from '../../../src/core/index/json-output';
import { indexPaths } from '../../../src/cli/index-paths';
import { serverSource } from '../../../src/cli/server-source';
import { writeMlflowFileStore } from '../../../src/demo/writers/mlflow-file';
import { tempDir } from '../../helpers/tmp';
import { sampleRuns } from '../mlflow/sample-runs';
import { MlflowTestServer } from '../../support/mlflow-test-server';
import { generatedRuns, storeOf } from '../../support/mlflow-test-store';

const BOUNDED = { timeout: 120_000 };

function comparable(json: { runs: unknown[] }) {
  return (json.runs as Array<Record<string, unknown>>)
    .map(({ format: _f, path: _p, root: _r, ...rest }) => {
      const extra = { ...(rest.extra as Record<string, unknown>) };
      delete extra.deletedTime;
      return { ...rest, extra } as Record<string, unknown>;
    })
    .sort((a, b) => String(a.id).localeCompare(String(b.id)));
}

for (const int64 of ['string', 'number'] as const) {
  for (const includeDeleted of [false, true]) {
    test(`file store and server (int64 as ${int64}s${includeDeleted ? ', deleted runs too' : ''}) give identical index --json`, BOUNDED, async () => {
      const runs = [...sampleRuns(), ...generatedRuns(40, 30)];
      const dir = path.join(tempDir(), 'mlruns');
      writeMlflowFileStore(dir, runs);
      const server = new MlflowTestServer(storeOf(runs, dir), { int64 });
      const url = await server.start();
      try {
        const local = await indexPaths([dir], { includeDeleted });
        const remote = await indexPaths([], { includeDeleted, extraRoots: [serverSource(url, undefined, {})] });
        assert.deepEqual(remote.errors, []);
        const localJson = indexToJson(local.runs, []);
        const remoteJson = indexToJson(remote.runs, []);
        assert.ok(remoteJson.runs.every((r) => (r as { format: string }).format === 'mlflow-server'));
        assert.equal(remoteJson.runs.length, includeDeleted ? 45 : 44);
        assert.deepEqual(comparable(remoteJson), comparable(localJson));
      } finally {
        await server.stop();
      }
    });
  }
}
