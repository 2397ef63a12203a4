// npm run stickers, as an administrator runs it, on a real database file.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/connection.ts';
import { findFormat } from '../../qr/formats.ts';
import { npmRun, scratchEnv } from '../cli/run.ts';
import { decodeLabels, pageCount } from './decode.ts';

const env = scratchEnv({ PUBLIC_BASE_URL: 'https://melder.mainz.de' });
const dataDir = env.DATA_DIR!;
const out = (name: string) => join(dataDir, name);

async function activeCodes(district?: string): Promise<string[]> {
  const db = openDatabase(`sqlite:${join(dataDir, 'stadtmelder.sqlite')}`);
  try {
    let q = db.selectFrom('bins').leftJoin('districts', 'districts.id', 'bins.district_id').select('bins.code').where('bins.active', '=', 1);
    if (district) q = q.where('districts.name', '=', district);
    return (await q.execute()).map((r) => r.code);
  } finally {
    await db.destroy();
  }
}

beforeAll(() => {
  const seeded = npmRun('seed', [], env);
  expect(seeded.status, seeded.stderr).toBe(0);
});

describe('npm run stickers', () => {
  it("writes a district's stickers as a PDF that scans, and says how many on how many pages", async () => {
    const file = out('altstadt.pdf');
    const result = npmRun('stickers', ['--format', '3475', '--district', 'altstadt', '--out', file], env);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout.trim()).toBe(`Wrote 20 stickers on 1 page (Avery Zweckform 3475) to ${file}.`);
    expect(readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
    expect(pageCount(file)).toBe(1);
    const decoded = decodeLabels(file, 1, findFormat('3475')!).flat();
    const expected = (await activeCodes('Altstadt')).map((c) => `HTTPS://MELDER.MAINZ.DE/B/${c}`);
    expect(new Set(decoded)).toEqual(new Set(expected));
    expect(decoded).toHaveLength(20);
  });

  it('prints chosen codes, typed in any case, and every active bin without a filter', async () => {
    const [a, b] = await activeCodes();
    const chosen = npmRun('stickers', ['--format', 'A4', '--codes', `${a!.toLowerCase()},${b}`, '--out', out('two.pdf')], env);
    expect(chosen.status, chosen.stderr).toBe(0);
    expect(chosen.stdout).toContain('Wrote 2 stickers on 2 pages (A4-Schild)');
    expect(decodeLabels(out('two.pdf'), 1, findFormat('A4')!)).toEqual([[`HTTPS://MELDER.MAINZ.DE/B/${a}`]]);
    const all = npmRun('stickers', ['--format', 'L4773', '--out', out('all.pdf')], env);
    expect(all.status, all.stderr).toBe(0);
    expect(all.stdout).toContain('Wrote 300 stickers on 13 pages');
    expect(pageCount(out('all.pdf'))).toBe(13);
  });

  it('refuses bad arguments with one line each and writes nothing', async () => {
    const [code] = await activeCodes();
    const cases: [string[], string[]][] = [
      [['--format', '9999', '--district', 'Nirgendwo', '--out', out('bad1.pdf')], ['There is no sticker format “9999”. Available: 3475, 3659, A4, L4773.', 'There is no district “Nirgendwo”.']],
      [['--format', '3659', '--codes', `ZZZZZZZ,${code}`, '--out', out('bad2.pdf')], ['There is no bin with the code “ZZZZZZZ”.']],
      [['--format', '3659', '--district', 'Altstadt', '--codes', code!, '--out', out('bad3.pdf')], ['Please choose either a district or single codes, not both.']],
      [['--district', 'Altstadt', '--out', out('bad4.pdf')], ['Please choose a sticker format: 3475, 3659, A4, L4773.']],
      [['--format', '3659'], ['--out FILE.pdf is missing: where should the PDF go?']],
      [['--format', '3659', '--out', join(dataDir, 'no', 'such', 'dir.pdf')], [`--out: the directory ${join(dataDir, 'no', 'such')} does not exist`]],
    ];
    for (const [args, lines] of cases) {
      const result = npmRun('stickers', args, env);
      expect(result.status, args.join(' ')).toBe(1);
      expect(result.stderr.split('\n'), args.join(' ')).toEqual(lines);
      expect(result.stdout).toBe('');
    }
    const unknownOption = npmRun('stickers', ['--format', '3659', '--colour', 'red', '--out', out('bad5.pdf')], env);
    expect(unknownOption.status).toBe(1);
    expect(unknownOption.stderr).toMatch(/Unknown option '--colour'[\s\S]*Usage: npm run stickers -- --format ID/);
    expect(readdirSync(dataDir).filter((f) => f.startsWith('bad'))).toEqual([]);
    expect(existsSync(join(dataDir, 'no'))).toBe(false);
  });
});
