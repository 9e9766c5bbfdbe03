import { beforeAll, describe, expect, it } from 'vitest';
import type { Lang } from '../../../functions/shared/constants';
import { provideMessages, translate, type Translate } from '../i18n';
import { en } from '../i18n/en';
import { zhCN } from '../i18n/zh-CN';
import type { components } from './api-types';
import { auditChanges, auditDetails, auditFieldLabel, type AuditReading } from './audit-labels';
import type { AuditEntry } from './people-labels';

const branch1 = '01M8KS0S1A39G0RANKN8N1WHV2';
const window = '01M8KS0S1A39G0RANKN8N1WHV1';
const gone = '01M8KS0S1A39G0RANKN8N1ZZZZ';
const unitNames = { [branch1]: '机关第一党支部', [window]: '窗口服务中心' };

beforeAll(() => {
  provideMessages('zh-CN', zhCN);
  provideMessages('en', en);
});

const reading = (lang: Lang): AuditReading => ({ t: ((key, params) => translate(lang, key, params)) as Translate, lang, unitNames });

let n = 0;
function entry(fields: Partial<AuditEntry> & Pick<AuditEntry, 'action' | 'target'>): AuditEntry {
  return { auditId: `01M8KS27TR4H0JH462TJMKAB${String(++n).padStart(2, '0')}`, at: '2026-11-29T13:49:11.896Z', actorId: null, actorName: null, ...fields };
}

/** Every text a reader sees of an entry's changes and details, one string per line. */
function shown(item: AuditEntry, lang: Lang): string[] {
  return [
    ...auditChanges(item, reading(lang)).map((line) => `${line.label}: ${line.before ?? ''} → ${line.after}`),
    ...auditDetails(item, reading(lang)).map((line) => `${line.label ?? ''}: ${line.text}`),
  ];
}

/**
 * Every field of the API's people, units, courses and lessons, and whether the audit log records it (true) or it is
 * only shown or kept for bookkeeping (false). Typed from the generated API types: a field added to the API fails the
 * type check here until it is placed.
 */
type Fields<T> = { [K in keyof Required<T>]: boolean };
const personFields: Fields<components['schemas']['Person']> = {
  personId: false,
  name: true,
  login: true,
  unitId: true,
  unitName: false,
  unitPath: false,
  branchId: true,
  branchName: false,
  partyStatus: true,
  roles: true,
  lang: true,
  active: true,
  mustChangePassword: true,
  createdAt: false,
  updatedAt: false,
  version: false,
};
const unitFields: Fields<components['schemas']['Unit']> = {
  unitId: false,
  name: true,
  kind: true,
  parentId: true,
  sortOrder: true,
  retired: true,
  createdAt: false,
  updatedAt: false,
  version: false,
};
const courseFields: Fields<components['schemas']['Course']> = {
  courseId: false,
  title: true,
  summary: true,
  category: true,
  coverKey: true,
  credit: true,
  status: true,
  ownerUnitId: true,
  lessons: true,
  createdBy: true,
  publishedAt: true,
  createdAt: false,
  updatedAt: false,
  version: false,
};
const lessonFields: Fields<components['schemas']['Lesson']> = {
  lessonId: false,
  title: true,
  kind: true,
  body: true,
  materialKey: true,
  url: true,
  minSeconds: true,
  durationSeconds: true,
};
const recorded = (fields: Record<string, boolean>) => Object.keys(fields).filter((name) => fields[name]);

const course = { type: 'course' as const, id: '01M8KS1SZNMNG55YHNT8P797ZC', label: '窗口服务礼仪' };
const person = { type: 'person' as const, id: '01M8KS23TQJ0TMBAYZYW6ZS8T8', label: '李文静' };

/** Entries of every kind the platform records, with the raw values that must never reach the screen. */
const samples: AuditEntry[] = [
  entry({
    action: 'updatePerson',
    target: person,
    changes: {
      unitId: { before: window, after: gone },
      branchId: { before: null, after: branch1 },
      partyStatus: { before: 'none', after: 'probationary' },
      roles: { before: [{ role: 'staff' }, { role: 'organizer', unitId: branch1 }], after: [{ role: 'staff' }] },
      active: { before: true, after: false },
      lang: { before: 'zh-CN', after: 'en' },
    },
  }),
  entry({
    action: 'createCourse',
    target: course,
    changes: {
      title: { before: null, after: '窗口服务礼仪' },
      category: { before: null, after: 'service' },
      credit: { before: null, after: 0.5 },
      status: { before: null, after: 'draft' },
      ownerUnitId: { before: null, after: branch1 },
      coverKey: { before: null, after: null },
      publishedAt: { before: null, after: null },
    },
  }),
  entry({ action: 'updateCourse', target: course, changes: { coverKey: { before: null, after: 'uploads/cover/01M8KS0TFYJEQNXYZAD249Z9G3.jpg' }, publishedAt: { before: null, after: '2026-11-26T20:05:09.000Z' }, status: { before: 'draft', after: 'archived' } } }),
  entry({ action: 'updateCourse', target: course, changes: { title: { before: '第一讲', after: '第一讲 服务礼仪' }, minSeconds: { before: 300, after: 600 }, materialKey: { before: 'uploads/pdf/01M8KS0TFYJEQNXYZAD249Z9G4.pdf', after: 'uploads/pdf/01M8KS0TFYJEQNXYZAD249Z9G5.pdf' } }, details: { lesson: '第一讲 服务礼仪' } }),
  entry({ action: 'assignCourse', target: course, details: { assignmentId: '01M8KS1TPJ96QAJ5RP8GC6P3C2', dueAt: '2026-12-31T15:59:59.999Z', required: true } }),
  entry({ action: 'confirmImport', target: { type: 'import', id: '01M8KS279RV6REY13Z061B13R9', label: 'roster.csv' }, details: { created: 1, updated: 2, unchanged: 3, rows: 6, fileName: 'roster.csv' } }),
  entry({ action: 'signInFailed', target: { type: 'login', id: 'staff2', label: 'staff2' }, details: { address: 'unknown' } }),
  // A field and a detail the catalogs do not know (added by an area later): labelled "other", the id left out.
  entry({ action: 'updatePerson', target: person, changes: { mentorId: { before: null, after: '01M8KS0S1GP07HRXJRD0AWPHN4' } }, details: { batchId: '01M8KS0S1GP07HRXJRD0AWPHN5' } }),
];

describe('the audit log in words', () => {
  it('labels every field the platform records about people, units, courses and lessons', () => {
    const fields = { person: recorded(personFields), unit: recorded(unitFields), course: recorded(courseFields), lesson: recorded(lessonFields) } as const;
    for (const lang of ['zh-CN', 'en'] as const) {
      const { t } = reading(lang);
      for (const [subject, names] of Object.entries(fields)) {
        for (const field of names) {
          expect(auditFieldLabel(t, subject as keyof typeof fields, field), `${lang} ${subject}.${field}`).not.toBe(t('audit.field.other'));
        }
      }
    }
  });

  it('never shows an id, a storage key, a UTC time or a code', () => {
    for (const lang of ['zh-CN', 'en'] as const) {
      const text = samples.flatMap((item) => shown(item, lang)).join('\n');
      expect(text).not.toMatch(/[0-9A-HJKMNP-TV-Z]{26}/);
      expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
      expect(text).not.toMatch(/uploads\//);
      // Neither the recorded field names nor the codes of values.
      expect(text).not.toMatch(/\b(assignmentId|dueAt|fileName|minSeconds|materialKey|ownerUnitId|partyStatus|mentorId|batchId)\b/);
      expect(text).not.toMatch(/\b(draft|archived|service|probationary|organizer|true|false)\b/);
    }
  });

  it('says what changed the way a person would (Chinese)', () => {
    const [updated, created, edited, lesson, assigned, imported, failed] = samples.map((item) => shown(item, 'zh-CN'));
    expect(updated).toEqual([
      '所在单位: 窗口服务中心 → 已不存在的单位',
      '所在党支部: 无 → 机关第一党支部',
      '政治面貌: 群众 → 预备党员',
      '角色: 组织者（机关第一党支部） → 职工',
      '账号状态: 在用 → 已停用',
      '界面语言: 简体中文 → English',
    ]);
    // A new record lists what it was given, without "before", and leaves out what it was not given.
    expect(created).toEqual(['课程名称:  → 窗口服务礼仪', '课程类别:  → 服务能力', '学时:  → 0.5 学时', '课程状态:  → 草稿', '所属单位:  → 机关第一党支部']);
    // Times in Shanghai: 20:05 UTC on 26 Nov is 04:05 on 27 Nov.
    expect(edited).toEqual(['封面图片: 无 → 新文件', '发布时间: 无 → 2026年11月27日 04:05:09', '课程状态: 草稿 → 已归档']);
    expect(lesson).toEqual(['课时名称: 第一讲 → 第一讲 服务礼仪', '最少学习时长: 5 分钟 → 10 分钟', '课件文件: 原文件 → 新文件', '课时: 第一讲 服务礼仪']);
    // Due at the end of 31 Dec in Shanghai: the day alone.
    expect(assigned).toEqual(['完成期限: 2026年12月31日', '任务类型: 必修']);
    expect(imported).toEqual([': 共 6 行：新建 1 人，更新 2 人，未变 3 人']);
    expect(failed).toEqual(['IP 地址: 未知']);
  });

  it('says it in English too', () => {
    const [updated, , , lesson, assigned] = samples.map((item) => shown(item, 'en'));
    expect(updated![2]).toBe('Political status: Not a member → Probationary member');
    expect(lesson![1]).toBe('Minimum study time: 5 min → 10 min');
    expect(assigned).toEqual(['Due: 31 Dec 2026', 'Kind of task: Required']);
  });
});
