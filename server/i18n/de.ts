// German is the default language and the reference table: every other language has these keys.
export const de = {
  'lang.name': 'Deutsch',
  'site.name': 'Stadtmelder Mainz',
  'site.tagline': 'Mängel und volle Papierkörbe melden – ohne App, ohne Anmeldung',
  'layout.skip': 'Zum Inhalt springen',
  'layout.nav': 'Hauptnavigation',
  'layout.home': 'Startseite',
  'layout.districts': 'Ortsbezirke',
  'layout.language': 'Sprache',
  'layout.footer': 'Rechtliches',
  'layout.privacy': 'Datenschutz',
  'layout.accessibility': 'Barrierefreiheit',
  'layout.imprint': 'Impressum',
  'layout.openSource': 'Stadtmelder ist freie Software.',

  'home.title': 'Stadtmelder Mainz',
  'home.lead':
    'Schlagloch, dunkle Laterne, wilder Müll oder ein voller Papierkorb? Hier melden Sie es direkt an das zuständige Amt der Stadt Mainz – ohne App und ohne Anmeldung.',
  'home.waysTitle': 'So melden Sie',
  'home.wayBin.title': 'Papierkorb voll?',
  'home.wayBin.text':
    'Scannen Sie den QR-Code auf dem Aufkleber am Papierkorb und tippen Sie auf den passenden Knopf. Eine Eingabe genügt.',
  'home.wayDefect.title': 'Mangel im Stadtgebiet?',
  'home.wayDefect.text':
    'Setzen Sie den Ort auf der Karte oder geben Sie eine Adresse ein, wählen Sie die Kategorie und beschreiben Sie kurz, was los ist.',
  'home.wayFollow.title': 'Wie geht es weiter?',
  'home.wayFollow.text':
    'Ihre Meldung landet beim zuständigen Amt. Sie sehen den Bearbeitungsstand und die Antworten der Stadt öffentlich.',
  'home.categoriesTitle': 'Was Sie melden können',
  'home.binCategory': 'über den QR-Code am Papierkorb',
  'home.stats': '{bins} Papierkörbe mit QR-Code in {districts} Ortsbezirken',
  'home.emergency': 'Gefahr für Leib und Leben? Rufen Sie sofort 110 (Polizei) oder 112 (Feuerwehr).',

  'demo.geometry':
    'Hinweis: Die Grenzen der Ortsbezirke in dieser Demo sind ungefähr (Demo-Geometrie), nicht die amtlichen Grenzen.',
  'demo.approximate': 'ungefähre Demo-Geometrie',

  'districts.title': 'Ortsbezirke',
  'districts.lead': 'Meldungen werden je nach Ort und Kategorie dem zuständigen Amt zugeordnet. Mainz hat {count} Ortsbezirke.',
  'districts.mapLabel': 'Übersichtskarte der Ortsbezirke von Mainz',
  'districts.name': 'Ortsbezirk',
  'districts.bins': 'Papierkörbe mit QR-Code',
  'districts.geometry': 'Grenzen',
  'districts.official': 'amtlich',

  'legal.placeholder': 'Dieser Text wird vor dem Betrieb von der Stadt ergänzt.',
  'privacy.title': 'Datenschutz',
  'privacy.lead':
    'Stadtmelder speichert nur, was für die Bearbeitung Ihrer Meldung nötig ist. Die Bürgerseiten setzen keine Cookies, speichern keine IP-Adressen und laden nichts von fremden Servern außer Kartenkacheln auf Kartenseiten.',
  'accessibility.title': 'Erklärung zur Barrierefreiheit',
  'accessibility.lead':
    'Stadtmelder soll für alle nutzbar sein und richtet sich nach WCAG 2.1 AA (BITV 2.0). Jede Seite funktioniert ohne JavaScript und mit der Tastatur.',
  'imprint.title': 'Impressum',
  'imprint.lead': 'Anbieterin dieses Dienstes ist die Stadt Mainz.',

  'error.title': 'Fehler',
  'error.back': 'Zur Startseite',
  'error.notFound': 'Diese Seite gibt es nicht.',
  'error.server': 'Etwas ist schiefgelaufen. Bitte versuchen Sie es später noch einmal.',
  'error.badRequest': 'Die Anfrage ist ungültig.',
  'error.transition': 'Der Status kann nicht von „{from}“ zu „{to}“ wechseln.',
  'error.unknownState': 'Den Status „{state}“ gibt es nicht.',
  'error.outsideCity': 'Dieser Ort liegt außerhalb des Stadtgebiets von Mainz. Bitte wählen Sie einen Ort in Mainz.',
  'error.notFoundReport': 'Diese Meldung gibt es nicht.',
  'error.unknownCategory': 'Diese Kategorie gibt es nicht.',

  'state.new': 'Neu',
  'state.acknowledged': 'Gesehen',
  'state.in_progress': 'In Bearbeitung',
  'state.done': 'Erledigt',
  'state.rejected': 'Abgelehnt',
  'state.not_responsible': 'Nicht zuständig',
  'state.duplicate': 'Doppelt gemeldet',
  'state.no_action': 'Keine Maßnahme möglich',
};

export type MessageKey = keyof typeof de;
export type Messages = Record<MessageKey, string>;
