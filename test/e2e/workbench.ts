// Driving the VS Code workbench (code-server in Chromium) the way a user does: activity bar, tree rows,
// command palette, and the webview inside its two nested iframes.
import type { Frame, Page } from 'playwright-core';

/** The quick-pick row whose label is exactly `label` (rows that merely contain it are skipped). */
async function exactRow(page: Page, label: string | RegExp, timeoutMs: number) {
  const rows = page.locator('.quick-input-list .monaco-list-row', { hasText: label });
  const end = Date.now() + timeoutMs;
  for (;;) {
    for (const row of await rows.all()) {
      const text = ((await row.locator('.label-name').first().textContent().catch(() => '')) ?? '').trim();
      if (typeof label === 'string' ? text === label : label.test(text)) return row;
    }
    if (Date.now() > end) throw new Error(`no quick-pick row labelled ${label}`);
    await page.waitForTimeout(100);
  }
}

/** Runs a command from the palette (F1). Retries: the palette lists an extension's commands only once the
 * remote extension host has registered the extension. */
export async function runCommand(page: Page, title: string, attempts = 6): Promise<void> {
  for (let i = 1; ; i++) {
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill(`>${title}`);
    try {
      await (await exactRow(page, title, 5_000)).click();
      return;
    } catch (err) {
      await page.keyboard.press('Escape');
      if (i >= attempts) throw err;
    }
  }
}

/** Picks an entry in an open quick pick (theme picker, file picker, …). */
export async function pickQuickItem(page: Page, filter: string, label: string | RegExp): Promise<void> {
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(filter);
  await (await exactRow(page, label, 10_000)).click();
}

/**
 * The frame holding the extension's webview HTML: `iframe.webview` (VS Code's host page) contains
 * `iframe#active-frame` with the panel. Found by scanning frames for an element of the panel.
 */
export async function webviewFrame(page: Page, selector: string, timeoutMs = 30_000): Promise<Frame> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    for (const f of page.frames()) {
      if (await f.$(selector).catch(() => null)) return f;
    }
    await page.waitForTimeout(200);
  }
  throw new Error(`no webview frame with ${selector} within ${timeoutMs} ms`);
}

export interface CanvasStats {
  canvases: number;
  /** Pixels, over all canvases, that differ clearly from the page background. */
  inked: number;
  /** The most frequent strongly coloured pixel colours (lines), as "r,g,b". */
  lineColors: string[];
  background: string;
}

// Runs in the page. Kept as source text: the test runner's TypeScript transform would wrap named
// functions in a helper (__name) that does not exist inside the browser.
const CANVAS_STATS_SOURCE = `(() => {
  const parse = (css) => (css.match(/\\d+(\\.\\d+)?/g) || ['0', '0', '0']).slice(0, 3).map(Number);
  const bg = parse(getComputedStyle(document.body).backgroundColor);
  const counts = new Map();
  let inked = 0;
  const canvases = [...document.querySelectorAll('canvas')];
  for (const c of canvases) {
    const ctx = c.getContext('2d');
    if (!ctx || !c.width || !c.height) continue;
    const d = ctx.getImageData(0, 0, c.width, c.height).data;
    for (let i = 0; i < d.length; i += 4) {
      if (d[i + 3] < 128) continue; // transparent: the page background shows through
      const r = d[i], g = d[i + 1], b = d[i + 2];
      if (Math.abs(r - bg[0]) + Math.abs(g - bg[1]) + Math.abs(b - bg[2]) < 60) continue;
      inked++;
      // Saturated pixels are line colours (axes and text are grey).
      if (Math.max(r, g, b) - Math.min(r, g, b) > 60) {
        const key = ((r >> 3) << 3) + ',' + ((g >> 3) << 3) + ',' + ((b >> 3) << 3);
        counts.set(key, (counts.get(key) || 0) + 1);
      }
    }
  }
  const lineColors = [...counts.entries()].sort((a, b) => b[1] - a[1]).slice(0, 6).map((e) => e[0]);
  return { canvases: canvases.length, inked, lineColors, background: bg.join(',') };
})()`;

/** Reads the panel's canvases back: were lines drawn, and in which colours. */
export function canvasStats(frame: Frame): Promise<CanvasStats> {
  return frame.evaluate(CANVAS_STATS_SOURCE) as Promise<CanvasStats>;
}
