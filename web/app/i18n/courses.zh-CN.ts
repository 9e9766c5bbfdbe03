/** Messages of the learning pages (简体中文). Keys are prefixed `learn.`, `course.`, `record.`, `completion.`; en has the same keys. */
export const coursesZhCN = {
} as const;

export type CoursesMessages = Record<keyof typeof coursesZhCN, string>;
