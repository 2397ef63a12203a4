// The staff side's URLs, built in one place: routes redirect to them, views link to them, mails name
// them, tests request them; the routes register the patterns beside them.

/** The routes' pattern for a report's staff page: an id of 1 to 12 digits. */
export const REPORT_ROUTE = '/intern/meldungen/:id{[0-9]{1,12}}';

/** A report's staff page, and the address of each action posted from it. */
export const reportPaths = {
  page: (reportId: number) => `/intern/meldungen/${reportId}`,
  action: (reportId: number, action: string) => `/intern/meldungen/${reportId}/${action}`,
};

/** Moderation: the report's panel, publishing or hiding text, address words, the report and each photo. */
export const moderationPaths = {
  report: reportPaths.page,
  panel: (reportId: number) => `${reportPaths.page(reportId)}#moderation`,
  publishText: (reportId: number) => reportPaths.action(reportId, 'text/veroeffentlichen'),
  hideText: (reportId: number) => reportPaths.action(reportId, 'text/ausblenden'),
  publishAddress: (reportId: number) => reportPaths.action(reportId, 'adresse/veroeffentlichen'),
  hideAddress: (reportId: number) => reportPaths.action(reportId, 'adresse/ausblenden'),
  hideReport: (reportId: number) => reportPaths.action(reportId, 'ausblenden'),
  showReport: (reportId: number) => reportPaths.action(reportId, 'einblenden'),
  publishPhoto: (reportId: number, photoId: number) => reportPaths.action(reportId, `fotos/${photoId}/veroeffentlichen`),
  hidePhoto: (reportId: number, photoId: number) => reportPaths.action(reportId, `fotos/${photoId}/ausblenden`),
  redact: (reportId: number, photoId: number) => reportPaths.action(reportId, `fotos/${photoId}/schwaerzen`),
  unredact: (reportId: number, photoId: number) => reportPaths.action(reportId, `fotos/${photoId}/schwaerzung-aufheben`),
  /** Staff-only, never cached: the original, and the redacted copy. */
  original: (photoId: number) => `/intern/fotos/${photoId}`,
  redacted: (photoId: number) => `/intern/fotos/${photoId}/geschwaerzt`,
};
