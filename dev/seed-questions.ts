/**
 * The demo question bank (dev/seed.ts calls this once, after the courses): 44 questions owned by the bureau (the root
 * unit), so the admin's quizzes and daily practice can draw on them, in four categories — 政务服务标准, 党章党规, 党史,
 * 廉洁自律 — each with easy, medium and hard questions of all four kinds, correct keys and an explanation each.
 *
 * Written through the bank's own use case (createQuestion, as the seeded admin), so the demo bank obeys the rules a
 * question typed into the editor obeys (and leaves the same audit entries).
 */
import { createQuestion } from '../functions/domain/quizzes/service.js';
import { everyone } from '../functions/domain/people/directory.js';
import type { Actor } from '../functions/domain/authz/permissions.js';
import { eachLimited } from '../functions/platform/store.js';

export const demoCategories = ['政务服务标准', '党章党规', '党史', '廉洁自律'] as const;
export type DemoCategory = (typeof demoCategories)[number];

type Difficulty = 'easy' | 'medium' | 'hard';

/** One demo question: choice answers as letters (`A`, `ABC`), true/false as 对/错, fill-in as the accepted texts. */
export type DemoQuestion =
  | { kind: 'single' | 'multiple'; difficulty: Difficulty; stem: string; options: string[]; answer: string; explanation: string }
  | { kind: 'truefalse'; difficulty: Difficulty; stem: string; answer: '对' | '错'; explanation: string }
  | { kind: 'fill'; difficulty: Difficulty; stem: string; answer: string[]; explanation: string };

export const demoQuestions: Record<DemoCategory, DemoQuestion[]> = {
  政务服务标准: [
    {
      kind: 'single',
      difficulty: 'easy',
      stem: '按照首问负责制，首位接待群众咨询或办事的工作人员应当怎样做？',
      options: ['属于本职的负责办理，不属于的负责指引或联系相关窗口，不得推诿', '只答复本窗口的事项，其他的请群众自己去问', '请群众先到服务台排队咨询', '请群众自行查阅办事指南'],
      answer: 'A',
      explanation: '首问负责制：首位接待的工作人员即首问责任人。属于本职的事项负责办理；不属于的，负责指引、联系到有关窗口或部门，不得以“不归我管”推诿。',
    },
    {
      kind: 'truefalse',
      difficulty: 'easy',
      stem: '申请材料不齐全或者不符合法定形式的，窗口应当一次性告知申请人需要补正的全部内容。',
      answer: '对',
      explanation: '一次性告知制，依据《行政许可法》第三十二条：申请材料不齐全或者不符合法定形式的，应当当场或者在五日内一次告知申请人需要补正的全部内容。',
    },
    {
      kind: 'single',
      difficulty: 'easy',
      stem: '窗口服务的“三声”是指什么？',
      options: ['来有迎声、问有答声、走有送声', '来有笑声、问有答声、走有掌声', '接听电话声、叫号声、打印声', '欢迎声、感谢声、道歉声'],
      answer: 'A',
      explanation: '“三声”服务：群众来时有迎声（“您好”），询问时有答声，离开时有送声（“请慢走”）。',
    },
    {
      kind: 'fill',
      difficulty: 'easy',
      stem: '“最多跑一次”改革的目标是：群众和企业到政府办理一件事，在申请材料齐全、符合法定受理条件时，最多跑____次。',
      answer: ['一', '1'],
      explanation: '“最多跑一次”指办理一件事最多跑一次现场，能网上办的“一次不用跑”。',
    },
    {
      kind: 'fill',
      difficulty: 'medium',
      stem: '依照《行政许可法》，申请材料不齐全的，行政机关应当当场或者在____日内一次告知申请人需要补正的全部内容。',
      answer: ['五', '5'],
      explanation: '《行政许可法》第三十二条；逾期不告知的，自收到申请材料之日起即为受理。',
    },
    {
      kind: 'single',
      difficulty: 'medium',
      stem: '除可以当场作出决定的以外，行政机关应当自受理行政许可申请之日起多少日内作出行政许可决定？',
      options: ['十日', '二十日', '三十日', '六十日'],
      answer: 'B',
      explanation: '《行政许可法》第四十二条：应当自受理之日起二十日内作出决定；二十日内不能作出的，经本行政机关负责人批准，可以延长十日，并应当将延长期限的理由告知申请人。',
    },
    {
      kind: 'multiple',
      difficulty: 'medium',
      stem: '群众对政务服务作出“好差评”，可以通过哪些渠道？',
      options: ['服务窗口的评价器或二维码', '政务服务网、移动端 APP 或小程序', '12345 政务服务便民热线', '只能在办结一年后书面提交'],
      answer: 'ABC',
      explanation: '“好差评”覆盖线上线下各渠道：现场服务“一次一评”，网上服务“一事一评”，也可通过热线、短信等评价；评价应当及时、便捷。',
    },
    {
      kind: 'single',
      difficulty: 'medium',
      stem: '政务服务“好差评”的评价分为几个等级？',
      options: ['三个', '五个', '七个', '十个'],
      answer: 'B',
      explanation: '评价分为“非常满意”“满意”“基本满意”“不满意”“非常不满意”五个等级。',
    },
    {
      kind: 'truefalse',
      difficulty: 'medium',
      stem: '对实名差评，政务服务机构应当回访核实、整改反馈，实名差评回访整改率要达到 100%。',
      answer: '对',
      explanation: '《国务院办公厅关于建立政务服务“好差评”制度提高政务服务水平的意见》要求差评事项及时整改，实名差评回访整改率达到 100%。',
    },
    {
      kind: 'multiple',
      difficulty: 'hard',
      stem: '关于限时办结制，下列说法正确的有哪些？',
      options: ['应当在法定或承诺的时限内办结', '因故不能按时办结的，应当向申请人说明理由', '只要申请人没有催办，可以不受时限约束', '时限从窗口工作人员方便时开始计算'],
      answer: 'AB',
      explanation: '限时办结：在法定或承诺时限内办结；确需延长的，按规定批准并告知申请人理由。时限自受理之日起计算，与是否催办无关。',
    },
    {
      kind: 'single',
      difficulty: 'hard',
      stem: '政务服务“综合窗口”改革的核心做法是什么？',
      options: ['前台综合受理、后台分类审批、综合窗口出件', '每个部门各设窗口、各自受理', '所有事项一律改为网上办理', '窗口只负责咨询，不收件'],
      answer: 'A',
      explanation: '“一窗受理、集成服务”：前台综合受理、后台分类审批、综合窗口出件，群众只对一个窗口。',
    },
  ],
  党章党规: [
    {
      kind: 'truefalse',
      difficulty: 'easy',
      stem: '中国共产党党员是中国工人阶级的有共产主义觉悟的先锋战士。',
      answer: '对',
      explanation: '党章第二条。',
    },
    {
      kind: 'truefalse',
      difficulty: 'easy',
      stem: '年满十八岁、承认党的纲领和章程、愿意参加党的一个组织并在其中积极工作、执行党的决议和按期交纳党费的先进分子，可以申请加入中国共产党。',
      answer: '对',
      explanation: '党章第一条规定了申请入党的条件。',
    },
    {
      kind: 'fill',
      difficulty: 'easy',
      stem: '党的全国代表大会每____年举行一次，由中央委员会召集。',
      answer: ['五', '5'],
      explanation: '党章第十九条（第三章 党的中央组织）。',
    },
    {
      kind: 'single',
      difficulty: 'easy',
      stem: '党员如果没有正当理由，连续多长时间不参加党的组织生活，或不交纳党费，或不做党所分配的工作，就被认为是自行脱党？',
      options: ['三个月', '六个月', '九个月', '一年'],
      answer: 'B',
      explanation: '党章第九条：连续六个月不参加党的组织生活、或不交纳党费、或不做党所分配的工作，就被认为是自行脱党。',
    },
    {
      kind: 'multiple',
      difficulty: 'medium',
      stem: '中国共产党以哪些作为自己的行动指南？',
      options: ['马克思列宁主义', '毛泽东思想', '邓小平理论', '“三个代表”重要思想', '科学发展观', '习近平新时代中国特色社会主义思想', '西方宪政理论'],
      answer: 'ABCDEF',
      explanation: '党章总纲：中国共产党以马克思列宁主义、毛泽东思想、邓小平理论、“三个代表”重要思想、科学发展观、习近平新时代中国特色社会主义思想作为自己的行动指南。',
    },
    {
      kind: 'multiple',
      difficulty: 'medium',
      stem: '党对违犯党的纪律的党员，可以给予哪些纪律处分？',
      options: ['警告', '严重警告', '撤销党内职务', '留党察看', '开除党籍', '罚款'],
      answer: 'ABCDE',
      explanation: '党章第四十二条：党的纪律处分有五种：警告、严重警告、撤销党内职务、留党察看、开除党籍。',
    },
    {
      kind: 'truefalse',
      difficulty: 'medium',
      stem: '留党察看最长不超过一年。',
      answer: '错',
      explanation: '党章第四十二条：留党察看最长不超过两年。',
    },
    {
      kind: 'single',
      difficulty: 'medium',
      stem: '按照《中国共产党支部工作条例（试行）》，支部党员大会一般多长时间召开一次？',
      options: ['每月', '每季度', '每半年', '每年'],
      answer: 'B',
      explanation: '支部党员大会一般每季度召开 1 次；支部委员会会议一般每月召开 1 次；党小组会一般每月召开 1 次。',
    },
    {
      kind: 'single',
      difficulty: 'medium',
      stem: '《中国共产党纪律处分条例》规定的六项纪律中，居于首位的是哪一项？',
      options: ['政治纪律', '组织纪律', '廉洁纪律', '工作纪律'],
      answer: 'A',
      explanation: '六项纪律：政治纪律、组织纪律、廉洁纪律、群众纪律、工作纪律、生活纪律，政治纪律是最根本、最重要的纪律。',
    },
    {
      kind: 'fill',
      difficulty: 'hard',
      stem: '党员的党龄，从____之日算起。',
      answer: ['预备期满转为正式党员', '转为正式党员', '预备期满转正'],
      explanation: '党章第七条：党员的党龄，从预备期满转为正式党员之日算起。',
    },
    {
      kind: 'multiple',
      difficulty: 'hard',
      stem: '“三会一课”包括哪些？',
      options: ['支部党员大会', '支部委员会', '党小组会', '按时上好党课', '民主生活会'],
      answer: 'ABCD',
      explanation: '“三会一课”指支部党员大会、支部委员会、党小组会和按时上好党课；民主生活会是党员领导干部的组织生活制度，不在其中。',
    },
  ],
  党史: [
    {
      kind: 'single',
      difficulty: 'easy',
      stem: '中国共产党第一次全国代表大会于哪一年召开？',
      options: ['1919 年', '1921 年', '1927 年', '1949 年'],
      answer: 'B',
      explanation: '1921 年 7 月，中共一大在上海召开，宣告中国共产党成立。',
    },
    {
      kind: 'single',
      difficulty: 'easy',
      stem: '中共一大最后一天的会议转移到哪里举行？',
      options: ['上海望志路 106 号', '浙江嘉兴南湖的游船上', '北京大学红楼', '广州东山'],
      answer: 'B',
      explanation: '因会场受到暗探注意和法租界巡捕搜查，最后一天的会议转移到浙江嘉兴南湖的一艘游船上举行。',
    },
    {
      kind: 'truefalse',
      difficulty: 'easy',
      stem: '遵义会议是党的历史上一个生死攸关的转折点。',
      answer: '对',
      explanation: '1935 年 1 月的遵义会议在最危急关头挽救了党、挽救了红军、挽救了中国革命，是党的历史上一个生死攸关的转折点。',
    },
    {
      kind: 'truefalse',
      difficulty: 'easy',
      stem: '中华人民共和国于 1949 年 10 月 1 日成立。',
      answer: '对',
      explanation: '1949 年 10 月 1 日，中华人民共和国中央人民政府成立典礼在北京天安门广场举行。',
    },
    {
      kind: 'fill',
      difficulty: 'medium',
      stem: '1927 年 8 月 1 日，____起义打响了武装反抗国民党反动派的第一枪。',
      answer: ['南昌'],
      explanation: '南昌起义标志着中国共产党独立领导革命战争、创建人民军队的开始。',
    },
    {
      kind: 'single',
      difficulty: 'medium',
      stem: '党在哪一次会议上把毛泽东思想确立为党的指导思想并写入党章？',
      options: ['中共六大', '遵义会议', '中共七大', '中共八大'],
      answer: 'C',
      explanation: '1945 年召开的中共七大确立毛泽东思想为党的指导思想，并写入党章。',
    },
    {
      kind: 'single',
      difficulty: 'medium',
      stem: '开启改革开放和社会主义现代化建设新时期的党的十一届三中全会召开于哪一年？',
      options: ['1976 年', '1978 年', '1982 年', '1992 年'],
      answer: 'B',
      explanation: '1978 年 12 月召开的党的十一届三中全会，实现了新中国成立以来党的历史上具有深远意义的伟大转折。',
    },
    {
      kind: 'multiple',
      difficulty: 'medium',
      stem: '“四史”学习教育中的“四史”是指哪些？',
      options: ['党史', '新中国史', '改革开放史', '社会主义发展史', '世界近代史'],
      answer: 'ABCD',
      explanation: '“四史”即党史、新中国史、改革开放史、社会主义发展史。',
    },
    {
      kind: 'truefalse',
      difficulty: 'medium',
      stem: '八七会议确定了土地革命和武装反抗国民党反动派的总方针。',
      answer: '对',
      explanation: '1927 年 8 月 7 日在汉口召开的八七会议，确定了土地革命和武装反抗国民党反动派的总方针。',
    },
    {
      kind: 'single',
      difficulty: 'hard',
      stem: '毛泽东同志在哪次会议上提出“两个务必”？',
      options: ['中共七大', '七届二中全会', '遵义会议', '古田会议'],
      answer: 'B',
      explanation: '1949 年 3 月在西柏坡召开的七届二中全会上，毛泽东提出务必使同志们继续地保持谦虚、谨慎、不骄、不躁的作风，务必使同志们继续地保持艰苦奋斗的作风。',
    },
    {
      kind: 'fill',
      difficulty: 'hard',
      stem: '党的____报告提出：从现在起，中国共产党的中心任务就是团结带领全国各族人民全面建成社会主义现代化强国、实现第二个百年奋斗目标，以中国式现代化全面推进中华民族伟大复兴。',
      answer: ['二十大', '第二十次全国代表大会'],
      explanation: '党的二十大报告（2022 年 10 月）。',
    },
  ],
  廉洁自律: [
    {
      kind: 'single',
      difficulty: 'easy',
      stem: '中央八项规定是哪一年出台的？',
      options: ['2010 年', '2012 年', '2015 年', '2018 年'],
      answer: 'B',
      explanation: '2012 年 12 月 4 日，中央政治局会议审议通过了关于改进工作作风、密切联系群众的八项规定。',
    },
    {
      kind: 'truefalse',
      difficulty: 'easy',
      stem: '窗口工作人员可以收下办事群众送的购物卡，只要金额不大。',
      answer: '错',
      explanation: '收受可能影响公正执行公务的礼品、礼金、消费卡等，违反廉洁纪律，与金额大小无关。',
    },
    {
      kind: 'single',
      difficulty: 'easy',
      stem: '办事群众执意留下礼品表示感谢，窗口工作人员的正确做法是？',
      options: ['婉言谢绝；确实无法拒绝的，按规定登记上交', '收下后与同事分享', '收下，下次优先为其办理', '收下但不告诉任何人'],
      answer: 'A',
      explanation: '不得收受可能影响公正执行公务的礼品；无法拒绝的，应当按规定登记上交。',
    },
    {
      kind: 'single',
      difficulty: 'easy',
      stem: '公务接待中，下列哪种做法符合规定？',
      options: ['按标准安排工作餐', '安排高档菜肴和烟酒', '安排与公务无关的参观游览', '赠送纪念品和土特产'],
      answer: 'A',
      explanation: '《党政机关国内公务接待管理规定》：接待对象应当按规定标准自行用餐，确因工作需要的可安排工作餐一次，不得提供香烟和高档酒水，不得安排与公务无关的宴请和参观、游览，不得赠送纪念品、土特产。',
    },
    {
      kind: 'multiple',
      difficulty: 'medium',
      stem: '下列属于违反中央八项规定精神的行为有哪些？',
      options: ['公款吃喝', '违规收送礼品礼金', '公车私用', '按规定标准安排工作餐'],
      answer: 'ABC',
      explanation: '公款吃喝、违规收送礼品礼金、公车私用等都是违反中央八项规定精神的典型问题；按规定标准安排工作餐符合规定。',
    },
    {
      kind: 'fill',
      difficulty: 'medium',
      stem: '“三严三实”中的“三严”是：严以修身、严以用权、严以____。',
      answer: ['律己'],
      explanation: '“三严三实”：严以修身、严以用权、严以律己，谋事要实、创业要实、做人要实。',
    },
    {
      kind: 'single',
      difficulty: 'medium',
      stem: '《中国共产党廉洁自律准则》中，对党员领导干部提出的廉洁自律规范共有几条？',
      options: ['四条', '六条', '八条', '十条'],
      answer: 'A',
      explanation: '准则规定党员廉洁自律规范四条、党员领导干部廉洁自律规范四条：廉洁从政、廉洁用权、廉洁修身、廉洁齐家。',
    },
    {
      kind: 'truefalse',
      difficulty: 'medium',
      stem: '窗口工作人员为自己的近亲属办理业务时，应当主动回避。',
      answer: '对',
      explanation: '与办理事项有利害关系的，应当回避，由其他工作人员办理，以保证公正。',
    },
    {
      kind: 'truefalse',
      difficulty: 'medium',
      stem: '党员领导干部不得违反有关规定从事营利活动。',
      answer: '对',
      explanation: '《中国共产党纪律处分条例》将违反有关规定从事营利活动列为违反廉洁纪律的行为。',
    },
    {
      kind: 'multiple',
      difficulty: 'hard',
      stem: '根据《中国共产党纪律处分条例》，下列属于违反廉洁纪律的行为有哪些？',
      options: ['利用职权为亲属的经营活动谋取利益', '收受可能影响公正执行公务的礼品礼金', '违规接受公款宴请', '在党组织的会议上如实提出不同意见'],
      answer: 'ABC',
      explanation: '前三项都是条例列明的违反廉洁纪律的行为；在党的会议上提出不同意见是党员的权利。',
    },
    {
      kind: 'fill',
      difficulty: 'hard',
      stem: '全面从严治党，要一体推进不敢腐、不能腐、____。',
      answer: ['不想腐'],
      explanation: '不敢腐、不能腐、不想腐一体推进，是反腐败斗争的基本方针。',
    },
  ],
};

const points: Record<Difficulty, number> = { easy: 1, medium: 2, hard: 3 };
const letters = 'ABCDEFGH';

/** A demo question as createQuestion takes it. */
export function questionInput(category: DemoCategory, question: DemoQuestion) {
  const common = { stem: question.stem, explanation: question.explanation, difficulty: question.difficulty, points: points[question.difficulty], tags: [category] };
  switch (question.kind) {
    case 'single':
    case 'multiple':
      return { ...common, kind: question.kind, options: question.options.map((text) => ({ text })), answer: [...question.answer].map((letter) => letters.indexOf(letter)) };
    case 'truefalse':
      return { ...common, kind: question.kind, options: [], answer: [question.answer === '对' ? 0 : 1] };
    case 'fill':
      return { ...common, kind: question.kind, options: [], answer: question.answer };
  }
}

/** Writes the demo bank as the seeded admin (into the root unit's bank). */
export async function seedDemoQuestions(): Promise<{ questions: number }> {
  const admin = (await everyone()).find((person) => person.login === 'admin');
  if (!admin) throw new Error('seed: no admin for the demo question bank');
  const actor: Actor = { ...admin, mustChangePassword: false, sessionId: 'seed' };
  // Written last to first: the bank lists the newest first, so it shows them in the order written here.
  const all = demoCategories.flatMap((category) => demoQuestions[category].map((question) => questionInput(category, question))).reverse();
  // Started in order (ids are taken in that order), many at a time: the bank lists each category together.
  await eachLimited(all, 16, async (input) => {
    await createQuestion(actor, input);
  });
  return { questions: all.length };
}
