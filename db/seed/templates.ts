// Demo answer templates: what a Mainz department typically writes back. German only, like the
// department's own answers; `{category}` would be a temptation, so the texts stand on their own.
import type { Db } from '../connection.ts';

interface TemplateSeed {
  /** Category slug, or null for every category. */
  category: string | null;
  state: string | null;
  title: string;
  body: string;
}

export const demoTemplates: readonly TemplateSeed[] = [
  { category: null, state: null, title: 'Eingangsbestätigung', body: 'Vielen Dank für Ihre Meldung. Wir haben sie an die zuständige Stelle gegeben und kümmern uns darum.' },
  { category: null, state: 'in_progress', title: 'In Bearbeitung', body: 'Die Arbeiten sind beauftragt. Wir melden uns, sobald der Mangel behoben ist.' },
  { category: null, state: 'done', title: 'Erledigt', body: 'Der gemeldete Mangel ist behoben. Vielen Dank für Ihren Hinweis!' },
  { category: null, state: 'not_responsible', title: 'Nicht zuständig', body: 'Für diesen Ort ist die Stadt Mainz nicht zuständig (zum Beispiel Privatgrund oder Bundesstraße). Wir haben die zuständige Stelle informiert.' },
  { category: null, state: 'duplicate', title: 'Bereits gemeldet', body: 'Dieser Mangel wurde bereits gemeldet und wird unter der früheren Meldung bearbeitet.' },
  { category: null, state: 'no_action', title: 'Keine Maßnahme möglich', body: 'Wir haben uns die Stelle angesehen. Eine Maßnahme ist derzeit nicht möglich oder nicht nötig.' },
  { category: 'strassenschaden', state: 'in_progress', title: 'Schlagloch: Reparatur beauftragt', body: 'Die Stelle ist gesichert und die Reparatur beauftragt. Bei Frost kann es einige Tage dauern.' },
  { category: 'strassenschaden', state: 'done', title: 'Schlagloch: geflickt', body: 'Das Schlagloch wurde ausgebessert. Vielen Dank für Ihren Hinweis!' },
  { category: 'strassenbeleuchtung', state: 'done', title: 'Laterne: repariert', body: 'Die Straßenlaterne leuchtet wieder. Vielen Dank für Ihren Hinweis!' },
  { category: 'illegale-ablagerung', state: 'done', title: 'Ablagerung: entsorgt', body: 'Der abgelagerte Müll wurde abgeholt. Wir prüfen, ob sich ein Verursacher ermitteln lässt.' },
];

/** Replaces the demo templates; called by the demo seed after the categories exist. */
export async function seedResponseTemplates(db: Db, now: string): Promise<number> {
  await db.deleteFrom('response_templates').execute();
  const categories = new Map((await db.selectFrom('categories').select(['id', 'slug']).execute()).map((c) => [c.slug, c.id]));
  const rows = demoTemplates.map((t) => ({
    category_id: t.category ? categories.get(t.category) ?? null : null,
    state: t.state,
    title: t.title,
    body: t.body,
    active: 1,
    created_at: now,
  }));
  await db.insertInto('response_templates').values(rows).execute();
  return rows.length;
}
