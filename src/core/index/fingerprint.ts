// A cheap change detector: sizes and mtimes of every file below a path (stat only, no reads).
import * as path from 'node:path';
import { promises as fsp } from 'node:fs';
import { createHash } from 'node:crypto';

const MAX_FILES = 20000;

export async function fingerprint(p: string): Promise<string> {
  const hash = createHash('sha1');
  let files = 0;
  const visit = async (q: string): Promise<void> => {
    if (files > MAX_FILES) return;
    let st: import('node:fs').Stats;
    try {
      st = await fsp.stat(q);
    } catch {
      hash.update(`${q}:missing;`);
      return;
    }
    if (!st.isDirectory()) {
      files++;
      hash.update(`${q}:${st.size}:${st.mtimeMs};`);
      return;
    }
    let names: string[];
    try {
      names = (await fsp.readdir(q)).sort();
    } catch {
      return;
    }
    for (const name of names) {
      if (name === '.ipynb_checkpoints' || name === '__pycache__') continue;
      await visit(path.join(q, name));
    }
  };
  await visit(p);
  return hash.digest('hex');
}
