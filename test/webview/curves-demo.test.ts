// The Curves panel fed exactly what the host sends for real indexed runs (the demo workspace),
// so the screenshot shows real curves: NaN/∞ from the diverging run included.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { generateDemo } from '../../src/demo/generate';
import { Indexer } from '../../src/core/index/indexer';
import { IndexStore } from '../../src/core/index/store';
import { readers } from '../../src/core/sources/registry';
import { curvesDataMessage } from '../../src/host/panels/curves-message';
import { tempDir } from '../helpers/tmp';
import { type } from './curves-controls';
import { CHROMIUM_SKIP, openPanel, type PanelPage } from './harness';

const skip = CHROMIUM_SKIP;
let panel: PanelPage;

before(async () => {
  if (skip) return;
  panel = await openPanel('curves', { width: 1400, height: 900 });
});
after(async () => {
  await panel?.close();
});


test('real demo runs draw real curves, with the diverging run visible', { skip }, async () => {
  const dir = path.join(tempDir(), 'demo');
  await generateDemo(dir);
  const store = await IndexStore.open();
  await new Indexer({ store, readers }).indexFolders([dir]);
  const runs = store.runs().filter((r) => r.format === 'mlflow-file' && /lr(3e-5|1e-4)-seed[1-4]/.test(r.name));
  assert.equal(runs.length, 8);
  const msg = curvesDataMessage(runs, store.previews(runs.map((r) => r.key)), { runKeys: runs.map((r) => r.key), hiddenRuns: [], logY: false, filter: '' });
  await panel.post(msg);
  await panel.page.waitForSelector('canvas');
  const titles = await panel.page.$$eval('.chart-card h3', (hs) => hs.map((h) => h.textContent));
  for (const key of ['train_loss', 'eval_loss', 'f1_en', 'f1_de', 'f1_zh', 'learning_rate']) assert.ok(titles.includes(key), `${key} chart`);
  const legend = await panel.page.$$eval('.legend-item', (items) => items.map((i) => i.textContent));
  assert.ok(legend.includes('xlmr-lr1e-4-seed3'));
  await type(panel, 'filter', 'f1_');
  await panel.screenshot('curves-demo-f1.png');
  await type(panel, 'filter', '');
  await panel.screenshot('curves-demo.png');
});
