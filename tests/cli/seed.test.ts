// npm run seed on a database that has been used: staff accounts with departments, sessions, API keys,
// photos on disk, subscriptions, bin history. "Everything is replaced" must hold without a foreign-key
// failure and without leaving photo files of the replaced reports behind.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/connection.ts';
import { createStaff } from '../../db/staff.ts';
import { newPhotoFileName } from '../../server/photos.ts';
import { npmRun, scratchEnv } from './run.ts';

const env = scratchEnv();
const dbUrl = `sqlite:${join(env.DATA_DIR!, 'stadtmelder.sqlite')}`;
const photoDir = join(env.DATA_DIR!, 'photos');
const NOW = '2026-11-20T10:00:00.000Z';

async function count(table: 'staff' | 'staff_departments' | 'staff_sessions' | 'api_keys' | 'photos' | 'subscriptions' | 'bin_events' | 'reports') {
  const db = openDatabase(dbUrl);
  try {
    return Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  } finally {
    await db.destroy();
  }
}

/** Uses the seeded database the way a city would for a while: one row in every table that hangs off the demo data. */
async function useTheDatabase(): Promise<string[]> {
  const db = openDatabase(dbUrl);
  try {
    const department = await db.selectFrom('departments').select('id').where('slug', '=', 'tiefbau').executeTakeFirstOrThrow();
    const staff = await createStaff(db, { login: 'tina', displayName: 'Tina', passwordHash: 'not-a-real-hash', role: 'staff', departmentIds: [department.id], now: NOW });
    await db.insertInto('staff_sessions').values({ token_hash: 'h1', staff_id: staff.id, created_at: NOW, last_seen_at: NOW, ended_at: null }).execute();
    await db.insertInto('api_keys').values({ name: 'Integrator', key_hash: 'k1', prefix: 'sm_1', created_by: staff.id, created_at: NOW, last_used_at: null, revoked_at: null }).execute();
    const report = await db.selectFrom('reports').select('id').orderBy('id').executeTakeFirstOrThrow();
    await db.updateTable('reports').set({ assigned_staff_id: staff.id }).where('id', '=', report.id).execute();
    await db.insertInto('subscriptions').values({ report_id: report.id, email: 'melder@example.org', token_hash: 't1', confirmed_at: NOW, created_at: NOW, removed_at: null }).execute();
    const files = [newPhotoFileName(), newPhotoFileName()];
    mkdirSync(photoDir, { recursive: true });
    for (const file of files) writeFileSync(join(photoDir, file), 'jpeg bytes');
    await db
      .insertInto('photos')
      .values({ report_id: report.id, file: files[0]!, redacted_file: files[1]!, mime: 'image/jpeg', width: 10, height: 10, bytes: 10, published: 1, created_at: NOW, removed_at: null })
      .execute();
    const bin = await db.selectFrom('bins').select('id').orderBy('id').executeTakeFirstOrThrow();
    await db.insertInto('bin_events').values({ bin_id: bin.id, type: 'emptied', body: null, actor: `staff:${staff.id}`, created_at: NOW }).execute();
    return files;
  } finally {
    await db.destroy();
  }
}

beforeAll(() => {
  const seeded = npmRun('seed', [], env);
  expect(seeded.status, seeded.stderr).toBe(0);
});

describe('npm run seed on a used database', () => {
  it('replaces everything, removes the staff accounts and the photo files of the old reports, and says so', async () => {
    const files = await useTheDatabase();
    const again = npmRun('seed', [], env);
    expect(again.stderr).toBe('');
    expect(again.status).toBe(0);
    expect(again.stdout.trim().split('\n')).toEqual([
      expect.stringMatching(/^Reset .* to the Mainz demo data: 300 bins, 12 reports\.$/),
      expect.stringMatching(/^Added \d+ made-up demo addresses for the demo streets; replace them with the city's: npm run import -- addresses FILE$/),
      'Removed 1 staff account(s) with the old departments; create an administrator again with: npm run staff -- create-admin LOGIN',
      'Deleted 2 photo file(s) of the replaced reports.',
    ]);
    for (const table of ['staff', 'staff_departments', 'staff_sessions', 'api_keys', 'photos', 'subscriptions', 'bin_events'] as const) expect(await count(table), table).toBe(0);
    expect(await count('reports')).toBe(12);
    for (const file of files) expect(existsSync(join(photoDir, file)), file).toBe(false);
  });
});
