// Runs one CLI invocation and ends the process once its output is written. Exiting explicitly
// matters: a handle left behind (a reader thread winding down, Node 20's DrainTasks wait,
// nodejs/node#54918) kept `runlens index --json` alive after it had printed everything.
import type { CliCommand } from './command';

export async function runCli(argv: string[], commands: CliCommand[]): Promise<void> {
  let code: number;
  try {
    code = await dispatch(argv, commands);
  } catch (err) {
    // errors about the environment (oneLine) are told in one line; anything else is a bug and keeps its stack
    const oneLine = err instanceof Error && (err as { oneLine?: boolean }).oneLine === true;
    process.stderr.write(`runlens: ${err instanceof Error ? (oneLine ? err.message : err.stack ?? err.message) : String(err)}\n`);
    code = 2;
  }
  exitWhenFlushed(code);
}

async function dispatch(argv: string[], commands: CliCommand[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    printHelp(commands);
    return 0;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    process.stderr.write(`runlens: unknown command '${name}'\n`);
    printHelp(commands);
    return 2;
  }
  return command.run(rest);
}

function printHelp(commands: CliCommand[]): void {
  const lines = ['usage: runlens <command> [options]', '', 'commands:'];
  for (const c of commands) lines.push(`  ${c.usage}`, `      ${c.summary}`);
  process.stdout.write(lines.join('\n') + '\n');
}

/** Exits with `code` after everything written to stdout and stderr so far has been handed off. */
function exitWhenFlushed(code: number): void {
  process.exitCode = code;
  let pending = 2;
  const done = () => {
    if (--pending === 0) process.exit(code);
  };
  process.stdout.write('', done);
  process.stderr.write('', done);
}
