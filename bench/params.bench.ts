// Params panel in its real bundle in headless Chromium (DESIGN.md §5, issue 13): a data message of N runs ×
// 12 axes (log learning rate, categorical optimizer, integer params, metric summaries with missing values and
// NaN) drawn as parallel coordinates — time from the message to the painted frame and the panel's own render
// time — then brushing: 60 drag steps widening a range on an axis and 15 narrowing it, each a synchronous mask + draw,
// timed one by one with the canvas rasterized (a pixel read back).
// `node --import tsx bench/params.bench.ts` (or `npm run bench -- params`).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { chromiumAvailable, openPanel, packedPageSource } from '../test/webview/harness';
import { syntheticParamsData as dataMessage } from '../test/webview/params-synthetic';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))];

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
    // a user's hand takes longer than this to reach an axis: the faint layer brushing draws over is built then
    await new Promise((res) => setTimeout(res, 400));
    // brushing: press on the f1_de axis, 60 drag steps; each step masks and redraws synchronously
    const { times: frames, shrink, release, narrow } = (await p.page.evaluate(`(() => {
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
      // the redraws of a narrowing brush above LINES_PER_SLICE lines go on in animation frames: how long until the
      // last slice is painted, and the longest task on the way (what decides whether the page stays responsive)
      return new Promise((resolve) => {
        const tasks = [];
        const s0 = performance.now();
        const obs = new PerformanceObserver((list) => list.getEntries().forEach((e) => e.startTime >= s0 && tasks.push(e.duration)));
        obs.observe({ entryTypes: ['longtask'] });
        window.dispatchEvent(ev('mousemove', 250));
        const sync = performance.now() - s0;
        const frames = [];
        let last = performance.now();
        const tick = () => {
          const now = performance.now();
          frames.push(now - last);
          last = now;
          if (c.dataset.slicing) return requestAnimationFrame(tick);
          ctx.getImageData(0, 0, 1, 1);
          const settled = performance.now() - s0;
          setTimeout(() => {
            obs.disconnect();
            const t0 = performance.now();
            window.dispatchEvent(ev('mouseup', 260));
            ctx.getImageData(0, 0, 1, 1);
            resolve({ times, shrink, release: performance.now() - t0, narrow: { sync, settled, frames: frames.length, longest: Math.max(0, ...frames), longTasks: tasks } });
          }, 50);
        };
        requestAnimationFrame(tick);
      });
    })()`)) as { times: number[]; shrink: number[]; release: number; narrow: { sync: number; settled: number; frames: number; longest: number; longTasks: number[] } };
    const brushed = (await p.sent()).filter((m) => m.type === 'brushed').pop() as unknown as { keys: string[] } | undefined;
    if (!brushed || !brushed.keys.length) throw new Error('the brush selected nothing');
    const budget = runs <= 1000 ? ' (target <= 150 ms)' : ' (no budget: must not freeze)';
    console.log(
      `params ${runs} runs × 12 axes, message to painted frame: ${median(walls.slice(1)).toFixed(0)} ms median (panel render ${median(renders.slice(1)).toFixed(0)} ms, first ${walls[0].toFixed(0)} ms)${budget}`,
    );
    console.log(
      `params ${runs} runs × 12 axes, brushing frame (mask + draw + raster) while the range grows: ${median(frames.slice(1)).toFixed(1)} ms median, ${p95(frames.slice(1)).toFixed(1)} ms p95 over ${frames.length - 1} steps; first frame (everything else fades) ${frames[0].toFixed(0)} ms; shrinking (whole redraw) ${median(shrink).toFixed(0)} ms median in the event task; release ${release.toFixed(0)} ms; ${brushed.keys.length} runs brushed (target <= 16 ms)`,
    );
    console.log(
      `params ${runs} runs × 12 axes, one narrowing step: ${narrow.sync.toFixed(0)} ms in the event task, painted in full after ${narrow.settled.toFixed(0)} ms over ${narrow.frames} animation frame(s), longest frame interval ${narrow.longest.toFixed(0)} ms, long tasks [${narrow.longTasks.map((t) => t.toFixed(0)).join(', ')}] ms`,
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
  if (!process.env.ONLY1K) await bench(5000);
}

void main().catch((err) => {
  console.error(err);
  process.exit(1);
});
