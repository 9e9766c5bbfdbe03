/**
 * The one place `npm start` decides what a request's client, scheme and host are, before the app sees it.
 *
 * - Without TRUST_PROXY, X-Forwarded-For/-Proto/-Host are removed from every request: the client is the socket's
 *   peer, and nothing downstream can be told otherwise by a header a client typed.
 * - With TRUST_PROXY=1 the peer is the reverse proxy (nginx, Caddy) and its headers are believed: the client is the
 *   last X-Forwarded-For entry (the one the proxy appended). With TRUST_PROXY=<address or CIDR>,… they are believed
 *   only from those peers, and the client is the last entry that is not one of them (a chain of proxies).
 * - With PUBLIC_URL the request's URL and X-Forwarded-Host carry that origin (what pages print as links and QR
 *   codes, what the same-origin check compares with); otherwise a trusted proxy's X-Forwarded-Proto/-Host, otherwise
 *   what the socket received.
 *
 * The address reaches the app as `env.clientAddress`, which functions/http/client-address.ts reads first.
 */
import { BlockList, isIP } from 'node:net';

export interface FrontDoorSettings {
  /** PUBLIC_URL: the address people use, e.g. https://xuexi.example.gov.cn */
  publicUrl?: string;
  /** TRUST_PROXY: unset, `1`/`true` (the peer is the proxy), or a comma list of addresses and CIDR blocks. */
  trustProxy?: string;
}

interface Trust {
  /** Is the socket's peer a proxy whose headers we believe? */
  peer(address: string): boolean;
  /** Is this X-Forwarded-For entry one of our proxies (skipped when looking for the client)? */
  hop(address: string): boolean;
}

const forwardedHeaders = ['x-forwarded-for', 'x-forwarded-proto', 'x-forwarded-host', 'forwarded'];

/** `::ffff:10.0.0.1` → `10.0.0.1`. */
export function plainAddress(address: string | undefined): string {
  const trimmed = (address ?? '').trim();
  return trimmed.startsWith('::ffff:') && isIP(trimmed.slice(7)) === 4 ? trimmed.slice(7) : trimmed;
}

export function parseTrustProxy(value: string | undefined): Trust | undefined {
  const setting = (value ?? '').trim();
  if (setting === '' || /^(0|false|no)$/i.test(setting)) return undefined;
  if (/^(1|true|yes)$/i.test(setting)) return { peer: () => true, hop: () => false };
  const list = new BlockList();
  for (const entry of setting.split(',').map((e) => e.trim()).filter(Boolean)) {
    const [address = '', bits] = entry.split('/');
    const family = isIP(address);
    if (family === 0) throw new Error(`TRUST_PROXY: "${entry}" is not an address or CIDR block (use 1, or addresses like 127.0.0.1,10.0.0.0/8).`);
    const type = family === 4 ? 'ipv4' : 'ipv6';
    if (bits === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(bits), type);
  }
  const has = (address: string) => {
    const plain = plainAddress(address);
    const family = isIP(plain);
    return family !== 0 && list.check(plain, family === 4 ? 'ipv4' : 'ipv6');
  };
  return { peer: has, hop: has };
}

export function parsePublicUrl(value: string | undefined): URL | undefined {
  if (!value?.trim()) return undefined;
  const url = new URL(value.trim());
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`PUBLIC_URL must start with https:// (or http://), not ${url.protocol}`);
  return url;
}

interface NodeEnv {
  incoming?: { socket?: { remoteAddress?: string } };
}

type Fetch<E> = (request: Request, env: E & { clientAddress: string }) => Response | Promise<Response>;

export function frontDoor<E extends NodeEnv>(fetch: Fetch<E>, settings: FrontDoorSettings): (request: Request, env: E) => Promise<Response> {
  const trust = parseTrustProxy(settings.trustProxy);
  const publicUrl = parsePublicUrl(settings.publicUrl);
  return async (request, env) => {
    const peer = plainAddress(env.incoming?.socket?.remoteAddress) || 'unknown';
    const trusted = trust?.peer(peer) ?? false;
    const headers = new Headers(request.headers);
    let client = peer;
    let origin: string | undefined;
    if (trusted) {
      const chain = (headers.get('x-forwarded-for') ?? '').split(',').map((a) => plainAddress(a)).filter((a) => isIP(a) !== 0);
      let index = chain.length - 1;
      while (index > 0 && trust!.hop(chain[index]!)) index--;
      if (index >= 0) client = chain[index]!;
      const proto = headers.get('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase();
      const host = headers.get('x-forwarded-host')?.split(',')[0]?.trim();
      if (host && /^[\w.-]+(:\d+)?$|^\[[\da-f:.]+\](:\d+)?$/i.test(host)) origin = `${proto === 'https' ? 'https' : 'http'}://${host}`;
      else if (proto === 'https' || proto === 'http') origin = `${proto}://${new URL(request.url).host}`;
    }
    for (const name of forwardedHeaders) headers.delete(name);
    if (publicUrl) origin = publicUrl.origin;
    let url = new URL(request.url);
    if (origin) {
      url = new URL(`${url.pathname}${url.search}`, origin);
      headers.set('x-forwarded-host', url.host);
    }
    const hasBody = request.method !== 'GET' && request.method !== 'HEAD' && request.body !== null;
    const rewritten = new Request(url, {
      method: request.method,
      headers,
      body: hasBody ? request.body : null,
      signal: request.signal,
      redirect: request.redirect,
      ...(hasBody ? { duplex: 'half' } : {}),
    } as RequestInit);
    return fetch(rewritten, { ...env, clientAddress: client });
  };
}
