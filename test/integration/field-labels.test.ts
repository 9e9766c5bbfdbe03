/**
 * Every field a person can get wrong is named in the message about it. Each area declares its fields' labels in its
 * messages.ts; a field nobody labelled would be called "这一项" / "value" ("请填写这一项"). For every operation with a JSON
 * body, starting from its permission-matrix sample, each field (and each field of an object inside it) is given a
 * value of the wrong type, and the message about that field must name it, in zh-CN and in en.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useLocalPlatform } from '../helpers/platform.js';
import { loadFixtures, sampleContext, samples, type Fixtures, type SampleRequest } from '../helpers/operation-samples.js';

const { app, signIn } = useLocalPlatform();
let fixtures: Fixtures;
let admin = '';
const ctx = sampleContext(() => ({ app, fixtures, adminCookie: admin }));

/** A value of another type than the one the sample sends. */
const wrongType = (value: unknown): unknown => (typeof value === 'string' ? 12345 : typeof value === 'number' || typeof value === 'boolean' ? 'x' : 7);

/** What the fallback label reads like, per language: the message names no field. */
const unnamed = { 'zh-CN': /这一项/, en: /\bvalue\b/i } as const;

interface Finding {
  operationId: string;
  field: string;
  lang: keyof typeof unnamed;
  message: string;
}

async function messagesAbout(base: SampleRequest, body: Record<string, unknown>, field: string, lang: keyof typeof unnamed): Promise<string[]> {
  const res = await app.request(`http://localhost${base.path}`, {
    method: base.method,
    headers: { origin: 'http://localhost', cookie: admin, 'content-type': 'application/json', 'accept-language': lang },
    body: JSON.stringify(body),
  });
  if (res.status !== 400) return [];
  const answer = (await res.json()) as { error?: { details?: Array<{ path?: string; message?: string }> } };
  return (answer.error?.details ?? []).filter((detail) => detail.path === field || detail.path?.startsWith(`${field}.`)).map((detail) => String(detail.message));
}

beforeAll(async () => {
  admin = await signIn('admin');
  fixtures = await loadFixtures(app, admin);
});

describe('validation messages name the field', () => {
  it('for every field of every JSON body, in zh-CN and en', async () => {
    const findings: Finding[] = [];
    let checked = 0;
    const seen = new Set<string>();
    for (const sample of samples) {
      if (sample.expect.admin !== 'allow' || seen.has(sample.operationId)) continue;
      const base = await sample.build(ctx);
      if (!base.body || base.body instanceof FormData || typeof base.body !== 'object' || Array.isArray(base.body)) continue;
      seen.add(sample.operationId);
      const valid = base.body as Record<string, unknown>;
      const variants: Array<[string, Record<string, unknown>]> = [];
      for (const [key, value] of Object.entries(valid)) {
        variants.push([key, { ...valid, [key]: wrongType(value) }]);
        if (value && typeof value === 'object' && !Array.isArray(value)) {
          for (const [inner, innerValue] of Object.entries(value)) variants.push([`${key}.${inner}`, { ...valid, [key]: { ...value, [inner]: wrongType(innerValue) } }]);
        }
      }
      for (const [field, body] of variants) {
        for (const lang of ['zh-CN', 'en'] as const) {
          const messages = await messagesAbout(base, body, field, lang);
          if (messages.length > 0) checked++;
          for (const message of messages) if (unnamed[lang].test(message)) findings.push({ operationId: sample.operationId, field, lang, message });
        }
      }
    }
    expect(findings).toEqual([]);
    // The walk reached the fields: most operations with a body say something about each field given a wrong type.
    expect(checked).toBeGreaterThan(40);
  });
});
