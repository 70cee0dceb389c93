// Which runs were produced by a given script. Runs record their entry point as the tracker saw it — often a
// path on another machine (`/cluster/home/alice/project/train.py`) or a bare `train.py` — so a script on
// this machine is matched by trailing path segments, not by equality. Pure (no 'vscode').

function segments(p: string): string[] {
  return p.split(/[\\/]+/).filter((s) => s && s !== '.');
}

/** How many trailing path segments two paths share (0 when even the file names differ). */
export function commonSuffixLength(a: string, b: string): number {
  const x = segments(a);
  const y = segments(b);
  let n = 0;
  while (n < x.length && n < y.length && x[x.length - 1 - n] === y[y.length - 1 - n]) n++;
  return n;
}

/**
 * True when `entryPoint` plausibly names `file`: all of the entry point's segments match (a relative
 * `train.py` or `src/train.py`), or at least the file and its folder do (an absolute path recorded elsewhere).
 */
export function entryPointMatches(entryPoint: string, file: string): boolean {
  const entry = entryPoint.trim();
  if (!entry) return false;
  const common = commonSuffixLength(entry, file);
  if (common === 0) return false;
  return common === segments(entry).length || common >= 2;
}

/** The runs whose entry point names `file`. */
export function runsOfFile<R extends { entryPoint?: string }>(runs: readonly R[], file: string): R[] {
  return runs.filter((r) => r.entryPoint !== undefined && entryPointMatches(r.entryPoint, file));
}

/**
 * The best local file for an entry point among `candidates` (files with the same name): the longest shared
 * suffix, then the one nearest to the run's folder (longest shared prefix, then fewest folders below it) —
 * so a bare `train.py` logged next to `mlruns/` means the `train.py` beside it, not one in a subfolder.
 */
export function bestLocalFile(entryPoint: string, runPath: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestKey: number[] = [];
  for (const c of candidates) {
    if (!entryPointMatches(entryPoint, c)) continue;
    const prefix = commonPrefixLength(runPath, c);
    const key = [commonSuffixLength(entryPoint, c), prefix, -(segments(c).length - prefix)];
    if (!best || isGreater(key, bestKey)) {
      best = c;
      bestKey = key;
    }
  }
  return best;
}

function isGreater(a: number[], b: number[]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] > b[i];
  return false;
}

function commonPrefixLength(a: string, b: string): number {
  const x = segments(a);
  const y = segments(b);
  let n = 0;
  while (n < x.length && n < y.length && x[n] === y[n]) n++;
  return n;
}
