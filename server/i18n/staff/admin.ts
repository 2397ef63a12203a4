// Back-office texts: admin. German is the reference; English must have the same keys.
export const adminDe = {
};

export const adminEn: Record<keyof typeof adminDe, string> = {
};
