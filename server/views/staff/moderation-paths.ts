// The URLs of moderation, in one place for the routes, the views and the tests.
export const moderationPaths = {
  report: (reportId: number) => `/intern/meldungen/${reportId}`,
  panel: (reportId: number) => `/intern/meldungen/${reportId}#moderation`,
  publishText: (reportId: number) => `/intern/meldungen/${reportId}/text/veroeffentlichen`,
  hideText: (reportId: number) => `/intern/meldungen/${reportId}/text/ausblenden`,
  publishAddress: (reportId: number) => `/intern/meldungen/${reportId}/adresse/veroeffentlichen`,
  hideAddress: (reportId: number) => `/intern/meldungen/${reportId}/adresse/ausblenden`,
  hideReport: (reportId: number) => `/intern/meldungen/${reportId}/ausblenden`,
  showReport: (reportId: number) => `/intern/meldungen/${reportId}/einblenden`,
  publishPhoto: (reportId: number, photoId: number) => `/intern/meldungen/${reportId}/fotos/${photoId}/veroeffentlichen`,
  hidePhoto: (reportId: number, photoId: number) => `/intern/meldungen/${reportId}/fotos/${photoId}/ausblenden`,
  redact: (reportId: number, photoId: number) => `/intern/meldungen/${reportId}/fotos/${photoId}/schwaerzen`,
  unredact: (reportId: number, photoId: number) => `/intern/meldungen/${reportId}/fotos/${photoId}/schwaerzung-aufheben`,
  /** Staff-only, never cached: the original, and the redacted copy. */
  original: (photoId: number) => `/intern/fotos/${photoId}`,
  redacted: (photoId: number) => `/intern/fotos/${photoId}/geschwaerzt`,
};
