// The corruption oracle over every format's generated workspace (see oracle.ts for what is judged).
// Fixed seeds: a failure is reproducible with the same seed and case count; its bytes are in the message.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { tempDir } from '../../helpers/tmp';
import { closeAllDbSnapshots } from '../../../src/core/sources/mlflow-db/snapshot';
import { describeFailures, runOracle } from './oracle';
import { workspaces } from './workspaces';

const base = tempDir('runlens-oracle-');

for (const [format, spec] of Object.entries(workspaces)) {
  test(`corruption oracle: ${format} (${spec.cases} damaged files)`, { timeout: 300_000 }, async (t) => {
    const report = await runOracle(spec, path.join(base, format));
    closeAllDbSnapshots();
    t.diagnostic(`${report.cases} cases: ${report.changed} changed the read, ${report.reported} brought messages; ${JSON.stringify(report.byMutation)}`);
    assert.equal(report.failures.length, 0, `${report.failures.length} of ${report.cases} cases failed:\n${describeFailures(report)}`);
    // the oracle cannot pass by reading nothing: most damage shows, and some of it is reported
    assert.ok(report.cases >= spec.cases * 0.9, `only ${report.cases} cases ran`);
    assert.ok(report.changed > report.cases / 20, `damage changed the read in only ${report.changed} cases`);
    assert.ok(report.reported > report.cases / 10, `damage was reported in only ${report.reported} cases`);
  });
}
