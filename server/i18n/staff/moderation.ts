// Back-office texts: moderation. German is the reference; English must have the same keys.
export const moderationDe = {
};

export const moderationEn: Record<keyof typeof moderationDe, string> = {
};
