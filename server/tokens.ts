// Private links (a report's status link): random, at least 128 bits, and stored only as a hash so
// that a copy of the database does not open anyone's link.
import { createHash, randomBytes } from 'node:crypto';

export function newToken(): string {
  return randomBytes(18).toString('base64url'); // 144 bits
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}
