/**
 * Roster import (花名册导入): upload a CSV or .xlsx roster for a preview, then confirm it.
 *
 * A roster may be up to 4 MB, more than the API's default (BODY_LIMIT_BYTES, 1 MB): the preview route carries its own
 * limit and is exempt from the API-wide one (`hasOwnBodyLimit`). Every other route keeps the 1 MB limit.
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../context.js';
import { limitBody } from '../middleware/body-limit.js';
import { apiMessage, type Lang } from '../../platform/i18n.js';
import { confirmImport, maxRosterFileBytes, previewImport } from '../../domain/roster/service.js';
import { maxPreviewRows, previewOrder, type PlannedRow } from '../../domain/roster/roster.js';
import { commonErrors, denied, errorResponse, json, pathId } from './schemas.js';
import { rosterMessages } from '../../domain/roster/messages.js';

const refused = denied('Not allowed (admins only).');

/** Room for the multipart framing and a password field around a file of the largest size. */
const previewBodyLimit = () => maxRosterFileBytes + 64 * 1024;

/** The one route with a body limit of its own (larger than the API's; see index.ts). */
export const hasOwnBodyLimit = (path: string) => path === '/api/imports/preview';

const Problem = z.object({
  field: z.enum(['name', 'login', 'unit', 'partyStatus', 'roles', 'branch']),
  code: z.string().openapi({ description: 'A stable code for the problem (the message key).' }),
  message: z.string().openapi({ description: "What is wrong and how to fix it, in the requester's language." }),
});

const PreviewRow = z
  .object({
    line: z.number().int().openapi({ description: 'The line of the CSV file (or the row of the sheet) the row came from.' }),
    name: z.string(),
    login: z.string(),
    unitPath: z.string(),
    partyStatus: z.string().openapi({ description: '`full`, `probationary` or `none` when recognised; otherwise the text of the file.' }),
    roles: z.string().openapi({ description: 'The roles cell as written.' }),
    branch: z.string(),
    action: z.enum(['create', 'update', 'unchanged', 'problem']),
    changes: z.array(z.enum(['name', 'unit', 'branch', 'partyStatus', 'roles'])).openapi({ description: 'For an update: what changes.' }),
    problems: z.array(Problem),
  })
  .openapi('ImportRow');

const Counts = z
  .object({
    rows: z.number().int(),
    create: z.number().int(),
    update: z.number().int(),
    unchanged: z.number().int(),
    problems: z.number().int().openapi({ description: 'Rows with at least one problem. Confirming needs 0.' }),
  })
  .openapi('ImportCounts');

const PreviewAnswer = z
  .object({
    importId: z.string(),
    fileName: z.string(),
    counts: Counts,
    rows: z.array(PreviewRow).openapi({ description: `Up to ${maxPreviewRows} rows: those with problems first, then creates, updates and unchanged rows, each in file order.` }),
  })
  .openapi('ImportPreview');

const ConfirmAnswer = z
  .object({
    created: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int(),
    initialPassword: z.string().optional().openapi({
      description: 'The one initial password of every person created, shown only here, once. Absent when nobody was created or the password was chosen at preview.',
    }),
  })
  .openapi('ImportResult');

const ImportIdParam = z.object({ importId: pathId('importId') });

const preview = createRoute({
  method: 'post',
  path: '/imports/preview',
  operationId: 'previewImport',
  tags: ['people'],
  summary: 'Upload a roster (CSV or .xlsx, ≤ 4 MB, ≤ 10,000 rows) and see what importing it would do',
  description:
    'Columns (header in Chinese or English): 姓名 name, 登录名 login, 所在单位 unit (a path such as 县政务服务管理局/机关第一党支部), ' +
    '政治面貌 party status (正式党员/预备党员/群众), optionally 角色 roles (`organizer@<unit path>; leader@<unit path>; admin`) and ' +
    '所在党支部 branch. Nothing is written to people yet: every row is checked and the import is kept for 24 hours for `confirmImport`.',
  middleware: [limitBody(previewBodyLimit, () => maxRosterFileBytes, rosterMessages.importFileTooLarge)] as const,
  request: {
    body: {
      required: true,
      content: {
        'multipart/form-data': {
          schema: {
            type: 'object',
            required: ['file'],
            properties: {
              file: { type: 'string', format: 'binary', description: 'The roster: CSV (UTF-8, or GBK as Excel saves it) or .xlsx.' },
              initialPassword: { type: 'string', minLength: 8, description: 'The initial password for new people; generated at confirm when absent.' },
            },
          },
        },
      },
    },
  },
  responses: {
    200: json(PreviewAnswer, 'The plan, row by row.'),
    415: errorResponse('Not a CSV or .xlsx file.'),
    ...refused,
    ...commonErrors,
  },
});

const confirm = createRoute({
  method: 'post',
  path: '/imports/{importId}/confirm',
  operationId: 'confirmImport',
  tags: ['people'],
  summary: 'Import a previewed roster',
  description:
    'Re-checks every row against the current data and refuses (409) while any row has a problem. Creates and updates people; ' +
    'new people get one initial password (returned once) and must change it at first sign-in. Safe to retry.',
  request: { params: ImportIdParam },
  responses: {
    200: json(ConfirmAnswer, 'Imported.'),
    404: errorResponse('No such import, or it has expired (after 24 hours).'),
    409: errorResponse('Rows still have problems, the roster was already imported, or it is being imported now.'),
    ...refused,
    ...commonErrors,
  },
});

function rowView(row: PlannedRow, lang: Lang) {
  return {
    line: row.row.line,
    name: row.row.name,
    login: row.login,
    unitPath: row.unitPath,
    partyStatus: row.partyStatus ?? row.row.partyStatus,
    roles: row.row.roles,
    branch: row.row.branch,
    action: row.action,
    changes: row.changes,
    problems: row.problems.map((problem) => ({
      field: problem.field,
      code: problem.messageKey.key,
      message: apiMessage(lang, problem.messageKey, problem.params),
    })),
  };
}

/** The uploaded file, or undefined when the body has none (or is not a readable form at all). */
async function uploadedFile(c: Context<AppEnv>) {
  try {
    const form = await c.req.parseBody();
    const file = form.file;
    const password = form.initialPassword;
    return {
      file: file instanceof File ? { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) } : undefined,
      initialPassword: typeof password === 'string' && password !== '' ? password : undefined,
    };
  } catch {
    return { file: undefined, initialPassword: undefined };
  }
}

export const importRoutes = new OpenAPIHono<AppEnv>()
  .openapi(preview, async (c) => {
    const { file, initialPassword } = await uploadedFile(c);
    const result = await previewImport(c.get('actor'), {
      file,
      ...(initialPassword === undefined ? {} : { initialPassword }),
    });
    const lang = c.get('lang');
    return c.json(
      {
        importId: result.importId,
        fileName: result.fileName,
        counts: result.counts,
        rows: previewOrder(result.plan.rows).map((row) => rowView(row, lang)),
      },
      200,
    );
  })
  .openapi(confirm, async (c) => c.json(await confirmImport(c.get('actor'), c.req.valid('param').importId), 200));
