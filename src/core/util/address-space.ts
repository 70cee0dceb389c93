// sql.js (the index database and the SQLite readers) runs in WebAssembly. V8 reserves about 10 GB of virtual
// address space around every WebAssembly memory (guard regions that replace bounds checks), so under an
// address-space limit (`ulimit -v`, common on HPC login nodes) the first SQLite open fails. V8 does without the
// reservation when its trap handler is off (explicit bounds checks) and the memory's maximum is bounded: a
// process started with WASM_LIMITED_FLAGS runs sql.js under `ulimit -v 4000000`.
import * as fs from 'node:fs';

/** 16,384 pages of 64 KiB: 1 GB, the most one sql.js database may grow to in this mode. */
export const WASM_LIMITED_FLAGS = ['--disable-wasm-trap-handler', '--wasm-max-mem-pages=16384'];

/** Limits below this cannot hold V8's guard regions next to the heap (measured: 10 GB fails). */
const ROOMY_BYTES = 24 * 2 ** 30;

/** The process's address-space limit in bytes (Linux /proc/self/limits), undefined when unlimited or unknown. */
export function addressSpaceLimit(limitsText?: string): number | undefined {
  let text = limitsText;
  if (text === undefined) {
    try {
      text = fs.readFileSync('/proc/self/limits', 'utf8');
    } catch {
      return undefined;
    }
  }
  const m = /^Max address space\s+(\S+)/m.exec(text);
  if (!m || m[1] === 'unlimited') return undefined;
  const n = Number(m[1]);
  return Number.isFinite(n) ? n : undefined;
}

/** True when this process needs WASM_LIMITED_FLAGS for sql.js and was not started with them. */
export function needsWasmLimitedFlags(limit = addressSpaceLimit(), execArgv = process.execArgv): boolean {
  if (limit === undefined || limit >= ROOMY_BYTES) return false;
  return !execArgv.includes(WASM_LIMITED_FLAGS[0]);
}

/** Whether this Node knows the flags (--disable-wasm-trap-handler came with Node 20.15 / 22.2). */
export function canUseWasmLimitedFlags(): boolean {
  return process.allowedNodeEnvironmentFlags.has(WASM_LIMITED_FLAGS[0]);
}

/** One line that says why SQLite cannot start here, for an error thrown while instantiating sql.js. */
export function wasmStartFailure(err: unknown): string | undefined {
  const text = err instanceof Error ? err.message : String(err);
  if (!/Out of memory|Cannot allocate Wasm memory|WebAssembly\.(instantiate|Memory)/i.test(text)) return undefined;
  const limit = addressSpaceLimit();
  const where = limit === undefined ? 'in this process' : `under the address-space limit of ${Math.round(limit / 2 ** 20)} MB (ulimit -v)`;
  const hint = canUseWasmLimitedFlags()
    ? `start node with ${WASM_LIMITED_FLAGS.join(' ')}, or raise the limit`
    : 'raise the limit, or use Node >= 20.15 (it can run WebAssembly without the reservation)';
  return `cannot start SQLite (sql.js WebAssembly) ${where}: V8 could not reserve memory for it; ${hint}`;
}
