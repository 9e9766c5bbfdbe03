import type { Messages } from './types';
import { auditEn } from './audit.en';
import { coursesEn } from './courses.en';
import { peopleEn } from './people.en';
import { rosterEn } from './roster.en';
import { shellEn } from './shell.en';
import { quizStatsEn } from './quiz-stats.en';

export const en: Messages = { ...shellEn, ...peopleEn, ...rosterEn, ...coursesEn, ...auditEn, ...quizStatsEn };
