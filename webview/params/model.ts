// The webview's derived view: the host's columns as cells, an axis model per axis (core/params), the
// brushed mask, colours, the best-by run (or group) and its ranks, and the configuration groups. Rebuilt when
// data or the view state change; brushing only recomputes the mask.
import { buildAxis, positionOnAxis, type AxisModel } from '../../src/core/params/axis';
import { categoriesByMetric, suggestScale, type AxisScale } from '../../src/core/params/axis-scale';
import { bestIndex, rankOf, type Rank } from '../../src/core/params/best';
import { brushedMask } from '../../src/core/params/brush';
import { cellsOf, cellNumber } from '../../src/core/params/cells';
import { groupBand, groupValue } from '../../src/core/params/group-lines';
import { paletteT, sequentialColour } from '../../src/core/params/palette';
import type { CellValue } from '../../src/core/runs/column-values';
import type { ParamsColumn, ParamsImportance, ParamsRun, ParamsViewState } from '../../src/protocol/params';

export interface Data {
  runs: ParamsRun[];
  columns: Map<string, ParamsColumn>;
  cells: Map<string, CellValue[]>;
  available: string[];
  importance?: ParamsImportance;
  errors: string[];
  totalRuns: number;
}

export interface GroupLine {
  label: string;
  members: number[];
  /** Per axis: the group's position and band. */
  positions: Float32Array;
  bands: Array<[number, number] | undefined>;
  cells: CellValue[];
}

export interface Best {
  /** Run index (or group index in group mode). */
  index: number;
  label: string;
  /** Per axis: its rank there (undefined for param axes or a non-finite value). */
  ranks: Array<Rank | undefined>;
}

export interface View {
  axes: AxisModel[];
  labels: string[];
  goals: Array<'min' | 'max' | undefined>;
  colours: string[];
  mask: Uint8Array;
  anyBrush: boolean;
  groups: GroupLine[];
  groupColours: string[];
  best?: Best;
  colourLegend?: { label: string; low: string; high: string; reversed: boolean } | { label: string; categories: Array<[string, string]> };
}

export function dataOf(msg: { runs: ParamsRun[]; columns: ParamsColumn[]; available: string[]; importance?: ParamsImportance; errors: string[]; totalRuns: number }): Data {
  const columns = new Map(msg.columns.map((c) => [c.id, c]));
  const cells = new Map(msg.columns.map((c) => [c.id, cellsOf(c)]));
  return { runs: msg.runs, columns, cells, available: msg.available, importance: msg.importance, errors: msg.errors, totalRuns: msg.totalRuns };
}

export function scaleOf(data: Data, state: ParamsViewState, id: string): AxisScale {
  const suggested = suggestScale(data.cells.get(id) ?? []);
  const chosen = state.scales[id];
  // a text column cannot be drawn on a numeric scale whatever the saved choice
  return suggested === 'categorical' ? 'categorical' : chosen ?? suggested;
}

export function axisOf(data: Data, state: ParamsViewState, id: string): AxisModel {
  const values = data.cells.get(id) ?? data.runs.map(() => null);
  const scale = scaleOf(data, state, id);
  let categories: string[] | undefined;
  const metric = state.colorBy && state.colorBy !== 'group' ? data.cells.get(state.colorBy) : undefined;
  if (scale === 'categorical' && metric && state.orderByMetric.includes(id)) {
    const nums = metric.map((v) => cellNumber(v) ?? NaN);
    categories = categoriesByMetric(values, nums, data.columns.get(state.colorBy)?.goal ?? 'max');
  }
  return buildAxis({ id, scale, flip: state.flips.includes(id), categories }, values);
}

const PALETTE = ['#56b4e9', '#e69f00', '#009e73', '#cc79a7', '#f0e442', '#0072b2', '#d55e00', '#bbbbbb'];
export const BEST_COLOUR = '#ff3b30';
const PLAIN = '#56b4e9';
const COLOUR_STEPS = 15;

export function labelOf(data: Data, id: string): string {
  return data.columns.get(id)?.label ?? id;
}

/** The columns a view shows besides its axes (scatter x and y) for brushing. */
export function brushAxes(data: Data, state: ParamsViewState, axes: AxisModel[]): AxisModel[] {
  const ids = new Set(axes.map((a) => a.id));
  const extra = [state.scatterX, state.scatterY].filter((id) => id && !ids.has(id) && data.cells.has(id));
  return [...axes, ...extra.map((id) => axisOf(data, state, id))];
}

export function buildView(data: Data, state: ParamsViewState): View {
  const ids = state.axes.filter((id) => data.cells.has(id));
  const axes = ids.map((id) => axisOf(data, state, id));
  const n = data.runs.length;
  const all = brushAxes(data, state, axes);
  const mask = brushedMask(all, state.brushes, n);
  const anyBrush = all.some((a) => state.brushes[a.id]);
  // groups in the order their first run comes
  const byLabel = new Map<string, number[]>();
  data.runs.forEach((r, i) => {
    const g = byLabel.get(r.group) ?? [];
    g.push(i);
    byLabel.set(r.group, g);
  });
  const groupColours = [...byLabel.keys()].map((_, i) => PALETTE[i % PALETTE.length]);
  const groups: GroupLine[] = [...byLabel.entries()].map(([label, members]) => {
    const cells = ids.map((id) => groupValue(data.cells.get(id)!, members));
    return {
      label,
      members,
      cells,
      positions: Float32Array.from(axes.map((a, k) => positionOnAxis(a, cells[k]))),
      bands: axes.map((a) => groupBand(a.positions, members)),
    };
  });
  const colours = new Array<string>(n).fill(PLAIN);
  let colourLegend: View['colourLegend'];
  if (state.colorBy === 'group') {
    groups.forEach((g, k) => g.members.forEach((i) => (colours[i] = groupColours[k])));
    colourLegend = { label: 'group', categories: groups.slice(0, 24).map((g, k) => [g.label, groupColours[k]]) };
  } else if (state.colorBy && data.cells.has(state.colorBy)) {
    const axis = axisOf(data, state, state.colorBy);
    const goal = data.columns.get(state.colorBy)?.goal;
    if (axis.scale === 'categorical') {
      axis.positions.forEach((p, i) => {
        if (p >= 0) colours[i] = PALETTE[Math.round((axis.flip ? 1 - p : p) * Math.max(0, axis.categories.length - 1)) % PALETTE.length];
      });
      colourLegend = { label: labelOf(data, state.colorBy), categories: axis.categories.slice(0, 24).map((c, k) => [c, PALETTE[k % PALETTE.length]]) };
    } else {
      axis.positions.forEach((p, i) => {
        // 16 steps of the palette: the canvas strokes one path per colour, and each path with alpha costs a
        // pass over the whole plot, so a few hundred distinct colours made a brushing frame 10× slower
        colours[i] = p >= 0 ? sequentialColour(Math.round(paletteT(p, goal, axis.flip) * COLOUR_STEPS) / COLOUR_STEPS) : '#888888';
      });
      colourLegend = { label: labelOf(data, state.colorBy), low: sequentialColour(0), high: sequentialColour(1), reversed: goal === 'min' };
    }
  }
  const goals = ids.map((id) => data.columns.get(id)?.goal);
  let best: Best | undefined;
  const bestCells = state.bestBy ? data.cells.get(state.bestBy) : undefined;
  const bestGoal = data.columns.get(state.bestBy)?.goal ?? 'max';
  if (bestCells) {
    if (state.groupMode) {
      const values = groups.map((g) => groupValue(bestCells, g.members));
      const index = bestIndex(values, bestGoal);
      if (index >= 0) {
        const ranks = ids.map((id, k) => (goals[k] ? rankOf(groups.map((g) => g.cells[k]), index, goals[k]!) : undefined));
        best = { index, label: groups[index].label, ranks };
      }
    } else {
      const index = bestIndex(bestCells, bestGoal);
      if (index >= 0) best = { index, label: data.runs[index].name, ranks: ids.map((id, k) => (goals[k] ? rankOf(data.cells.get(id)!, index, goals[k]!) : undefined)) };
    }
  }
  return { axes, labels: ids.map((id) => labelOf(data, id)), goals, colours, mask, anyBrush, groups, groupColours, best, colourLegend };
}

export function refreshMask(view: View, data: Data, state: ParamsViewState): void {
  const all = brushAxes(data, state, view.axes);
  brushedMask(all, state.brushes, data.runs.length, view.mask);
  view.anyBrush = all.some((a) => state.brushes[a.id]);
}
