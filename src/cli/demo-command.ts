// `runlens demo [folder]`: writes the demo workspace and says how to open it.
import * as path from 'node:path';
import { generateDemo } from '../demo/generate';
import { parseArgs } from './args';
import type { CliCommand } from './command';

export const demoCommand: CliCommand = {
  name: 'demo',
  usage: 'demo [folder] [--seed n]',
  summary: 'write the demo workspace (a cross-lingual NER sweep) to a folder (default ./demo)',
  async run(args) {
    const { positionals, flags } = parseArgs(args, ['seed']);
    const dir = positionals[0] ?? 'demo';
    const seed = Number(flags.get('seed') ?? 42);
    const started = performance.now();
    const s = await generateDemo(dir, Number.isFinite(seed) ? seed : 42);
    const rel = path.relative(process.cwd(), s.dir) || '.';
    process.stdout.write(
      `demo workspace written to ${s.dir} in ${((performance.now() - started) / 1000).toFixed(1)} s\n` +
        `  ${s.fileStoreRuns} runs in mlruns/ (MLflow file store), ${s.dbRuns} in mlflow.db, ${s.hfRuns} Hugging Face output folders in outputs/\n` +
        (s.gitCommit ? `  train.py committed as ${s.gitCommit.slice(0, 12)}\n` : '') +
        `\nopen it:   code ${rel}        (or: npm start)\nindex it:  node dist/cli.js index ${rel}\n`,
    );
    return 0;
  },
};
