/**
 * Demo courses for the demo organisation (dev/seed.ts calls this once, right after the people are written): five
 * real-looking courses with text, PDF, video and link lessons, published and assigned with due dates relative to now,
 * some people's progress, and the completion figures computed once, so every learning page has something to show.
 *
 * Everything goes through the domain's own use cases (createCourse, createLesson, createUpload/useUpload,
 * publishCourse, assignCourse, recordStudy) with the seeded admin and organizers as actors, so the demo data obeys
 * the same rules as data typed into the pages. Study in the past is recorded by moving the platform clock
 * (functions/platform/clock.ts) for the duration of each heartbeat, and putting it back afterwards.
 */
import { readFileSync } from 'node:fs';
import { clock } from '../functions/platform/clock.js';
import { createCourse, createLesson, publishCourse, updateCourse } from '../functions/domain/courses/service.js';
import type { Course } from '../functions/domain/courses/schema.js';
import { assignCourse } from '../functions/domain/assignments/service.js';
import type { Audience } from '../functions/domain/assignments/schema.js';
import { recordStudy } from '../functions/domain/study/service.js';
import { createUpload } from '../functions/domain/uploads/service.js';
import { computeAllCompletion } from '../functions/domain/stats/service.js';
import { everyone } from '../functions/domain/people/directory.js';
import { loadTree } from '../functions/domain/org/service.js';
import type { Actor } from '../functions/domain/authz/permissions.js';
import type { PublicPerson } from '../functions/domain/people/schema.js';
import { seedUnits } from './seed-data.js';

export interface CourseSeedResult {
  courses: number;
  assignments: number;
  /** People × courses with recorded study. */
  progress: number;
}

const minute = 60;
const day = 86_400_000;

// ─── Lesson texts (Markdown) ───────────────────────────────────────────────────────────────────────────────────────

const fiveHearts = `窗口是政务服务的“第一印象”。群众对政府的评价，往往从窗口工作人员的一个眼神、一句话开始。“五心”是我局对窗口服务态度的基本要求：**热心、耐心、细心、诚心、暖心**。

## 一、热心：主动服务，不等不推
- 群众走近窗口，先起身或点头示意，主动询问“您好，请问办理什么业务？”
- 不属于本窗口的事项，不说“不归我管”，而是讲清该去哪个窗口、带什么材料，必要时引导过去。

## 二、耐心：问不烦，说不厌
- 对年纪大、听力不好或第一次来办事的群众，放慢语速，重要内容说两遍。
- 群众情绪激动时，先听完再解释，不打断、不争辩。

## 三、细心：材料一次看全，问题一次讲清
- 收件时逐项核对材料清单，缺什么、错在哪里，一次性写进《一次性告知书》。
- 办结前再核对一遍姓名、证件号码和联系电话。

## 四、诚心：实事求是，不说空话
- 能办的马上办；不能办的，讲清依据和其他办理途径。
- 自己拿不准的，说“请稍等，我确认一下”，不随口答复。

## 五、暖心：把群众的难处当成自己的事
- 为老年人、残疾人、孕妇等群体提供优先办、帮代办。
- 群众临近下班赶到、已经取号的，把业务办完再下班。

> 群众不是来“求”我们办事的，我们是来为群众办事的。
`;

const threeGreetings = `“三声”是窗口服务用语的底线要求：简单，但必须天天做到、人人做到。

## 来有迎声
群众来到窗口，应在 **3 秒内** 目光接触并问候：
- “您好，请坐，请问办理什么业务？”
- 正在接听电话或整理材料时，先示意：“请稍等，马上为您办理。”

## 问有答声
对群众的询问有问必答、答必准确：
- 本窗口事项：讲清流程、材料、时限和收费标准；
- 其他窗口事项：“这项业务在 8 号窗口办理，您从这边过去。”
- 一时答不上来：“我帮您问一下，请稍等。”绝不沉默或敷衍。

## 走有送声
业务办完或咨询结束，要有明确的结束语：
- “您的业务已经办好了，请收好材料，慢走。”
- 需要补充材料的：“这是一次性告知书，材料备齐后直接到这个窗口，不用重新排队。”

## 服务忌语
| 不说 | 改说 |
|---|---|
| 不知道，问别人去 | 请稍等，我帮您问一下 |
| 下班了，明天再来 | 您已经取号了，我们为您办完 |
| 墙上都写着呢 | 我来给您说一下 |
| 急什么，没看我正忙着吗 | 请稍等，马上就好 |
`;

const tenPoints = `“十个一点”把服务要求化为看得见、做得到的细节，便于每个人对照检查。

1. **微笑多一点**：接待群众面带微笑，让群众感到被尊重。
2. **说话轻一点**：语气平和、音量适中，不在大厅里大声喧哗。
3. **态度好一点**：不急不躁，遇到不理解的群众多解释一句。
4. **业务精一点**：熟悉本窗口每个事项的最新办事指南，不让群众白跑。
5. **办事快一点**：承诺时限内办结，能即办的当场办结。
6. **解释清一点**：政策讲明白、流程说清楚，不用群众听不懂的行话。
7. **服务细一点**：主动提醒证件带齐、复印件份数和领证时间。
8. **环境美一点**：台面整洁、资料有序，工牌佩戴规范。
9. **纪律严一点**：不迟到早退，工作时间不玩手机、不吃零食、不串岗。
10. **群众满意多一点**：办结后请群众作出“好差评”，虚心接受意见。

## 对照检查
每周五下班前，对照以上十条自查一次，把做得不够的一条写进下周的改进计划。支部每月抽查窗口服务录像，结果计入评先评优。
`;

const scenarios = `先想一想自己的做法，再读参考做法。

## 场景一：材料不全
一位老人带来的材料缺少户口簿复印件，着急地说：“我已经跑了三趟了。”

**参考做法**：先安抚情绪（“大爷您别着急，我帮您看看”）；确认能否通过部门数据共享查询代替复印件；确需补充的，开具一次性告知书，并告诉老人大厅有免费复印服务，当天补齐当天受理。

## 场景二：临近下班
下午 5 点 28 分，一位群众刚取号，前面还有两人。

**参考做法**：不拒绝、不催促，按顺序办完已取号的业务，办理中不流露不耐烦。

## 场景三：不属于本窗口
群众排了 20 分钟队，才发现要办的业务在另一个窗口。

**参考做法**：先致歉并说明原因，联系对应窗口走“绿色通道”优先办理，必要时陪同引导。

## 场景四：群众情绪激动
群众对审批结果不满，在窗口前大声指责。

**参考做法**：起身倾听，不争辩；请到洽谈区坐下详谈；讲清政策依据和救济途径；超出职权的，及时报告值班领导。
`;

const reformBasics = `“放管服”是 **简政放权、放管结合、优化服务** 的简称，是转变政府职能、优化营商环境的重要举措。

## 放：该放的坚决放
- 取消和下放行政审批事项，清理不必要的证明材料；
- 推行证明事项告知承诺制，能用承诺代替证明的，不再要求提交证明。

## 管：该管的管住管好
- 从“重审批、轻监管”转向“宽进严管”，推行“双随机、一公开”监管；
- 对新产业、新业态实行包容审慎监管。

## 服：服务要优
- 推进“一网通办”“一窗受理”“一次办好”；
- 推动高频事项“就近办、网上办、掌上办”，让数据多跑路、群众少跑腿。

## 对窗口工作人员意味着什么
1. 以公布的办事指南为准收取材料，不额外要求；
2. 能通过共享获取的材料，不再让群众提供；
3. 对告知承诺制事项，讲清承诺内容和不实承诺的后果。
`;

const historyBasics = `党史学习教育的目标要求是 **学史明理、学史增信、学史崇德、学史力行**。对政务服务工作者来说，学党史最终要落到“办实事”上。

## 为什么学
- 党的历史是最生动、最有说服力的教科书；
- 知道党从哪里来、往哪里去，才能在本职岗位上坚定理想信念。

## 学什么
1. 党的百年奋斗重大成就和历史经验；
2. 党的初心使命：为中国人民谋幸福，为中华民族谋复兴；
3. 以人民为中心的发展思想。

## 怎么学
- 个人自学与支部集中学习相结合；
- 每季度一次专题党课，每月一次主题党日；
- 把学习体会写进“我为群众办实事”实践活动。
`;

const historyPractice = `## 历史启示
从“全心全意为人民服务”的根本宗旨，到“人民对美好生活的向往，就是我们的奋斗目标”，为人民服务贯穿党的百年历史。

## 在窗口岗位上办实事
- **减环节**：梳理本窗口高频事项，能合并的环节合并，能并联的并联；
- **减材料**：对照数据共享清单，清理可以免交的材料；
- **减时限**：承诺时限再压缩，能即办的即办；
- **减跑动**：推行帮办代办、预约办、延时办、上门办。

## 支部要求
每名党员结合岗位认领一项“我为群众办实事”项目，年底在支部党员大会上报告完成情况，接受群众评议。
`;

const oneTimeNotice = `**一次性告知制度** 要求：群众申请材料不全或不符合要求的，工作人员应当 **一次性、书面** 告知需要补正的全部内容。

## 三个要点
1. **一次说全**：不能今天说缺这样，明天再说缺那样；
2. **书面告知**：填写《一次性告知书》，写明所需材料、份数、要求和办理地点，请群众签收；
3. **留档可查**：告知书存根留档，作为考核依据。

## 常见错误
- 只口头告知，群众回家后记不清；
- 告知内容与办事指南不一致；
- 补正材料后要求群众重新排队。
`;

const ratings = `## 评价渠道
窗口评价器、政务服务网、移动端和 12345 热线都可以评价。

## 收到差评怎么办
1. 1 个工作日内回访核实；
2. 情况属实的，3 个工作日内整改，并把结果反馈给评价人；
3. 情况不实的，留存证据，按程序申诉。

## 我们的目标
实名差评整改率 100%，群众满意度不低于 99%。
`;

// ─── A small PDF (text drawn with a standard CJK font, nothing embedded) ───────────────────────────────────────────

/** UTF-16BE hex of a string, as the UniGB-UCS2-H encoding of the Adobe-GB1 font wants it. */
function ucs2Hex(text: string): string {
  let hex = '';
  for (const char of text) {
    const code = char.codePointAt(0)!;
    hex += (code > 0xffff ? 0x3000 : code).toString(16).padStart(4, '0');
  }
  return hex.toUpperCase();
}

/**
 * A one-page A4 PDF with a title and lines of text, drawn in STSong-Light (one of the fonts every PDF reader provides
 * for Chinese), so the file stays a few kilobytes.
 */
export function makePdf(title: string, lines: string[]): Uint8Array {
  const text = [
    'BT',
    '/F1 20 Tf',
    '56 770 Td',
    `<${ucs2Hex(title)}> Tj`,
    '/F1 12 Tf',
    '0 -20 Td',
    ...lines.flatMap((line) => ['0 -22 Td', `<${ucs2Hex(line)}> Tj`]),
    'ET',
    // A red rule under the title.
    '0.784 0.086 0.114 RG 1.5 w 56 760 m 539 760 l S',
  ].join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [6 0 R] >>',
    `<< /Length ${Buffer.byteLength(text, 'latin1')} >>\nstream\n${text}\nendstream`,
    '<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> /FontDescriptor 7 0 R /DW 1000 >>',
    '<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>',
  ];
  let pdf = '%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(pdf, 'latin1'));
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(pdf, 'latin1');
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) pdf += `${String(offset).padStart(10, '0')} 00000 n \n`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(pdf, 'latin1'));
}

const policyPdf = () =>
  makePdf('深化“放管服”改革 政策要点导读', [
    '一、简政放权：取消和下放审批事项，清理证明材料，推行告知承诺制。',
    '二、放管结合：推行“双随机、一公开”监管，对新业态包容审慎监管。',
    '三、优化服务：推进“一网通办”“一窗受理”“一次办好”。',
    '四、数据共享：能通过共享获取的材料，不再要求群众提供。',
    '五、窗口要求：以公布的办事指南为准收件，不额外要求材料。',
    '六、时限要求：承诺时限内办结，能即办的当场办结。',
    '七、评价监督：全面推行政务服务“好差评”，差评必回访、必整改。',
    '',
    '本文件为学习材料示例，由县政务服务管理局机关党委整理。',
  ]);

// ─── Seeding ───────────────────────────────────────────────────────────────────────────────────────────────────────

const actorOf = (person: PublicPerson): Actor => ({ ...person, mustChangePassword: false, sessionId: 'seed' });

/** Uploads a file the way the browser does (presigned PUT), returning the upload's id for the lesson to use. */
async function upload(actor: Actor, purpose: 'pdf' | 'video' | 'cover', contentType: string, fileName: string, bytes: Uint8Array): Promise<string> {
  const slot = await createUpload(actor, { purpose, contentType, size: bytes.byteLength, fileName });
  const response = await fetch(slot.url, { method: slot.method, headers: slot.headers, body: new Blob([bytes as Uint8Array<ArrayBuffer>]) });
  if (!response.ok) throw new Error(`seed: uploading ${fileName} answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
  return slot.uploadId;
}

type LessonSeed = { title: string; minutes: number } & (
  | { kind: 'text'; body: string }
  | { kind: 'link'; url: string }
  | { kind: 'pdf'; file: () => Uint8Array; fileName: string }
  | { kind: 'video'; file: () => Uint8Array; fileName: string; durationSeconds: number }
);

/** A cover image from dev/assets (made once with ffmpeg: a red card with the course's name). */
const coverFile = (name: string) => () => new Uint8Array(readFileSync(new URL(`./assets/${name}`, import.meta.url)));

async function makeCourse(
  actor: Actor,
  fields: { title: string; summary: string; category: Course['category']; credit: number },
  lessons: LessonSeed[],
  cover?: string,
): Promise<Course> {
  let course = await createCourse(actor, fields);
  if (cover) {
    const coverUploadId = await upload(actor, 'cover', 'image/jpeg', cover, coverFile(cover)());
    course = await updateCourse(actor, course.courseId, { version: course.version, coverUploadId });
  }
  for (const lesson of lessons) {
    const common = { version: course.version, title: lesson.title, kind: lesson.kind, minSeconds: lesson.minutes * minute };
    switch (lesson.kind) {
      case 'text':
        course = await createLesson(actor, course.courseId, { ...common, body: lesson.body });
        break;
      case 'link':
        course = await createLesson(actor, course.courseId, { ...common, url: lesson.url });
        break;
      case 'pdf':
        course = await createLesson(actor, course.courseId, { ...common, uploadId: await upload(actor, 'pdf', 'application/pdf', lesson.fileName, lesson.file()) });
        break;
      case 'video':
        course = await createLesson(actor, course.courseId, {
          ...common,
          durationSeconds: lesson.durationSeconds,
          uploadId: await upload(actor, 'video', 'video/mp4', lesson.fileName, lesson.file()),
        });
        break;
    }
  }
  return publishCourse(actor, course.courseId, { version: course.version });
}

/**
 * Studies lessons of a course as a person would have, starting at `from`: a heartbeat every 45 s (the longest gap
 * the server still credits) until each lesson's minimum is reached, the video played along, then `hidden`.
 */
async function studyAt(actor: Actor, course: Course, lessonCount: number, from: number): Promise<void> {
  let at = from;
  for (const lesson of course.lessons.slice(0, lessonCount)) {
    const beats = Math.ceil(lesson.minSeconds / 45) + 1;
    for (let beat = 0; beat <= beats; beat++) {
      clock.now = () => new Date(at);
      const position = lesson.kind === 'video' ? { positionSeconds: Math.min(lesson.durationSeconds, beat * 45) } : {};
      await recordStudy(actor, course.courseId, { lessonId: lesson.lessonId, state: 'visible', ...position });
      at += 45_000;
    }
    clock.now = () => new Date(at);
    await recordStudy(actor, course.courseId, { lessonId: lesson.lessonId, state: 'hidden' });
    at += 2 * 60_000;
  }
}

/** Creates, publishes and assigns the demo courses and some study; then computes the completion figures once. */
export async function seedDemoCourses(): Promise<CourseSeedResult> {
  const realNow = clock.now;
  const started = realNow().getTime();
  /** The moment `days` days before now. */
  const daysAgo = (days: number) => started - days * day;
  const [people, tree] = await Promise.all([everyone(), loadTree()]);
  const byLogin = (login: string) => {
    const person = people.find((p) => p.login === login);
    if (!person) throw new Error(`seed: no person "${login}" for the demo courses`);
    return actorOf(person);
  };
  const unitId = (key: string) => {
    const name = seedUnits.find((unit) => unit.key === key)?.name;
    const unit = tree.ordered().find((u) => u.name === name);
    if (!unit) throw new Error(`seed: no unit "${key}" for the demo courses`);
    return unit.unitId;
  };
  const admin = byLogin('admin');
  const organizer1 = byLogin('organizer1');
  const organizer2 = byLogin('organizer2');
  const branch1 = unitId('branch1');
  const branch2 = unitId('branch2');
  const video = () => new Uint8Array(readFileSync(new URL('./assets/party-history-intro.mp4', import.meta.url)));
  const due = (days: number) => new Date(started + days * day).toISOString();

  let assignments = 0;
  const assign = async (actor: Actor, course: Course, audience: Audience, required: boolean, dueAt: string) => {
    await assignCourse(actor, course.courseId, { audience, required, dueAt });
    assignments++;
  };

  try {
    // The courses were written and published two months ago; the assignments are recent.
    clock.now = () => new Date(daysAgo(62));
    const etiquette = await makeCourse(
      admin,
      {
        title: '窗口服务礼仪“五心、三声、十个一点”',
        summary:
          '政务服务窗口工作人员的基本服务礼仪：以“五心”端正服务态度，以“三声”规范服务用语，以“十个一点”落实服务细节。\n\n共 4 个课时，约 30 分钟，学完计 1 学时。',
        category: 'service',
        credit: 1,
      },
      [
        { kind: 'text', title: '五心：热心、耐心、细心、诚心、暖心', minutes: 8, body: fiveHearts },
        { kind: 'text', title: '三声：来有迎声、问有答声、走有送声', minutes: 6, body: threeGreetings },
        { kind: 'text', title: '十个一点：把服务落在细节上', minutes: 10, body: tenPoints },
        { kind: 'text', title: '情景练习：这些场景您会怎么做', minutes: 6, body: scenarios },
      ],
      'cover-etiquette.jpg',
    );

    clock.now = () => new Date(daysAgo(58));
    const reform = await makeCourse(
      admin,
      {
        title: '深化“放管服”改革',
        summary: '“放管服”改革的要义、政策要点和窗口岗位的落实要求。含政策文件导读（PDF）和延伸阅读。',
        category: 'thematic',
        credit: 0.5,
      },
      [
        { kind: 'text', title: '“放管服”改革的要义', minutes: 6, body: reformBasics },
        { kind: 'pdf', title: '政策要点导读（PDF）', minutes: 8, file: policyPdf, fileName: '放管服政策要点导读.pdf' },
        { kind: 'link', title: '延伸阅读：中国政府网政策文件库', minutes: 3, url: 'https://www.gov.cn/zhengce/' },
      ],
      'cover-reform.jpg',
    );

    clock.now = () => new Date(daysAgo(55));
    const history = await makeCourse(
      admin,
      {
        title: '党史学习教育专题',
        summary: '学党史、悟思想、办实事、开新局。结合政务服务岗位，把党史学习成果转化为为群众办实事的具体行动。',
        category: 'party',
        credit: 1,
      },
      [
        { kind: 'text', title: '学党史、悟思想、办实事、开新局', minutes: 12, body: historyBasics },
        { kind: 'video', title: '专题片片段（示例视频）', minutes: 1, file: video, fileName: '党史专题片片段.mp4', durationSeconds: 10 },
        { kind: 'text', title: '从党史中汲取为民服务的力量', minutes: 17, body: historyPractice },
      ],
      'cover-history.jpg',
    );

    clock.now = () => new Date(daysAgo(40));
    const notice = await makeCourse(
      admin,
      { title: '微课：一次性告知制度', summary: '五分钟讲清一次性告知制度的要求和常见错误。', category: 'elective', credit: 0.25 },
      [{ kind: 'text', title: '一次性告知：让群众少跑一趟', minutes: 5, body: oneTimeNotice }],
    );

    clock.now = () => new Date(daysAgo(30));
    await makeCourse(
      organizer2,
      { title: '微课：政务服务“好差评”', summary: '评价渠道、差评回访整改的时限和我们的目标。窗口党支部制作。', category: 'elective', credit: 0.25 },
      [{ kind: 'text', title: '“好差评”怎么评、怎么改', minutes: 4, body: ratings }],
    );

    // Assignments: to everyone, to each branch, to the Party members of both branches; some due in 3 days, some in 20.
    clock.now = () => new Date(daysAgo(14));
    await assign(admin, etiquette, { kind: 'everyone' }, true, due(20));
    await assign(admin, notice, { kind: 'everyone' }, false, due(20));
    await assign(admin, history, { kind: 'members', unitIds: [branch1, branch2] }, true, due(3));
    await assign(organizer1, reform, { kind: 'units', unitIds: [branch1] }, true, due(20));
    await assign(organizer2, reform, { kind: 'units', unitIds: [branch2] }, true, due(3));

    // Some people have studied already.
    const plan: [login: string, course: Course, lessons: number, daysBefore: number][] = [
      ['organizer1', etiquette, 4, 12],
      ['organizer1', reform, 3, 5],
      ['organizer2', etiquette, 4, 11],
      ['leader', history, 3, 9],
      ['leader', etiquette, 2, 3],
      ['staff2', etiquette, 4, 10],
      ['staff2', notice, 1, 6],
      ['staff2', history, 1, 2],
      ['staff1', notice, 1, 8],
      ['staff1', etiquette, 1, 1],
      ['staff3', reform, 1, 1],
    ];
    for (const [login, course, lessons, daysBefore] of plan) await studyAt(byLogin(login), course, lessons, daysAgo(daysBefore));
    clock.now = realNow;

    // The figures the completion pages read (the job would compute them within minutes anyway).
    await computeAllCompletion();
    return { courses: 5, assignments, progress: plan.length };
  } finally {
    clock.now = realNow;
  }
}
