// npm run backup -- FILE.tar | FILE.tar.gz: a consistent backup of the database and its photos while the
// server runs. The database is copied first (SQLite's online backup); then exactly the photo files that
// copy names are added, so every photo the backup's rows point at is in it, and photos written later
// are not needed. The archive is laid out like DATA_DIR (stadtmelder.sqlite, photos/, secret), so a
// restore is: stop, unpack into an empty data directory, start. It is written under a temporary name and
// renamed when complete: FILE is either the whole backup or untouched. See docs/decisions/025-backup.md.
import { randomBytes } from 'node:crypto';
import { closeSync, createWriteStream, existsSync, fsyncSync, openSync, rmSync, statSync } from 'node:fs';
import { readFile, rename } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { sqlitePath } from '../connection.ts';
import { snapshotDatabase } from '../backup.ts';
import { isPhotoFileName } from '../../server/photos.ts';
import { configOrExit, fail, parseArgsOrExit } from './config.ts';
import { TarWriter } from './ustar.ts';

const USAGE = 'usage: npm run backup -- FILE.tar (or FILE.tar.gz)';

const { positionals } = parseArgsOrExit({ allowPositionals: true, options: {} }, USAGE);
if (positionals.length !== 1) fail([USAGE]);
const file = resolve(positionals[0]!);
const gzip = /\.(tar\.gz|tgz)$/.test(file);
// The ending also keeps a slip such as `backup -- data/stadtmelder.sqlite` from replacing the database.
if (!gzip && !file.endsWith('.tar')) fail([`The backup file must end in .tar or .tar.gz: ${positionals[0]}`]);
const dir = dirname(file);
if (!existsSync(dir) || !statSync(dir).isDirectory()) fail([`Cannot write the backup: the directory ${dir} does not exist.`]);
if (existsSync(file) && !statSync(file).isFile()) fail([`Cannot write the backup: ${file} exists and is not a file.`]);

const config = configOrExit();
if (config.databaseUrl === ':memory:') fail(['DATABASE_URL is :memory:; there is nothing on disk to back up.']);
const database = resolve(sqlitePath(config.databaseUrl));
if (!existsSync(database)) fail([`There is no database at ${database} (DATABASE_URL / DATA_DIR); nothing to back up.`]);
// The generated secret keys the links in mails and must go with the data; one set in the environment stays there.
const secretFile = config.secret ? null : join(config.dataDir, 'secret');

// Temporary names next to FILE (same file system, so the rename is atomic), hidden and never *.tar.
const tag = randomBytes(6).toString('hex');
const tempTar = join(dir, `.${basename(file)}.${tag}.tmp`);
const tempDb = join(dir, `.${basename(file)}.${tag}.sqlite.tmp`);
const temps = [tempTar, tempDb, `${tempDb}-journal`, `${tempDb}-wal`, `${tempDb}-shm`];
const removeTemps = () => temps.forEach((t) => rmSync(t, { force: true }));
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    removeTemps();
    console.error('Backup stopped; nothing was written.');
    process.exit(130);
  });
}

const started = performance.now();
try {
  const snapshot = await snapshotDatabase(database, tempDb);
  const now = new Date();
  const out = createWriteStream(tempTar, { flags: 'wx', mode: 0o600 });
  const gz = gzip ? createGzip() : null;
  const written = gz ? pipeline(gz, out) : null;
  written?.catch(() => {}); // awaited below; its error also reaches the writer, which stops first
  const tar = new TarWriter(gz ?? out);
  const privateFile = { mode: 0o600, mtime: now };

  await tar.addFile('stadtmelder.sqlite', tempDb, privateFile);
  await tar.addDirectory('photos', { mode: 0o750, mtime: now });
  const missing: string[] = [];
  let photoBytes = 0;
  for (const name of snapshot.photoFiles) {
    // Only the server's own names: a row can never make the backup read another file.
    if (!isPhotoFileName(name)) {
      missing.push(name);
      continue;
    }
    let data: Buffer;
    try {
      data = await readFile(join(config.photoDir, name));
    } catch (err) {
      // Gone since the copy was taken (retention, a moderator's newer redaction) or lost before: the
      // backup is still worth having; it says so.
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw new Error(`cannot read photo ${join(config.photoDir, name)}: ${(err as Error).message}`);
      missing.push(name);
      continue;
    }
    photoBytes += data.length;
    await tar.addBuffer(`photos/${name}`, data, { mode: 0o640, mtime: now });
  }
  const withSecret = secretFile !== null && existsSync(secretFile);
  if (withSecret) await tar.addFile('secret', secretFile, { mode: 0o600 });
  const manifest = {
    created_at: now.toISOString(),
    database: { reports: snapshot.reports, schema: snapshot.schema },
    photos: { files: snapshot.photoFiles.length - missing.length, bytes: photoBytes, missing },
    secret: withSecret ? 'included (the generated DATA_DIR/secret)' : secretFile ? 'none yet (the server generates it on its first start)' : 'not included: SECRET is set in the environment; the restored server needs the same value',
  };
  await tar.addBuffer('backup-manifest.json', Buffer.from(JSON.stringify(manifest, null, 2) + '\n'), privateFile);
  await tar.finish();
  await written;

  // On disk before its name is: a crash right after the rename must not leave a truncated backup.
  const fd = openSync(tempTar, 'r+');
  fsyncSync(fd);
  closeSync(fd);
  await rename(tempTar, file);
  try {
    const dirFd = openSync(dir, 'r');
    fsyncSync(dirFd);
    closeSync(dirFd);
  } catch {
    // Some file systems cannot sync a directory; the rename itself has happened.
  }
  rmSync(tempDb, { force: true });

  for (const name of missing) console.error(`Warning: photo ${name} is named by the database but its file is missing; the backup has the row without the file.`);
  const mb = (statSync(file).size / 1024 / 1024).toFixed(1);
  console.log(
    `Backup written to ${file} (${mb} MB, ${((performance.now() - started) / 1000).toFixed(1)} s): database with ${snapshot.reports} reports ` +
      `(schema ${snapshot.schema ?? 'none'}), ${manifest.photos.files} photo files, secret ${manifest.secret}.`,
  );
} catch (err) {
  removeTemps();
  fail([`Backup failed, nothing was written: ${(err as Error).message}`]);
}
