/**
 * /quizzes/bank/template.xlsx — the question file template in the reader's language, as the API writes it
 * (getQuestionTemplate): the header the import reads and an example of each type.
 */
import type { LoaderFunctionArgs } from '@remix-run/server-runtime';
import { throwApiError } from '../lib/respond.server';

export async function loader({ context }: LoaderFunctionArgs) {
  const { data, error, response } = await context.api.GET('/questions/import/template.xlsx', { parseAs: 'arrayBuffer' });
  if (!data) throwApiError(error, response.status);
  return new Response(data, {
    headers: {
      'Content-Type': response.headers.get('content-type') ?? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'Content-Disposition': response.headers.get('content-disposition') ?? 'attachment; filename="question-template.xlsx"',
      'Cache-Control': 'private, no-store',
    },
  });
}
