// `npm run bench`: runs every bench/*.bench.ts in turn and prints their figures.
// Each bench file generates its own workload under bench/.work and prints `name: value unit (budget)` lines.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import * as path from 'node:path';

const only = process.argv.slice(2);
const files = readdirSync(__dirname)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();
let failed = 0;
for (const f of files) {
  console.log(`\n== ${f}`);
  const res = spawnSync(process.execPath, ['--import', 'tsx', path.join(__dirname, f)], { stdio: 'inherit' });
  if (res.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
