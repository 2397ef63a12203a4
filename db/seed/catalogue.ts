// The Mainz demo catalogue: departments, categories as German Mängelmelder commonly offer them, and
// the routing rules between them. Plain data, so that a city can read and adapt it in one place.
import type { BinReason } from '../../domain/bin-reasons.ts';
import type { CategoryTable } from '../schema.ts';

export const departments = [
  { slug: 'zentrale', name: 'Zentrale Meldestelle', email: 'meldestelle@stadt.example', is_central: 1 },
  { slug: 'entsorgung', name: 'Entsorgungsbetrieb', email: 'entsorgung@stadt.example', is_central: 0 },
  { slug: 'tiefbau', name: 'Tiefbauamt', email: 'tiefbau@stadt.example', is_central: 0 },
  { slug: 'gruen', name: 'Grün- und Umweltamt', email: 'gruen@stadt.example', is_central: 0 },
  { slug: 'ordnung', name: 'Ordnungsamt', email: 'ordnung@stadt.example', is_central: 0 },
  { slug: 'licht', name: 'Straßenbeleuchtung', email: 'licht@stadt.example', is_central: 0 },
  { slug: 'verkehr', name: 'Straßenverkehrsamt', email: 'verkehr@stadt.example', is_central: 0 },
] as const;

export type DepartmentSlug = (typeof departments)[number]['slug'];

const road = { group_de: 'Straße und Verkehr', group_en: 'Roads and traffic' };
const light = { group_de: 'Beleuchtung und Ampeln', group_en: 'Lights and traffic signals' };
const clean = { group_de: 'Sauberkeit', group_en: 'Cleanliness' };
const green = { group_de: 'Grün und Spielplätze', group_en: 'Green spaces and playgrounds' };
const bins = { group_de: 'Papierkörbe', group_en: 'Litter bins' };
const other = { group_de: 'Sonstiges', group_en: 'Other' };

type CategorySeed = Pick<CategoryTable, 'slug' | 'kind' | 'group_de' | 'group_en' | 'name_de' | 'name_en' | 'help_de' | 'help_en' | 'target_hours'> & {
  department: DepartmentSlug | null;
  bin_reason?: BinReason;
  notice_de?: string;
  notice_en?: string;
  /** Facts without personal content (a dark lamp) can be public at once. */
  auto_publish?: number;
  duplicate_radius_m?: number;
};

const danger = {
  notice_de: 'Gefahr für Leib und Leben? Rufen Sie sofort 110 (Polizei) oder 112 (Feuerwehr) an – nicht dieses Formular.',
  notice_en: 'Danger to life and limb? Call 110 (police) or 112 (fire and ambulance) at once – not this form.',
};

export const categories: CategorySeed[] = [
  { slug: 'strassenschaden', kind: 'defect', ...road, name_de: 'Straßenschaden / Schlagloch', name_en: 'Road damage / pothole', help_de: 'Schlaglöcher, Risse und abgesackte Stellen in der Fahrbahn.', help_en: 'Potholes, cracks and sunken patches in the road.', department: 'tiefbau', target_hours: 120 },
  { slug: 'gehweg', kind: 'defect', ...road, name_de: 'Gehweg / Radweg beschädigt', name_en: 'Damaged footpath / cycle path', help_de: 'Lose Platten, Stolperkanten, Schäden an Rad- und Gehwegen.', help_en: 'Loose paving, trip hazards, damaged cycle and footpaths.', department: 'tiefbau', target_hours: 168 },
  { slug: 'gully', kind: 'defect', ...road, name_de: 'Gully / Kanaldeckel', name_en: 'Drain / manhole cover', help_de: 'Verstopfter Straßenablauf, klappernder oder fehlender Deckel.', help_en: 'Blocked drain, rattling or missing cover.', department: 'tiefbau', target_hours: 72 },
  { slug: 'verkehrszeichen', kind: 'defect', ...road, name_de: 'Verkehrszeichen beschädigt oder verdeckt', name_en: 'Traffic sign damaged or hidden', help_de: 'Umgefahrene, verdrehte, zugewachsene oder fehlende Schilder.', help_en: 'Knocked-over, turned, overgrown or missing signs.', department: 'verkehr', target_hours: 72 },
  { slug: 'strassenbeleuchtung', kind: 'defect', ...light, name_de: 'Straßenlaterne defekt', name_en: 'Streetlight out', help_de: 'Laterne dunkel, flackert oder brennt tagsüber. Die Nummer am Mast hilft.', help_en: 'Light out, flickering or on by day. The number on the post helps.', department: 'licht', target_hours: 72, auto_publish: 1, duplicate_radius_m: 30 },
  { slug: 'ampel', kind: 'defect', ...light, name_de: 'Ampel gestört', name_en: 'Traffic light fault', help_de: 'Ampel ausgefallen, Signal defekt oder Taster ohne Funktion.', help_en: 'Traffic light out, broken signal or push button not working.', department: 'verkehr', target_hours: 24, ...danger, auto_publish: 1, duplicate_radius_m: 100 },
  { slug: 'illegale-ablagerung', kind: 'defect', ...clean, name_de: 'Illegale Müllablagerung', name_en: 'Illegal dumping', help_de: 'Abgestellter Sperrmüll, Säcke, Bauschutt oder Altreifen.', help_en: 'Dumped bulky waste, bags, rubble or old tyres.', department: 'entsorgung', target_hours: 72, notice_de: 'Fässer, Chemikalien oder Asbest? Nicht anfassen und 112 anrufen.', notice_en: 'Drums, chemicals or asbestos? Do not touch – call 112.' },
  { slug: 'verschmutzung', kind: 'defect', ...clean, name_de: 'Verschmutzte Straße oder Platz', name_en: 'Dirty street or square', help_de: 'Scherben, Laub, Öl oder starke Verschmutzung auf öffentlichen Flächen.', help_en: 'Broken glass, leaves, oil or heavy dirt on public ground.', department: 'entsorgung', target_hours: 72 },
  { slug: 'graffiti', kind: 'defect', ...clean, name_de: 'Graffiti / Wildplakatierung', name_en: 'Graffiti / fly-posting', help_de: 'Schmierereien und wilde Plakate an öffentlichen Gebäuden und Anlagen.', help_en: 'Graffiti and fly-posting on public buildings and fixtures.', department: null, target_hours: 336 },
  { slug: 'spielplatz', kind: 'defect', ...green, name_de: 'Spielplatz beschädigt', name_en: 'Damaged playground', help_de: 'Kaputte Spielgeräte, Glasscherben oder Gefahren im Sand.', help_en: 'Broken play equipment, glass or hazards in the sand.', department: 'gruen', target_hours: 48 },
  { slug: 'baum-gruenflaeche', kind: 'defect', ...green, name_de: 'Baum / Grünfläche', name_en: 'Tree / green space', help_de: 'Abgebrochene Äste, kranke Bäume, zugewachsene Wege.', help_en: 'Broken branches, diseased trees, overgrown paths.', department: 'gruen', target_hours: 120, ...danger },
  { slug: 'schrottfahrrad', kind: 'defect', ...other, name_de: 'Schrottfahrrad / abgestelltes Fahrzeug', name_en: 'Abandoned bicycle / vehicle', help_de: 'Fahrräder oder Fahrzeuge, die offensichtlich nicht mehr genutzt werden.', help_en: 'Bicycles or vehicles that are clearly no longer used.', department: null, target_hours: 336 },
  { slug: 'sonstiges', kind: 'defect', ...other, name_de: 'Sonstiges', name_en: 'Other', help_de: 'Alles, was nicht in eine andere Kategorie passt.', help_en: 'Anything that fits no other category.', department: null, target_hours: 120 },
  { slug: 'papierkorb-voll', kind: 'bin', bin_reason: 'full', ...bins, name_de: 'Papierkorb voll / überfüllt', name_en: 'Litter bin full / overflowing', help_de: 'Der Papierkorb ist voll oder quillt über.', help_en: 'The bin is full or overflowing.', department: 'entsorgung', target_hours: 24 },
  { slug: 'papierkorb-beschaedigt', kind: 'bin', bin_reason: 'damaged', ...bins, name_de: 'Papierkorb beschädigt', name_en: 'Litter bin damaged', help_de: 'Der Papierkorb ist kaputt, verbrannt oder fehlt.', help_en: 'The bin is broken, burnt or missing.', department: 'entsorgung', target_hours: 120 },
  { slug: 'papierkorb-umfeld', kind: 'bin', bin_reason: 'dirty', ...bins, name_de: 'Verschmutzung rund um den Papierkorb', name_en: 'Litter around the bin', help_de: 'Rund um den Papierkorb liegt Müll.', help_en: 'There is litter around the bin.', department: 'entsorgung', target_hours: 48 },
  { slug: 'hundekotbeutel', kind: 'bin', bin_reason: 'dogbags', ...bins, name_de: 'Hundekotbeutelspender leer', name_en: 'Dog-bag dispenser empty', help_de: 'Im Spender am Papierkorb sind keine Beutel mehr.', help_en: 'The dispenser at the bin has no bags left.', department: 'gruen', target_hours: 48 },
  { slug: 'papierkorb-sonstiges', kind: 'bin', bin_reason: 'other', ...bins, name_de: 'Papierkorb: anderes Problem', name_en: 'Litter bin: other problem', help_de: 'Ein anderes Problem mit diesem Papierkorb.', help_en: 'Another problem with this bin.', department: 'entsorgung', target_hours: 72 },
];

/** category + optional district -> department; districts by name, null for the whole city. */
export const routingRules: Array<{ category: string; district: string | null; department: DepartmentSlug }> = [
  { category: 'graffiti', district: null, department: 'ordnung' },
  { category: 'schrottfahrrad', district: null, department: 'ordnung' },
  // In the inner city the Kommunaler Vollzugsdienst of the Ordnungsamt follows up dumping first.
  { category: 'illegale-ablagerung', district: 'Altstadt', department: 'ordnung' },
  { category: 'illegale-ablagerung', district: 'Neustadt', department: 'ordnung' },
  // Along the Rhine the promenade belongs to the green-space office.
  { category: 'verschmutzung', district: 'Altstadt', department: 'gruen' },
];
