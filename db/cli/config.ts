// The command-line tools read the same environment as the server and fail the same way.
import { ConfigError, loadConfig, type Config } from '../../server/config.ts';

export function configOrExit(): Config {
  try {
    return loadConfig();
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    for (const problem of err.problems) console.error(`Configuration error: ${problem}`);
    process.exit(1);
  }
}
