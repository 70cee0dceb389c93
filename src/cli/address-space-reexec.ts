// Under an address-space limit the CLI runs itself again with the flags sql.js needs there (core/util/address-space),
// passing its arguments, stdio and exit code through: one more Node start-up, only where the limit is.
import { spawnSync } from 'node:child_process';
import { constants } from 'node:os';
import { WASM_LIMITED_FLAGS, canUseWasmLimitedFlags, needsWasmLimitedFlags } from '../core/util/address-space';

/** True when the CLI ran as a child with the flags (this process must then only exit). RUNLENS_NO_WASM_RERUN=1 turns it off. */
export function rerunWithWasmFlags(): boolean {
  if (process.env.RUNLENS_NO_WASM_RERUN === '1' || !needsWasmLimitedFlags() || !canUseWasmLimitedFlags()) return false;
  const res = spawnSync(process.execPath, [...WASM_LIMITED_FLAGS, ...process.execArgv, process.argv[1], ...process.argv.slice(2)], { stdio: 'inherit' });
  if (res.error) return false; // could not start the child (no memory for it?): carry on here, sql.js will say why
  process.exitCode = res.status ?? 128 + (res.signal ? constants.signals[res.signal] ?? 0 : 0);
  return true;
}
