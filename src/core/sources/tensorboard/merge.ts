// Several event files in one run folder (a restart, or Lightning's fit/test writers) make one run.
// Files are merged per tag in filename order; when a later file logs a step an earlier file
// already had, the later file's point wins, as TensorBoard shows a restarted run.
// Within one file every point is kept, duplicates included (train and val loops both log `epoch`).
import type { SeriesPoints } from '../../model';

/** Merges one tag's points from files given in filename order. */
export function mergeFilePoints(parts: SeriesPoints[]): SeriesPoints {
  const nonEmpty = parts.filter((p) => p.steps.length > 0);
  if (nonEmpty.length === 0) return { steps: new Float64Array(0), values: new Float64Array(0), times: new Float64Array(0) };
  if (nonEmpty.length === 1) return nonEmpty[0];

  // Walk files from last to first, dropping points whose step a later file already covers.
  const kept: Array<{ part: SeriesPoints; index: number }> = [];
  const laterSteps = new Set<number>();
  for (let f = nonEmpty.length - 1; f >= 0; f--) {
    const part = nonEmpty[f];
    const own: number[] = [];
    for (let i = 0; i < part.steps.length; i++) if (!laterSteps.has(part.steps[i])) own.push(i);
    for (let i = 0; i < part.steps.length; i++) laterSteps.add(part.steps[i]);
    for (let k = own.length - 1; k >= 0; k--) kept.push({ part, index: own[k] });
  }
  kept.reverse(); // back to filename order, then file order

  // Merge by step; the sort is stable, so same-step points keep their file order.
  let sorted = true;
  for (let k = 1; k < kept.length && sorted; k++) {
    if (kept[k].part.steps[kept[k].index] < kept[k - 1].part.steps[kept[k - 1].index]) sorted = false;
  }
  if (!sorted) kept.sort((a, b) => a.part.steps[a.index] - b.part.steps[b.index]);

  const n = kept.length;
  const out: SeriesPoints = { steps: new Float64Array(n), values: new Float64Array(n), times: new Float64Array(n) };
  for (let k = 0; k < n; k++) {
    const { part, index } = kept[k];
    out.steps[k] = part.steps[index];
    out.values[k] = part.values[index];
    out.times![k] = part.times ? part.times[index] : NaN;
  }
  return out;
}
