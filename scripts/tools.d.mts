// Types of scripts/tools.mjs for the TypeScript tests that import it.
export const REPO: string;
export const TOOLS: string;
export interface Tools {
  tools: string;
  codeServer: string;
  mocha: string;
  chromium: string;
  playwrightCore: string;
}
export function ensureTools(): Tools;
