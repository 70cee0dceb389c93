// Every CLI command, in help order. Add one line per command file.
import type { CliCommand } from './command';
import { indexCommand } from './index-command';

export const commands: CliCommand[] = [
  indexCommand,
];
