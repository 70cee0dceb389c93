// Types of scripts/code-server.mjs for the TypeScript tests that import it.
import type { ChildProcess } from 'node:child_process';
import type { BrowserContext } from 'playwright-core';
import type { Tools } from './tools.mjs';

export function freePort(): Promise<number>;
export function writeUserSettings(home: string, extra?: Record<string, unknown>, options?: { keepExisting?: boolean }): void;
export function installExtension(tools: Tools, home: string, vsix: string): void;
export interface CodeServer {
  proc: ChildProcess;
  url: string;
  port: number;
  stop(): Promise<void>;
  output(): string;
}
export function startCodeServer(options: {
  tools: Tools;
  home: string;
  port: number;
  workspace?: string;
  quiet?: boolean;
  tmpDir?: string;
  host?: string;
}): Promise<CodeServer>;
export function launchChromium(tools: Tools, profileDir: string, size?: { width?: number; height?: number }): Promise<BrowserContext>;
