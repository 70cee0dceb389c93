// `runlens <command> …`: the command-line face of src/core. Each command lives in its own file.
import { commands } from './commands';
import { runCli } from './run-cli';
import { rerunWithWasmFlags } from './address-space-reexec';

if (!rerunWithWasmFlags()) void runCli(process.argv.slice(2), commands);
