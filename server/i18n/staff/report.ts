// Back-office texts: report. German is the reference; English must have the same keys.
export const reportDe = {
};

export const reportEn: Record<keyof typeof reportDe, string> = {
};
