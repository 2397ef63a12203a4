// What the command-line tools share: the same environment as the server, one way to fail, and
// argument parsing that ends in a usage line instead of a stack trace.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { ConfigError, loadConfig, loadEnvFile, type Config } from '../../server/config.ts';

/** Prints each line on stderr and exits with 1: the one way the tools refuse. */
export function fail(lines: string[]): never {
  for (const line of lines) console.error(line);
  process.exit(1);
}

export function parseArgsOrExit<T extends Omit<ParseArgsConfig, 'args'>>(options: T, usage: string): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(options);
  } catch (err) {
    return fail([(err as Error).message, usage]);
  }
}

export function configOrExit(): Config {
  try {
    loadEnvFile();
    return loadConfig();
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    for (const problem of err.problems) console.error(`Configuration error: ${problem}`);
    process.exit(1);
  }
}
