// Run names as the Curves legend, titles and tooltips show them. Names need not be unique: two
// Lightning folders both hold a `version_0`, two MLflow experiments both a run "baseline". Such
// runs get the shortest piece of their source that tells them apart, in brackets.
import { visibleText } from '../util/visible-text';
import type { CurveRun } from './dimensions';

/** Format, root and id of a run key (`format|root|id`, see core/model runKey). */
function keyParts(key: string): { format: string; root: string; id: string } {
  const a = key.indexOf('|');
  const b = key.indexOf('|', a + 1);
  if (a < 0 || b < 0) return { format: '', root: '', id: key };
  return { format: key.slice(0, a), root: key.slice(a + 1, b), id: key.slice(b + 1) };
}

/** The last `n` segments of a path (either slash). */
function tail(path: string, n: number): string {
  return path.split(/[\\/]+/).filter(Boolean).slice(-n).join('/');
}

/** Candidate source descriptions, shortest and most familiar first; the first one unique within the clash wins. */
function candidates(run: CurveRun, depth: number): string[] {
  const { format, root, id } = keyParts(run.key);
  const path = id && id !== run.name ? `${root}/${id}` : root;
  return [run.experiment, format, id === run.name ? '' : id, ...Array.from({ length: depth }, (_, i) => tail(path, i + 1)), run.key];
}

/**
 * Run key → the name to show: the run's name, or `name (source)` when another run shares the name;
 * bidi and invisible characters shown as ⟨U+…⟩ and long names cut (core/util/visible-text).
 */
export function runDisplayNames(runs: readonly CurveRun[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, name] of rawDisplayNames(runs)) out.set(key, visibleText(name));
  return out;
}

function rawDisplayNames(runs: readonly CurveRun[]): Map<string, string> {
  const byName = new Map<string, CurveRun[]>();
  for (const r of runs) {
    const list = byName.get(r.name) ?? [];
    list.push(r);
    byName.set(r.name, list);
  }
  const out = new Map<string, string>();
  for (const [name, list] of byName) {
    if (list.length === 1) {
      out.set(list[0].key, name);
      continue;
    }
    const depth = Math.max(...list.map((r) => keyParts(r.key).root.split(/[\\/]+/).length + 1));
    const options = list.map((r) => candidates(r, depth));
    // The first kind of description that differs for every run of the clash.
    let pick = options[0].length - 1;
    for (let c = 0; c < options[0].length; c++) {
      const values = options.map((o) => o[c]);
      if (values.every(Boolean) && new Set(values).size === values.length) {
        pick = c;
        break;
      }
    }
    list.forEach((r, i) => out.set(r.key, `${name} (${options[i][pick]})`));
  }
  return out;
}
