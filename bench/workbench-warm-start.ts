// Warm start inside the workbench (DESIGN.md §5: ≤ 2 s to a full tree): the packaged extension in code-server
// + headless Chromium on the index bench's workload (bench/index-workload.ts, 1,000 runs). The first window
// indexes it cold; then the window is reloaded a few times with nothing to re-read, and each reload is timed
// to the workbench's activity bar and to the Runs tree listing the runs (an experiment row's "N runs" is drawn
// once the whole run list is in the tree).
// Not part of `npm run bench` (it needs the code-server tools): `npm run package && node --import tsx bench/workbench-warm-start.ts`.
// RUNLENS_VSIX picks another package (e.g. one built from an older commit, for a before/after).
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { freePort, installExtension, launchChromium, startCodeServer, writeUserSettings } from '../scripts/code-server.mjs';
import { ensureTools, REPO } from '../scripts/tools.mjs';
import { ensureWorkload, work } from './index-workload';

const VSIX = process.env.RUNLENS_VSIX ?? path.join(REPO, 'runlens.vsix');
const RELOADS = Number(process.env.RUNLENS_BENCH_RELOADS ?? 3);
const EXPERIMENT_ROW = '.monaco-list-row:has(.custom-view-tree-node-item-resourceLabel)';

/** The index file the extension persisted in this profile, if any. */
function persistedIndex(home: string): { file: string; size: number; mtime: number } | undefined {
  const found: string[] = [];
  const walk = (dir: string, depth: number) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory() && depth < 6) walk(p, depth + 1);
      else if (e.name === 'index.sqlite') found.push(p);
    }
  };
  walk(path.join(home, 'user-data'), 0);
  if (!found.length) return undefined;
  const st = statSync(found[0]);
  return { file: found[0], size: st.size, mtime: st.mtimeMs };
}

/** When the extension host last activated Runlens after `since` (its log's timestamps are UTC, as this machine's clock). */
function activationTime(home: string, since: number): number | undefined {
  let latest: number | undefined;
  for (const file of logFiles(path.join(home, 'user-data', 'logs')).filter((f) => f.endsWith('exthost.log'))) {
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      if (!line.includes('_doActivateExtension runlens.runlens')) continue;
      const t = Date.parse(line.slice(0, 23).replace(' ', 'T') + 'Z');
      if (t >= since && (latest === undefined || t > latest)) latest = t;
    }
  }
  return latest;
}

/** Resident and peak memory of code-server's extension host process (it holds the index worker thread too), in MB. */
function extensionHostMemory(group: number): string {
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const pgid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
      if (pgid !== group || !readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('extensionHost')) continue;
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      const kb = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN) / 1024;
      return `extension host rss ${kb('VmRSS').toFixed(0)} MB (peak ${kb('VmHWM').toFixed(0)} MB)`;
    } catch {
      /* gone meanwhile */
    }
  }
  return 'extension host process not found';
}

function logFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.log'))
    .map((e) => path.join(e.parentPath ?? e.path, e.name))
    .sort();
}

(async () => {
  ensureWorkload();
  const tools = ensureTools();
  const tmp = mkdtempSync('/tmp/rl-warm-');
  const home = path.join(tmp, 'cs');
  writeUserSettings(home);
  installExtension(tools, home, VSIX);
  const cs = await startCodeServer({ tools, home, port: await freePort(), workspace: work });
  const context = await launchChromium(tools, path.join(tmp, 'chrome'), { width: 1440, height: 900 });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    const icon = page.locator('.activitybar a.action-label[aria-label^="Runlens"]');
    const runsRow = page.locator(EXPERIMENT_ROW, { hasText: /\d+ runs/ }).first();
    const started = Date.now();
    await page.goto(`${cs.url}?folder=${encodeURIComponent(work)}`);
    await icon.waitFor({ timeout: 120_000 });
    await icon.click();
    await runsRow.waitFor({ timeout: 300_000 });
    // The cold pass is over once the index file has been written and left alone for a few seconds.
    let last: ReturnType<typeof persistedIndex>;
    for (let stable = 0; stable < 5; ) {
      await page.waitForTimeout(1000);
      const now = persistedIndex(home);
      stable = now && last && now.mtime === last.mtime && now.size === last.size ? stable + 1 : 0;
      last = now;
    }
    console.log(
      `cold: tree and persisted index (${(last!.size / 1e6).toFixed(0)} MB) after ${((Date.now() - started) / 1000).toFixed(1)} s; ${extensionHostMemory(cs.proc.pid!)}`,
    );
    let lastReload = Date.now();
    for (let i = 0; i < RELOADS; i++) {
      const t0 = Date.now();
      lastReload = t0;
      await page.reload();
      await icon.waitFor({ timeout: 60_000 });
      const workbench = Date.now() - t0;
      // The view stays open across reloads; click it open only when the side bar is (still) closed.
      for (let waited = 0; !(await runsRow.isVisible()); waited += 50) {
        if (waited > 60_000) {
          await page.screenshot({ path: path.join(REPO, 'test-artifacts', 'warm-start-failure.png') });
          throw new Error('the Runs tree did not fill within 60 s of the reload');
        }
        if (waited > 0 && waited % 10_000 === 0 && !(await page.locator('.part.sidebar').isVisible())) await icon.click();
        await page.waitForTimeout(50);
      }
      const tree = Date.now() - t0;
      const activated = activationTime(home, t0);
      console.log(
        `reload ${i + 1}: activity bar ${workbench} ms, full Runs tree ${tree} ms` +
          (activated ? `; extension activated at ${activated - t0} ms, tree ${t0 + tree - activated} ms after activation` : ''),
      );
      await page.waitForTimeout(4000);
      console.log(`  after the catch-up pass: ${extensionHostMemory(cs.proc.pid!)}`);
    }
    // RUNLENS_BENCH_HEALTH=1: after the last reload, wait for the background health pass over every run (its log
    // line) and sample the extension host's memory meanwhile (the pass reads every series at full resolution).
    if (process.env.RUNLENS_BENCH_HEALTH) {
      const t0 = Date.now();
      const reloadedAt = lastReload;
      let done: string | undefined;
      let peak = '';
      while (!done && Date.now() - t0 < 15 * 60_000) {
        await page.waitForTimeout(10_000);
        peak = extensionHostMemory(cs.proc.pid!);
        for (const file of logFiles(path.join(home, 'user-data', 'logs')).filter((f) => /Runlens/.test(f))) {
          // a pass over the runs that ended after the reload (not the empty pass before the index loaded)
          done ??= readFileSync(file, 'utf8')
            .split('\n')
            .find((l) => / health: \d+ findings.* over [1-9]\d* runs/.test(l) && Date.parse(l.slice(0, 23).replace(' ', 'T') + 'Z') >= reloadedAt);
        }
      }
      console.log(`health pass after the last reload: ${done ? done.replace(/^.*health: /, '') : 'not finished in 15 min'}; waited ${((Date.now() - t0) / 1000).toFixed(0)} s; ${peak}`);
      // steady: the reader threads and the series thread stop when idle (10 s and 60 s)
      await page.waitForTimeout(75_000);
      console.log(`  75 s later, idle: ${extensionHostMemory(cs.proc.pid!)}`);
    }
    // Where the time went: the extension host's activation lines and Runlens's own log, with their timestamps.
    if (process.env.RUNLENS_BENCH_LOGS) {
      for (const file of logFiles(path.join(home, 'user-data', 'logs'))) {
        const lines = readFileSync(file, 'utf8').split('\n');
        const relevant = /Runlens|exthost\.log$/.test(file) ? lines.filter((l) => /runlens|indexed|opened|persisted|activat/i.test(l)) : [];
        if (relevant.length) console.log(`-- ${path.basename(file)}\n${relevant.join('\n')}`);
      }
    }
  } finally {
    await context.close().catch(() => {});
    await cs.stop();
    rmSync(tmp, { recursive: true, force: true, maxRetries: 3 });
  }
})();
