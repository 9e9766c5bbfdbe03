/**
 * The demo question bank seeded on a first start (dev/seed-questions.ts, called by seedDemo): at least 40 questions
 * owned by the bureau (the root unit), in exactly the four demo categories, each with at least 3 easy, 3 medium and
 * 2 hard questions, all four kinds, every one with an explanation, and keys that the bank's own rules accept.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useLocalPlatform } from '../helpers/platform.js';
import { demoCategories } from '../../dev/seed-questions.js';

const { call, signIn, seeded } = useLocalPlatform();
let admin = '';
let organizer1 = '';
let bureau = '';

type Listed = { questionId: string; ownerUnitId: string; kind: string; difficulty: string; tags: string[]; explanation: string; answer: unknown[]; options: unknown[]; retired: boolean; version: number };

beforeAll(async () => {
  admin = await signIn('admin');
  organizer1 = await signIn('organizer1');
  const units = await call('GET', '/units', admin);
  bureau = (units.json.items as { unitId: string; parentId: string | null }[]).find((unit) => unit.parentId === null)!.unitId;
});

describe('the demo question bank', () => {
  it('holds at least 40 active questions of the bureau in the four categories, each category with easy, medium and hard questions', async () => {
    expect(seeded()?.questions).toBeGreaterThanOrEqual(40);
    const res = await call('GET', `/questions?unitId=${bureau}&limit=200`, admin);
    expect(res.status).toBe(200);
    const items = (res.json.items as Listed[]).filter((q) => q.ownerUnitId === bureau);
    expect(items.length).toBe(seeded()?.questions);
    expect(new Set(items.flatMap((q) => q.tags))).toEqual(new Set(demoCategories));
    for (const category of demoCategories) {
      const of = items.filter((q) => q.tags.includes(category));
      const count = (difficulty: string) => of.filter((q) => q.difficulty === difficulty).length;
      expect([count('easy') >= 3, count('medium') >= 3, count('hard') >= 2], category).toEqual([true, true, true]);
      // The category index draw rules read finds the same questions.
      const byTag = await call('GET', `/questions?tag=${encodeURIComponent(category)}&difficulty=hard&limit=200`, admin);
      expect(byTag.json.items.length, category).toBe(count('hard'));
    }
    expect(new Set(items.map((q) => q.kind))).toEqual(new Set(['single', 'multiple', 'truefalse', 'fill']));
    expect(items.every((q) => q.explanation.length > 0 && q.version === 1 && !q.retired && q.answer.length > 0)).toBe(true);
    expect(items.filter((q) => q.kind === 'multiple').every((q) => q.options.length >= 2 && q.options.length <= 8)).toBe(true);
  });

  it("is the bureau's: an organizer of a branch does not read it", async () => {
    expect((await call('GET', `/questions?unitId=${bureau}`, organizer1)).status).toBe(404);
  });
});
