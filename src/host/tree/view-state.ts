// The Runs view's filter, sort and group-by, kept in the workspace's state so a reload keeps them.
import type * as vscode from 'vscode';
import { DEFAULT_SORT, type RunSort } from '../../core/runs/run-order';

const STATE_KEY = 'runlens.runs.view';

export interface RunsViewState {
  /** Run query (src/core/query); empty shows every run. */
  filter: string;
  sort: RunSort;
  groupBy?: string;
}

function isSort(v: unknown): v is RunSort {
  const s = v as Partial<Record<string, unknown>> | null;
  if (!s || typeof s !== 'object') return false;
  if (s.by === 'name' || s.by === 'start') return true;
  if (s.by === 'column') return typeof s.column === 'string' && (s.direction === undefined || s.direction === 'asc' || s.direction === 'desc');
  return s.by === 'metric' && typeof s.metric === 'string' && (s.direction === 'asc' || s.direction === 'desc');
}

export function loadViewState(memento: vscode.Memento | undefined): RunsViewState {
  const raw = memento?.get<Partial<Record<string, unknown>>>(STATE_KEY);
  return {
    filter: typeof raw?.filter === 'string' ? raw.filter : '',
    sort: isSort(raw?.sort) ? raw.sort : DEFAULT_SORT,
    groupBy: typeof raw?.groupBy === 'string' && raw.groupBy ? raw.groupBy : undefined,
  };
}

export function saveViewState(memento: vscode.Memento | undefined, state: RunsViewState): void {
  void memento?.update(STATE_KEY, state);
}

/** The view's description: what the filter, grouping and sort hide or reorder. */
export function describeViewState(state: RunsViewState, shown: number, total: number): string {
  const parts: string[] = [];
  if (state.filter.trim()) parts.push(`filter: ${state.filter.trim()} · ${shown} of ${total} runs`);
  if (state.groupBy) parts.push(`by ${state.groupBy}`);
  if (state.sort.by === 'start') parts.push('newest first');
  if (state.sort.by === 'metric') parts.push(`${state.sort.direction === 'asc' ? '↑' : '↓'} ${state.sort.metric}`);
  if (state.sort.by === 'column') parts.push(state.sort.direction ? `${state.sort.direction === 'asc' ? '↑' : '↓'} ${state.sort.column}` : `${state.sort.column} best first`);
  return parts.join(' · ');
}
