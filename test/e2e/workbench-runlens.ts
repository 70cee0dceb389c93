// Runlens-specific moves in the workbench: the Runs view's source rows and their inline actions, the
// Curves panel's controls (inside the webview frame) and what the panel reports it drew.
import type { Frame, Page } from 'playwright-core';

/** Opens the Runlens view and waits for a tree row (a source) to appear. */
export async function openRunsView(page: Page, firstRow: RegExp = /./): Promise<void> {
  const icon = page.locator('.activitybar a.action-label[aria-label^="Runlens"]');
  await icon.waitFor({ timeout: 60_000 });
  if ((await icon.getAttribute('aria-expanded')) !== 'true' && !(await page.locator('.pane-header', { hasText: /^Runs/ }).count())) await icon.click();
  await page.locator('.monaco-list-row[aria-level="1"]', { hasText: firstRow }).first().waitFor({ timeout: 120_000 });
}

/** Collapses every node of the Runs view (the view's own title action), so all sources are in sight. */
export async function collapseRunsView(page: Page): Promise<void> {
  // A container with one view shows the view's actions in the side bar's title, not a pane header.
  const sidebar = page.locator('.part.sidebar');
  await sidebar.hover();
  await sidebar.locator('a.action-label[aria-label^="Collapse All"]').first().click();
}

/** Clicks an inline action (by its title) on the Runs view row of a source. */
export async function sourceAction(page: Page, source: RegExp, action: string): Promise<void> {
  const row = page.locator('.monaco-list-row[aria-level="1"]', { hasText: source }).first();
  await row.waitFor({ timeout: 60_000 });
  await row.hover();
  const button = row.locator(`.actions a.action-label[aria-label="${action}"]`);
  await button.waitFor({ timeout: 10_000 });
  await button.click();
}

/** Sets a Curves control (an @vscode-elements select, checkbox or text field) as a user's change does. */
export async function chooseIn(frame: Frame, id: string, value: string | boolean): Promise<void> {
  await frame.evaluate(
    `(() => { const el = document.getElementById(${JSON.stringify(id)});
      if (typeof ${JSON.stringify(value)} === 'boolean') { el.checked = ${JSON.stringify(value)}; el.dispatchEvent(new Event('change', { bubbles: true })); }
      else { el.value = ${JSON.stringify(value)}; el.dispatchEvent(new Event('change')); } })()`,
  );
}

/** Types into a Curves text field (the run filter): its value, then the input event the field fires. */
export async function typeIn(frame: Frame, id: string, text: string): Promise<void> {
  await frame.evaluate(`(() => { const el = document.getElementById(${JSON.stringify(id)}); el.value = ${JSON.stringify(text)}; el.dispatchEvent(new Event('input')); })()`);
}

/** What the Curves panel reports it drew last (body[data-rendered]). */
export interface CurvesRendered {
  charts: number;
  lines: number;
  seriesShown: number;
  series: number;
  seriesTotal: number;
  complete: boolean;
  runs: number;
  /** The data message the draw shows (a new one per host reply). */
  dataId: number;
  millis: number;
  /** Epoch ms of that draw (same clock as Date.now() here). */
  renderedAt: number;
}

export async function curvesRendered(frame: Frame): Promise<CurvesRendered | undefined> {
  const raw = (await frame.evaluate(`document.body.dataset.rendered || ''`)) as string;
  return raw ? (JSON.parse(raw) as CurvesRendered) : undefined;
}

/** Waits until the panel's report satisfies `ok`; the last report is in the error when it never does. */
export async function waitForCurves(frame: Frame, ok: (r: CurvesRendered) => boolean, timeoutMs: number): Promise<CurvesRendered> {
  const end = Date.now() + timeoutMs;
  let last: CurvesRendered | undefined;
  while (Date.now() < end) {
    last = await curvesRendered(frame);
    if (last && ok(last)) return last;
    await frame.waitForTimeout(25);
  }
  throw new Error(`Curves never reached the expected state; last report: ${JSON.stringify(last)}`);
}

/** The row parts whose ::after carries a FileDecoration's badge letter (which one varies by VS Code version). */
const BADGE_PARTS = '.monaco-icon-label, .monaco-icon-label-container, .label-name, .label-description';

/**
 * The badge letter of the first Runs view row showing `name`, polled through the locator: the list recycles its row
 * elements when it re-renders, so an element handle taken once can point at a detached or another run's row.
 */
export async function runBadge(page: Page, name: string, timeoutMs: number): Promise<string> {
  const row = page.locator('.part.sidebar .monaco-list-row', { hasText: name }).first();
  const end = Date.now() + timeoutMs;
  let seen: string[] = [];
  while (Date.now() < end) {
    seen = await rowBadgeContents(page, name).catch(() => []);
    const badge = seen.find((c) => c && c !== 'none' && c !== 'normal' && c !== '""');
    if (badge) return badge;
    await page.waitForTimeout(250);
  }
  const markup = await row.evaluate((el) => el.innerHTML.slice(0, 800)).catch(() => '(no row)');
  throw new Error(`no badge on ${name} after ${timeoutMs} ms (label ::after: ${seen.join(', ') || 'none'}): ${markup}`);
}

/** The ::after contents of a row's label parts (none is a badge for a healthy run). */
export async function rowBadgeContents(page: Page, name: string): Promise<string[]> {
  const row = page.locator('.part.sidebar .monaco-list-row', { hasText: name });
  if (!(await row.count())) return [];
  return row.first().evaluate((el, parts) => [...el.querySelectorAll(parts)].map((l) => getComputedStyle(l, '::after').content), BADGE_PARTS);
}
