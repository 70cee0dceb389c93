// Output helpers: readable text of an output (ANSI escapes stripped, `\r` progress lines collapsed to their
// final state, capped so a 200 KB training log never meets an unbounded regex), and output sizes
// (base64 payloads counted as decoded bytes, never scanned).
import type { NbCell, NbOutput } from './model';

/** Per-output cap for text scans (nbformat pitfall 7). */
export const SCAN_CAP = 1_000_000;

const ANSI_RE = /\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07/g;
const BINARY_MIME_RE = /^(image\/(png|jpeg|gif|webp|bmp)|application\/pdf)$/;

export function stripAnsi(text: string): string {
  return text.indexOf('\x1b') === -1 ? text : text.replace(ANSI_RE, '');
}

/** Keeps only what a terminal would show after each `\r` overwrite. */
export function collapseCarriageReturns(text: string): string {
  if (text.indexOf('\r') === -1) return text;
  return text
    .split('\n')
    .map((line) => {
      const parts = line.split('\r');
      for (let i = parts.length - 1; i >= 0; i--) if (parts[i] !== '') return parts[i];
      return '';
    })
    .join('\n');
}

function cap(text: string): string {
  return text.length > SCAN_CAP ? text.slice(0, SCAN_CAP) : text;
}

/** Plain text of an output: stream text, text/plain, or an error's name, value and traceback. */
export function outputPlainText(out: NbOutput): string {
  if (out.type === 'stream') return collapseCarriageReturns(stripAnsi(cap(out.text ?? '')));
  if (out.type === 'error') return stripAnsi(cap([`${out.ename ?? ''}: ${out.evalue ?? ''}`, ...(out.traceback ?? [])].join('\n')));
  const plain = out.data?.['text/plain'];
  return typeof plain === 'string' ? stripAnsi(cap(plain)) : '';
}

export function outputHtml(out: NbOutput): string {
  const html = out.data?.['text/html'];
  return typeof html === 'string' ? cap(html) : '';
}

/** All scannable text of a cell's outputs (plain text and HTML), joined. */
export function cellOutputText(cell: NbCell): string {
  const parts: string[] = [];
  for (const out of cell.outputs) {
    const plain = outputPlainText(out);
    if (plain) parts.push(plain);
    const html = outputHtml(out);
    if (html) parts.push(html);
  }
  return parts.join('\n');
}

/** Approximate bytes of one mime value; base64 images count as decoded bytes. */
export function mimeBytes(mime: string, value: unknown): number {
  if (typeof value === 'string') return BINARY_MIME_RE.test(mime) ? Math.floor((value.replace(/\s/g, '').length * 3) / 4) : value.length;
  if (value === undefined || value === null) return 0;
  try {
    return JSON.stringify(value).length;
  } catch {
    return 0;
  }
}

/** Bytes of an output: decoded, or as stored in the file (`stored`: base64 counted at its text length). */
export function outputBytes(out: NbOutput, stored = false): number {
  let total = (out.text?.length ?? 0) + (out.traceback ?? []).reduce((s, t) => s + t.length, 0);
  for (const [mime, value] of Object.entries(out.data ?? {})) total += stored ? mimeBytes('text/plain', value) : mimeBytes(mime, value);
  return total;
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  if (n >= 1024) return `${Math.round(n / 1024)} KB`;
  return `${n} B`;
}
