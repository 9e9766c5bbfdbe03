/** Messages of the people pages (简体中文). Keys are prefixed with the area; en has the same keys. */
export const peopleZhCN = {
} as const;

export type PeopleMessages = Record<keyof typeof peopleZhCN, string>;
