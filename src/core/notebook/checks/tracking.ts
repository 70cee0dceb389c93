// 3.6 tracking-link-missing, tracking-link-unusable, tracking-unused.
import type { NotebookContext } from '../context';
import type { QuickFix } from '../model';
import { codeWithStrings, detectTrackers, type FoundLink, trackerLinks } from '../trackers';
import { findSections } from './sections';
import type { CheckDef } from './types';
import { lineRange, listSome } from './types';

const TRAINING_RE = /\.(fit|train)\s*\(|\bTrainer\s*\(|\bfor\s+\w*epoch\w*\s+in\b[\s\S]*\boptimizer\.step\s*\(/;
const PRIVATE_HOST_RE = /^(https?:\/\/)?(localhost|127\.\d+\.\d+\.\d+|0\.0\.0\.0|10\.\d+\.\d+\.\d+|192\.168\.\d+\.\d+|172\.(1[6-9]|2\d|3[01])\.\d+\.\d+)(:\d+)?(\/|$)|^file:\/\//i;

/** The best link from outputs to offer as a quick fix: a project or run page. */
function bestOutputLink(links: FoundLink[]): string | undefined {
  const out = links.filter((l) => l.inOutput);
  const project = out.find((l) => /^https:\/\/wandb\.ai\/[^/]+\/[^/?#]+$/.test(l.url));
  return (project ?? out.find((l) => /\/runs\//.test(l.url)) ?? out[0])?.url;
}

function insertLinkFix(ctx: NotebookContext, url: string): QuickFix {
  const intro = findSections(ctx).get('Introduction');
  const cell = intro !== undefined ? ctx.notebook.cells[intro] : undefined;
  if (cell && cell.type === 'markdown') {
    const lines = cell.source.split('\n');
    const last = lines.length - 1;
    return { kind: 'insert-text', title: 'Insert the tracking link into the Introduction', cell: cell.index, line: last, column: lines[last].length, text: `\n\nTracked runs: [${url}](${url})` };
  }
  return { kind: 'insert-cell', title: 'Insert the tracking link as a markdown cell', index: Math.min(1, ctx.notebook.cells.length), cellType: 'markdown', source: `Tracked runs: [${url}](${url})` };
}

export const trackingLinkMissing: CheckDef = {
  id: 'tracking-link-missing',
  run(ctx, emit) {
    const use = detectTrackers(ctx);
    if (use.trackers.size === 0) return;
    const links = trackerLinks(ctx);
    const inMarkdown = links.filter((l) => !l.inOutput);
    const placeholder = ctx.markdown.some((m) => /\b(W&B|wandb|mlflow|tracking|tensorboard)\b[^\n]{0,20}\blink\b[^\n]{0,5}:?\s*(TODO|TBD|XXX)/i.test(m.cell.source));
    if (inMarkdown.length > 0 && !placeholder) return;
    const names = [...use.trackers.keys()];
    const firstCell = Math.min(...use.trackers.values());
    if (names.length === 1 && names[0] === 'TensorBoard') {
      emit({ cell: firstCell, severity: 'info', message: 'TensorBoard is used but has no shareable run link: commit the log directory and name it in the Introduction.' });
      return;
    }
    const fromOutputs = bestOutputLink(links);
    const mlflowLocal = names.includes('MLflow') && !ctx.code.some((c) => /set_tracking_uri\s*\(\s*['"]https?:/.test(codeWithStrings(c))) && !links.some((l) => /#\/experiments\//.test(l.url));
    let message = `Experiment tracking (${names.join(', ')}) is used but the notebook has no link to the tracked runs in its markdown`;
    if (fromOutputs) message += ' (the outputs contain one: use the quick fix to insert it)';
    else if (mlflowLocal) message += ' — MLflow logs to a local store, so the runs are only on your machine; log to a shared tracking server or commit the mlruns folder and name it';
    emit({ cell: firstCell, message: `${message}.`, fixes: fromOutputs ? [insertLinkFix(ctx, fromOutputs)] : undefined });
  },
};

export const trackingLinkUnusable: CheckDef = {
  id: 'tracking-link-unusable',
  run(ctx, emit) {
    const md = ctx.markdown.flatMap(({ cell, md }) => md.links.map((l) => ({ ...l, cell: cell.index })));
    const isTracker = (url: string): boolean => /wandb\.ai|wandb\.me|#\/experiments\/|\/ml\/experiments\/|:43800\/|tensorboard\.dev|comet\.(com|ml)|neptune\.ai|clear\.ml/.test(url);
    const personal = (url: string): boolean => /wandb\.ai\/[^?#\s]*\/workspace\b|[?&]nw=/.test(url);
    const entityOnly = (url: string): boolean => /^https?:\/\/(www\.)?wandb\.ai\/[^/?#\s]+(\/projects)?\/?([?#].*)?$/.test(url);
    const usable = md.filter((l) => isTracker(l.url) && !PRIVATE_HOST_RE.test(l.url) && !personal(l.url) && !entityOnly(l.url) && !/tensorboard\.dev/.test(l.url));
    for (const l of md) {
      const range = lineRange(l.line, l.column, l.column + l.url.length);
      let reason: string | undefined;
      let severity: 'warning' | 'info' = 'warning';
      if (PRIVATE_HOST_RE.test(l.url) && (isTracker(l.url) || /:\d{4,5}\//.test(l.url) || /^file:/i.test(l.url))) reason = 'it points to your own machine';
      else if (/tensorboard\.dev/.test(l.url)) reason = 'tensorboard.dev has been shut down';
      else if (/colab\.research\.google\.com\/drive\/|drive\.google\.com\//.test(l.url) && /wandb|mlflow|run|tracking|experiment/i.test(l.text)) reason = 'it is a private Google Drive/Colab link';
      else if (isTracker(l.url) && personal(l.url)) {
        reason = 'it is a personal W&B workspace view (`/workspace` or `?nw=`)';
        if (usable.length > 0) severity = 'info';
      } else if (isTracker(l.url) && entityOnly(l.url)) {
        reason = 'it links a W&B entity, not a run, report or project';
        severity = 'info';
      }
      if (!reason) continue;
      emit({ cell: l.cell, severity, range, message: `Tracking link \`${l.url.slice(0, 100)}\` will not work for a reader (${reason}). Link a run, report or public project instead.` });
    }
  },
};

export const trackingUnused: CheckDef = {
  id: 'tracking-unused',
  run(ctx, emit) {
    const use = detectTrackers(ctx);
    const training = ctx.code.find((c) => TRAINING_RE.test(c.masked.code));
    if (use.explicitlyOff !== undefined && (use.trackers.size === 0 || training))
      emit({ cell: use.explicitlyOff, message: `The model is trained with tracking switched off (\`report_to="none"\`)${ctx.course ? '; the course requires a tracked run (W&B, MLflow, Aim or TensorBoard)' : '; consider a tracker (W&B, MLflow, Aim or TensorBoard)'}.` });
    else if (training && use.trackers.size === 0)
      emit({ cell: training.cell.index, message: `The model is trained without experiment tracking${ctx.course ? '; the course requires a tracked run (W&B, MLflow, Aim or TensorBoard)' : '; consider a tracker (W&B, MLflow, Aim or TensorBoard)'}.` });
    if (use.installedOnly.length > 0)
      emit({ cell: null, severity: 'info', message: `${listSome(use.installedOnly.map((p) => `\`${p}\``))} ${use.installedOnly.length > 1 ? 'are' : 'is'} installed but never used for tracking.` });
  },
};
