// Every route the app registers, with what a request to it may carry: the values of its path
// parameters, its query parameters and its form fields, each with a few plausible values taken from
// the fixture (so that fuzzed requests also get past validation and write). tests/fuzz/catalogue.test.ts
// compares this list with app.routes: a new route without an entry here fails the suite.
import { TEST_PASSWORD } from '../staff-helpers.ts';
import type { Fixture } from './fixture.ts';

type Values = (f: Fixture) => readonly string[];

export interface RouteSpec {
  method: 'GET' | 'POST';
  /** The path exactly as Hono registered it (app.routes), parameters and their patterns included. */
  route: string;
  /** Needs the admin's session (and, for POST, its form token). */
  staff?: boolean;
  /** Sent with a session waiting for its second factor instead of the admin's. */
  pending?: boolean;
  /** Plausible values per path parameter; the fuzzer adds hostile ones. */
  params?: Record<string, Values>;
  query?: Record<string, Values>;
  fields?: Record<string, Values>;
  /** The time-stamped token the form carries (report form: `t`, login: `token`); the sender adds it. */
  timeToken?: 'report' | 'login';
  /** File fields (multipart only). */
  files?: readonly string[];
  /**
   * Takes long per request (a PDF of stickers, a districts import): fuzzed with fewer runs. The
   * number scales FUZZ_RUNS.
   */
  scale?: number;
}

const of = (...values: string[]): Values => () => values;
const ids = (pick: (f: Fixture) => number | number[]): Values => (f) => [...[pick(f)].flat().map(String), '999999', '0', '00001'];
const lang = of('de', 'en', 'fr', '');

// Path prefixes as the route modules register them.
const REPORT = '/intern/meldungen/:id{[0-9]{1,12}}';
const PHOTO = `${REPORT}/fotos/:photoId{[0-9]{1,12}}`;
const ADMIN = '/intern/verwaltung';

const reportId = { id: ids((f) => [f.openReport, f.closedReport, f.binTask]) };
const photoIds = { ...reportId, photoId: ids((f) => f.photoId) };
const binCode: Values = (f) => [f.binCode, f.binCode.toLowerCase(), 'K7M4QX2', 'ABCDEFG', 'I0O1', f.binCode + 'X'];
const binId = { id: ids((f) => f.binId) };
const textValues = of('Der Gully ist verstopft.', 'Bitte prüfen.', '');
const departmentIds: Values = (f) => [String(f.departmentId), String(f.otherDepartmentId), '999'];
const queueQuery = {
  status: of('new', 'acknowledged', 'done', 'rejected'),
  kategorie: of('strassenschaden', 'papierkorb-voll'),
  ortsbezirk: of('Altstadt', 'Neustadt'),
  quelle: of('qr', 'web'),
  alter: of('1', '7', '30'),
  ueberfaellig: of('1'),
  fachamt: of('tiefbau', 'gruen'),
  mir: of('1', ''),
  prioritaet: of('normal', 'hoch', 'dringend'),
  sortierung: of('faellig', 'neueste', 'unterstuetzt'),
  seite: of('1', '2', '1000000'),
};

export const CATALOGUE: readonly RouteSpec[] = [
  // Operations and open data.
  { method: 'GET', route: '/healthz' },
  { method: 'GET', route: '/sw.js' },
  { method: 'GET', route: '/open-data/bins.geojson' },
  { method: 'GET', route: '/open-data/reports.geojson', query: { lang } },
  { method: 'GET', route: '/open-data/reports.csv', query: { lang } },
  { method: 'GET', route: '/fotos/:file', params: { file: (f) => [f.photoFile, 'AAAAAAAAAAAAAAAAAAAAAA.jpg', f.photoFile.replace('.jpg', '.png')] } },

  // Citizens' pages.
  { method: 'GET', route: '/' },
  { method: 'GET', route: '/ortsbezirke' },
  { method: 'GET', route: '/datenschutz' },
  { method: 'GET', route: '/barrierefreiheit' },
  { method: 'GET', route: '/impressum' },
  { method: 'GET', route: '/leichte-sprache' },
  { method: 'GET', route: '/verlinken', query: { lang } },
  { method: 'GET', route: '/verlinken/plakat.pdf', query: { lang } },
  { method: 'GET', route: '/manifest.webmanifest', query: { lang } },
  { method: 'GET', route: '/icon-192.png' },
  { method: 'GET', route: '/icon-512.png' },
  { method: 'GET', route: '/static/leaflet/leaflet.js' },
  { method: 'GET', route: '/static/leaflet/leaflet.css' },
  { method: 'GET', route: '/static/leaflet/images/:file{[a-z0-9-]+\\.png}', params: { file: of('marker-icon.png', 'layers.png', 'nichtda.png') } },
  { method: 'GET', route: '/karte', query: { category: of('strassenschaden', 'gully'), state: of('open', 'closed'), district: of('Altstadt', 'Neustadt'), report: (f) => [String(f.openReport), '0', 'x'] } },
  { method: 'GET', route: '/karte/liste', query: { category: of('strassenschaden'), state: of('open', 'closed'), district: of('Altstadt'), seite: of('1', '2', '0', '999999') } },
  {
    method: 'GET',
    route: '/karte.geojson',
    query: { bbox: of('8.2,49.9,8.4,50.1', '-180,-90,180,90', '8.4,49.9,8.2,50.1'), category: of('strassenschaden'), state: of('open'), district: of('Altstadt') },
  },

  // Müllmelder.
  { method: 'GET', route: '/B/:code', params: { code: binCode } },
  { method: 'GET', route: '/b/:code', params: { code: binCode } },
  { method: 'POST', route: '/B/:code', params: { code: binCode }, fields: { reason: of('full', 'damaged', 'dirty', 'dogbags', 'other'), text: textValues, website: of('', 'http://spam.example') } },
  { method: 'POST', route: '/b/:code', params: { code: binCode }, fields: { reason: of('full', 'other'), text: textValues, website: of('') } },
  { method: 'GET', route: '/B/:code/danke', params: { code: binCode }, query: { grund: of('full', 'other', 'x') } },
  { method: 'GET', route: '/b/:code/danke', params: { code: binCode }, query: { grund: of('full', 'x') } },
  { method: 'GET', route: '/code', query: { code: (f) => [f.binCode, f.binCode.toLowerCase().split('').join(' '), 'K7M4-QX2', 'x'] } },
  { method: 'GET', route: '/qr/:file{[^/]+\\.(?:svg|png)}', params: { file: (f) => [`${f.binCode}.svg`, `${f.binCode}.png`, `${f.binCode.toLowerCase()}.svg`, 'K7M4QX2.png'] } },

  // Mängelmelder.
  { method: 'GET', route: '/melden' },
  { method: 'GET', route: '/adressen', query: { q: of('breite str 2', 'Große Ble', '55124 kirchstr', '') } },
  { method: 'GET', route: '/melden/:slug', params: { slug: of('strassenschaden', 'papierkorb-voll', 'gibtsnicht') } },
  {
    method: 'POST',
    route: '/melden/:slug',
    params: { slug: of('strassenschaden', 'strassenschaden', 'papierkorb-voll', 'gibtsnicht') },
    timeToken: 'report',
    fields: {
      lat: (f) => [String(f.point.lat), '50.0', '49.0'],
      lon: (f) => [String(f.point.lon), '8.27', '9.5'],
      quelle: of('map', 'gps', 'address'),
      strasse: of('Markt 1', 'Breite Straße 20', 'Kirchstraße 3', ''),
      adresse: of('1', 'ortsbezirk', 'x'),
      gefragt: of('Kirchstraße 3', ''),
      ortsbezirk: (f) => [String(f.districtId), '999'],
      beschreibung: textValues,
      email: of('', 'a@example.org', 'kein-at'),
      website: of(''),
      trotzdem: of('1', ''),
    },
    files: ['fotos'],
  },
  { method: 'GET', route: '/status/:token', params: { token: (f) => [f.statusToken, 'AAAA'] }, query: { neu: of('1'), mail: of('1') } },
  { method: 'GET', route: '/status/:token/fotos/:id{[0-9]+}', params: { token: (f) => [f.statusToken, 'AAAA'], id: ids((f) => f.photoId) } },
  { method: 'GET', route: '/m/:id{[0-9]+}', params: { id: ids((f) => [f.openReport, f.closedReport]) }, query: { unterstuetzt: of('1'), geprueft: of('1') } },
  { method: 'POST', route: '/m/:id{[0-9]+}/ich-auch', params: { id: ids((f) => [f.openReport, f.closedReport]) } },
  { method: 'POST', route: '/m/:id{[0-9]+}/nicht-behoben', params: { id: ids((f) => [f.closedReport, f.openReport]) } },

  // Subscription links.
  { method: 'GET', route: '/abo/bestaetigt' },
  { method: 'GET', route: '/abo/entfernt' },
  { method: 'GET', route: '/abo/:token', params: { token: (f) => [f.subscriptionToken, 'AAAA'] } },
  { method: 'GET', route: '/abo/:token/entfernen', params: { token: (f) => [f.subscriptionToken, 'AAAA'] } },
  { method: 'POST', route: '/abo/:token/bestaetigen', params: { token: (f) => [f.subscriptionToken, 'AAAA'] } },
  { method: 'POST', route: '/abo/:token/entfernen', params: { token: (f) => [f.subscriptionToken, 'AAAA'] }, fields: { 'List-Unsubscribe': of('One-Click', 'x') } },

  // The staff login (public by nature) and what only a session reaches.
  { method: 'GET', route: '/intern/anmelden', query: { ziel: of('/intern/meldungen', '//evil.example', 'https://evil.example'), abgemeldet: of('1'), abgelaufen: of('1') } },
  { method: 'POST', route: '/intern/anmelden', timeToken: 'login', fields: { login: of('admin-all', 'niemand'), password: of(TEST_PASSWORD, 'falsch', ''), ziel: of('/intern', '//evil.example') } },
  { method: 'GET', route: '/intern/anmelden/code', staff: true, pending: true, query: { ziel: of('/intern', '//evil.example') } },
  { method: 'POST', route: '/intern/anmelden/code', staff: true, pending: true, fields: { code: of('123456', '123 456', 'abc'), ziel: of('/intern', '//evil.example') } },
  { method: 'POST', route: '/intern/abmelden', staff: true, scale: 0.25 },
  { method: 'GET', route: '/intern', staff: true },

  // A report in the back office.
  { method: 'GET', route: REPORT, staff: true, params: reportId, query: { erledigt: of('status', 'x'), mails: of('2', '-1', 'NaN'), nummer: of('1') } },
  { method: 'POST', route: `${REPORT}/gesehen`, staff: true, params: reportId },
  { method: 'POST', route: `${REPORT}/status`, staff: true, params: reportId, fields: { status: of('acknowledged', 'in_progress', 'done', 'rejected', 'new', 'x'), antwort: textValues, vorlage: (f) => [String(f.templateId)], vorlage_einsetzen: of('', '1') } },
  { method: 'POST', route: `${REPORT}/antwort`, staff: true, params: reportId, fields: { text: textValues, vorlage: (f) => [String(f.templateId)], vorlage_einsetzen: of('', '1') } },
  { method: 'POST', route: `${REPORT}/notiz`, staff: true, params: reportId, fields: { text: textValues } },
  { method: 'POST', route: `${REPORT}/prioritaet`, staff: true, params: reportId, fields: { prioritaet: of('0', '1', '2', '3') } },
  { method: 'POST', route: `${REPORT}/zuweisen`, staff: true, params: reportId, fields: { bearbeitung: (f) => ['', String(f.adminId), String(f.otherStaffId)] } },
  { method: 'POST', route: `${REPORT}/weiterleiten`, staff: true, params: reportId, fields: { fachamt: departmentIds, grund: textValues } },
  { method: 'POST', route: `${REPORT}/duplikat`, staff: true, params: reportId, fields: { original: (f) => [String(f.openReport), `#${f.closedReport}`, 'Nr. 1', '999999'] } },
  { method: 'POST', route: `${REPORT}/kategorie`, staff: true, params: reportId, fields: { kategorie: (f) => [String(f.defectCategoryId), '1', '999'] } },
  { method: 'POST', route: `${REPORT}/ort`, staff: true, params: reportId, fields: { lat: (f) => [String(f.point.lat), '50,0'], lon: (f) => [String(f.point.lon), '8,27'], adresse: of('Markt 2', '') } },

  // The queue.
  { method: 'GET', route: '/intern/meldungen', staff: true, query: { ...queueQuery, weitergeleitet: of('1', 'x') } },
  { method: 'GET', route: '/intern/meldungen/karte', staff: true, query: queueQuery },
  { method: 'GET', route: '/intern/meldungen.geojson', staff: true, query: { ...queueQuery, bbox: of('8.2,49.9,8.4,50.1', '-180,-90,180,90') } },
  { method: 'GET', route: '/intern/meldungen.csv', staff: true, query: queueQuery },
  { method: 'GET', route: '/intern/zentrale', staff: true, query: { seite: of('1', '2') } },
  { method: 'GET', route: '/intern/ueberfaellig', staff: true },

  // Moderation.
  { method: 'POST', route: `${REPORT}/text/veroeffentlichen`, staff: true, params: reportId },
  { method: 'POST', route: `${REPORT}/text/ausblenden`, staff: true, params: reportId },
  { method: 'POST', route: `${REPORT}/adresse/veroeffentlichen`, staff: true, params: reportId },
  { method: 'POST', route: `${REPORT}/adresse/ausblenden`, staff: true, params: reportId },
  { method: 'POST', route: `${REPORT}/ausblenden`, staff: true, params: reportId },
  { method: 'POST', route: `${REPORT}/einblenden`, staff: true, params: reportId },
  { method: 'POST', route: `${PHOTO}/veroeffentlichen`, staff: true, params: photoIds },
  { method: 'POST', route: `${PHOTO}/ausblenden`, staff: true, params: photoIds },
  { method: 'GET', route: `${PHOTO}/schwaerzen`, staff: true, params: photoIds, query: { gespeichert: of('1') } },
  { method: 'POST', route: `${PHOTO}/schwaerzen`, staff: true, params: photoIds, fields: { x: of('0', '10'), y: of('0', '5'), breite: of('10', '32'), hoehe: of('10', '24'), weiter: of('1', '') } },
  { method: 'POST', route: `${PHOTO}/schwaerzung-aufheben`, staff: true, params: photoIds },
  { method: 'GET', route: '/intern/fotos/:photoId{[0-9]{1,12}}', staff: true, params: { photoId: ids((f) => f.photoId) } },
  { method: 'GET', route: '/intern/fotos/:photoId{[0-9]{1,12}}/geschwaerzt', staff: true, params: { photoId: ids((f) => f.photoId) } },

  // Crews and the bin register.
  { method: 'GET', route: '/intern/kolonne', staff: true, query: { bezirk: (f) => [String(f.districtId)], lat: of('50.0'), lon: of('8.27'), geleert: of('2'), aufgaben: of('1') } },
  { method: 'POST', route: '/intern/kolonne/geleert', staff: true, fields: { bin: (f) => [String(f.binId), '999999'], nur: (f) => [String(f.binId), ''], bezirk: (f) => [String(f.districtId)], lat: of('50.0'), lon: of('8.27') } },
  { method: 'GET', route: '/intern/papierkoerbe', staff: true, query: { q: of('Markt', ''), ausgemustert: of('1'), seite: of('1', '2', '-1') } },
  { method: 'GET', route: '/intern/papierkoerbe/aufkleber.pdf', staff: true, query: { format: of('3659', 'L4773'), bin: (f) => [String(f.binId)] }, scale: 0.5 },
  { method: 'GET', route: '/intern/papierkoerbe/:id', staff: true, params: binId, query: { gespeichert: of('1'), 'neuer-code': of('1') } },
  {
    method: 'POST',
    route: '/intern/papierkoerbe/:id{[0-9]+}',
    staff: true,
    params: binId,
    fields: { bin_type: of('Standard', ''), volume_l: of('50', '0'), description: of('Am Markt', ''), lat: (f) => [String(f.point.lat)], lon: (f) => [String(f.point.lon)], department_id: departmentIds, next_emptying_at: of('2026-11-22T08:00', 'x') },
  },
  { method: 'POST', route: '/intern/papierkoerbe/:id{[0-9]+}/neuer-code', staff: true, params: binId, scale: 0.5 },
  { method: 'POST', route: '/intern/papierkoerbe/:id{[0-9]+}/ausmustern', staff: true, params: binId, fields: { bestaetigt: of('1', '') }, scale: 0.5 },
  { method: 'GET', route: '/intern/aufkleber.pdf', staff: true, query: { format: of('3659'), district: of('Altstadt'), codes: (f) => [f.binCode] }, scale: 0.5 },

  // Administration.
  { method: 'GET', route: ADMIN, staff: true },
  { method: 'GET', route: `${ADMIN}/aemter`, staff: true, query: { ok: of('saved', 'x') } },
  { method: 'GET', route: `${ADMIN}/aemter/neu`, staff: true },
  { method: 'POST', route: `${ADMIN}/aemter`, staff: true, fields: { name: of('Ordnungsamt', ''), slug: of('ordnung', 'tiefbau', 'A B'), email: of('amt@mainz.example', ''), notifyMode: of('immediate', 'digest', 'off', 'x') } },
  { method: 'GET', route: `${ADMIN}/aemter/:id{[0-9]+}`, staff: true, params: { id: ids((f) => f.departmentId) } },
  { method: 'POST', route: `${ADMIN}/aemter/:id{[0-9]+}`, staff: true, params: { id: ids((f) => f.departmentId) }, fields: { name: of('Tiefbauamt'), slug: of('tiefbau'), email: of('tiefbau@mainz.example', ''), notifyMode: of('immediate', 'off') } },
  { method: 'GET', route: `${ADMIN}/kategorien`, staff: true },
  { method: 'GET', route: `${ADMIN}/kategorien/:id{[0-9]+}`, staff: true, params: { id: ids((f) => f.defectCategoryId) } },
  {
    method: 'POST',
    route: `${ADMIN}/kategorien/:id{[0-9]+}`,
    staff: true,
    params: { id: ids((f) => f.defectCategoryId) },
    fields: {
      name_de: of('Straßenschaden'), name_en: of('Road damage'), group_de: of('Straße'), group_en: of('Road'), help_de: of(''), help_en: of(''),
      department: departmentIds, target_hours: of('72', '0', '8761'), auto_publish: of('1', ''), notice_de: of(''), notice_en: of(''), duplicate_radius_m: of('30', '1001'), active: of('1', ''),
    },
  },
  { method: 'GET', route: `${ADMIN}/vorlagen`, staff: true, query: { kategorie: (f) => [String(f.defectCategoryId), 'x', ''] } },
  { method: 'GET', route: `${ADMIN}/vorlagen/neu`, staff: true, query: { kategorie: (f) => [String(f.defectCategoryId), 'x'] } },
  { method: 'POST', route: `${ADMIN}/vorlagen`, staff: true, fields: { category: (f) => [String(f.defectCategoryId), ''], state: of('', 'done', 'x'), title: of('Erledigt'), body: textValues } },
  { method: 'GET', route: `${ADMIN}/vorlagen/:id{[0-9]+}`, staff: true, params: { id: ids((f) => f.templateId) } },
  { method: 'POST', route: `${ADMIN}/vorlagen/:id{[0-9]+}`, staff: true, params: { id: ids((f) => f.templateId) }, fields: { category: of(''), state: of(''), title: of('Danke'), body: textValues } },
  { method: 'POST', route: `${ADMIN}/vorlagen/:id{[0-9]+}/aktiv`, staff: true, params: { id: ids((f) => f.templateId) }, fields: { active: of('0', '1', '2') } },
  { method: 'GET', route: `${ADMIN}/ortsbezirke`, staff: true, query: { n: of('1,2,3', 'x'), ok: of('imported') } },
  { method: 'POST', route: `${ADMIN}/ortsbezirke/import`, staff: true, fields: { nameProperty: of('name', 'NAME', '../x') }, files: ['file'], scale: 0.5 },
  { method: 'POST', route: `${ADMIN}/ortsbezirke/:id{[0-9]+}/aktiv`, staff: true, params: { id: ids((f) => f.districtId) }, fields: { active: of('0', '1', 'x') } },
  { method: 'GET', route: `${ADMIN}/zustaendigkeit`, staff: true },
  { method: 'POST', route: `${ADMIN}/zustaendigkeit`, staff: true, fields: { category: (f) => [String(f.defectCategoryId)], district: (f) => [String(f.districtId), ''], department: departmentIds } },
  { method: 'POST', route: `${ADMIN}/zustaendigkeit/:id{[0-9]+}`, staff: true, params: { id: ids((f) => f.ruleId) }, fields: { department: departmentIds } },
  { method: 'POST', route: `${ADMIN}/zustaendigkeit/:id{[0-9]+}/entfernen`, staff: true, params: { id: ids((f) => f.ruleId) }, scale: 0.5 },
  { method: 'GET', route: `${ADMIN}/zustaendigkeit/pruefen`, staff: true, query: { kategorie: (f) => [String(f.defectCategoryId), ''], lat: (f) => [String(f.point.lat)], lon: (f) => [String(f.point.lon)], papierkorb: (f) => [f.binCode] } },
  { method: 'GET', route: `${ADMIN}/konten`, staff: true },
  { method: 'GET', route: `${ADMIN}/konten/neu`, staff: true },
  {
    method: 'POST',
    route: `${ADMIN}/konten`,
    staff: true,
    fields: { login: of('neue.kollegin', 'kollegin', 'A'), displayName: of('Neue Kollegin'), role: of('staff', 'admin', 'crew', 'x'), departments: departmentIds, password: of('Zitadelle am Rhein 2026', 'kurz') },
    scale: 0.5,
  },
  { method: 'GET', route: `${ADMIN}/konten/:id{[0-9]+}`, staff: true, params: { id: ids((f) => [f.otherStaffId, f.adminId]) } },
  { method: 'POST', route: `${ADMIN}/konten/:id{[0-9]+}`, staff: true, params: { id: ids((f) => [f.otherStaffId, f.adminId]) }, fields: { displayName: of('Kollegin'), role: of('staff', 'crew', 'x'), departments: departmentIds } },
  { method: 'POST', route: `${ADMIN}/konten/:id{[0-9]+}/passwort`, staff: true, params: { id: ids((f) => f.otherStaffId) }, fields: { newPassword: of('Zitadelle am Rhein 2026', 'kurz', '') }, scale: 0.5 },
  { method: 'POST', route: `${ADMIN}/konten/:id{[0-9]+}/sperren`, staff: true, params: { id: ids((f) => [f.otherStaffId, f.adminId]) } },
  { method: 'POST', route: `${ADMIN}/konten/:id{[0-9]+}/entsperren`, staff: true, params: { id: ids((f) => f.otherStaffId) } },
  { method: 'POST', route: `${ADMIN}/konten/:id{[0-9]+}/zweiter-faktor`, staff: true, params: { id: ids((f) => f.otherStaffId) } },
  { method: 'GET', route: `${ADMIN}/api-schluessel`, staff: true },
  { method: 'POST', route: `${ADMIN}/api-schluessel`, staff: true, fields: { name: of('Portal', '') } },
  { method: 'POST', route: `${ADMIN}/api-schluessel/:id{[0-9]+}/widerrufen`, staff: true, params: { id: ids((f) => f.apiKeyId) } },

  // Figures and the staff member's own account.
  { method: 'GET', route: '/intern/kennzahlen', staff: true, query: { fachamt: of('tiefbau', 'gruen'), kategorie: of('strassenschaden', 'gully'), zeitraum: of('7', '30', '365', '31') } },
  { method: 'GET', route: '/intern/kennzahlen.csv', staff: true, query: { fachamt: of('tiefbau'), kategorie: of('strassenschaden'), zeitraum: of('90', '365') } },
  { method: 'GET', route: '/intern/konto', staff: true, query: { eingeschaltet: of('1'), ausgeschaltet: of('1') } },
  { method: 'POST', route: '/intern/konto/zweiter-faktor/einrichten', staff: true },
  { method: 'GET', route: '/intern/konto/zweiter-faktor', staff: true },
  { method: 'POST', route: '/intern/konto/zweiter-faktor/bestaetigen', staff: true, fields: { code: of('123456', '000000', 'abc') } },
  { method: 'POST', route: '/intern/konto/zweiter-faktor/abschalten', staff: true, fields: { bestaetigung: of('123456', 'falsch', '') } },
];

export const routeKey = (r: { method: string; route: string }) => `${r.method} ${r.route}`;

/** A route's parameters with their patterns: `:id{[0-9]{1,12}}` → name "id". */
const PARAM = /:(\w+)(\{(?:[^{}]|\{[^{}]*\})*\})?/g;

export function paramNames(route: string): string[] {
  return [...route.matchAll(PARAM)].map((m) => m[1]!);
}

/** The route with its parameters replaced by the given (already URL-safe) values. */
export function fillPath(route: string, values: Record<string, string>): string {
  return route.replace(PARAM, (_m, name: string) => values[name] ?? '');
}

