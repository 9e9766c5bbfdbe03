import type { CoursesMessages } from './courses.zh-CN';

export const coursesEn: CoursesMessages = {
};
