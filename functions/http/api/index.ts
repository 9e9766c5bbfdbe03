import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../context.js';
import { AppError } from '../../platform/errors.js';
import { config } from '../../platform/config.js';
import { defaultBodyLimit } from '../middleware/body-limit.js';
import { useRequestLanguageForValidation } from '../../platform/validation-messages.js';
import { docsRoutes } from './docs.js';
import { healthRoutes } from './health.js';
import { preferenceRoutes } from './preferences.js';
import { authRoutes } from './auth.js';
import { unitRoutes } from './units.js';
import { peopleRoutes } from './people.js';
import { hasOwnBodyLimit, importRoutes } from './imports.js';
import { auditRoutes } from './audit.js';
import { courseRoutes } from './courses.js';
import { assignmentRoutes } from './assignments.js';
import { studyRoutes } from './study.js';
import { uploadRoutes } from './uploads.js';
import { completionRoutes } from './completion.js';
import { quizRoutes } from './quizzes.js';
import { quizDefinitionRoutes } from './quiz-definitions.js';
import { attemptRoutes } from './attempts.js';
import { practiceRoutes } from './practice.js';
import { questionImportHasOwnBodyLimit, questionImportRoutes } from './question-imports.js';
import { quizStatsRoutes } from './quiz-stats.js';
import { sessionRoutes } from './sessions.js';
import { sessionAttendanceRoutes } from './session-attendance.js';
import { sessionFigureRoutes } from './session-figures.js';
import { reviewSheetRoutes } from './review-sheets.js';
import { pledgeRoutes } from './pledges.js';
import { pledgeYearRoutes } from './pledge-year.js';
import { honourRoutes } from './honours.js';
import { flagRoutes } from './flags.js';
import { displayRoutes } from './display.js';
import { overviewRoutes } from './overview.js';
import { notificationRoutes } from './notifications.js';
import { session } from '../middleware/session.js';

/** Turns zod's issues into details a client can show beside each field. */
function validationDetails(issues: readonly { path: readonly PropertyKey[]; message: string; code: string }[]) {
  return issues.map((issue) => ({ path: issue.path.map(String).join('.'), code: issue.code, message: issue.message }));
}

/**
 * The JSON API, mounted at /api. Every route declares its schemas and an operationId; the document is served at
 * /api/openapi.json and a browsable reference at /api/docs. Each area adds its routes here with one `.route` line.
 */
export function createApi() {
  useRequestLanguageForValidation();
  const api = new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) {
        throw new AppError('VALIDATION', { details: validationDetails(result.error.issues) });
      }
    },
  });

  api.use('*', defaultBodyLimit(() => config().bodyLimitBytes, (path) => hasOwnBodyLimit(path) || questionImportHasOwnBodyLimit(path)));
  api.use('*', session());
  api.openAPIRegistry.registerComponent('securitySchemes', 'session', { type: 'apiKey', in: 'cookie', name: 'sid' });

  api.route('/', healthRoutes);
  api.route('/', preferenceRoutes);
  api.route('/', authRoutes);
  api.route('/', unitRoutes);
  api.route('/', peopleRoutes);
  api.route('/', importRoutes);
  api.route('/', auditRoutes);
  api.route('/', courseRoutes);
  api.route('/', assignmentRoutes);
  api.route('/', studyRoutes);
  api.route('/', uploadRoutes);
  api.route('/', completionRoutes);
  api.route('/', quizRoutes);
  api.route('/', quizDefinitionRoutes);
  api.route('/', attemptRoutes);
  api.route('/', practiceRoutes);
  api.route('/', questionImportRoutes);
  api.route('/', quizStatsRoutes);
  // the cadence and figures before /sessions/{sessionId}, whose id would refuse their names
  api.route('/', sessionFigureRoutes);
  api.route('/', sessionRoutes);
  api.route('/', sessionAttendanceRoutes);
  api.route('/', reviewSheetRoutes);
  api.route('/', pledgeYearRoutes);
  api.route('/', pledgeRoutes);
  api.route('/', honourRoutes);
  api.route('/', notificationRoutes);
  api.route('/', flagRoutes);
  api.route('/', displayRoutes);
  api.route('/', overviewRoutes);
  api.route('/', docsRoutes);

  api.doc31('/openapi.json', () => ({
    openapi: '3.1.0',
    info: {
      title: '党建学习 API',
      version: config().version,
      description:
        'The JSON API of the 党建学习 platform. Errors share one shape: `{"error": {"code", "message", "details"}}`; ' +
        'messages follow the `lang` cookie or Accept-Language (zh-CN by default, en).',
    },
    servers: [{ url: '/api' }],
  }));

  // Anything else under /api is an unknown route: answer it here, before the web's catch-all sees it.
  api.all('*', (c) => {
    throw new AppError('NOT_FOUND', { params: { path: c.req.path } });
  });
  return api;
}
