import { Hono } from 'hono';
import type { AppEnv } from '../context.js';

/**
 * A browsable API reference (Swagger UI). Its files come from the npm package, copied into the built client
 * assets by the web build (see vite.config.ts), so they are served like every other asset (locally by the app,
 * on AWS by CloudFront): no CDN, nothing large inside the Lambda bundle, and a page that satisfies our content
 * security policy (its scripts are files with this response's nonce, none inline).
 */
export const apiDocsAssetPath = '/assets/api-docs';

const page = (nonce: string) => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>党建学习 API</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${apiDocsAssetPath}/swagger-ui.css">
</head>
<body>
<div id="api-reference"></div>
<script src="${apiDocsAssetPath}/swagger-ui-bundle.js" nonce="${nonce}"></script>
<script src="/api/docs/init.js" nonce="${nonce}"></script>
</body>
</html>`;

const init = `window.addEventListener('load', function () {
  window.SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#api-reference', deepLinking: true });
});`;

export const docsRoutes = new Hono<AppEnv>()
  .get('/docs', (c) => c.html(page(c.get('cspNonce'))))
  .get('/docs/init.js', (c) => {
    c.header('content-type', 'text/javascript; charset=utf-8');
    c.header('cache-control', 'public, max-age=3600');
    return c.body(init);
  });
