// Issue 11, point 2: a report placed only at its district's centre (no address found) is marked so,
// never offered as "Schon gemeldet?" and never shown as "0 m" from anything. This file runs on main too
// (the choice fields are ignored there, and both reports land at the Altstadt's centre): there the
// second report was offered the first one "0 m entfernt".
import { describe, expect, it } from 'vitest';
import { createTestApp } from '../helpers.ts';
import { postReportForm } from '../report/helpers.ts';

describe('a report placed only at its district', () => {
  it('is not offered to the next report in that district, and the next one is filed', async () => {
    const { app, ctx } = await createTestApp();
    const altstadt = await ctx.db.selectFrom('districts').select('id').where('name', '=', 'Altstadt').executeTakeFirstOrThrow();
    const unknown = (strasse: string) => ({ strasse, ortsbezirk: String(altstadt.id), adresse: 'ortsbezirk', gefragt: strasse, beschreibung: 'Laterne dunkel' });
    const first = await postReportForm(app, ctx, 'strassenbeleuchtung', { fields: unknown('Am Nirgendwo 99') });
    expect(first.status).toBe(303);
    const second = await postReportForm(app, ctx, 'strassenbeleuchtung', { fields: unknown('Im Nichts 12') });
    const html = await second.text();
    expect(html).not.toContain('Schon gemeldet?');
    expect(html).not.toMatch(/\b0 m entfernt/);
    expect(second.status).toBe(303);
  });
});
