import { defineFieldLabels, defineMessages } from '../../platform/i18n.js';

// ─── The question file (import and template) ───

/**
 * What the quizzes area says about a question file: the file itself (it cannot be read, it lacks columns), each row's
 * problems, and the names of the template's columns, types and difficulties (the template is written with them and the
 * reader knows them in both languages).
 */
export const quizzesMessages = defineMessages('quizzes', {
  'zh-CN': {
    importUnreadable: '无法读取这个文件：请上传 Excel（.xlsx）或 CSV 格式的题库文件。',
    importLegacyExcel: '这是旧版 Excel（.xls）或加密的文件：请在 Excel 或 WPS 中“另存为” .xlsx 后再上传。',
    importEncoding: '无法识别这个 CSV 文件的文字编码：请在 Excel 或 WPS 中“另存为” .xlsx 或 CSV（UTF-8）后再上传。',
    importCsvQuote: 'CSV 第 {line} 行的引号没有闭合，请检查该行。',
    importSheetTooLarge: '这个 Excel 文件的工作表太大，无法读取：请删去多余的内容，或分批导入。',
    importEmpty: '题库文件里没有题目：表头下面至少要有一行。',
    importTooManyRows: '一次最多导入 {max} 道题，这个文件有 {count} 道，请分批导入。',
    importMissingColumns: '题库文件缺少这些列：{columns}。表头须在前五行之内，例如：题型、题干、选项A、选项B、答案、解析、分值、难度、分类。',
    importListSeparator: '、',
    importTypeMissing: '题型为空：请填写 单选、多选、判断 或 填空。',
    importTypeUnknown: '题型“{value}”无法识别：请填写 单选、多选、判断 或 填空。',
    importStemMissing: '题干为空。',
    importStemTooLong: '题干不能超过 {max} 个字。',
    importOptionTooLong: '选项{letter}不能超过 {max} 个字。',
    importExplanationTooLong: '解析不能超过 {max} 个字。',
    importAcceptedTooLong: '填空题的每个答案不能超过 {max} 个字。',
    importTagTooLong: '分类“{value}”不能超过 {max} 个字。',
    importAnswerMissing: '没有答案。',
    importAnswerUnreadable: '答案“{value}”无法识别：选择题请填写选项字母，如 A、AB、A,B 或 A、B。',
    importAnswerNotAnOption: '答案中的 {letters} 不在选项之中（本题的选项为 {range}）。',
    importSingleHasSeveral: '单选题只能有一个答案，这里填了 {letters}：如有多个正确选项，请把题型改为多选。',
    importTrueFalseUnreadable: '判断题的答案“{value}”无法识别：请填写 对 或 错（也可写 正确/错误、√/×、T/F）。',
    importTooFewOptions: '选择题至少要有 2 个选项，这里只有 {count} 个。',
    importTooManyOptions: '选择题最多 8 个选项（A 到 H），这里有 {count} 个。',
    importOptionsGap: '选项不连续：缺少选项 {letters}。请把选项依次填在 选项A、选项B…… 各列。',
    importPointsInvalid: '分值“{value}”无效：请填写 0.5 到 100 之间的数（0.5 的倍数），如 1、2 或 2.5。',
    importDifficultyUnknown: '难度“{value}”无法识别：请填写 易、中 或 难。',
    importTooManyTags: '分类最多 {max} 个，这里有 {count} 个。',
    importDuplicateStem: '题干与第 {line} 行重复。',
    columnType: '题型',
    columnStem: '题干',
    columnOption: '选项{letter}',
    columnAnswer: '答案',
    columnExplanation: '解析',
    columnPoints: '分值',
    columnDifficulty: '难度',
    columnTags: '分类',
    kindSingle: '单选',
    kindMultiple: '多选',
    kindTrueFalse: '判断',
    kindFill: '填空',
    difficultyEasy: '易',
    difficultyMedium: '中',
    difficultyHard: '难',
    answerTrue: '对',
    answerFalse: '错',
    templateSheet: '题目',
  },
  en: {
    importUnreadable: 'This file cannot be read: upload the question file as Excel (.xlsx) or CSV.',
    importLegacyExcel: 'This is an old Excel file (.xls) or an encrypted one: in Excel or WPS, use "Save as" .xlsx and upload that.',
    importEncoding: 'The text encoding of this CSV file is not recognised: in Excel or WPS, use "Save as" .xlsx or CSV (UTF-8) and upload that.',
    importCsvQuote: 'A quote opened on line {line} of the CSV file is never closed. Check that line.',
    importSheetTooLarge: 'The worksheet of this Excel file is too large to read: remove what is not needed, or import it in parts.',
    importEmpty: 'The file has no questions in it: put at least one row under the header.',
    importTooManyRows: 'One import takes at most {max} questions; this file has {count}. Import it in parts.',
    importMissingColumns: 'The question file lacks these columns: {columns}. The header must be within the first five rows, e.g. type, stem, option A, option B, answer, explanation, points, difficulty, category.',
    importListSeparator: ', ',
    importTypeMissing: 'The type is missing: use single, multiple, true-false or fill (单选, 多选, 判断, 填空).',
    importTypeUnknown: 'The type "{value}" is not recognised: use single, multiple, true-false or fill (单选, 多选, 判断, 填空).',
    importStemMissing: 'The stem is missing.',
    importStemTooLong: 'The stem is longer than {max} characters.',
    importOptionTooLong: 'Option {letter} is longer than {max} characters.',
    importExplanationTooLong: 'The explanation is longer than {max} characters.',
    importAcceptedTooLong: 'Each accepted answer of a fill-in-the-blank question may have at most {max} characters.',
    importTagTooLong: 'The category "{value}" is longer than {max} characters.',
    importAnswerMissing: 'There is no answer.',
    importAnswerUnreadable: 'The answer "{value}" is not recognised: for a choice question write option letters, e.g. A, AB, A,B or A、B.',
    importAnswerNotAnOption: 'The answer names {letters}, which is not among the options (this question has {range}).',
    importSingleHasSeveral: 'A single-choice question has one answer, but this one has {letters}: if several options are right, make it a multiple-choice question.',
    importTrueFalseUnreadable: 'The true/false answer "{value}" is not recognised: write true or false (对/错, 正确/错误, √/×, T/F).',
    importTooFewOptions: 'A choice question needs at least 2 options; this one has {count}.',
    importTooManyOptions: 'A choice question has at most 8 options (A to H); this one has {count}.',
    importOptionsGap: 'The options have a gap: option {letters} is empty. Fill the options in order, in columns option A, option B, …',
    importPointsInvalid: 'The points "{value}" are not valid: write a number from 0.5 to 100 in steps of 0.5, e.g. 1, 2 or 2.5.',
    importDifficultyUnknown: 'The difficulty "{value}" is not recognised: use easy, medium or hard (易, 中, 难).',
    importTooManyTags: 'A question has at most {max} categories; this one has {count}.',
    importDuplicateStem: 'The same stem is on line {line}.',
    columnType: 'type',
    columnStem: 'stem',
    columnOption: 'option {letter}',
    columnAnswer: 'answer',
    columnExplanation: 'explanation',
    columnPoints: 'points',
    columnDifficulty: 'difficulty',
    columnTags: 'category',
    kindSingle: 'single',
    kindMultiple: 'multiple',
    kindTrueFalse: 'true-false',
    kindFill: 'fill',
    difficultyEasy: 'easy',
    difficultyMedium: 'medium',
    difficultyHard: 'hard',
    answerTrue: 'true',
    answerFalse: 'false',
    templateSheet: 'Questions',
  },
});

// ─── Importing a question file into a bank (preview, confirm) ───

/** What the import of a question file says beyond the file's rows: the upload, the target bank, the import's life. */
export const questionImportMessages = defineMessages('quizzes.import', {
  'zh-CN': {
    fileMissing: '请选择要上传的题库文件（Excel .xlsx 或 CSV）。',
    fileTooLarge: '题库文件太大（上限 {limit}），请删去多余的内容或分批导入。',
    duplicateInBank: '题库中已有题干相同的题目，不会重复导入。',
    duplicateInBankRetired: '题库中已有题干相同的题目（已停用），不会重复导入。',
    importNotFound: '找不到这次导入，或它已过期（预览后 24 小时内有效），请重新上传题库文件。',
    importInProgress: '这份题库文件正在导入中，请稍候再试。',
    nothingToImport: '这份文件没有可以导入的题目：请先改正预览中列出的问题，再重新上传。',
  },
  en: {
    fileMissing: 'Choose the question file to upload (Excel .xlsx or CSV).',
    fileTooLarge: 'The question file is too large (limit {limit}). Remove what is not needed, or import it in parts.',
    duplicateInBank: 'The bank already has a question with this stem; it is not imported again.',
    duplicateInBankRetired: 'The bank already has a question with this stem (retired); it is not imported again.',
    importNotFound: 'There is no such import, or it has expired (a preview stays valid for 24 hours). Upload the question file again.',
    importInProgress: 'This question file is being imported right now. Please wait a moment and try again.',
    nothingToImport: 'This file has no question that can be imported: correct the problems the preview lists, then upload it again.',
  },
});

// ─── The question bank ───

/** What the question bank says: a question not found, and the rules a question keeps (zh-CN and en). */
export const bankMessages = defineMessages('quizzes.bank', {
  'zh-CN': {
    questionNotFound: '找不到这道题，或您无权查看。',
    questionVersionNotFound: '这道题没有第 {version} 版。',
    questionRetired: '这道题已停用，不能再修改。',
    choiceOptionCount: '单选题和多选题须有 2 至 8 个选项。',
    trueFalseNoOptions: '判断题和填空题不设选项。',
    singleNeedsOneAnswer: '单选题须恰好选定一个正确选项。',
    multipleNeedsAnswers: '多选题须至少选定一个正确选项。',
    answerNotAnOption: '正确答案“{letter}”不在选项之中。',
    trueFalseAnswer: '判断题的答案须为“对”或“错”。',
    fillNeedsAnswers: '填空题须至少填写一个可接受的答案。',
    fillAnswerIsText: '填空题的答案须为文字。',
    choiceAnswerIsIndex: '选择题的答案须为选项的序号。',
  },
  en: {
    questionNotFound: 'There is no such question, or you may not see it.',
    questionVersionNotFound: 'This question has no version {version}.',
    questionRetired: 'This question is retired and can no longer be changed.',
    choiceOptionCount: 'A single or multiple choice question needs 2 to 8 options.',
    trueFalseNoOptions: 'True/false and fill-in-the-blank questions take no options.',
    singleNeedsOneAnswer: 'A single choice question needs exactly one correct option.',
    multipleNeedsAnswers: 'A multiple choice question needs at least one correct option.',
    answerNotAnOption: 'The correct answer "{letter}" is not among the options.',
    trueFalseAnswer: 'The answer of a true/false question must be true or false.',
    fillNeedsAnswers: 'A fill-in-the-blank question needs at least one accepted answer.',
    fillAnswerIsText: 'The answers of a fill-in-the-blank question are texts.',
    choiceAnswerIsIndex: 'The answer of a choice question is the numbers of its correct options.',
  },
});

/** What the question form's fields are called in validation messages ("请填写题干"). */
/**
 * What the question form's own fields are called in validation messages. The fields a question shares with the
 * engine's shapes (stem, options, answer, …) are named once, in messages.ts.
 */
export const bankLabels = defineFieldLabels('quizzes.bank', {
  'zh-CN': {
    imageUploadId: '选项图片',
    stemImageUploadId: '题干图片文件',
    removeStemImage: '删除题干图片',
  },
  en: {
    imageUploadId: 'option image',
    stemImageUploadId: 'question image file',
    removeStemImage: 'remove the question image',
  },
});

// ─── The quiz engine ───

/**
 * What the quiz engine says: a draw rule the bank cannot meet, a question an attempt needs that is missing, and the
 * refusals of an attempt's state machine (attempt.ts). The question bank and the import speak through messages.ts.
 */
export const quizEngineMessages = defineMessages('quizzes.engine', {
  'zh-CN': {
    drawRuleShort: '抽题规则“{rule}”需要 {count} 道题，题库中符合条件且未停用的题目只有 {available} 道。',
    drawRulesOverlap: '各抽题规则共需 {total} 道互不重复的题目，但符合条件的题目相互重叠，凑不齐（首先凑不齐的是“{rule}”）。请减少题数或放宽条件。',
    fixedQuestionUnavailable: '固定题目 {questionId} 不在题库中或已停用。',
    questionVersionMissing: '找不到这次作答所用的题目版本（{questionId} 第 {version} 版）。',
    attemptClosed: '本次作答已结束，答案不能再修改。',
    quizNotPublished: '这份测验尚未发布。',
    quizNotOpenYet: '测验将于 {opensAt} 开放，请届时再来。',
    quizClosed: '测验已于 {closesAt} 截止。',
    noAttemptsLeft: '这份测验最多可作答 {allowed} 次，您的次数已用完。',
    attemptStale: '答案已在其他页面或设备上更新，已为您载入最新的答案。',
    answerNotInAttempt: '题目 {questionId} 不属于本次作答。',
    answerShapeWrong: '题目 {questionId} 的答案格式不对：{expected}。',
    expectOneChoice: '请选择一个选项',
    expectChoices: '请选择一个或多个选项',
    expectText: '请填写文字答案',
    ruleAnyTag: '任意分类',
    ruleAnyDifficulty: '任意难度',
    difficultyEasy: '容易',
    difficultyMedium: '中等',
    difficultyHard: '困难',
  },
  en: {
    drawRuleShort: 'The draw rule "{rule}" needs {count} questions, but the bank has only {available} active questions that match.',
    drawRulesOverlap: 'The draw rules together need {total} different questions, but the questions they match overlap and do not go round (first short: "{rule}"). Ask for fewer questions or widen the rules.',
    fixedQuestionUnavailable: 'The fixed question {questionId} is not in the bank or has been retired.',
    questionVersionMissing: 'The question version this attempt uses cannot be found ({questionId}, version {version}).',
    attemptClosed: 'This attempt is over; its answers can no longer be changed.',
    quizNotPublished: 'This quiz is not published yet.',
    quizNotOpenYet: 'This quiz opens at {opensAt}. Please come back then.',
    quizClosed: 'This quiz closed at {closesAt}.',
    noAttemptsLeft: 'This quiz allows {allowed} attempts and you have used them all.',
    attemptStale: 'Your answers were changed on another page or device; the latest answers are loaded.',
    answerNotInAttempt: 'The question {questionId} is not part of this attempt.',
    answerShapeWrong: 'The answer to question {questionId} has the wrong form: {expected}.',
    expectOneChoice: 'choose one option',
    expectChoices: 'choose one or more options',
    expectText: 'type the answer as text',
    ruleAnyTag: 'any category',
    ruleAnyDifficulty: 'any difficulty',
    difficultyEasy: 'easy',
    difficultyMedium: 'medium',
    difficultyHard: 'hard',
  },
});

/**
 * What the fields of questions, quizzes and attempts are called in validation messages. One key has one name across
 * the API: the question bank and the import use these keys with these names (or import them) rather than declaring
 * them again differently.
 */
export const quizEngineLabels = defineFieldLabels('quizzes.engine', {
  'zh-CN': {
    stem: '题干',
    options: '选项',
    optionText: '选项内容',
    answer: '答案',
    acceptedAnswer: '参考答案',
    explanation: '解析',
    difficulty: '难度',
    points: '分值',
    tags: '分类',
    tag: '分类',
    imageKey: '图片',
    stemImageKey: '题干图片',
    questionId: '题目',
    quizId: '测验',
    quizTitle: '测验名称',
    items: '题目组成',
    count: '题数',
    shuffleQuestions: '题目乱序',
    shuffleOptions: '选项乱序',
    timeLimitMinutes: '限时（分钟）',
    opensAt: '开放时间',
    closesAt: '截止时间',
    attemptsAllowed: '可作答次数',
    passPercent: '及格线（%）',
    counts: '计分方式',
    review: '查看答卷',
    when: '何时可查看',
    show: '可查看内容',
    attemptId: '作答',
    answers: '答案',
    seq: '保存序号',
  },
  en: {
    stem: 'question text',
    options: 'options',
    optionText: 'option text',
    answer: 'answer',
    acceptedAnswer: 'accepted answer',
    explanation: 'explanation',
    difficulty: 'difficulty',
    points: 'points',
    tags: 'categories',
    tag: 'category',
    imageKey: 'image',
    stemImageKey: 'question image',
    questionId: 'question',
    quizId: 'quiz',
    quizTitle: 'quiz title',
    items: 'questions of the quiz',
    count: 'number of questions',
    shuffleQuestions: 'shuffle questions',
    shuffleOptions: 'shuffle options',
    timeLimitMinutes: 'time limit (minutes)',
    opensAt: 'opening time',
    closesAt: 'closing time',
    attemptsAllowed: 'attempts allowed',
    passPercent: 'pass mark (%)',
    counts: 'attempt that counts',
    review: 'review',
    when: 'review available',
    show: 'review shows',
    attemptId: 'attempt',
    answers: 'answers',
    seq: 'save number',
  },
});

// ─── Quizzes and attempts ───

/** What the quiz and attempt use cases say: a quiz or attempt not found, a question a quiz may not use, the review not open yet. */
export const quizMessages = defineMessages('quizzes.quiz', {
  'zh-CN': {
    quizNotFound: '找不到这份测验，或您无权查看。',
    attemptNotFound: '找不到这次作答，或它不属于您。',
    questionNotInQuizBanks: '题目 {questionId} 不在这份测验可用的题库中（测验所属单位及其上级单位的题库）。',
    courseNotFound: '找不到要设为结业测试的课程，或您无权编辑它。',
    reviewNotYet: '答卷将于 {reviewOpensAt} 后可查看。',
    reviewNever: '这份测验不公布答卷。',
    closesBeforeOpens: '截止时间（{closesAt}）须晚于开放时间（{opensAt}）。',
    alreadyPublished: '这份测验已经发布。',
  },
  en: {
    quizNotFound: 'This quiz cannot be found, or you may not see it.',
    attemptNotFound: 'This attempt cannot be found, or it is not yours.',
    questionNotInQuizBanks: 'The question {questionId} is not in the banks this quiz may use (those of its unit and the units above it).',
    courseNotFound: 'The course to make this the final test of cannot be found, or you may not edit it.',
    reviewNotYet: 'The answers can be reviewed after {reviewOpensAt}.',
    reviewNever: 'This quiz does not show its answers.',
    closesBeforeOpens: 'The closing time ({closesAt}) must be after the opening time ({opensAt}).',
    alreadyPublished: 'This quiz is already published.',
  },
});
