/** Messages of the roster pages (简体中文). Keys are prefixed with the area; en has the same keys. */
export const rosterZhCN = {
} as const;

export type RosterMessages = Record<keyof typeof rosterZhCN, string>;
