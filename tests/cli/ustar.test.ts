// The backup's tar writer, read back by the system's tar: names, sizes at and around the 512-byte
// blocks, long names through the ustar prefix, directories, and the header of a file over 8 GiB.
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TarWriter, tarHeader } from '../../db/cli/ustar.ts';

const when = new Date('2026-03-01T12:00:00Z');

describe('TarWriter', () => {
  it('writes an archive that tar lists and unpacks byte for byte', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stadtmelder-tar-'));
    const files: Record<string, Buffer> = {
      empty: Buffer.alloc(0),
      'exactly-one-block': Buffer.alloc(512, 7),
      'photos/odd.jpg': Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 251)),
      [`photos/${'n'.repeat(60)}/${'m'.repeat(70)}.jpg`]: Buffer.from('a name longer than 100 bytes goes through the prefix field'),
    };
    const streamed = join(dir, 'source.bin');
    writeFileSync(streamed, Buffer.alloc(3 * 1024 * 1024 + 5, 0xab));

    const archive = join(dir, 'a.tar');
    const tar = new TarWriter(createWriteStream(archive));
    await tar.addDirectory('photos', { mode: 0o750, mtime: when });
    for (const [name, data] of Object.entries(files)) await tar.addBuffer(name, data, { mode: 0o640, mtime: when });
    await tar.addFile('big.bin', streamed, { mode: 0o600 });
    await tar.finish();

    const listed = spawnSync('tar', ['-tvf', archive], { encoding: 'utf8' });
    expect(listed.stderr).toBe('');
    expect(listed.stdout).toMatch(/^drwxr-x--- .* photos\/$/m);
    expect(listed.stdout).toMatch(/^-rw------- .* 3145733 .* big\.bin$/m);
    expect(listed.stdout).toContain('2026-03-01');

    const out = mkdtempSync(join(tmpdir(), 'stadtmelder-untar-'));
    const unpacked = spawnSync('tar', ['-xf', archive, '-C', out], { encoding: 'utf8' });
    expect(unpacked.stderr).toBe('');
    expect(unpacked.status).toBe(0);
    for (const [name, data] of Object.entries(files)) expect(readFileSync(join(out, name)).equals(data)).toBe(true);
    expect(readFileSync(join(out, 'big.bin')).equals(readFileSync(streamed))).toBe(true);
    expect(readFileSync(archive).length % 512).toBe(0);
  });

  it('writes sizes over 8 GiB in base-256 and keeps the header checksum right', () => {
    const size = 9 * 1024 ** 3 + 3;
    const header = tarHeader('huge.sqlite', size, 'file', { mode: 0o600, mtime: when });
    expect(header[124]).toBe(0x80);
    expect(Number(header.subarray(125, 136).reduce((n, byte) => n * 256n + BigInt(byte), 0n))).toBe(size);
    const stored = parseInt(header.toString('ascii', 148, 154), 8);
    const copy = Buffer.from(header);
    copy.fill(0x20, 148, 156);
    expect(stored).toBe(copy.reduce((sum, byte) => sum + byte, 0));
  });

  it('refuses a name it cannot store rather than writing a wrong one', () => {
    expect(() => tarHeader(`${'x'.repeat(101)}`, 0, 'file', { mode: 0o600, mtime: when })).toThrow(/too long/);
    expect(() => tarHeader('fotos/straße.jpg', 0, 'file', { mode: 0o600, mtime: when })).toThrow(/ASCII/);
  });
});
