import { describe, expect, it } from 'vitest';
import { render, renderable } from './render.js';
import { digestId } from './entities.js';

describe('a notification read in a language', () => {
  it('takes the variant’s texts, instants in Shanghai time and words in the reader’s language', () => {
    const rated = { kind: 'pledgeRated' as const, params: { year: 2027, rating: { 'zh-CN': '优秀', en: 'excellent' } } };
    expect(render(rated, 'zh-CN').body).toBe('支部对您 2027 年践诺情况的评定为：优秀。');
    expect(render(rated, 'en').body).toBe('The branch rated how you kept your pledges of 2027: excellent.');
    const refused = { kind: 'leaveDecided' as const, variant: 'refused', params: { topic: '党课', startsAt: '2027-03-11T22:30:00Z', note: '' } };
    expect(render(refused, 'zh-CN').title).toBe('请假未获批准');
    expect(render(refused, 'zh-CN').body).toContain('3月12日 06:30');
  });

  it('renders a digest’s lines and knows which entries have texts', () => {
    const digest = render({ kind: 'digest', params: { count: 1 }, lines: [{ kind: 'makeUpDue', params: { count: 2 }, link: '/sessions' }] }, 'en');
    expect(digest.title).toBe('Today’s reminders: 1');
    expect(digest.lines).toEqual([{ kind: 'makeUpDue', text: 'You have make-up study for 2 session(s)', link: '/sessions' }]);
    expect(renderable({ kind: 'quizResult', variant: 'passed' }, false)).toBe(true);
    expect(renderable({ kind: 'overdue' }, false)).toBe(false);
    expect(renderable({ kind: 'overdue' }, true)).toBe(true);
  });

  it('makes one digest id per day, sorting with the ids of that day', () => {
    expect(digestId('2027-03-10')).toBe(digestId('2027-03-10'));
    expect(digestId('2027-03-10') < digestId('2027-03-11')).toBe(true);
    expect(digestId('2027-03-10')).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
  });
});
