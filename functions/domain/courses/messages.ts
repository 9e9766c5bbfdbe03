import { defineFieldLabels, defineMessages } from '../../platform/i18n.js';

/** What the courses area says: a course or lesson not found, and the rules a course and its lessons keep. */
export const coursesMessages = defineMessages('courses', {
  'zh-CN': {
    courseNotFound: '找不到这门课程，或您无权查看。',
    lessonNotFound: '找不到这个课时，或您无权学习。',
    courseHasNoLessons: '课程至少要有一个课时才能发布。',
    lessonMaterialMissing: '课时“{title}”还没有上传学习材料。',
    lessonNeedsUrl: '外部链接课时须填写网址。',
    lessonNeedsBody: '图文课时须填写正文。',
    lessonMinTooShort: '最少学习时长至少 1 分钟。',
  },
  en: {
    courseNotFound: 'There is no such course, or you may not see it.',
    lessonNotFound: 'There is no such lesson, or you may not study it.',
    courseHasNoLessons: 'A course needs at least one lesson before it can be published.',
    lessonMaterialMissing: 'The lesson "{title}" has no material uploaded yet.',
    lessonNeedsUrl: 'A link lesson needs the address of the page.',
    lessonNeedsBody: 'A text lesson needs its text.',
    lessonMinTooShort: 'The minimum study time must be at least 1 minute.',
  },
});

/** What the course and lesson forms' fields are called in validation messages ("请填写课程名称"). */
export const coursesLabels = defineFieldLabels('courses', {
  'zh-CN': {
    courseTitle: '课程名称',
    courseSummary: '课程简介',
    lessonTitle: '课时标题',
    lessonBody: '课时正文',
    title: '标题',
    summary: '简介',
    category: '课程类别',
    credit: '学时',
    ownerUnitId: '所属单位',
    coverUploadId: '封面图片',
    status: '状态',
    body: '正文',
    url: '网址',
    minSeconds: '最少学习时间',
    durationSeconds: '视频时长',
    position: '位置',
    uploadId: '学习材料',
    lessonId: '课时',
    courseId: '课程',
  },
  en: {
    courseTitle: 'course title',
    courseSummary: 'course summary',
    lessonTitle: 'lesson title',
    lessonBody: 'lesson text',
    title: 'title',
    summary: 'summary',
    category: 'category',
    credit: 'credit (学时)',
    ownerUnitId: 'owning unit',
    coverUploadId: 'cover image',
    status: 'status',
    body: 'text',
    url: 'web address',
    minSeconds: 'minimum study time',
    durationSeconds: 'video length',
    position: 'position',
    uploadId: 'material file',
    lessonId: 'lesson',
    courseId: 'course',
  },
});
