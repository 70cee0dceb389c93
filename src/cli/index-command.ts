// `runlens index <folder|file>... [--json] [--include-deleted] [--follow-links] [--db file]`
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Indexer } from '../core/index/indexer';
import { IndexStore } from '../core/index/store';
import { indexToJson } from '../core/index/json-output';
import { readers } from '../core/sources/registry';
import { tableSource } from '../core/sources/table/reader';
import { ReadPool } from '../worker/read-pool';
import { parseArgs } from './args';
import type { CliCommand } from './command';
import { renderRunsTable } from './runs-table';
import { terminalText } from './terminal-text';

export const indexCommand: CliCommand = {
  name: 'index',
  usage: 'index <folder|file>... [--json] [--include-deleted] [--follow-links] [--table <file>]... [--db <file>]',
  summary: 'index experiment logs and print runs, params, series summaries and checkpoints',
  async run(args) {
    // --table may repeat: result tables are never found by scanning, only when named.
    const tables = args.flatMap((a, i) => (a === '--table' && i + 1 < args.length ? [args[i + 1]] : a.startsWith('--table=') ? [a.slice(8)] : []));
    const { positionals, flags } = parseArgs(
      args.filter((a, i) => a !== '--table' && args[i - 1] !== '--table' && !a.startsWith('--table=')),
      ['db'],
    );
    if (!positionals.length && !tables.length) {
      process.stderr.write('runlens index: give at least one folder, file or --table\n');
      return 2;
    }
    const missing = [...positionals, ...tables].filter((p) => !fs.existsSync(p));
    if (missing.length) {
      // nothing to index there: say so instead of printing an empty, successful result
      for (const p of missing) process.stderr.write(`runlens index: ${terminalText(p)}: no such file or folder\n`);
      return 2;
    }
    const dbFile = typeof flags.get('db') === 'string' ? (flags.get('db') as string) : undefined;
    const store = await IndexStore.open(dbFile && fs.existsSync(dbFile) ? fs.readFileSync(dbFile) : undefined);
    // Reader threads parse on every core; without them (no thread can start) runs are read here.
    const pool = ReadPool.create();
    // --follow-links: also walk symlinked folders that lead outside the given folders
    const indexer = new Indexer({ store, readers, includeDeleted: flags.has('include-deleted'), followLinksOutside: flags.has('follow-links'), pool });
    const started = performance.now();
    const extraRoots = tables.map((t) => tableSource(path.resolve(t)));
    const pass = await indexer.indexFolders(positionals.map((p) => path.resolve(p)), { extraRoots }).finally(() => pool?.close());
    const seconds = (performance.now() - started) / 1000;
    const roots = new Set(pass.roots.map((r) => r.path));
    const runs = store.runs().filter((r) => roots.has(r.root));
    const errors = store.errors();
    if (dbFile) fs.writeFileSync(dbFile, store.export());
    if (flags.has('json')) {
      process.stdout.write(JSON.stringify(indexToJson(runs, errors), null, 2) + '\n');
    } else {
      process.stdout.write(renderRunsTable(runs, errors));
      process.stdout.write(
        `\n${runs.length} runs from ${pass.roots.length} sources in ${seconds.toFixed(2)} s (${pass.reread} read, ${pass.reused} reused)\n`,
      );
    }
    return 0;
  },
};
