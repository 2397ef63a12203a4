// Departments: create, edit, and the refusals at the field with the input kept.
import { describe, expect, it } from 'vitest';
import { adminApp, flashOf, textOf } from './helpers.ts';

const good = { name: 'Bauaufsicht', slug: 'bauaufsicht', email: 'bauaufsicht@stadt.example', notifyMode: 'digest' };

describe('departments', () => {
  it('lists the departments with the central one marked', async () => {
    const { admin } = await adminApp();
    const text = await textOf(await admin.request('/intern/verwaltung/aemter'));
    expect(text).toContain('Zentrale Meldestelle Zentrale');
    expect(text).toContain('Tiefbauamt tiefbau tiefbau@stadt.example sofort bei jeder neuen Meldung');
  });

  it('creates a department and redirects with a message', async () => {
    const { admin, ctx } = await adminApp();
    const res = await admin.post('/intern/verwaltung/aemter', good);
    expect(res.status).toBe(303);
    expect(res.headers.get('Location')).toBe('/intern/verwaltung/aemter?ok=created');
    const row = await ctx.db.selectFrom('departments').selectAll().where('slug', '=', 'bauaufsicht').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ name: 'Bauaufsicht', email: 'bauaufsicht@stadt.example', notify_mode: 'digest', is_central: 0 });
    const list = await textOf(await admin.request(res.headers.get('Location')!));
    expect(list).toContain('Angelegt.');
    expect(list).toContain('Bauaufsicht');
  });

  it('refuses bad input with 422 at each field, keeps the input and writes nothing', async () => {
    const { admin, ctx } = await adminApp();
    const count = async () => (await ctx.db.selectFrom('departments').select('id').execute()).length;
    const before = await count();
    const cases: Array<[Record<string, string>, string, string]> = [
      [{ ...good, name: '' }, 'name', 'Bitte geben Sie den Namen des Amts ein.'],
      [{ ...good, slug: 'Bau Aufsicht' }, 'slug', 'Das Kürzel darf nur Kleinbuchstaben'],
      [{ ...good, slug: 'tiefbau' }, 'slug', 'Dieses Kürzel hat schon ein anderes Amt.'],
      [{ ...good, email: 'kein-at-zeichen' }, 'email', 'Das ist keine gültige E-Mail-Adresse.'],
      [{ ...good, email: '', notifyMode: 'immediate' }, 'email', 'braucht das Amt eine E-Mail-Adresse'],
      [{ ...good, notifyMode: 'sometimes' }, 'notifyMode', 'Bitte wählen Sie eine Art der Benachrichtigung.'],
    ];
    for (const [fields, field, message] of cases) {
      const res = await admin.post('/intern/verwaltung/aemter', fields);
      expect([field, res.status]).toEqual([field, 422]);
      const html = await res.text();
      expect(html).toContain(message);
      // The message sits at its field, which points to it, and the summary links there.
      expect(html).toContain(`id="${field}-error"`);
      expect(html).toMatch(new RegExp(`id="${field}"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="${field}"`));
      expect(html).toContain(`href="#${field}"`);
      // What was typed stays.
      if (fields['name']) expect(html).toContain(`value="${fields['name']}"`);
    }
    expect(await count()).toBe(before);
  });

  it('edits a department; the central one keeps its role; a slug may stay the same', async () => {
    const { admin, ctx } = await adminApp();
    const tiefbau = await ctx.db.selectFrom('departments').selectAll().where('slug', '=', 'tiefbau').executeTakeFirstOrThrow();
    const form = await textOf(await admin.request(`/intern/verwaltung/aemter/${tiefbau.id}`));
    expect(form).toContain('Amt bearbeiten: Tiefbauamt');
    const res = await admin.post(`/intern/verwaltung/aemter/${tiefbau.id}`, { name: 'Tiefbauamt Mainz', slug: 'tiefbau', email: '', notifyMode: 'off' });
    expect(res.status).toBe(303);
    expect(flashOf(res)).toBe('saved');
    expect(await ctx.db.selectFrom('departments').selectAll().where('id', '=', tiefbau.id).executeTakeFirstOrThrow()).toMatchObject({ name: 'Tiefbauamt Mainz', email: null, notify_mode: 'off' });

    const central = await ctx.db.selectFrom('departments').selectAll().where('is_central', '=', 1).executeTakeFirstOrThrow();
    expect(await textOf(await admin.request(`/intern/verwaltung/aemter/${central.id}`))).toContain('Dies ist die zentrale Meldestelle');
    const taken = await admin.post(`/intern/verwaltung/aemter/${central.id}`, { name: 'Zentrale', slug: 'tiefbau', email: '', notifyMode: 'off' });
    expect(taken.status).toBe(422);
    expect((await ctx.db.selectFrom('departments').select('slug').where('id', '=', central.id).executeTakeFirstOrThrow()).slug).toBe('zentrale');
  });

  it('keeps ?lang=en through the redirect', async () => {
    const { admin } = await adminApp();
    const res = await admin.post('/intern/verwaltung/aemter?lang=en', good);
    expect(res.headers.get('Location')).toBe('/intern/verwaltung/aemter?ok=created&lang=en');
    expect(await textOf(await admin.request(res.headers.get('Location')!))).toContain('Created.');
  });
});
