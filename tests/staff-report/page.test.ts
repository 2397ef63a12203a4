// The staff report page shows everything staff may see: reporter addresses (confirmed or not),
// priority, assignee, due time with "overdue" said in words, the whole history with labels instead
// of codes and colleagues' names instead of ids; German by default, English with ?lang=en.
import { describe, expect, it } from 'vitest';
import { EVENT_TYPES } from '../../domain/report-events.ts';
import { de } from '../../server/i18n/de.ts';
import { en } from '../../server/i18n/en.ts';
import { createReport, createTestApp } from '../helpers.ts';
import { addStaff, asStaff } from '../staff-helpers.ts';
import { addSubscriber, postForm, textOf } from './helpers.ts';

describe('the staff report page', () => {
  it('shows addresses, priority, assignee, overdue due time and a labelled history with names', async () => {
    const { app, ctx } = await createTestApp();
    const tim = await asStaff(app, ctx, { role: 'staff', departments: ['tiefbau'], login: 'tim', name: 'Tim Tiefbau' });
    const tina = await addStaff(ctx, { role: 'staff', departments: ['tiefbau'], login: 'tina', name: 'Tina Teer' });
    const report = await createReport(ctx);
    await addSubscriber(ctx, report.id, 'anna@example.org');
    await addSubscriber(ctx, report.id, 'ben@example.org', { confirmed: false });
    const path = `/intern/meldungen/${report.id}`;
    await postForm(tim, `${path}/gesehen`);
    await postForm(tim, `${path}/prioritaet`, { prioritaet: '1' });
    await postForm(tim, `${path}/zuweisen`, { bearbeitung: String(tina.id) });
    await postForm(tim, `${path}/notiz`, { text: 'Vor Ort prüfen.' });

    let page = textOf(await (await tim.request(path)).text());
    expect(page).toContain('anna@example.org (bestätigt)');
    expect(page).toContain('ben@example.org (nicht bestätigt)');
    expect(page).toContain('Priorität Hoch');
    expect(page).toContain('Bearbeitung Tina Teer');
    expect(page).toContain('Fällig 26.11.2026, 11:00'); // 120 h after 21.11. 10:00 UTC, in Mainz time
    expect(page).not.toContain('überfällig');
    expect(page).toContain('Eingegangen Neu Öffentlichkeit');
    expect(page).toContain('Status geändert Neu → Gesehen Tim Tiefbau');
    expect(page).toContain('Interne Notiz Tim Tiefbau Vor Ort prüfen. intern');
    // Raw event codes never reach the page.
    for (const code of ['state_changed', 'priority_changed', 'assigned', 'note']) expect(page).not.toMatch(new RegExp(`\\b${code}\\b`));

    ctx.clock.advance(6 * 86_400_000);
    const late = await asStaff(app, ctx, { role: 'staff', departments: ['tiefbau'], login: 'tom', name: 'Tom' });
    page = textOf(await (await late.request(path)).text());
    expect(page).toContain('überfällig (fällig');

    const english = textOf(await (await late.request(`${path}?lang=en`)).text());
    expect(english).toContain('Priority High');
    expect(english).toContain('State changed New → Seen Tim Tiefbau');
    expect(english).toContain('overdue (due');
  });

  it('shows the status message of the last action only for known flags', async () => {
    const { app, ctx } = await createTestApp();
    const tim = await asStaff(app, ctx, { role: 'staff', departments: ['tiefbau'], login: 'tim' });
    const report = await createReport(ctx);
    const flash = await (await tim.request(`/intern/meldungen/${report.id}?erledigt=notiz`)).text();
    expect(flash).toContain('<p class="flash" role="status">Die Notiz ist gespeichert.</p>');
    const unknown = await (await tim.request(`/intern/meldungen/${report.id}?erledigt=<script>`)).text();
    expect(unknown).not.toContain('class="flash"');
    // Names every object has (found by the fuzz suite: toString was a 500).
    for (const name of ['toString', 'constructor', '__proto__', 'hasOwnProperty']) {
      const res = await tim.request(`/intern/meldungen/${report.id}?erledigt=${name}`);
      expect(res.status, name).toBe(200);
      expect(await res.text(), name).not.toContain('class="flash"');
    }
  });

  it('has a German and an English label for every event type', () => {
    for (const key of Object.values(EVENT_TYPES)) {
      expect(de[key], key).toBeTruthy();
      expect(en[key], key).toBeTruthy();
      expect(en[key]).not.toBe(key);
    }
  });
});
