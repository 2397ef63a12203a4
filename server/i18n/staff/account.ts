// Back-office texts: account. German is the reference; English must have the same keys.
export const accountDe = {
};

export const accountEn: Record<keyof typeof accountDe, string> = {
};
