// 3.1 File format and rendering: nb-invalid-format, notebook-metadata, widget-state-missing,
// renderer-specific-output.
import type { NotebookContext } from '../context';
import type { NbOutput } from '../model';
import type { CheckDef } from './types';
import { listSome } from './types';

const WIDGET_STATE_MIME = 'application/vnd.jupyter.widget-state+json';
const WIDGET_VIEW_MIME = 'application/vnd.jupyter.widget-view+json';
const COLAB_DATA_MIME = 'application/vnd.colab-display-data+json';
const MAX_FORMAT_FINDINGS = 20;

export const invalidFormat: CheckDef = {
  id: 'nb-invalid-format',
  run(ctx, emit) {
    const problems = ctx.problems;
    for (const p of problems.slice(0, MAX_FORMAT_FINDINGS)) {
      const where = p.line !== undefined ? ` (line ${p.line}, column ${p.column})` : '';
      const message = /legacy notebook format v3/.test(p.message)
        ? 'Legacy notebook format v3 — open and save it in Jupyter to upgrade.'
        : `Notebook format problem: ${p.message}${where}. Jupyter or GitHub may refuse to open this file.`;
      emit({ cell: p.cell, severity: p.severity, message, fileLine: p.line, fileColumn: p.column });
    }
    if (problems.length > MAX_FORMAT_FINDINGS)
      emit({ cell: null, severity: 'error', message: `Notebook format problem: ${problems.length - MAX_FORMAT_FINDINGS} more format problems not listed.` });
  },
};

export const notebookMetadata: CheckDef = {
  id: 'notebook-metadata',
  run(ctx, emit) {
    const md = ctx.notebook.metadata;
    const ks = md.kernelspec as Record<string, unknown> | undefined;
    const li = md.language_info as Record<string, unknown> | undefined;
    if (!ks || typeof ks !== 'object') emit({ cell: null, message: 'No kernelspec in the notebook metadata: readers cannot tell which kernel runs it.' });
    if (!ctx.python) emit({ cell: null, message: `Kernel language is ${ctx.language}: the Python checks are skipped.` });
    else if (!li || typeof li.name !== 'string' || typeof li.version !== 'string') emit({ cell: null, message: 'Python version not recorded in the notebook metadata.' });
    const personal = ctx.notebook.cells.filter((c) => {
      const info = c.metadata.executionInfo as Record<string, unknown> | undefined;
      const user = info && typeof info === 'object' ? (info.user as Record<string, unknown> | undefined) : undefined;
      return !!user && typeof user === 'object' && ('displayName' in user || 'userId' in user || 'photoUrl' in user);
    });
    if (personal.length > 0)
      emit({
        cell: personal[0].index,
        severity: ctx.profile === 'publish' ? 'warning' : 'info',
        message: `Cell metadata contains your Colab user name/id (executionInfo) in ${personal.length} cell${personal.length > 1 ? 's' : ''} — clear it before publishing.`,
      });
  },
};

/** The saved widget models, or undefined when nbconvert could not read them (no `state` wrapper). */
function savedWidgetModels(ctx: NotebookContext): Set<string> | undefined {
  const widgets = ctx.notebook.metadata.widgets as Record<string, unknown> | undefined;
  const bundle = widgets?.[WIDGET_STATE_MIME] as Record<string, unknown> | undefined;
  const state = bundle?.state;
  if (!state || typeof state !== 'object' || Array.isArray(state)) return undefined;
  return new Set(Object.keys(state));
}

export const widgetStateMissing: CheckDef = {
  id: 'widget-state-missing',
  run(ctx, emit) {
    const widgets = ctx.notebook.metadata.widgets;
    if (widgets === undefined) return;
    if (savedWidgetModels(ctx)) return;
    emit({
      cell: null,
      message: "GitHub cannot render this notebook ('state' key missing from metadata.widgets). Remove metadata.widgets or save the widget state.",
      fixes: [{ kind: 'delete-notebook-metadata', title: 'Remove metadata.widgets', key: 'widgets' }],
    });
  },
};

// tqdm/Lightning progress bars put their first frame (`0%|   | 0/1000`) in text/plain: that is a widget
// repr, not a fallback a reader can use.
const WIDGET_REPR_RE = /^\s*(\w+\(children=|\w*(Progress|Box|Output)\(|[^\n]{0,80}\d+%\|[^\n]*\||[^\n]{0,80}\|\s*[\d.]+[kMG]?\/[\d.?]+[kMG]?\s*\[)/;

function isJsOnly(out: NbOutput): boolean {
  const keys = Object.keys(out.data ?? {});
  return keys.length > 0 && keys.every((k) => k === 'application/javascript' || k === 'text/javascript');
}

function isColabScriptHtml(out: NbOutput): boolean {
  const html = out.data?.['text/html'];
  if (typeof html !== 'string' || !/google\.colab/.test(html)) return false;
  const keys = Object.keys(out.data ?? {});
  return keys.length === 1 && html.replace(/<script[\s\S]*?<\/script>/gi, '').replace(/<[^>]+>/g, '').trim() === '';
}

export const rendererSpecificOutput: CheckDef = {
  id: 'renderer-specific-output',
  run(ctx, emit) {
    const saved = savedWidgetModels(ctx);
    for (const { cell } of ctx.code) {
      let blank = 0;
      let withFallback = 0;
      const mimes = new Set<string>();
      for (const out of cell.outputs) {
        const data = out.data ?? {};
        if (COLAB_DATA_MIME in data) {
          blank++;
          mimes.add(COLAB_DATA_MIME);
        } else if (WIDGET_VIEW_MIME in data) {
          const view = data[WIDGET_VIEW_MIME] as Record<string, unknown> | undefined;
          const modelId = typeof view?.model_id === 'string' ? view.model_id : '';
          if (saved?.has(modelId)) continue;
          const plain = data['text/plain'];
          mimes.add(WIDGET_VIEW_MIME);
          if (typeof plain === 'string' && plain.trim() !== '' && !WIDGET_REPR_RE.test(plain)) withFallback++;
          else blank++;
        } else if (isJsOnly(out)) {
          blank++;
          mimes.add('application/javascript');
        } else if (isColabScriptHtml(out)) {
          blank++;
          mimes.add('text/html with google.colab script');
        }
      }
      const n = blank + withFallback;
      if (n === 0) continue;
      emit({
        cell: cell.index,
        severity: blank > 0 ? 'warning' : 'info',
        message: `${n} output${n > 1 ? 's' : ''} in cell ${cell.index} only render${n > 1 ? '' : 's'} in Colab/a live kernel (${listSome([...mimes])}); ${n > 1 ? 'they appear' : 'it appears'} blank on GitHub and in VS Code.`,
      });
    }
  },
};

export const formatChecks: CheckDef[] = [invalidFormat, notebookMetadata, widgetStateMissing, rendererSpecificOutput];
