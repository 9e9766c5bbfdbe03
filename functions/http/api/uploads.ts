import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../context.js';
import { createUpload } from '../../domain/uploads/service.js';
import { CreateUploadInput } from '../../domain/uploads/schema.js';
import { commonErrors, errorResponse } from './schemas.js';

const create = createRoute({
  method: 'post',
  path: '/uploads',
  operationId: 'createUpload',
  tags: ['uploads'],
  summary: 'Get a presigned address to upload a cover image (≤ 5 MB), a PDF (≤ 50 MB) or a video (≤ 500 MB) straight to storage',
  description:
    'PUT the file to `url` with the given headers. Then pass `uploadId` to the lesson or course that uses it: the platform checks the stored object (size and, for images and PDFs, the file’s own first bytes) before accepting it.',
  request: { body: { required: true, content: { 'application/json': { schema: CreateUploadInput } } } },
  responses: {
    201: {
      description: 'Where and how to upload.',
      content: {
        'application/json': {
          schema: z.object({ uploadId: z.string(), method: z.literal('PUT'), url: z.string(), headers: z.record(z.string(), z.string()), expiresAt: z.string() }),
        },
      },
    },
    401: errorResponse('Not signed in.'),
    403: errorResponse('Only course editors upload.'),
    ...commonErrors,
  },
});

export const uploadRoutes = new OpenAPIHono<AppEnv>().openapi(create, async (c) => c.json(await createUpload(c.get('actor'), c.req.valid('json')), 201));
