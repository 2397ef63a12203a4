// A small POSIX ustar writer for `npm run backup`: regular files and directories, streamed to any
// writable stream with back-pressure, read back by GNU tar, bsdtar and busybox tar. No links, no
// extended (pax) headers: the backup's names are short ASCII names the program chooses itself.
// Why a tar of our own and not a package: see docs/decisions/025-backup.md.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { once } from 'node:events';
import type { Writable } from 'node:stream';

const BLOCK = 512;
/** The largest size 11 octal digits hold (8 GiB - 1); beyond it the size is written base-256 (GNU, read by all current tars). */
const MAX_OCTAL_SIZE = 0o77777777777;

export interface EntryOptions {
  /** Permission bits, e.g. 0o600. */
  mode: number;
  mtime: Date;
}

function writeString(header: Buffer, offset: number, length: number, value: string): void {
  if (!/^[\x20-\x7e]*$/.test(value)) throw new Error(`tar: only printable ASCII in names: ${JSON.stringify(value)}`);
  if (Buffer.byteLength(value) > length) throw new Error(`tar: ${JSON.stringify(value)} is longer than ${length} bytes`);
  header.write(value, offset, length, 'ascii');
}

function writeOctal(header: Buffer, offset: number, length: number, value: number): void {
  header.write(value.toString(8).padStart(length - 1, '0') + '\0', offset, length, 'ascii');
}

function writeSize(header: Buffer, size: number): void {
  if (size <= MAX_OCTAL_SIZE) return writeOctal(header, 124, 12, size);
  header[124] = 0x80;
  let rest = BigInt(size);
  for (let i = 135; i > 124; i--) {
    header[i] = Number(rest & 0xffn);
    rest >>= 8n;
  }
}

/** Names up to 100 bytes go in `name`; longer ones are split at a slash into `prefix` (155) and `name`. */
function splitName(path: string): { prefix: string; name: string } {
  if (Buffer.byteLength(path) <= 100) return { prefix: '', name: path };
  for (let i = path.indexOf('/'); i !== -1; i = path.indexOf('/', i + 1)) {
    const prefix = path.slice(0, i);
    const name = path.slice(i + 1);
    if (prefix.length <= 155 && name.length <= 100 && name.length > 0) return { prefix, name };
  }
  throw new Error(`tar: the name is too long for ustar: ${path}`);
}

export function tarHeader(path: string, size: number, type: 'file' | 'directory', options: EntryOptions): Buffer {
  const header = Buffer.alloc(BLOCK);
  const { prefix, name } = splitName(path);
  writeString(header, 0, 100, name);
  writeOctal(header, 100, 8, options.mode & 0o7777);
  // The owner of the process that wrote the backup (normally the service account): tar run as root
  // restores that ownership, run as the service account it owns the files anyway.
  writeOctal(header, 108, 8, process.getuid?.() ?? 0);
  writeOctal(header, 116, 8, process.getgid?.() ?? 0);
  writeSize(header, size);
  writeOctal(header, 136, 12, Math.max(0, Math.floor(options.mtime.getTime() / 1000)));
  header.write(type === 'file' ? '0' : '5', 156, 1, 'ascii');
  header.write('ustar\0', 257, 6, 'ascii');
  header.write('00', 263, 2, 'ascii');
  writeString(header, 345, 155, prefix);
  // The checksum is computed with its own field as eight spaces, then written as six octal digits, NUL, space.
  header.fill(0x20, 148, 156);
  let sum = 0;
  for (const byte of header) sum += byte;
  header.write(sum.toString(8).padStart(6, '0') + '\0 ', 148, 8, 'ascii');
  return header;
}

export class TarWriter {
  private failure: Error | null = null;

  constructor(private readonly out: Writable) {
    // Kept and thrown by the next write: an error event nobody listens to would end the process.
    out.on('error', (err) => (this.failure ??= err));
  }

  private async write(chunk: Buffer): Promise<void> {
    if (this.failure) throw this.failure;
    if (!this.out.write(chunk)) await once(this.out, 'drain');
    if (this.failure) throw this.failure;
  }

  private async pad(size: number): Promise<void> {
    const rest = size % BLOCK;
    if (rest) await this.write(Buffer.alloc(BLOCK - rest));
  }

  async addDirectory(path: string, options: EntryOptions): Promise<void> {
    await this.write(tarHeader(path.endsWith('/') ? path : `${path}/`, 0, 'directory', options));
  }

  async addBuffer(path: string, data: Buffer, options: EntryOptions): Promise<void> {
    await this.write(tarHeader(path, data.length, 'file', options));
    if (data.length) await this.write(data);
    await this.pad(data.length);
  }

  /**
   * Streams a file that nobody changes meanwhile (the caller's own snapshot); a file that turns out
   * shorter or longer than its size at the start fails, rather than leaving a broken archive.
   */
  async addFile(path: string, source: string, options: Omit<EntryOptions, 'mtime'> & { mtime?: Date }): Promise<void> {
    const info = await stat(source);
    await this.write(tarHeader(path, info.size, 'file', { mode: options.mode, mtime: options.mtime ?? info.mtime }));
    let written = 0;
    for await (const chunk of createReadStream(source, { highWaterMark: 1024 * 1024 })) {
      const buffer = chunk as Buffer;
      written += buffer.length;
      if (written > info.size) throw new Error(`tar: ${source} grew while it was being written`);
      await this.write(buffer);
    }
    if (written !== info.size) throw new Error(`tar: ${source} shrank while it was being written`);
    await this.pad(info.size);
  }

  /** The end-of-archive marker (two zero blocks), then ends the stream and waits until it is flushed. */
  async finish(): Promise<void> {
    await this.write(Buffer.alloc(2 * BLOCK));
    await new Promise<void>((resolve, reject) => {
      this.out.once('error', reject);
      this.out.end(() => (this.failure ? reject(this.failure) : resolve()));
    });
  }
}
