// Drives the Curves toolbar's @vscode-elements controls the way a user's change does: set the
// value, then fire the event the component fires (they live in shadow DOM, so page.fill/check
// cannot reach their inner inputs).
import type { PanelPage } from './harness';

export async function choose(p: PanelPage, id: string, value: string): Promise<void> {
  await p.page.evaluate(`(() => { const el = document.getElementById(${JSON.stringify(id)}); el.value = ${JSON.stringify(value)}; el.dispatchEvent(new Event('change')); })()`);
}

export async function tick(p: PanelPage, id: string, checked: boolean): Promise<void> {
  await p.page.evaluate(`(() => { const el = document.getElementById(${JSON.stringify(id)}); el.checked = ${checked}; el.dispatchEvent(new Event('change', { bubbles: true })); })()`);
}

export async function type(p: PanelPage, id: string, text: string): Promise<void> {
  await p.page.evaluate(`(() => { const el = document.getElementById(${JSON.stringify(id)}); el.value = ${JSON.stringify(text)}; el.dispatchEvent(new Event('input')); })()`);
}

/** The newest `rendered` report, waiting until one newer than `after` arrives. */
export async function rendered(p: PanelPage, after = 0): Promise<{ charts: number; lines: number; millis: number; aggregateMillis: number; index: number }> {
  for (let i = 0; i < 100; i++) {
    const sent = await p.sent();
    const idx = sent.map((m, j) => (m.type === 'rendered' ? j : -1)).filter((j) => j >= after).pop();
    if (idx !== undefined) return { ...(sent[idx] as unknown as { charts: number; lines: number; millis: number; aggregateMillis: number }), index: idx + 1 };
    await p.page.waitForTimeout(20);
  }
  throw new Error('the panel did not report a render');
}

export async function chartTitles(p: PanelPage): Promise<string[]> {
  return p.page.$$eval('.chart-card h3', (hs) => hs.map((h) => h.textContent ?? ''));
}


/**
 * Polls a page expression until it is truthy. (page.waitForFunction evaluates strings with eval
 * inside the page, which the panel's CSP rightly forbids; page.evaluate goes through CDP.)
 */
export async function waitFor(p: PanelPage, expression: string, timeoutMs = 5000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await p.page.evaluate(expression))) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${expression}`);
    await p.page.waitForTimeout(25);
  }
}
