// Back-office texts: bins. German is the reference; English must have the same keys.
export const binsDe = {
};

export const binsEn: Record<keyof typeof binsDe, string> = {
};
