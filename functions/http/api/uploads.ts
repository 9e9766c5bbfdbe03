import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../context.js';
import { checkUpload, createUpload } from '../../domain/uploads/service.js';
import { CheckedUpload, CreateUploadInput } from '../../domain/uploads/schema.js';
import { commonErrors, denied, errorResponse, json } from './schemas.js';

const uploaders = denied('Only course editors upload.');

const create = createRoute({
  method: 'post',
  path: '/uploads',
  operationId: 'createUpload',
  tags: ['uploads'],
  summary: 'Get a presigned address to upload a cover image (≤ 5 MB), a PDF (≤ 50 MB) or a video (≤ 500 MB) straight to storage',
  description:
    'PUT the file to `url` with the given headers, then check it (`checkUpload`), or pass `uploadId` straight to the lesson or course that uses it, which checks it then. The check looks at the stored object (its size and the file’s own first bytes) and only then makes it available to readers; the address signed here never serves it.',
  request: { body: { required: true, content: { 'application/json': { schema: CreateUploadInput } } } },
  responses: {
    201: json(
      z.object({ uploadId: z.string(), method: z.literal('PUT'), url: z.string(), headers: z.record(z.string(), z.string()), expiresAt: z.string() }),
      'Where and how to upload.',
    ),
    ...uploaders,
    ...commonErrors,
  },
});

const UploadParam = z.object({ uploadId: z.string().min(1).max(40).openapi({ param: { name: 'uploadId', in: 'path' } }) });

const check = createRoute({
  method: 'post',
  path: '/uploads/{uploadId}/check',
  operationId: 'checkUpload',
  tags: ['uploads'],
  summary: 'Check a file just uploaded: accepted, or refused with the reason',
  description:
    'Checks one’s own upload after the PUT: the stored object exists, has the declared size within the limit, and its first bytes are of the declared type. An accepted file is moved where readers receive it; a refused one is deleted. Checking again answers the same.',
  request: { params: UploadParam },
  responses: {
    200: json(CheckedUpload, 'The file was checked and may be used.'),
    ...uploaders,
    404: errorResponse('No such upload of one’s own, or it has expired.'),
    ...commonErrors,
  },
});

export const uploadRoutes = new OpenAPIHono<AppEnv>()
  .openapi(create, async (c) => c.json(await createUpload(c.get('actor'), c.req.valid('json')), 201))
  .openapi(check, async (c) => c.json(await checkUpload(c.get('actor'), c.req.valid('param').uploadId), 200));
