// 3.2 Execution state and outputs: outputs-not-saved, unexecuted-cells, execution-order-nonlinear,
// execution-count-gaps, stale-output, error-output, huge-output. All are pure functions of the saved
// execution counts and outputs (Julynter c1/c2/h3/h4, enforce-notebook-run-order), so they are exact.
import type { CodeInfo } from '../context';
import type { NbCell } from '../model';
import { formatBytes, mimeBytes, outputBytes, outputPlainText } from '../outputs';
import type { CheckDef } from './types';
import { listSome } from './types';

const SKIP_EXECUTION_TAGS = new Set(['nbval-skip', 'skip-execution']);
const RAISES_TAGS = new Set(['raises-exception', 'nbval-raises-exception']);
const TRAINING_RE = /\.(fit|train)\s*\(|\bTrainer\s*\(|\bfor\s+\w*epoch\w*\s+in\b|\boptimizer\.step\s*\(|\.evaluate\s*\(/;
const HUGE_CELL_BYTES = 100 * 1024;
const HUGE_STREAM_LINES = 500;
const PROGRESS_CR = 1000;
const HUGE_FILE = 10 * 1024 * 1024;

/** Code that does something when run (not only blank lines and comments). */
function hasCode(c: CodeInfo): boolean {
  return c.masked.code.trim() !== '' || c.masked.magics.length > 0 || (!c.masked.isPython && c.cell.source.trim() !== '');
}

export const outputsNotSaved: CheckDef = {
  id: 'outputs-not-saved',
  run(ctx, emit) {
    const code = ctx.code.filter(hasCode);
    if (code.length === 0) return;
    const anyOutput = code.some((c) => c.cell.outputs.length > 0);
    const anyCount = code.some((c) => c.cell.executionCount !== null);
    if (!anyOutput && !anyCount) {
      const stripped = ctx.notebook.cells.length > 1 && ctx.notebook.cells.every((c, i) => c.id === String(i));
      emit({
        cell: null,
        message: `No outputs are saved${stripped ? ' (the cell ids 0, 1, 2, … show it was stripped, e.g. by nbstripout)' : ''}. Run the notebook top to bottom and save it with outputs${ctx.course ? ' (the course requires them)' : ''}.`,
      });
      return;
    }
    const training = code.filter((c) => TRAINING_RE.test(c.masked.code));
    if (training.length > 0 && training.every((c) => c.cell.outputs.length === 0 && c.cell.executionCount === null))
      emit({ cell: training[0].cell.index, message: `No outputs are saved for the training/evaluation cells (${listSome(training.map((c) => c.cell.index))}). Run them and save the notebook with outputs.` });
  },
};

export const unexecutedCells: CheckDef = {
  id: 'unexecuted-cells',
  run(ctx, emit) {
    const executed = ctx.code.filter((c) => c.cell.executionCount !== null);
    if (executed.length === 0) return;
    const lastExecuted = executed[executed.length - 1].cell.index;
    for (const c of ctx.code) {
      const cell = c.cell;
      if (cell.executionCount !== null || !hasCode(c)) continue;
      if (cell.tags.some((t) => SKIP_EXECUTION_TAGS.has(t))) continue;
      if (cell.index < lastExecuted) emit({ cell: cell.index, message: `Cell ${cell.index} was never run, but cells after it were — results may not come from this code.` });
      else emit({ cell: cell.index, severity: 'info', message: `Cell ${cell.index} at the end of the notebook was never run.` });
    }
  },
};

export const executionOrderNonlinear: CheckDef = {
  id: 'execution-order-nonlinear',
  run(ctx, emit) {
    let prev: NbCell | undefined;
    for (const { cell } of ctx.code) {
      if (cell.executionCount === null) continue;
      if (prev && prev.executionCount !== null && cell.executionCount <= prev.executionCount)
        emit({
          cell: cell.index,
          message: `Cell ${cell.index} ran as [${cell.executionCount}] after cell ${prev.index} that ran as [${prev.executionCount}] — cells were executed out of order. Restart the kernel and run all.`,
        });
      prev = cell;
    }
  },
};

export const executionCountGaps: CheckDef = {
  id: 'execution-count-gaps',
  run(ctx, emit) {
    const counts = ctx.code.map((c) => c.cell.executionCount).filter((n): n is number => n !== null);
    if (counts.length === 0) return;
    const sorted = [...new Set(counts)].sort((a, b) => a - b);
    const missing: number[] = [];
    let expected = 1;
    for (const n of sorted) {
      for (let k = expected; k < n && missing.length < 1000; k++) missing.push(k);
      expected = n + 1;
    }
    if (missing.length === 0) return;
    emit({ cell: null, message: `Execution counts skip ${listSome(compactRanges(missing), 8)} — cells were re-run or deleted (hidden state).` });
  },
};

function compactRanges(numbers: number[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < numbers.length; ) {
    let j = i;
    while (j + 1 < numbers.length && numbers[j + 1] === numbers[j] + 1) j++;
    out.push(j > i ? `${numbers[i]}–${numbers[j]}` : String(numbers[i]));
    i = j + 1;
  }
  return out;
}

export const staleOutput: CheckDef = {
  id: 'stale-output',
  run(ctx, emit) {
    const noCount = ctx.code.filter((c) => c.cell.executionCount === null && c.cell.outputs.length > 0).map((c) => c.cell.index);
    if (noCount.length > 5)
      emit({ cell: noCount[0], message: `${noCount.length} cells show outputs but have no execution count (cells ${listSome(noCount, 8)}) — the outputs do not belong to the saved execution state.` });
    else for (const i of noCount) emit({ cell: i, message: `Cell ${i} shows outputs that do not belong to its current execution state (no execution count).` });
    for (const { cell } of ctx.code) {
      const result = cell.outputs.find((o) => o.type === 'execute_result' && typeof o.executionCount === 'number' && o.executionCount !== cell.executionCount);
      if (result && cell.executionCount !== null)
        emit({ cell: cell.index, message: `Cell ${cell.index} shows outputs that do not belong to its current execution state (count ${cell.executionCount} vs output ${result.executionCount}).` });
      else if (result && !noCount.includes(cell.index))
        emit({ cell: cell.index, message: `Cell ${cell.index} shows outputs that do not belong to its current execution state (count none vs output ${result.executionCount}).` });
      const pm = cell.metadata.papermill as Record<string, unknown> | undefined;
      if (pm && (pm.status === 'pending' || pm.status === 'running'))
        emit({ cell: cell.index, message: `Cell ${cell.index} was saved while papermill reported it as ${String(pm.status)}.` });
    }
    timingOrder(ctx.code.map((c) => c.cell), emit);
  },
};

/** JupyterLab/Colab timestamps that run against document order (info). */
function timingOrder(cells: NbCell[], emit: Parameters<CheckDef['run']>[1]): void {
  let prev: { cell: number; t: number } | undefined;
  for (const cell of cells) {
    const t = cellTimestamp(cell);
    if (t === undefined) continue;
    if (prev && t < prev.t) {
      emit({ cell: cell.index, severity: 'info', message: `Cell ${cell.index} was last run before cell ${prev.cell} above it (execution timestamps) — outputs may be stale.` });
      return;
    }
    prev = { cell: cell.index, t };
  }
}

function cellTimestamp(cell: NbCell): number | undefined {
  const exec = cell.metadata.execution as Record<string, unknown> | undefined;
  const iso = exec?.['iopub.execute_input'] ?? exec?.['shell.execute_reply'];
  if (typeof iso === 'string') {
    const t = Date.parse(iso);
    if (!Number.isNaN(t)) return t;
  }
  const info = cell.metadata.executionInfo as Record<string, unknown> | undefined;
  return typeof info?.timestamp === 'number' ? info.timestamp : undefined;
}

export const errorOutput: CheckDef = {
  id: 'error-output',
  run(ctx, emit) {
    const pm = ctx.notebook.metadata.papermill as Record<string, unknown> | undefined;
    if (pm?.exception === true) emit({ cell: null, message: 'papermill recorded an exception while executing this notebook — it does not run top to bottom without errors.' });
    for (const c of ctx.code) {
      const cell = c.cell;
      const intended = cell.tags.some((t) => RAISES_TAGS.has(t.toLowerCase())) || /NBVAL_RAISES_EXCEPTION/.test(cell.source);
      if (intended) continue;
      const err = cell.outputs.find((o) => o.type === 'error');
      if (err) {
        const evalue = outputPlainText({ type: 'error', ename: err.ename, evalue: err.evalue }).replace(/^[^:]*: /, '').split('\n')[0].slice(0, 160);
        emit({ cell: cell.index, message: `Cell ${cell.index} ended with ${err.ename ?? 'an error'}${evalue ? `: ${evalue}` : ''}. The notebook does not run top to bottom without errors.` });
        continue;
      }
      const tb = cell.outputs.find((o) => o.type === 'stream' && o.name === 'stderr' && (o.text ?? '').includes('Traceback (most recent call last):'));
      if (tb) emit({ cell: cell.index, severity: 'warning', message: `Cell ${cell.index} printed a Python traceback to stderr — check that it really ran without errors.` });
    }
  },
};

export const hugeOutput: CheckDef = {
  id: 'huge-output',
  run(ctx, emit) {
    if (ctx.notebook.rawSize > HUGE_FILE)
      emit({ cell: null, message: `The notebook file is ${formatBytes(ctx.notebook.rawSize)} — GitHub will not display it. Trim large outputs.` });
    for (const { cell } of ctx.code) {
      let bytes = 0;
      let lines = 0;
      let cr = 0;
      for (const out of cell.outputs) {
        bytes += outputBytes(out, true);
        if (out.type === 'stream') {
          const text = out.text ?? '';
          lines += countChar(text, '\n');
          cr += countChar(text, '\r');
        }
      }
      if (bytes > HUGE_CELL_BYTES || lines > HUGE_STREAM_LINES) {
        const { what, advice } = describeOutputs(cell, lines);
        emit({ cell: cell.index, message: `Output of cell ${cell.index} is ${formatBytes(bytes)} (${what}). ${advice}` });
      } else if (cr > PROGRESS_CR)
        emit({ cell: cell.index, severity: 'info', message: `Output of cell ${cell.index} holds ${cr} progress-bar updates. Disable the progress bar when saving the notebook.` });
    }
  },
};

type OutputKind = 'text' | 'image' | 'html' | 'widget' | 'other';

const ADVICE: Record<OutputKind, string> = {
  text: 'Trim logs (e.g. `disable_tqdm=True`, `logging_steps`) or send them to the tracker.',
  image: 'Save figures as files (or at a lower resolution) and show fewer of them, or send them to the tracker.',
  html: 'Show fewer rows (e.g. `df.head()`) or save the table as a file.',
  widget: 'Disable progress bars and other widgets (e.g. `disable_tqdm=True`) or clear their outputs before saving.',
  other: 'Save large results as files, or send them to the tracker.',
};

function kindOf(mime: string): OutputKind {
  if (mime.startsWith('image/')) return 'image';
  if (mime === 'text/html') return 'html';
  if (mime.startsWith('application/vnd.jupyter.widget')) return 'widget';
  if (mime.startsWith('text/')) return 'text';
  return 'other';
}

/**
 * What a large output consists of, in words: "442 lines of text", "4 images", "HTML" — the parts that make up
 * at least a tenth of it, largest first — and advice that fits the largest part (a figure is not a log).
 */
function describeOutputs(cell: NbCell, lines: number): { what: string; advice: string } {
  const bytes = new Map<OutputKind | string, number>();
  const add = (kind: string, n: number) => bytes.set(kind, (bytes.get(kind) ?? 0) + n);
  let images = 0;
  let otherMime = '';
  for (const out of cell.outputs) {
    if (out.text) add('text', out.text.length);
    if (out.traceback) add('text', out.traceback.reduce((n, t) => n + t.length, 0));
    let image = false;
    for (const [mime, value] of Object.entries(out.data ?? {})) {
      const kind = kindOf(mime);
      // text/plain beside a richer representation is only its fallback ("<Figure size 640x480>")
      if (mime === 'text/plain' && Object.keys(out.data ?? {}).length > 1) continue;
      if (kind === 'image') image = true;
      if (kind === 'other' && !otherMime) otherMime = mime;
      add(kind, mimeBytes('text/plain', value));
    }
    if (image) images++;
  }
  const total = [...bytes.values()].reduce((a, b) => a + b, 0);
  const parts = [...bytes.entries()].filter(([, n]) => n * 10 >= total).sort((a, b) => b[1] - a[1]);
  const words = parts.map(([kind]) => {
    if (kind === 'text') return lines > 0 ? `${lines} lines of text` : 'text';
    if (kind === 'image') return `${images} image${images === 1 ? '' : 's'}`;
    if (kind === 'html') return 'HTML';
    if (kind === 'widget') return 'widget data';
    return otherMime || 'data';
  });
  const main = (parts[0]?.[0] ?? 'text') as OutputKind;
  return { what: words.join(', ') || 'output', advice: ADVICE[main] };
}

function countChar(text: string, ch: string): number {
  let n = 0;
  for (let i = text.indexOf(ch); i !== -1; i = text.indexOf(ch, i + 1)) n++;
  return n;
}

export const executionChecks: CheckDef[] = [outputsNotSaved, unexecutedCells, executionOrderNonlinear, executionCountGaps, staleOutput, errorOutput, hugeOutput];
