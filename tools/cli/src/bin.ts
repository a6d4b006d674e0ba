import { StackError } from '@vyre/foundation';
import { processIo } from './cli-io.ts';
import { runCli } from './run-cli.ts';

// A reader that closes standard output early (`vyre run … | head`) is not an error of the command:
// stop quietly, as Unix tools do, instead of Node's unhandled 'error' event and its stack trace. Any
// other failure to write standard output is reported with its code.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') {
    process.exit(process.exitCode ?? 0);
  }
  const failure = new StackError(
    'CLI_OUTPUT_UNWRITABLE',
    `writing standard output failed: expected a writable stream, found the error "${error.message}".`,
    { hint: 'Check where standard output goes (a full disk, a closed file).' },
  );
  process.stderr.write(`error: ${failure.format()}\n`);
  process.exit(1);
});

process.exitCode = await runCli(process.argv.slice(2), processIo);
