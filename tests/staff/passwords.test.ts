import { describe, expect, it } from 'vitest';
import { checkPasswordPolicy, hashPassword, isCommonPassword, PASSWORD_MAX, verifyPassword } from '../../server/staff/passwords.ts';

describe('password hashing (scrypt)', () => {
  it('records the parameters and a random salt, and verifies only the right password', async () => {
    const a = await hashPassword('Rheinufer am Fischtor');
    const b = await hashPassword('Rheinufer am Fischtor');
    expect(a).toMatch(/^scrypt\$N=32768,r=8,p=1\$[\w-]{22}\$[\w-]{43}$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('Rheinufer am Fischtor', a)).toBe(true);
    expect(await verifyPassword('Rheinufer am Fischtor ', a)).toBe(false);
    expect(await verifyPassword('rheinufer am fischtor', a)).toBe(false);
  });

  it('never matches a password with a NUL: scrypt pads its key with zero bytes, so "x" and "x\\0" would hash alike', async () => {
    const a = await hashPassword('Rheinufer am Fischtor');
    expect(await verifyPassword('Rheinufer am Fischtor\u0000', a)).toBe(false);
    expect(await verifyPassword('Rheinufer am Fischtor\u0000\u0000', a)).toBe(false);
  });

  it('verifies hashes made with other parameters and never matches a malformed hash', async () => {
    const cheap = await hashPassword('Gonsenheimer Wald', { N: 1024, r: 8, p: 1 });
    expect(cheap).toContain('$N=1024,r=8,p=1$');
    expect(await verifyPassword('Gonsenheimer Wald', cheap)).toBe(true);
    expect(await verifyPassword('Gonsenheimer Wald', 'plain text')).toBe(false);
    expect(await verifyPassword('', '')).toBe(false);
  });
});

describe('password policy', () => {
  const ok = (pw: string, login = 'mmuster') => checkPasswordPolicy(pw, login);

  it('wants at least 12 characters (counted as characters, not bytes) and allows long passphrases', () => {
    expect(ok('kurz')?.key).toBe('staff.password.tooShort');
    expect(ok('abcdefgh1x2')?.key).toBe('staff.password.tooShort');
    expect(ok('äöüäöüäöüäö')?.key).toBe('staff.password.tooShort'); // 11 characters, 22 bytes
    expect(ok('Laterne am Dom')).toBeNull();
    expect(ok('Mainz am Rhein, '.repeat(8))).toBeNull(); // 128 characters
    expect(ok('Wir treffen uns um acht am Fastnachtsbrunnen '.repeat(5).slice(0, PASSWORD_MAX))).toBeNull();
    expect(ok('a1'.repeat(PASSWORD_MAX))?.key).toBe('staff.password.tooLong');
  });

  it('has no composition rules: lower-case words only are fine', () => {
    expect(ok('gruene laterne schief')).toBeNull();
  });

  it('refuses common passwords and their obvious variants, ignoring case', () => {
    for (const pw of ['123456789012', 'Passwort1234', 'PASSWORD12345', 'qwertzuiop123', 'Mainz05Mainz05', 'willkommen2024', 'P@ssw0rd1234!', 'Sonnenschein1!', 'aaaaaaaaaaaaa']) {
      expect(ok(pw)?.key, pw).toBe('staff.password.common');
    }
    expect(isCommonPassword('iloveyou')).toBe(true);
    expect(isCommonPassword('Stellwerk Bretzenheim')).toBe(false);
  });

  it('refuses the login itself as password', () => {
    expect(checkPasswordPolicy('maximiliane.mustermann', 'Maximiliane.Mustermann')?.key).toBe('staff.password.sameAsLogin');
    expect(checkPasswordPolicy('maximiliane.mustermann2026', 'maximiliane.mustermann')?.key).toBe('staff.password.sameAsLogin');
  });

  it('refuses a password within two edits of the login, ignoring case: a character or two added, removed or changed', () => {
    const login = 'petra.pflaster';
    for (const pw of ['petra.pflaster!', 'Xpetra.pflaster', 'petra.pflasteR', 'petra-pflaster', 'petra.pflaste', 'etra.pflaster', 'petra.pflaster!!', '!petra.pflaster!', 'petr.pflastr', 'PETRA.PFLASTER.x']) {
      expect(checkPasswordPolicy(pw, login)?.key, pw).toBe('staff.password.sameAsLogin');
    }
    // Three edits away, or the login as a small part of a longer phrase, is a different password.
    expect(checkPasswordPolicy('petra.pflaster.abc', login)).toBeNull();
    expect(checkPasswordPolicy('petra pflastert die Augustinerstraße', login)).toBeNull();
  });

  it('refuses NUL and other control characters, with their own message', () => {
    for (const pw of ['Laterne am Dom\u0000', 'Laterne\u0000am Dom', 'Laterne\tam Dom', 'Laterne am Dom\u007f', 'Laterne am Dom\u0085', 'Laterne\nam Dom']) {
      expect(ok(pw)?.key, JSON.stringify(pw)).toBe('staff.password.controlCharacter');
    }
    expect(ok('Laterne am Dom – äöü ß € 😀')).toBeNull();
  });
});
