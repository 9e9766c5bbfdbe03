import type { Messages } from './types';
import { auditEn } from './audit.en';
import { coursesEn } from './courses.en';
import { peopleEn } from './people.en';
import { practiceEn } from './practice.en';
import { quizBankEn } from './quiz-bank.en';
import { quizManageEn } from './quiz-manage.en';
import { quizzesEn } from './quizzes.en';
import { rosterEn } from './roster.en';
import { shellEn } from './shell.en';
import { quizStatsEn } from './quiz-stats.en';
import { sessionHostEn } from './session-host.en';
import { sessionsEn } from './sessions.en';
import { reviewEn } from './review.en';
import { pledgesEn } from './pledges.en';
import { honoursEn } from './honours.en';
import { displayEn } from './display.en';

export const en: Messages = { ...shellEn, ...peopleEn, ...rosterEn, ...coursesEn, ...auditEn, ...practiceEn, ...quizzesEn, ...quizBankEn, ...quizManageEn, ...quizStatsEn, ...sessionHostEn, ...sessionsEn, ...pledgesEn, ...honoursEn, ...displayEn, ...reviewEn };
