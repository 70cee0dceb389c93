// A panel that computes from indexed runs follows the index: after a burst of index changes settles
// (a live run logs a point per step; a pass writes runs page by page) it recomputes once, and only when
// the runs it computes from changed (src/core/series/runs-digest). No vscode import: unit-tested as is.
import type { IndexedRun } from '../../core/index/types';
import { runsDigest } from '../../core/series/runs-digest';

export const FOLLOW_INDEX_DEBOUNCE_MS = 500;

interface Subscribable {
  (listener: () => void): { dispose(): void };
}

export interface IndexFollower {
  /** The panel computed from the runs as they are now (its own state changed): the next change compares with these. */
  rebase(): void;
  dispose(): void;
}

export function followIndex(onDidChange: Subscribable, runs: () => readonly IndexedRun[], recompute: () => void, delayMs = FOLLOW_INDEX_DEBOUNCE_MS): IndexFollower {
  let digest = runsDigest(runs());
  let timer: ReturnType<typeof setTimeout> | undefined;
  const sub = onDidChange(() => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      const now = runsDigest(runs());
      if (now === digest) return;
      digest = now;
      recompute();
    }, delayMs);
  });
  return {
    rebase: () => {
      digest = runsDigest(runs());
    },
    dispose: () => {
      clearTimeout(timer);
      sub.dispose();
    },
  };
}
