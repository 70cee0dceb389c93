// `runlens index <folder|file>... [--json] [--include-deleted] [--follow-links] [--db file]`
import * as fs from 'node:fs';
import * as path from 'node:path';
import { indexToJson } from '../core/index/json-output';
import { tableSource } from '../core/sources/table/reader';
import { indexPaths } from './index-paths';
import { parseArgs } from './args';
import type { CliCommand } from './command';
import { renderRunsTable } from './runs-table';
import { serverSource } from './server-source';
import { terminalText } from './terminal-text';

export const indexCommand: CliCommand = {
  name: 'index',
  usage: 'index <folder|file>... [--json] [--include-deleted] [--follow-links] [--table <file>]... [--mlflow-server <url> [--experiment <name|id>]] [--db <file>]',
  summary: 'index experiment logs and print runs, params, series summaries and checkpoints',
  async run(args) {
    // --table may repeat: result tables are never found by scanning, only when named.
    const tables = args.flatMap((a, i) => (a === '--table' && i + 1 < args.length ? [args[i + 1]] : a.startsWith('--table=') ? [a.slice(8)] : []));
    const { positionals, flags } = parseArgs(
      args.filter((a, i) => a !== '--table' && args[i - 1] !== '--table' && !a.startsWith('--table=')),
      ['db', 'mlflow-server', 'experiment'],
    );
    const server = flags.get('mlflow-server');
    if (server === true || flags.get('experiment') === true) {
      process.stderr.write('runlens index: --mlflow-server and --experiment take a value\n');
      return 2;
    }
    if (!positionals.length && !tables.length && server === undefined) {
      process.stderr.write('runlens index: give at least one folder, file, --table or --mlflow-server\n');
      return 2;
    }
    let serverRoots;
    try {
      serverRoots = server === undefined ? [] : [serverSource(server, flags.get('experiment') as string | undefined)];
    } catch (err) {
      process.stderr.write(`runlens index: --mlflow-server ${terminalText(server ?? '')}: ${terminalText(err instanceof Error ? err.message : String(err))}\n`);
      return 2;
    }
    const missing = [...positionals, ...tables].filter((p) => !fs.existsSync(p));
    if (missing.length) {
      // nothing to index there: say so instead of printing an empty, successful result
      for (const p of missing) process.stderr.write(`runlens index: ${terminalText(p)}: no such file or folder\n`);
      return 2;
    }
    const dbFile = typeof flags.get('db') === 'string' ? (flags.get('db') as string) : undefined;
    const started = performance.now();
    const extraRoots = [...tables.map((t) => tableSource(path.resolve(t))), ...serverRoots];
    const pass = await indexPaths(positionals, { dbFile, extraRoots, includeDeleted: flags.has('include-deleted'), followLinks: flags.has('follow-links') });
    const seconds = (performance.now() - started) / 1000;
    const { runs, errors } = pass;
    if (flags.has('json')) {
      process.stdout.write(JSON.stringify(indexToJson(runs, errors), null, 2) + '\n');
    } else {
      process.stdout.write(renderRunsTable(runs, errors));
      process.stdout.write(
        `\n${runs.length} runs from ${pass.roots} sources in ${seconds.toFixed(2)} s (${pass.reread} read, ${pass.reused} reused)\n`,
      );
    }
    return 0;
  },
};
