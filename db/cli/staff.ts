// npm run staff -- create-admin LOGIN [--name "DISPLAY NAME"]
// Creates an administrator (the first one, typically). The password is read from stdin, never from an
// argument (arguments show up in `ps` and shell history): at a terminal it is asked for twice without
// echo, otherwise one line is read (`printf '%s\n' "$PW" | npm run staff -- create-admin chefin`).
// Nothing here ever prints or logs the password.
import { createInterface } from 'node:readline';
import { hashPassword, checkPasswordPolicy } from '../../server/staff/passwords.ts';
import { translator } from '../../server/i18n/index.ts';
import { openDatabase } from '../connection.ts';
import { prepareDatabase } from '../setup.ts';
import { createStaff, normalizeLogin, StaffExistsError } from '../staff.ts';
import { configOrExit, fail, parseArgsOrExit } from './config.ts';

const USAGE = 'Usage: npm run staff -- create-admin LOGIN [--name "DISPLAY NAME"]   (the password is read from stdin)';

const { values, positionals } = parseArgsOrExit({ allowPositionals: true, options: { name: { type: 'string' } } }, USAGE);
const [command, rawLogin] = positionals;
if (command !== 'create-admin' || positionals.length !== 2) fail([USAGE]);
const login = normalizeLogin(rawLogin!);
if (!/^[a-z0-9][a-z0-9._@-]{1,63}$/.test(login)) fail([`"${rawLogin}" is not a usable login: 2 to 64 letters, digits and . _ @ - (starting with a letter or digit).`]);

/** At a terminal: no echo. The prompt goes to stderr so that stdout stays clean. */
function askHidden(prompt: string): Promise<string> {
  return new Promise((resolve) => {
    const stdin = process.stdin;
    process.stderr.write(prompt);
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding('utf8');
    let typed = '';
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') {
          stdin.setRawMode(false);
          stdin.pause();
          stdin.off('data', onData);
          process.stderr.write('\n');
          return resolve(typed);
        }
        if (ch === '\u0003') {
          stdin.setRawMode(false);
          process.stderr.write('\n');
          process.exit(130);
        }
        if (ch === '\u007f' || ch === '\b') typed = [...typed].slice(0, -1).join('');
        else typed += ch;
      }
    };
    stdin.on('data', onData);
  });
}

function readLine(): Promise<string> {
  return new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin, terminal: false });
    let done = false;
    rl.once('line', (line) => {
      done = true;
      rl.close();
      resolve(line);
    });
    rl.once('close', () => {
      if (!done) resolve('');
    });
  });
}

async function readPassword(): Promise<string> {
  if (!process.stdin.isTTY) return readLine();
  const first = await askHidden(`Password for ${login}: `);
  const second = await askHidden('Repeat the password: ');
  if (first !== second) fail(['The two passwords differ. Nothing was created.']);
  return first;
}

const password = (await readPassword()).replace(/\r$/, '');
if (!password) fail(['No password given on stdin. Nothing was created.', USAGE]);
const problem = checkPasswordPolicy(password, login);
if (problem) fail([`${translator('en')(problem.key, problem.params)} Nothing was created.`]);

const config = configOrExit();
const db = openDatabase(config.databaseUrl);
// What `npm start` would do first (migrate, and fill an empty database with the demo data), so that the
// start after this finds data and has nothing to seed.
const { seeded } = await prepareDatabase(db, new Date());
if (seeded) console.log('The database was empty: filled it with the Mainz demo data.');
try {
  const staff = await createStaff(db, { login, displayName: values.name?.trim() || login, passwordHash: await hashPassword(password), role: 'admin', now: new Date().toISOString() });
  console.log(`Created the administrator "${staff.login}". Log in at ${config.publicBaseUrl}/intern/anmelden`);
} catch (err) {
  if (!(err instanceof StaffExistsError)) throw err;
  await db.destroy();
  fail([`${err.message} Nothing was changed.`]);
}
await db.destroy();
