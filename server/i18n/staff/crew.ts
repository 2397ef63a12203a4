// Back-office texts: crew. German is the reference; English must have the same keys.
export const crewDe = {
};

export const crewEn: Record<keyof typeof crewDe, string> = {
};
