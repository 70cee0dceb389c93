// How one run looks in the tree: name, status icon, start time and duration, tooltip with id and path.
import { visibleText } from '../../core/util/visible-text';
import * as vscode from 'vscode';
import type { IndexedRun } from '../../core/index/types';
import { runActivity } from '../../core/runs/activity';
import { formatNumber } from '../../core/util/numbers';
import { TIME_SOURCE_KEY, type TimeSource } from '../../core/util/run-times';
import { runUri } from '../health/run-decorations';

const STATUS_ICONS: Record<string, [string, string?]> = {
  running: ['sync~spin', 'charts.blue'],
  finished: ['pass', 'charts.green'],
  failed: ['error', 'charts.red'],
  killed: ['circle-slash', 'charts.orange'],
  pruned: ['debug-step-out', 'charts.yellow'],
  scheduled: ['clock'],
  unknown: ['circle-outline'],
};

const STALE_ICON: [string, string] = ['debug-pause', 'charts.yellow'];

export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '';
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${s % 60}s`;
  const h = Math.floor(m / 60);
  return h < 48 ? `${h}h ${m % 60}m` : `${Math.floor(h / 24)}d ${h % 24}h`;
}

function formatStart(ms: number | undefined): string {
  if (ms === undefined) return '';
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function runTreeItem(run: IndexedRun, checked: boolean, nowMs: number): vscode.TreeItem {
  // A run name can hold bidi overrides or be very long: show them visibly and cut; the tooltip has the id and path.
  const item = new vscode.TreeItem(visibleText(run.name || run.id), vscode.TreeItemCollapsibleState.Collapsed);
  item.id = `run:${run.key}`;
  // health badges (host/health/run-decorations) find the run by this uri
  item.resourceUri = runUri(run.key);
  const activity = runActivity(run, nowMs);
  // A stale run's time ran until its last write, not until now.
  const end = run.endTime ?? (activity.kind === 'stale' ? activity.lastWrite : run.status === 'running' ? nowMs : undefined);
  const duration = run.startTime !== undefined && end !== undefined ? formatDuration(end - run.startTime) : '';
  const staleText = activity.kind === 'stale' ? `stale (no writes since ${formatStart(activity.lastWrite)})` : '';
  // "≈": a start read off file modification times, which a copy or clone resets (the tooltip says so).
  const approx = run.startTime !== undefined && run.extra?.[TIME_SOURCE_KEY] === 'file-times' ? '≈' : '';
  item.description = [approx + formatStart(run.startTime), duration, staleText].filter(Boolean).join(' · ');
  const problem = run.error ?? (run.warnings?.length ? run.warnings.join('\n') : undefined);
  const [icon, color] = run.error
    ? ['warning', 'list.warningForeground']
    : activity.kind === 'stale'
      ? STALE_ICON
      : STATUS_ICONS[run.status] ?? STATUS_ICONS.unknown;
  item.iconPath = new vscode.ThemeIcon(icon, color ? new vscode.ThemeColor(color) : undefined);
  item.checkboxState = checked ? vscode.TreeItemCheckboxState.Checked : vscode.TreeItemCheckboxState.Unchecked;
  item.contextValue = run.error ? 'run-error' : 'run';
  const md = new vscode.MarkdownString(undefined, true);
  md.isTrusted = false;
  md.appendMarkdown(`**${escapeMd(run.name || run.id)}** — ${activity.kind === 'stale' ? 'stale' : run.status}\n\n`);
  md.appendMarkdown(`id: \`${escapeCode(run.id)}\`  \nformat: ${run.format}  \npath: \`${escapeCode(run.path)}\``);
  if (run.entryPoint) md.appendMarkdown(`  \nentry point: \`${escapeCode(run.entryPoint)}\``);
  if (run.gitCommit) md.appendMarkdown(`  \ncommit: \`${escapeCode(run.gitCommit.slice(0, 12))}\``);
  if (activity.kind === 'stale')
    md.appendMarkdown(
      `\n\n$(debug-pause) The logs say running, but nothing was written since ${formatStart(activity.lastWrite)} (${formatDuration(activity.idleMs)} ago; ` +
        `stale after ${formatDuration(activity.thresholdMs)} without a write). It probably crashed, was killed, or was copied here.`,
    );
  const timeNote = timeSourceNote(run);
  if (timeNote) md.appendMarkdown(`\n\n$(clock) ${timeNote}`);
  if (problem) md.appendMarkdown(`\n\n$(warning) ${escapeMd(problem)}`);
  item.tooltip = md;
  return item;
}

/** Says where a start time came from when the format's logs record no clock (util/run-times). */
function timeSourceNote(run: IndexedRun): string | undefined {
  if (run.startTime === undefined) return undefined;
  switch (run.extra?.[TIME_SOURCE_KEY] as TimeSource | undefined) {
    case 'event-file-name':
      return "Start time from the name of the TensorBoard event file written alongside (these logs record no clock).";
    case 'file-times':
      return 'Start time (≈) from file modification times (these logs record no clock): a copied or cloned folder shows when it was copied.';
    default:
      return undefined;
  }
}

export function seriesDescription(s: { last: number; min: number; max: number; count: number }): string {
  return `last ${formatNumber(s.last)} · min ${formatNumber(s.min)} · max ${formatNumber(s.max)} · ${s.count} pts`;
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[i]}`;
}

function escapeMd(s: string): string {
  return s.replace(/[\\`*_{}[\]()#+\-.!<>|]/g, '\\$&');
}

function escapeCode(s: string): string {
  return s.replace(/`/g, "'");
}
