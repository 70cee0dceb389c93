// Every CLI command, in help order. Add one line per command file.
import type { CliCommand } from './command';

export const commands: CliCommand[] = [];
