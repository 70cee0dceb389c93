// Opening and closing panels many times leaves nothing behind: no listeners on the index or the tree, no
// processes or threads, no handles (timers, sockets, watchers) in the extension host.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { suiteConfig } from './config';
import { closeAllEditors, fixtureRunKey, runlensApi, waitFor, webviewTabs } from './helpers';

/** One line per panel: the command that opens it, with run keys, and its webview view type. */
const PANELS: Array<{ command: string; args: (keys: string[]) => unknown[]; viewType: string }> = [
  { command: 'runlens.compareSelected', args: (keys) => [keys], viewType: 'runlens.curves' },
];
const ROUNDS = 20;

/**
 * Counts live subscriptions to an object's events by wrapping them on the instance (panels subscribe through
 * the same objects `activate` handed out). Returns the live count and a restore function.
 */
function countSubscriptions<T extends object>(target: T, events: Array<keyof T>): { live: () => number; restore: () => void } {
  let live = 0;
  const originals = events.map((name) => [name, target[name]] as const);
  for (const [name, original] of originals) {
    const event = original as unknown as vscode.Event<unknown>;
    (target as Record<keyof T, unknown>)[name] = ((listener: (e: unknown) => unknown, thisArg?: unknown, disposables?: vscode.Disposable[]) => {
      const inner = event(listener, thisArg);
      live++;
      let disposed = false;
      const outer = {
        dispose: () => {
          if (!disposed) {
            disposed = true;
            live--;
          }
          inner.dispose();
        },
      };
      disposables?.push(outer);
      return outer;
    }) as vscode.Event<unknown>;
  }
  return {
    live: () => live,
    restore: () => {
      for (const [name, original] of originals) (target as Record<keyof T, unknown>)[name] = original;
    },
  };
}

function descendants(pid: number): number[] {
  const out: number[] = [];
  const walk = (p: number) => {
    let tasks: string[] = [];
    try {
      tasks = fs.readdirSync(`/proc/${p}/task`);
    } catch {
      return;
    }
    for (const t of tasks) {
      let children = '';
      try {
        children = fs.readFileSync(`/proc/${p}/task/${t}/children`, 'utf8');
      } catch {
        continue;
      }
      for (const c of children.split(/\s+/).filter(Boolean).map(Number)) {
        out.push(c);
        walk(c);
      }
    }
  };
  walk(pid);
  return out;
}

function threads(): number {
  return Number(/^Threads:\s+(\d+)/m.exec(fs.readFileSync('/proc/self/status', 'utf8'))?.[1] ?? NaN);
}

function activeHandles(): number {
  return (process as unknown as { _getActiveHandles(): unknown[] })._getActiveHandles().length;
}

function snapshot(subscriptions: { live: () => number }) {
  return { subscriptions: subscriptions.live(), processes: descendants(process.pid).length, threads: threads(), handles: activeHandles() };
}

suite('panels do not leak', () => {
  suiteSetup(closeAllEditors);

  for (const panel of PANELS) {
    test(`opening and closing ${panel.viewType} ${ROUNDS} times`, async function () {
      this.timeout(180_000);
      const api = await runlensApi();
      const { manifest } = suiteConfig();
      const keys = Object.values(manifest.runsByCommit).flat().map((id) => fixtureRunKey(api, id));
      const closeAll = async (viewType: string) => {
        const [tab] = await waitFor(`${viewType} to open`, () => (webviewTabs(viewType).length ? webviewTabs(viewType) : undefined));
        // Let the webview load and say `ready`, so the host actually sends data before the close.
        await new Promise((r) => setTimeout(r, 150));
        await vscode.window.tabGroups.close(tab);
        await waitFor(`${viewType} to close`, () => webviewTabs(viewType).length === 0);
      };
      // One round first, so lazily created singletons (caches, the webview service) are not counted as leaks.
      const round = async () => {
        await vscode.commands.executeCommand(panel.command, ...panel.args(keys));
        await closeAll(panel.viewType);
      };
      const index = countSubscriptions(api.index, ['onDidChange']);
      const tree = countSubscriptions(api.tree, ['onDidChangeTreeData', 'onDidChangeSelection']);
      const subscriptions = { live: () => index.live() + tree.live() };
      let after: ReturnType<typeof snapshot>;
      let before: ReturnType<typeof snapshot>;
      let opened = 0;
      try {
        await round();
        await new Promise((r) => setTimeout(r, 500));
        before = snapshot(subscriptions);
        for (let i = 0; i < ROUNDS; i++) {
          await vscode.commands.executeCommand(panel.command, ...panel.args(keys));
          if (i === 0) opened = subscriptions.live() - before.subscriptions;
          await closeAll(panel.viewType);
        }
        await new Promise((r) => setTimeout(r, 1000));
        after = snapshot(subscriptions);
      } finally {
        index.restore();
        tree.restore();
      }
      console.log(`      before ${JSON.stringify(before)}\n      after  ${JSON.stringify(after)}; an open panel holds ${opened} subscription(s)`);
      // Guards the guard: an open panel does listen to the index; closing it must let go.
      assert.ok(opened >= 1, 'the counting wrapper sees the panel subscribe');
      assert.equal(after.subscriptions, before.subscriptions, 'subscriptions to the index and tree events');
      assert.ok(after.processes <= before.processes, `child processes: ${before.processes} → ${after.processes}`);
      assert.ok(after.threads <= before.threads + 2, `threads: ${before.threads} → ${after.threads}`);
      // Handles come and go with VS Code's own traffic; a leak per round would add at least ROUNDS.
      assert.ok(after.handles < before.handles + ROUNDS / 2, `active handles: ${before.handles} → ${after.handles}`);
    });
  }
});
