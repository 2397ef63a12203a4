// Back-office texts: queue. German is the reference; English must have the same keys.
export const queueDe = {
};

export const queueEn: Record<keyof typeof queueDe, string> = {
};
