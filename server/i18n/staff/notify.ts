// Back-office texts: notify. German is the reference; English must have the same keys.
export const notifyDe = {
};

export const notifyEn: Record<keyof typeof notifyDe, string> = {
};
