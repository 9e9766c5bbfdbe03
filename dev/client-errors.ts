/**
 * What the local server answers when Node's HTTP parser refuses a request before the app sees it: headers larger
 * than Node's limit (431), a malformed request line or header (400). Node's own answer is a bare status line; ours is
 * the API's JSON error, in the language the request asked for as far as it could be read.
 *
 * On AWS the same requests never reach the function: CloudFront and API Gateway refuse oversized headers themselves.
 */
import { STATUS_CODES, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { errorBody } from '../functions/http/errors.js';
import { AppError } from '../functions/platform/errors.js';
import { langFromHeaders } from '../functions/platform/i18n.js';

/** The header named `name` in the raw bytes read so far (they may stop mid-header). */
function rawHeader(raw: string, name: string): string | undefined {
  const match = new RegExp(`\\r\\n${name}:[ \\t]*([^\\r\\n]*)`, 'i').exec(raw);
  return match?.[1];
}

export function clientErrorAnswer(error: NodeJS.ErrnoException & { rawPacket?: Buffer }): string | undefined {
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT' || error.code === 'ECONNRESET') return undefined;
  const raw = error.rawPacket?.toString('latin1') ?? '';
  const lang = langFromHeaders(rawHeader(raw, 'cookie'), rawHeader(raw, 'accept-language'));
  const appError = error.code === 'HPE_HEADER_OVERFLOW' ? new AppError('HEADERS_TOO_LARGE') : new AppError('VALIDATION');
  const body = errorBody(appError, lang);
  return [
    `HTTP/1.1 ${appError.status} ${STATUS_CODES[appError.status]}`,
    'Content-Type: application/json; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Cache-Control: no-store',
    'X-Content-Type-Options: nosniff',
    'Connection: close',
    '',
    body,
  ].join('\r\n');
}

/** Answers the parser's refusals with JSON instead of Node's bare status line. */
export function answerClientErrorsAsJson(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException & { rawPacket?: Buffer }, socket: Duplex) => {
    const answer = socket.writable ? clientErrorAnswer(error) : undefined;
    if (answer) socket.end(answer);
    else socket.destroy();
  });
}
