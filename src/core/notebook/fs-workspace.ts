// WorkspaceFiles over the real file system: paths relative to the notebook's folder, requirement files
// next to the notebook and at the repository root (the nearest folder above holding .git). Read-only.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { WorkspaceFiles } from './context';
import { readRegularFileSync } from '../util/fs';

const REQUIREMENT_FILES = /^(requirements.*\.txt|pyproject\.toml|environment\.ya?ml|Pipfile|setup\.py|setup\.cfg)$/;
const MAX_REQUIREMENT_BYTES = 1_000_000;

function repositoryRoot(dir: string): string | undefined {
  for (let d = dir, i = 0; i < 30; i++) {
    if (fs.existsSync(path.join(d, '.git'))) return d;
    const up = path.dirname(d);
    if (up === d) return undefined;
    d = up;
  }
  return undefined;
}

export function fsWorkspace(notebookPath: string): WorkspaceFiles {
  const dir = path.dirname(path.resolve(notebookPath));
  const cache = new Map<string, boolean>();
  return {
    exists(relativePath) {
      const p = path.resolve(dir, relativePath);
      let hit = cache.get(p);
      if (hit === undefined) {
        hit = fs.existsSync(p);
        cache.set(p, hit);
      }
      return hit;
    },
    requirementTexts() {
      const dirs = [dir, repositoryRoot(dir)].filter((d, i, all): d is string => !!d && all.indexOf(d) === i);
      const texts: string[] = [];
      for (const d of dirs) {
        let names: string[] = [];
        try {
          names = fs.readdirSync(d);
        } catch {
          continue;
        }
        for (const name of names.filter((n) => REQUIREMENT_FILES.test(n))) {
          try {
            const p = path.join(d, name);
            if (fs.statSync(p).size <= MAX_REQUIREMENT_BYTES) texts.push(readRegularFileSync(p).toString('utf8'));
          } catch {
            /* unreadable: treated as absent */
          }
        }
      }
      return texts;
    },
  };
}
