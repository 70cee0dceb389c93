// Named Curves views (selection, groupings, aggregation, axes, smoothing, zoom) kept in the
// workspace's state, listed under "Saved Views" in the Runs tree.
import * as vscode from 'vscode';
import { viewState, type CurvesViewState } from '../../../protocol/curves';

export interface SavedView {
  name: string;
  state: CurvesViewState;
  savedAt: number;
}

const KEY = 'runlens.curves.savedViews';

export class SavedViews implements vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.emitter.event;

  constructor(private readonly memento: vscode.Memento) {}

  /** Stored views that still read as valid states, sorted by name. */
  list(): SavedView[] {
    const raw = this.memento.get<unknown>(KEY);
    if (!Array.isArray(raw)) return [];
    const out: SavedView[] = [];
    for (const v of raw) {
      const state = viewState((v as { state?: unknown })?.state);
      const name = (v as { name?: unknown })?.name;
      if (state && typeof name === 'string') out.push({ name, state, savedAt: Number((v as { savedAt?: unknown }).savedAt) || 0 });
    }
    return out.sort((a, b) => a.name.localeCompare(b.name));
  }

  get(name: string): SavedView | undefined {
    return this.list().find((v) => v.name === name);
  }

  async save(name: string, state: CurvesViewState): Promise<void> {
    const rest = this.list().filter((v) => v.name !== name);
    await this.memento.update(KEY, [...rest, { name, state, savedAt: Date.now() }]);
    this.emitter.fire();
  }

  async delete(name: string): Promise<void> {
    await this.memento.update(KEY, this.list().filter((v) => v.name !== name));
    this.emitter.fire();
  }

  dispose(): void {
    this.emitter.dispose();
  }
}

/** One line that says what a view shows, for the tree item's description. */
export function describeView(state: CurvesViewState): string {
  const parts = [state.query.trim() ? `query: ${state.query.trim()}` : `${state.runKeys.length} runs`];
  if (state.colorBy !== 'run') parts.push(`colour ${state.colorBy.replace(/^\w+:/, '')}`);
  if (state.facetBy !== 'auto') parts.push(`chart ${state.facetBy.replace(/^\w+:/, '')}`);
  if (state.centre !== 'none') parts.push(`${state.centre}${state.band !== 'none' ? ' + ' + state.band : ''}`);
  if (state.xAxis !== 'step') parts.push(`x ${state.xAxis.replace(/^metric:/, '')}`);
  return parts.join(' · ');
}
