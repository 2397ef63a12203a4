// `npm run backup -- FILE`: taken while a real server serves and writes, restored with plain tar into a
// new data directory, and the restored copy started with `npm start`. And its refusals: one line, exit 1,
// no file and no temporary file left behind.
import BetterSqlite3 from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/connection.ts';
import { recordRedaction } from '../../db/photos.ts';
import { prepareDatabase } from '../../db/setup.ts';
import { newPhotoFileName, writeAtomically } from '../../server/photos.ts';
import { hashToken } from '../../server/tokens.ts';
import { freePort, npmRun, npmRunAsync, npmStart, scratchEnv } from './run.ts';

const jpeg = (r: number, g: number, b: number) => sharp({ create: { width: 320, height: 240, channels: 3, background: { r, g, b } } }).jpeg().toBuffer();

function untar(file: string, flags: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'stadtmelder-restore-'));
  const result = spawnSync('tar', [flags, file, '-C', dir], { encoding: 'utf8' });
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return dir;
}

/** Photo files the database names (not removed by retention), originals and redacted copies. */
function namedPhotos(dbFile: string): string[] {
  const db = new BetterSqlite3(dbFile, { readonly: true });
  const rows = db.prepare('select file, redacted_file from photos where removed_at is null').all() as { file: string; redacted_file: string | null }[];
  db.close();
  return rows.flatMap((r) => (r.redacted_file ? [r.file, r.redacted_file] : [r.file])).sort();
}

describe('npm run backup', () => {
  it('backs up a server that is taking writes; the unpacked copy starts and serves the report and its redacted photo', async () => {
    const port = await freePort();
    const env = scratchEnv({ PORT: String(port), TRUST_PROXY: 'true' });
    const base = `http://127.0.0.1:${port}`;
    const dbFile = join(env.DATA_DIR!, 'stadtmelder.sqlite');
    const server = npmStart(env);
    let backup!: Awaited<ReturnType<typeof npmRunAsync>>;
    const outDir = mkdtempSync(join(tmpdir(), 'stadtmelder-backup-'));
    const file = join(outDir, 'stadtmelder.tar');
    let client = 0;
    const post = (path: string, body: URLSearchParams | FormData) =>
      fetch(`${base}${path}`, { method: 'POST', body, redirect: 'manual', headers: { 'x-forwarded-for': `10.9.${(++client >> 8) & 255}.${client & 255}` } });
    let reportId!: number;
    let statusToken!: string;
    let original!: string;
    let redacted!: string;
    let redactedBytes!: Buffer;
    let writesDuringBackup = 0;
    try {
      await server.ready;
      const live = new BetterSqlite3(dbFile, { readonly: true });
      const codes = (live.prepare('select code from bins where active = 1 limit 20').all() as { code: string }[]).map((b) => b.code);
      const place = live.prepare('select lat, lon from bins where active = 1 limit 1').get() as { lat: number; lon: number };
      live.close();

      // A report with a photo, in a category that publishes at once (the form wants 3 s of filling in).
      // One form token per report: a form is filed once (a second post of it is refused with 409).
      const formToken = async () => /name="t" value="([^"]+)"/.exec(await (await fetch(`${base}/melden/strassenbeleuchtung`)).text())![1]!;
      const tokens = await Promise.all(Array.from({ length: 40 }, formToken));
      await new Promise((r) => setTimeout(r, 3100));
      const reportForm = (text: string, photo: Buffer) => {
        const body = new FormData();
        for (const [k, v] of Object.entries({ t: tokens.shift()!, lat: String(place.lat), lon: String(place.lon), quelle: 'map', beschreibung: text, trotzdem: '1' })) body.append(k, v);
        body.append('fotos', new Blob([new Uint8Array(photo)], { type: 'image/jpeg' }), 'laterne.jpg');
        return body;
      };
      const filed = await post('/melden/strassenbeleuchtung', reportForm('Laterne vor der Sicherung dunkel', await jpeg(200, 180, 40)));
      expect(filed.status).toBe(303);
      statusToken = /\/status\/([A-Za-z0-9_-]+)/.exec(filed.headers.get('location')!)![1]!;

      // A moderator blacks out part of the photo: the public then gets only the redacted copy.
      const db = openDatabase(`sqlite:${dbFile}`);
      const row = await db.selectFrom('reports').select('id').where('status_token_hash', '=', hashToken(statusToken)).executeTakeFirstOrThrow();
      reportId = row.id;
      const photo = await db.selectFrom('photos').select(['id', 'file']).where('report_id', '=', reportId).executeTakeFirstOrThrow();
      original = photo.file;
      redacted = newPhotoFileName();
      redactedBytes = await jpeg(0, 0, 0);
      await writeAtomically(join(env.DATA_DIR!, 'photos'), redacted, redactedBytes);
      await recordRedaction(db, { photoId: photo.id, previous: null, next: redacted, now: new Date().toISOString(), actor: 'test', body: '0,0,100,100' });
      await db.destroy();
      expect(namedPhotos(dbFile)).toHaveLength(2);
      // A file no row names (a server killed between writing a photo and committing its report): not backed up.
      await writeAtomically(join(env.DATA_DIR!, 'photos'), newPhotoFileName(), await jpeg(1, 2, 3));

      // Presses and reports with photos keep coming while the backup runs.
      let writing = true;
      let backupRunning = false;
      const writer = (async () => {
        for (let n = 0; writing; n++) {
          const res = n % 5 === 4 && tokens.length ? await post('/melden/strassenbeleuchtung', reportForm(`Noch eine Laterne ${n}`, await jpeg(n % 255, 90, 90))) : await post(`/B/${codes[n % codes.length]}`, new URLSearchParams({ reason: 'full' }));
          expect(res.status).toBe(303);
          if (backupRunning) writesDuringBackup++;
        }
      })();
      await new Promise((r) => setTimeout(r, 300));
      backupRunning = true;
      backup = await npmRunAsync('backup', [file], env);
      backupRunning = false;
      await new Promise((r) => setTimeout(r, 300));
      writing = false;
      await writer;
    } finally {
      await server.stop();
    }
    expect(backup.stderr).toBe('');
    expect(backup.status).toBe(0);
    expect(backup.stdout).toMatch(/^Backup written to .*stadtmelder\.tar/);
    expect(writesDuringBackup).toBeGreaterThan(0);
    expect(readdirSync(outDir)).toEqual(['stadtmelder.tar']); // no temporary file left

    // Restore as the README says: unpack into an empty data directory, start.
    const restored = untar(file, '-xf');
    const restoredDb = join(restored, 'stadtmelder.sqlite');
    // Consistent: every photo the copy names is there, and nothing else (photos written after the copy are not).
    expect(readdirSync(join(restored, 'photos')).sort()).toEqual(namedPhotos(restoredDb));
    expect(namedPhotos(restoredDb)).toEqual(expect.arrayContaining([original, redacted]));
    expect(readFileSync(join(restored, 'secret'), 'utf8')).toBe(readFileSync(join(env.DATA_DIR!, 'secret'), 'utf8'));
    expect(JSON.parse(readFileSync(join(restored, 'backup-manifest.json'), 'utf8')).photos.missing).toEqual([]);

    const port2 = await freePort();
    const again = npmStart({ ...env, DATA_DIR: restored, PORT: String(port2) });
    const base2 = `http://127.0.0.1:${port2}`;
    try {
      await again.ready;
      expect(await (await fetch(`${base2}/healthz`)).json()).toEqual({ status: 'ok', database: 'ok' });
      const page = await fetch(`${base2}/m/${reportId}`);
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain('Laterne vor der Sicherung dunkel');
      expect(html).toContain(`/fotos/${redacted}`);
      const served = await fetch(`${base2}/fotos/${redacted}`);
      expect(served.status).toBe(200);
      expect(Buffer.from(await served.arrayBuffer()).equals(redactedBytes)).toBe(true);
      expect((await fetch(`${base2}/fotos/${original}`)).status).toBe(404); // the moderation holds in the copy
      expect((await fetch(`${base2}/status/${statusToken}`)).status).toBe(200);
    } finally {
      await again.stop();
    }
    expect(again.output()).not.toContain('filled the empty database');
  });

  it('refuses a bad FILE with one line and exit code 1, and writes nothing', () => {
    const env = scratchEnv(); // FILE is checked before the database is looked at
    const outDir = mkdtempSync(join(tmpdir(), 'stadtmelder-backup-'));

    const noDir = npmRun('backup', [join(outDir, 'nicht', 'da.tar')], env);
    expect(noDir.status).toBe(1);
    expect(noDir.stderr).toBe(`Cannot write the backup: the directory ${join(outDir, 'nicht')} does not exist.`);

    const database = npmRun('backup', [join(env.DATA_DIR!, 'stadtmelder.sqlite')], env);
    expect(database.status).toBe(1);
    expect(database.stderr).toBe(`The backup file must end in .tar or .tar.gz: ${join(env.DATA_DIR!, 'stadtmelder.sqlite')}`);

    const none = npmRun('backup', [], env);
    expect(none.status).toBe(1);
    expect(none.stderr).toBe('usage: npm run backup -- FILE.tar (or FILE.tar.gz)');

    const noDatabase = npmRun('backup', [join(outDir, 'b.tar')], scratchEnv());
    expect(noDatabase.status).toBe(1);
    expect(noDatabase.stderr).toMatch(/^There is no database at .*stadtmelder\.sqlite \(DATABASE_URL \/ DATA_DIR\); nothing to back up\.$/);
    expect(readdirSync(outDir)).toEqual([]);
  });

  it('fails with one line and leaves neither FILE nor a temporary file when a photo cannot be read; a photo already gone is a warning', async () => {
    const env = scratchEnv();
    const db = openDatabase(`sqlite:${join(env.DATA_DIR!, 'stadtmelder.sqlite')}`);
    await prepareDatabase(db, new Date());
    const report = await db.selectFrom('reports').select('id').executeTakeFirstOrThrow();
    const gone = newPhotoFileName();
    await db.insertInto('photos').values({ report_id: report.id, file: gone, mime: 'image/jpeg', width: 1, height: 1, bytes: 1, published: 0, created_at: new Date().toISOString() }).execute();
    await db.destroy();
    const outDir = mkdtempSync(join(tmpdir(), 'stadtmelder-backup-'));

    // The file is missing (removed since, or lost): the backup is still written and says so.
    const warned = npmRun('backup', [join(outDir, 'b.tar.gz')], env);
    expect(warned.status).toBe(0);
    expect(warned.stderr).toBe(`Warning: photo ${gone} is named by the database but its file is missing; the backup has the row without the file.`);
    const unpacked = untar(join(outDir, 'b.tar.gz'), '-xzf');
    expect(JSON.parse(readFileSync(join(unpacked, 'backup-manifest.json'), 'utf8')).photos.missing).toEqual([gone]);
    expect(existsSync(join(unpacked, 'secret'))).toBe(false); // the server never started: no secret yet

    // A photo that cannot be read (here a directory under its name) stops the backup halfway.
    mkdirSync(join(env.DATA_DIR!, 'photos', gone), { recursive: true });
    const failed = npmRun('backup', [join(outDir, 'c.tar')], env);
    expect(failed.status).toBe(1);
    expect(failed.stderr).toMatch(/^Backup failed, nothing was written: cannot read photo .*: EISDIR/);
    expect(failed.stderr.split('\n')).toHaveLength(1);
    expect(readdirSync(outDir)).toEqual(['b.tar.gz']);
  });
});
