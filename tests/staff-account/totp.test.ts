// TOTP against the published test vectors (RFC 4226 appendix D, RFC 6238 appendix B), the ±1 step
// window and the refusal of a step already used.
import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode, groupSecret, hotp, matchTotp, newTotpSecret, normalizeCode, otpauthUri, totpCode, totpStep } from '../../server/staff/totp.ts';

const RFC_KEY = Buffer.from('12345678901234567890', 'ascii');

describe('HOTP and TOTP', () => {
  it('matches the RFC 4226 HOTP values for counters 0 to 9', () => {
    const expected = ['755224', '287082', '359152', '969429', '338314', '254676', '287922', '162583', '399871', '520489'];
    expect(expected.map((_, counter) => hotp(RFC_KEY, counter))).toEqual(expected);
  });

  it('matches the RFC 6238 SHA-1 vectors (8 digits, 30-second steps)', () => {
    const vectors: [number, string][] = [
      [59, '94287082'],
      [1111111109, '07081804'],
      [1111111111, '14050471'],
      [1234567890, '89005924'],
      [2000000000, '69279037'],
      [20000000000, '65353130'],
    ];
    for (const [seconds, code] of vectors) expect(hotp(RFC_KEY, totpStep(new Date(seconds * 1000)), 8), String(seconds)).toBe(code);
  });

  it('round-trips base32 (RFC 4648 vectors) and accepts lower case, spaces and padding', () => {
    expect(base32Encode(Buffer.from('foobar'))).toBe('MZXW6YTBOI');
    expect(base32Encode(Buffer.from('fo'))).toBe('MZXQ');
    expect(base32Decode('mzxw 6ytb oi======').toString()).toBe('foobar');
    expect(base32Encode(RFC_KEY)).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
    expect(() => base32Decode('MZXW1')).toThrow();
    const secret = newTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(base32Decode(secret)).toHaveLength(20);
    expect(groupSecret('ABCDEFGHIJ')).toBe('ABCD EFGH IJ');
  });
});

describe('matchTotp', () => {
  const secret = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
  const now = new Date('2026-11-21T10:00:10Z');
  const step = totpStep(now);

  it('accepts the current code and the codes one step before and after, not two', () => {
    expect(matchTotp(secret, totpCode(secret, step), now)).toBe(step);
    expect(matchTotp(secret, totpCode(secret, step - 1), now)).toBe(step - 1);
    expect(matchTotp(secret, totpCode(secret, step + 1), now)).toBe(step + 1);
    expect(matchTotp(secret, totpCode(secret, step - 2), now)).toBeNull();
    expect(matchTotp(secret, totpCode(secret, step + 2), now)).toBeNull();
  });

  it('takes what people type ("123 456", "123-456") but nothing that is not six digits', () => {
    const code = totpCode(secret, step);
    expect(matchTotp(secret, `${code.slice(0, 3)} ${code.slice(3)}`, now)).toBe(step);
    expect(matchTotp(secret, `${code.slice(0, 3)}-${code.slice(3)}`, now)).toBe(step);
    expect(normalizeCode('12345')).toBeNull();
    expect(normalizeCode('1234567')).toBeNull();
    expect(normalizeCode('12345a')).toBeNull();
    expect(normalizeCode(undefined)).toBeNull();
  });

  it('refuses a step at or before the last accepted one (replay), but a later one still works', () => {
    expect(matchTotp(secret, totpCode(secret, step), now, step)).toBeNull();
    expect(matchTotp(secret, totpCode(secret, step - 1), now, step)).toBeNull();
    expect(matchTotp(secret, totpCode(secret, step + 1), now, step)).toBe(step + 1);
  });

  it('builds the otpauth URI the authenticator apps read', () => {
    expect(otpauthUri('mmuster', secret)).toBe(
      `otpauth://totp/Stadtmelder%20Mainz:mmuster?secret=${secret}&issuer=Stadtmelder%20Mainz&algorithm=SHA1&digits=6&period=30`,
    );
  });
});
