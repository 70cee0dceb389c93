// Entry point the extension host require()s (extensionTestsPath): runs every bundled *.test.js next to it
// with Mocha. Mocha is not a dependency of the extension; scripts/test-vscode.mjs installs it into .tools
// and writes its path into config.json beside this bundle.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { suiteConfig } from './config';

export function run(): Promise<void> {
  const config = suiteConfig();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const loaded = require(config.mocha);
  const Mocha = loaded.Mocha ?? loaded.default ?? loaded;
  const grep = config.grep ? new RegExp(config.grep) : undefined;
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 60_000, slow: 5_000, grep });
  // Files run in name order: the numbered prefixes make the suite a story (activation first, leaks last).
  for (const f of fs.readdirSync(__dirname).sort()) if (f.endsWith('.test.js')) mocha.addFile(path.join(__dirname, f));
  return new Promise((resolve, reject) => {
    mocha.run((failures: number) => (failures ? reject(new Error(`${failures} test(s) failed`)) : resolve()));
  });
}
