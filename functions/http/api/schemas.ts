/**
 * What every route file declares its answers with: the error shape, the responses any route may give, JSON bodies,
 * the refusals of a signed-in operation, ids in paths and query strings. Route files import these, never copy them.
 */
import { z } from '@hono/zod-openapi';
import { errorCodes } from '../../platform/errors.js';

/** The one error shape every API answer uses for a failure. */
export const ErrorBody = z
  .object({
    error: z.object({
      code: z.enum(errorCodes),
      message: z.string().openapi({ description: "A sentence a person can act on, in the requester's language." }),
      details: z.unknown().optional(),
      requestId: z.string().optional(),
    }),
  })
  .openapi('Error');

export const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: ErrorBody } },
});

/** A JSON answer of this schema. */
export const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });

/** A required JSON request body of this schema. */
export const body = <T extends z.ZodType>(schema: T) => ({ body: { required: true, content: { 'application/json': { schema } } } });

/** The refusals of an operation that needs a signed-in person: 401 for nobody, 403 (described) for a role that may not. */
export const denied = (forbidden = 'Not allowed.') => ({ 401: errorResponse('Not signed in.'), 403: errorResponse(forbidden) });

/** Responses every route may give besides its own. */
export const commonErrors = {
  400: errorResponse('The input is not valid; `details` lists each problem.'),
  413: errorResponse('The request body is larger than the limit.'),
  500: errorResponse('A fault on the server (always a bug).'),
} as const;

/**
 * A record's id in the path (`/courses/{courseId}`): a ULID, checked like any body field, so a mangled link answers
 * 400 naming what is wrong ("课程无效…") before any lookup.
 */
export const pathId = <K extends string>(name: K) => z.ulid().openapi({ param: { name, in: 'path' }, example: '01JD8X3Q5M2V7K9R4T6W8Y0Z1A' });

/** A record's id in the query string, optional. */
export const queryId = (description?: string) => z.ulid().optional().openapi(description ? { description } : {});
