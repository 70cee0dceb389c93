// What scripts/test-vscode.mjs tells the suite (written as config.json next to the bundled tests).
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { WorkspaceManifest } from '../workspace/make-workspace';

export interface SuiteConfig {
  repo: string;
  mocha: string;
  grep?: string;
  manifest: WorkspaceManifest;
}

let cached: SuiteConfig | undefined;

export function suiteConfig(): SuiteConfig {
  cached ??= JSON.parse(fs.readFileSync(path.join(__dirname, 'config.json'), 'utf8')) as SuiteConfig;
  return cached;
}
