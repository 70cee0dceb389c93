// Params panel in its real bundle in headless Chromium (DESIGN.md §5, issue 13): a data message of N runs ×
// 12 axes (log learning rate, categorical optimizer, integer params, metric summaries with missing values and
// NaN) drawn as parallel coordinates — time from the message to the painted frame and the panel's own render
// time — then brushing: 60 drag steps widening a range on an axis and 15 narrowing it, each a synchronous mask + draw,
// timed one by one with the canvas rasterized (a pixel read back).
// `node --import tsx bench/params.bench.ts` (or `npm run bench -- params`).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_PARAMS_STATE, type HostToParams } from '../src/protocol/params';
import { chromiumAvailable, openPanel, packedPageSource } from '../test/webview/harness';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))];

/** A seeded sweep: the same numbers on every run of the bench. */
function dataMessage(runs: number, dataId: number): Extract<HostToParams, { type: 'data' }> {
  let seed = 12345;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const lrs = [1e-5, 2e-5, 3e-5, 5e-5, 1e-4];
  const num = (f: (i: number) => number, missingEvery = 0) => {
    const numbers = new Float64Array(runs);
    const missing = new Uint8Array(runs);
    for (let i = 0; i < runs; i++) {
      if (missingEvery && i % missingEvery === 7) missing[i] = 1;
      numbers[i] = missing[i] ? NaN : f(i);
    }
    return { numbers, missing };
  };
  const columns: Extract<HostToParams, { type: 'data' }>['columns'] = [
    { id: 'params.learning_rate', label: 'learning_rate', kind: 'param', ...num((i) => lrs[i % 5]) },
    { id: 'params.seed', label: 'seed', kind: 'param', ...num((i) => 1 + (i % 4)) },
    { id: 'params.batch_size', label: 'batch_size', kind: 'param', ...num((i) => [8, 16, 32, 64][(i >> 2) % 4]) },
    { id: 'params.warmup', label: 'warmup', kind: 'param', ...num((i) => [0, 0.1, 0.2][(i >> 4) % 3]) },
    { id: 'params.optimizer', label: 'optimizer', kind: 'param', text: Array.from({ length: runs }, (_, i) => ['adamw', 'sgd', 'adafactor'][(i >> 3) % 3]) },
    { id: 'params.weight_decay', label: 'weight_decay', kind: 'param', ...num((i) => [0, 0.01, 0.1][(i >> 5) % 3]) },
    ...['en', 'de', 'es', 'nl', 'zh'].map((l, k) => ({ id: `f1_${l}:best`, label: `f1_${l}:best`, kind: 'metric' as const, goal: 'max' as const, ...num(() => 0.5 + 0.4 * rand() - 0.05 * k, 97) })),
    { id: 'eval_loss:min', label: 'eval_loss:min', kind: 'metric', goal: 'min', ...num((i) => (i % 211 === 3 ? NaN : 0.2 + rand())) },
  ];
  const axes = columns.map((c) => c.id);
  return {
    type: 'data',
    dataId,
    runs: Array.from({ length: runs }, (_, i) => ({ key: `mlflow-file|/bench|r${i}`, name: `run-${i}`, experiment: 'bench', group: `lr=${lrs[i % 5]} bs=${[8, 16, 32, 64][(i >> 2) % 4]}` })),
    columns,
    available: axes,
    state: { ...DEFAULT_PARAMS_STATE, axes, colorBy: 'f1_en:best', bestBy: 'f1_en:best' },
    adopt: true,
    errors: [],
    totalRuns: runs,
  };
}

async function bench(runs: number): Promise<void> {
  const p = await openPanel('params', { width: 1600, height: 900 });
  try {
    const walls: number[] = [];
    const renders: number[] = [];
    for (let i = 0; i < 6; i++) {
      await p.page.evaluate(`window.__msgs = ${packedPageSource(dataMessage(runs, i + 1))}; undefined`);
      const r = (await p.page.evaluate(`(async () => {
        const before = window.__sent.filter((m) => m.type === 'rendered').length;
        const t0 = performance.now();
        window.__msgs.forEach((m) => window.postMessage(m, '*'));
        for (;;) {
          const rendered = window.__sent.filter((m) => m.type === 'rendered');
          if (rendered.length > before) {
            await new Promise((res) => requestAnimationFrame(() => requestAnimationFrame(res)));
            const last = rendered[rendered.length - 1];
            return { wall: performance.now() - t0, millis: last.millis, runs: last.runs, axes: last.axes };
          }
          await new Promise((res) => setTimeout(res, 1));
        }
      })()`)) as { wall: number; millis: number; runs: number; axes: number };
      if (r.runs !== runs || r.axes !== 12) throw new Error(`drew ${r.runs} runs × ${r.axes} axes`);
      walls.push(r.wall);
      renders.push(r.millis);
    }
    // brushing: press on the f1_de axis, 60 drag steps; each step masks and redraws synchronously
    const { times: frames, shrink, release } = (await p.page.evaluate(`(() => {
      const c = document.querySelector('canvas.plot');
      const r = c.getBoundingClientRect();
      const width = c.clientWidth;
      const left = 70, right = width - 110;
      const x = r.left + left + (7 * (right - left)) / 11;
      const ev = (type, y) => new MouseEvent(type, { clientX: x, clientY: r.top + y, bubbles: true });
      c.dispatchEvent(ev('mousedown', 70));
      const times = [];
      // reading one pixel back makes the canvas rasterize what was drawn, so the time includes the painting
      const ctx = c.getContext('2d');
      for (let k = 0; k < 60; k++) {
        const t0 = performance.now();
        window.dispatchEvent(ev('mousemove', 80 + k * 4));
        ctx.getImageData(0, 0, 1, 1);
        times.push(performance.now() - t0);
      }
      // dragging back: the brush shrinks, runs leave it, each frame is a whole redraw
      const shrink = [];
      for (let k = 0; k < 15; k++) {
        const t0 = performance.now();
        window.dispatchEvent(ev('mousemove', 316 - k * 4));
        ctx.getImageData(0, 0, 1, 1);
        shrink.push(performance.now() - t0);
      }
      const t0 = performance.now();
      window.dispatchEvent(ev('mouseup', 260));
      ctx.getImageData(0, 0, 1, 1);
      const release = performance.now() - t0;
      return { times, shrink, release };
    })()`)) as { times: number[]; shrink: number[]; release: number };
    const brushed = (await p.sent()).filter((m) => m.type === 'brushed').pop() as unknown as { keys: string[] } | undefined;
    if (!brushed || !brushed.keys.length) throw new Error('the brush selected nothing');
    const budget = runs <= 1000 ? ' (target <= 150 ms)' : ' (no budget: must not freeze)';
    console.log(
      `params ${runs} runs × 12 axes, message to painted frame: ${median(walls.slice(1)).toFixed(0)} ms median (panel render ${median(renders.slice(1)).toFixed(0)} ms, first ${walls[0].toFixed(0)} ms)${budget}`,
    );
    console.log(
      `params ${runs} runs × 12 axes, brushing frame (mask + draw + raster) while the range grows: ${median(frames.slice(1)).toFixed(1)} ms median, ${p95(frames.slice(1)).toFixed(1)} ms p95 over ${frames.length - 1} steps; first frame (everything else fades) ${frames[0].toFixed(0)} ms; shrinking (whole redraw) ${median(shrink).toFixed(0)} ms median; release ${release.toFixed(0)} ms; ${brushed.keys.length} runs brushed (target <= 16 ms)`,
    );
  } finally {
    await p.close();
  }
}

async function main(): Promise<void> {
  if (!chromiumAvailable()) {
    console.log('params bench skipped: Debian chromium is not installed');
    return;
  }
  if (!fs.existsSync(path.join(__dirname, '..', 'dist', 'webview', 'params.js'))) throw new Error('run node esbuild.mjs first');
  await bench(1000);
  await bench(5000);
}

void main().catch((err) => {
  console.error(err);
  process.exit(1);
});
