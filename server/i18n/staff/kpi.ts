// Back-office texts: kpi. German is the reference; English must have the same keys.
export const kpiDe = {
};

export const kpiEn: Record<keyof typeof kpiDe, string> = {
};
