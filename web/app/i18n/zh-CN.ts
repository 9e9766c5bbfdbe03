import { auditZhCN } from './audit.zh-CN';
import { coursesZhCN } from './courses.zh-CN';
import { peopleZhCN } from './people.zh-CN';
import { practiceZhCN } from './practice.zh-CN';
import { quizBankZhCN } from './quiz-bank.zh-CN';
import { quizManageZhCN } from './quiz-manage.zh-CN';
import { quizzesZhCN } from './quizzes.zh-CN';
import { rosterZhCN } from './roster.zh-CN';
import { shellZhCN } from './shell.zh-CN';
import { quizStatsZhCN } from './quiz-stats.zh-CN';
import { sessionHostZhCN } from './session-host.zh-CN';
import { sessionsZhCN } from './sessions.zh-CN';
import { reviewZhCN } from './review.zh-CN';
import { overviewZhCN } from './overview.zh-CN';
import { pledgesZhCN } from './pledges.zh-CN';
import { honoursZhCN } from './honours.zh-CN';
import { displayZhCN } from './display.zh-CN';
import { notificationsZhCN } from './notifications.zh-CN';
import { flagsZhCN } from './flags.zh-CN';

/** 简体中文（默认语言）: every area's messages. Each area keeps its own file; en has exactly the same keys. */
export const zhCN = { ...shellZhCN, ...peopleZhCN, ...rosterZhCN, ...coursesZhCN, ...auditZhCN, ...practiceZhCN, ...quizzesZhCN, ...quizBankZhCN, ...quizManageZhCN, ...quizStatsZhCN, ...sessionHostZhCN, ...sessionsZhCN, ...pledgesZhCN, ...honoursZhCN, ...displayZhCN, ...reviewZhCN, ...overviewZhCN, ...notificationsZhCN, ...flagsZhCN } as const;
