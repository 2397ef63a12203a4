import type { Messages } from './de.ts';

export const en: Messages = {
  'lang.name': 'English',
  'site.name': 'Stadtmelder Mainz',
  'site.tagline': 'Report defects and full litter bins – no app, no login',
  'layout.skip': 'Skip to content',
  'layout.nav': 'Main navigation',
  'layout.home': 'Home',
  'layout.districts': 'Districts',
  'layout.language': 'Language',
  'layout.footer': 'Legal',
  'layout.privacy': 'Privacy',
  'layout.accessibility': 'Accessibility',
  'layout.imprint': 'Imprint',
  'layout.openSource': 'Stadtmelder is free software.',

  'home.title': 'Stadtmelder Mainz',
  'home.lead':
    'A pothole, a dark streetlight, dumped waste or a full litter bin? Report it here straight to the responsible office of the City of Mainz – no app and no login.',
  'home.waysTitle': 'How to report',
  'home.wayBin.title': 'Litter bin full?',
  'home.wayBin.text': 'Scan the QR code on the sticker on the bin and tap the matching button. One tap is enough.',
  'home.wayDefect.title': 'Something broken in the city?',
  'home.wayDefect.text':
    'Put the place on the map or type an address, choose the category and describe briefly what is wrong.',
  'home.wayFollow.title': 'What happens next?',
  'home.wayFollow.text':
    'Your report goes to the responsible office. You can follow its progress and the city’s answers in public.',
  'home.categoriesTitle': 'What you can report',
  'home.binCategory': 'with the QR code on the litter bin',
  'home.stats': '{bins} litter bins with a QR code in {districts} districts',
  'home.emergency': 'Danger to life and limb? Call 110 (police) or 112 (fire and ambulance) at once.',

  'demo.geometry': 'Note: the district borders in this demo are approximate (demo geometry), not the official borders.',
  'demo.approximate': 'approximate demo geometry',

  'districts.title': 'Districts',
  'districts.lead': 'Reports go to the responsible office depending on place and category. Mainz has {count} districts (Ortsbezirke).',
  'districts.mapLabel': 'Overview map of the districts of Mainz',
  'districts.name': 'District',
  'districts.bins': 'Litter bins with a QR code',
  'districts.geometry': 'Borders',
  'districts.official': 'official',

  'legal.placeholder': 'The city will complete this text before going live.',
  'privacy.title': 'Privacy',
  'privacy.lead':
    'Stadtmelder stores only what is needed to handle your report. The citizen pages set no cookies, store no IP addresses and load nothing from other servers except map tiles on map pages.',
  'accessibility.title': 'Accessibility statement',
  'accessibility.lead':
    'Stadtmelder is meant to be usable by everyone and follows WCAG 2.1 AA (BITV 2.0). Every page works without JavaScript and with the keyboard.',
  'imprint.title': 'Imprint',
  'imprint.lead': 'This service is provided by the City of Mainz.',

  'error.title': 'Error',
  'error.back': 'Back to the home page',
  'error.notFound': 'This page does not exist.',
  'error.server': 'Something went wrong. Please try again later.',
  'error.badRequest': 'The request is not valid.',
  'error.transition': 'The state cannot change from “{from}” to “{to}”.',
  'error.unknownState': 'There is no state “{state}”.',
  'error.outsideCity': 'This place is outside the city of Mainz. Please choose a place in Mainz.',
  'error.notFoundReport': 'This report does not exist.',
  'error.unknownCategory': 'This category does not exist.',

  'state.new': 'New',
  'state.acknowledged': 'Seen',
  'state.in_progress': 'In progress',
  'state.done': 'Done',
  'state.rejected': 'Rejected',
  'state.not_responsible': 'Not responsible',
  'state.duplicate': 'Duplicate',
  'state.no_action': 'No action possible',
};
