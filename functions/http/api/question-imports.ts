/**
 * Importing a question file into a bank (题库导入): upload an .xlsx or CSV for a preview, then confirm it; and the
 * template to fill in. The preview carries a body limit of its own (a question file may be 4 MB; the API's default
 * is 1 MB), as the roster's preview does (`hasOwnBodyLimit` in index.ts).
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../context.js';
import { limitBody } from '../middleware/body-limit.js';
import { download } from '../download.js';
import { confirmQuestionImport, maxPreviewRows, maxQuestionFileBytes, previewQuestionImport, questionTemplateFile } from '../../domain/quizzes/import-service.js';
import { difficulties, questionKinds } from '../../domain/quizzes/schema.js';
import { questionImportMessages } from '../../domain/quizzes/messages.js';
import { commonErrors, denied, errorResponse, json, pathId } from './schemas.js';

const previewPath = '/questions/import/preview';
/** Room for the multipart framing and the other fields around a file of the largest size. */
const previewBodyLimit = () => maxQuestionFileBytes + 64 * 1024;

/** Whether this path carries its own body limit (index.ts exempts it from the API-wide one). */
export const questionImportHasOwnBodyLimit = (path: string) => path === `/api${previewPath}`;

const Problem = z.object({
  field: z.enum(['type', 'stem', 'options', 'answer', 'explanation', 'points', 'difficulty', 'tags']),
  code: z.string().openapi({ description: 'A stable code for the problem (the message key), e.g. `importDuplicateStem`, `duplicateInBank`.' }),
  message: z.string().openapi({ description: "What is wrong and how to fix it, in the requester's language." }),
});

const ImportedQuestion = z
  .object({
    kind: z.enum(questionKinds),
    stem: z.string(),
    options: z.array(z.object({ text: z.string() })),
    answer: z.array(z.union([z.number().int(), z.string()])).openapi({ description: 'As the bank stores it: option indices (0 is A; true/false [0] true, [1] false), or the accepted texts.' }),
    explanation: z.string(),
    points: z.number(),
    difficulty: z.enum(difficulties),
    tags: z.array(z.string()),
  })
  .openapi('ImportedQuestion');

const PreviewRow = z
  .object({
    line: z.number().int().openapi({ description: 'The row of the sheet (or line of the CSV file).' }),
    question: ImportedQuestion.nullable().openapi({ description: 'The question as it will be stored; null when the row has problems.' }),
    written: z.object({ type: z.string(), stem: z.string() }).openapi({ description: 'The type and stem as the file wrote them.' }),
    problems: z.array(Problem),
  })
  .openapi('QuestionImportRow');

const Counts = z
  .object({
    rows: z.number().int(),
    ready: z.number().int().openapi({ description: 'Rows a confirm imports.' }),
    problems: z.number().int().openapi({ description: 'Rows with at least one problem: not imported.' }),
    duplicates: z.number().int().openapi({ description: 'Of those, rows whose stem repeats an earlier row or a question of the bank.' }),
  })
  .openapi('QuestionImportCounts');

const Preview = z
  .object({
    importId: z.string(),
    fileName: z.string(),
    ownerUnitId: z.string(),
    counts: Counts,
    rows: z.array(PreviewRow).openapi({ description: `Up to ${maxPreviewRows} rows: those with problems first, then the ready ones, each in file order.` }),
  })
  .openapi('QuestionImportPreview');

const Result = z
  .object({
    importId: z.string(),
    ownerUnitId: z.string(),
    created: z.number().int().openapi({ description: 'Questions this import put into the bank.' }),
    skipped: z.number().int().openapi({ description: 'Ready rows whose stem the bank held by the time of the confirm.' }),
    notImported: z.number().int().openapi({ description: 'Rows with problems at preview.' }),
  })
  .openapi('QuestionImportResult');

const refused = denied('Organizers (their subtree’s banks) and admins only; an organizer importing into a bank outside their subtree.');

const routes = {
  preview: createRoute({
    method: 'post',
    path: previewPath,
    operationId: 'previewQuestionImport',
    tags: ['questions'],
    summary: 'Upload a question file (.xlsx or CSV, ≤ 4 MB, ≤ 5,000 rows) and see each row as it will be stored, or its problems',
    description:
      'Columns (header within the first five rows, in Chinese or English): 题型 (单选/多选/判断/填空), 题干, 选项A … 选项H, 答案 (`A`, `AB`, ' +
      '`A,B`, `A、B`; 对/错/正确/错误/√/×; fill-in answers separated by `|`), 解析, 分值, 难度 (易/中/难), 分类. A stem repeated within the file or ' +
      'already in the bank is a problem. Nothing is written to the bank yet: the good rows are kept for 24 hours for `confirmQuestionImport`.',
    middleware: [limitBody(previewBodyLimit, () => maxQuestionFileBytes, questionImportMessages.fileTooLarge)] as const,
    request: {
      body: {
        required: true,
        content: {
          'multipart/form-data': {
            schema: {
              type: 'object',
              required: ['file'],
              properties: {
                file: { type: 'string', format: 'binary', description: 'The question file: .xlsx (Excel, WPS, LibreOffice) or CSV (UTF-8, GBK, UTF-16).' },
                ownerUnitId: { type: 'string', description: 'The bank (its unit) to import into; the editor’s own unit (the root for admins) when absent.' },
              },
            },
          },
        },
      },
    },
    responses: {
      200: json(Preview, 'Each row, as it will be stored or with its problems.'),
      415: errorResponse('Not an .xlsx or CSV file.'),
      ...refused,
      ...commonErrors,
    },
  }),
  confirm: createRoute({
    method: 'post',
    path: '/questions/import/{importId}/confirm',
    operationId: 'confirmQuestionImport',
    tags: ['questions'],
    summary: 'Import the good rows of a previewed question file into its bank',
    description:
      'Safe to repeat: the same import confirmed again answers its result again, and a stem the bank already holds (another preview of the ' +
      'same file, a question added meanwhile) is skipped, never written twice.',
    request: { params: z.object({ importId: pathId('importId') }) },
    responses: {
      200: json(Result, 'Imported.'),
      404: errorResponse('No such import of the caller’s, or it has expired (after 24 hours).'),
      409: errorResponse('It is being imported right now, or has nothing to import.'),
      ...refused,
      ...commonErrors,
    },
  }),
  template: createRoute({
    method: 'get',
    path: '/questions/import/template.xlsx',
    operationId: 'getQuestionTemplate',
    tags: ['questions'],
    summary: 'The question file template (.xlsx): the header in the caller’s language and an example of each type',
    responses: {
      200: {
        description: 'A workbook offered for download.',
        content: { 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: z.string().openapi({ format: 'binary' }) } },
      },
      ...refused,
      ...commonErrors,
    },
  }),
};

/** The uploaded file and the chosen bank; undefined parts when the body has none (or is no readable form at all). */
async function uploaded(c: Context<AppEnv>) {
  try {
    const form = await c.req.parseBody();
    const file = form.file;
    const owner = form.ownerUnitId;
    return {
      file: file instanceof File ? { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) } : undefined,
      ownerUnitId: typeof owner === 'string' && owner !== '' ? owner : undefined,
    };
  } catch {
    return { file: undefined, ownerUnitId: undefined };
  }
}

export const questionImportRoutes = new OpenAPIHono<AppEnv>()
  .openapi(routes.template, (c) => download(c, questionTemplateFile(c.get('actor')), 'question-template'))
  .openapi(routes.preview, async (c) => c.json(await previewQuestionImport(c.get('actor'), await uploaded(c)), 200))
  .openapi(routes.confirm, async (c) => c.json(await confirmQuestionImport(c.get('actor'), c.req.valid('param').importId), 200));
