import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../context.js';
import { answerPractice, getDailyPractice, getPracticeSettings, setPracticeSettings } from '../../domain/practice/service.js';
import { AnswerPracticeInput, SetPracticeSettingsInput } from '../../domain/practice/schema.js';
import { questionKinds } from '../../domain/quizzes/schema.js';
import { body, commonErrors, denied, errorResponse, json } from './schemas.js';

/** Daily practice (每日一练): one's own few questions a day, and the admin's setting of how many. */

const Given = z.union([z.array(z.number().int()), z.string()]).openapi({ description: 'Choice and true/false: the chosen `choice` indices ([0] true, [1] false). Fill-in: the text typed.' });

/** A question before its answer: never the key, never the explanation. */
const PracticeQuestion = z
  .object({
    questionId: z.string(),
    version: z.number().int(),
    kind: z.enum(questionKinds),
    stem: z.string(),
    stemImageUrl: z.string().nullable(),
    options: z.array(z.object({ choice: z.number().int(), text: z.string(), imageUrl: z.string().nullable() })),
    points: z.number(),
  })
  .openapi('PracticeQuestion');

/** Revealed once the question is answered. */
const PracticeResult = z
  .object({
    given: Given,
    correct: z.boolean(),
    answer: z.array(z.union([z.number().int(), z.string()])).openapi({ description: 'The key: correct option indices ([0] true, [1] false), or the accepted answers of a fill-in.' }),
    explanation: z.string(),
    answeredAt: z.string(),
  })
  .openapi('PracticeResult');

const Share = z.object({ answered: z.number().int(), correct: z.number().int(), percent: z.number().int().nullable() });

const Progress = { answered: z.number().int(), total: z.number().int(), done: z.boolean() };

const DailyPractice = z
  .object({
    enabled: z.boolean().openapi({ description: 'False when the admin turned practice off (0 questions a day).' }),
    day: z.string().openapi({ description: 'Today in Shanghai (YYYY-MM-DD): send it back with each answer.' }),
    questionsPerDay: z.number().int(),
    items: z.array(z.object({ question: PracticeQuestion, result: PracticeResult.nullable() })),
    ...Progress,
    streak: z.number().int().openapi({ description: 'Consecutive days with all of the day’s questions answered, up to today.' }),
    accuracy: z.object({ recentDays: z.number().int(), recent: Share, overall: Share }),
  })
  .openapi('DailyPractice');

const PracticeSettingsView = z
  .object({
    questionsPerDay: z.number().int(),
    updatedAt: z.string().nullable(),
    updatedBy: z.string().nullable(),
    mayChange: z.boolean().openapi({ description: 'Whether the caller may change the setting.' }),
  })
  .openapi('PracticeSettings');

const conflict = { 409: errorResponse('Practice is off, the question is not among today’s, or the day the page showed is over (`details.reason`).') };

const routes = {
  get: createRoute({
    method: 'get',
    path: '/practice',
    operationId: 'getDailyPractice',
    tags: ['practice'],
    summary: 'My practice today: its questions (fixed at my first look of the day), the results of those answered, my streak and accuracy',
    description:
      'Questions come from the banks of my unit and branch and every unit above them. Questions answered wrong come back on later days until answered right. ' +
      'The key and explanation of a question appear only once it is answered. Nobody else’s practice is ever shown: no ranking.',
    responses: { 200: json(DailyPractice, 'Today’s practice.'), ...denied(), ...commonErrors },
  }),
  answer: createRoute({
    method: 'post',
    path: '/practice/answers',
    operationId: 'answerPractice',
    tags: ['practice'],
    summary: 'Answer one of today’s questions: graded on the server, then the key and explanation',
    description: 'The first answer to a question is kept: answering it again answers the first result with `recorded: false`.',
    request: body(AnswerPracticeInput),
    responses: {
      200: json(z.object({ day: z.string(), questionId: z.string(), recorded: z.boolean() }).extend(PracticeResult.shape).extend(Progress), 'The result.'),
      ...conflict,
      ...denied(),
      ...commonErrors,
    },
  }),
  settings: createRoute({
    method: 'get',
    path: '/practice/settings',
    operationId: 'getPracticeSettings',
    tags: ['practice'],
    summary: 'How many questions a day everyone practises (0: off)',
    responses: { 200: json(PracticeSettingsView, 'The setting.'), ...denied(), ...commonErrors },
  }),
  setSettings: createRoute({
    method: 'put',
    path: '/practice/settings',
    operationId: 'setPracticeSettings',
    tags: ['practice'],
    summary: 'Set how many questions a day everyone practises (0 turns practice off; a day already begun keeps its questions)',
    request: body(SetPracticeSettingsInput),
    responses: { 200: json(PracticeSettingsView, 'Saved.'), ...denied('Administrators only.'), ...commonErrors },
  }),
};

export const practiceRoutes = new OpenAPIHono<AppEnv>()
  .openapi(routes.get, async (c) => c.json(await getDailyPractice(c.get('actor')), 200))
  .openapi(routes.answer, async (c) => c.json(await answerPractice(c.get('actor'), c.req.valid('json')), 200))
  .openapi(routes.settings, async (c) => c.json(await getPracticeSettings(c.get('actor')), 200))
  .openapi(routes.setSettings, async (c) => c.json(await setPracticeSettings(c.get('actor'), c.req.valid('json')), 200));
