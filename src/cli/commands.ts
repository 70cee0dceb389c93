// Every CLI command, in help order. Add one line per command file.
import type { CliCommand } from './command';
import { indexCommand } from './index-command';
import { demoCommand } from './demo-command';
import { notebookCommand } from './notebook-command';
import { tableCommand } from './table-command';
import { compareCommand } from './compare-command';
import { selectCommand } from './select-command';
import { diagnoseCommand } from './diagnose-command';

export const commands: CliCommand[] = [
  indexCommand,
  demoCommand,
  notebookCommand,
  tableCommand,
  compareCommand,
  selectCommand,
  diagnoseCommand,
];
