/**
 * Languages the platform speaks, and the mechanism by which the API speaks them: an area declares its texts in its
 * own messages.ts with `defineMessages` (and the names of its request fields with `defineFieldLabels`), and the
 * error and validation layers render them in the requester's language. The platform's own texts (errors every area
 * shares, validation of any field) are kept here by key. See docs/architecture.md and docs/decisions/023.
 * Long for now: the table below still holds the texts of the areas that have not moved theirs to their own
 * messages.ts yet (every area but audit); it shrinks to the platform's generic texts as they move (decision 023).
 * The web has its own, larger catalogs under web/app/i18n; both share these language codes.
 */
import { defaultLang, isLang, langCookie, languages, type Lang } from '../shared/constants.js';

export { defaultLang, isLang, langCookie, languages, type Lang } from '../shared/constants.js';

/** The language a request asks for: the remembered choice first, then Accept-Language, then Chinese. */
export function langFromHeaders(cookieHeader: string | null | undefined, acceptLanguage?: string | null): Lang {
  const fromCookie = readCookie(cookieHeader, langCookie);
  if (isLang(fromCookie)) return fromCookie;
  if (acceptLanguage) {
    const first = acceptLanguage.split(',')[0]?.trim().toLowerCase() ?? '';
    if (first.startsWith('en')) return 'en';
  }
  return defaultLang;
}

export function readCookie(header: string | null | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

const apiMessages = {
  'zh-CN': {
    notFound: '没有找到这个接口：{path}',
    malformedJson: '请求体不是有效的 JSON，请检查格式后重试。',
    validation: '提交的内容有误，请按提示修改后重试。',
    payloadTooLarge: '请求体太大（上限 {limit}），请减小后重试。',
    headersTooLarge: '请求头太大（多半是 Cookie 太多），请清除本站的 Cookie 后重试。',
    unauthenticated: '请先登录。',
    forbidden: '您没有权限执行这个操作。',
    conflict: '数据已被其他人修改，请刷新后重试。',
    rateLimited: '操作太频繁，请稍后再试。',
    internal: '服务器出了点问题，我们已记录，请稍后再试。',
    crossOrigin: '拒绝来自其他网站的请求。',
    unsupportedMediaType: '请以 JSON 格式（Content-Type: application/json）提交。',
    passwordChangeRequired: '请先修改初始密码，然后再继续。',
    courseNotFound: '找不到这门课程，或您无权查看。',
    lessonNotFound: '找不到这个课时，或您无权学习。',
    courseHasNoLessons: '课程至少要有一个课时才能发布。',
    lessonMaterialMissing: '课时“{title}”还没有上传学习材料。',
    lessonNeedsUrl: '外部链接课时须填写网址。',
    lessonNeedsBody: '图文课时须填写正文。',
    lessonMinTooShort: '最少学习时长至少 1 分钟。',
    studyTooFrequent: '学习记录提交得太频繁，请 {seconds} 秒后再试。已学时长不受影响。',
    courseNotPublished: '课程发布后才能布置学习任务。',
    dueInPast: '截止日期已经过去，请选择今天以后的日期。',
    uploadWrongTypeCover: '不支持这种文件类型，请上传 JPG、PNG 或 WebP 图片。',
    uploadWrongTypePdf: '不支持这种文件类型，请上传 PDF 文件。',
    uploadWrongTypeVideo: '不支持这种文件类型，请上传 MP4 或 WebM 视频。',
    uploadTooLarge: '文件太大，上限 {limit}。',
    uploadNotFound: '找不到这次上传，或它已过期，请重新上传。',
    uploadMissing: '文件还没有上传完成，请上传后再保存。',
    uploadIncomplete: '收到的文件与所选文件大小不同，可能没有上传完整，已删除，请重新上传。',
    uploadNotGenuine: '文件内容与文件类型不符（例如只改了扩展名），已删除，请上传正确的文件。',
    uploadChanged: '文件在检查时被改动了，请重新上传。',
    uploadBeingChecked: '这个文件正在检查中，请稍后再试。',
    badCredentials: '登录名或密码不正确。',
    accountLocked: '登录失败次数过多，请在 {minutes} 分钟后再试。',
    addressThrottled: '来自这个网络地址的登录尝试过多，请在 {minutes} 分钟后再试。',
    currentPasswordWrong: '当前密码不正确。',
    passwordTooWeak: '新密码至少 8 位，须同时包含字母和数字，且不能与登录名相同。',
    passwordUnchanged: '新密码不能与当前密码相同。',
    loginTaken: '登录名“{login}”已被其他人使用。',
    unitNotFound: '找不到这个单位。',
    csvUnit: '单位',
    csvTotal: '应学人数',
    csvDone: '已完成',
    csvInProgress: '学习中',
    csvNotStarted: '未开始',
    csvOverdue: '已逾期',
    csvRate: '完成率',
    csvComputedAt: '统计时间',
    csvName: '姓名',
    csvLogin: '账号',
    csvState: '学习状态',
    csvCompletedAt: '完成时间',
    csvFileUnits: '{course}-各单位完成情况-{date}',
    csvFilePeople: '{course}-人员学习情况-{date}',
    csvFileBook: '{course}-学习完成情况-{date}',
    sheetUnits: '各单位完成情况',
    sheetPeople: '人员学习情况',
    stateDone: '已完成',
    stateInProgress: '学习中',
    stateNotStarted: '未开始',
    stateOverdue: '已逾期（未完成）',
    personNotFound: '找不到这个人员。',
    unitRetired: '单位“{name}”已撤销，不能再添加人员或下级单位。',
    unitNotEmpty: '单位“{name}”下还有 {people} 名在职人员和 {units} 个下级单位，请先调出或撤销后再撤销此单位。',
    unitCycle: '不能把单位移到它自己或它的下级单位之下。',
    rootUnit: '最上级单位（局）不能移动或撤销。',
    branchRequired: '党员（正式或预备）须属于一个党支部。',
    notABranch: '所选单位不是党支部。',
    noBranchForMasses: '群众不属于党支部，请清除所属支部。',
    roleUnitMissing: '组织者和领导角色须指定管辖单位。',
    roleNotScoped: '职工和管理员角色不指定单位。',
    roleTwice: '同一个角色不能重复授予。',
    loginCharacters: '登录名只能包含小写字母、数字、点、下划线和连字符。',
    selfLockout: '不能停用自己的账号或取消自己的管理员角色。',
    versionConflict: '这条记录已被他人修改（您看到的是第 {expected} 版，现在是第 {actual} 版）。请刷新后重新修改。',
    importNotFound: '找不到这次导入，或它已过期，请重新上传花名册。',
    importHasProblems: '花名册还有 {count} 行有问题，请修正后重新上传。',
    importAlreadyApplied: '这份花名册已经导入过了。',
    importUnreadable: '无法读取这个文件：请上传 CSV 或 Excel（.xlsx）格式的花名册。',
    importTooManyRows: '花名册最多 {max} 行，这个文件有 {count} 行，请分批导入。',
    importEmpty: '花名册里没有人员数据：表头下面至少要有一行。',
    importLegacyExcel: '这是旧版 Excel（.xls）或加密的文件：请在 Excel 中“另存为” .xlsx 或 CSV（UTF-8）后再上传。',
    importEncoding: '无法识别这个 CSV 文件的文字编码：请在 Excel 中“另存为” CSV UTF-8 后再上传。',
    importCsvQuote: 'CSV 第 {line} 行的引号没有闭合，请检查该行。',
    importSheetTooLarge: '这个 Excel 文件的工作表太大，无法读取：请删去多余的内容，或分批导入。',
    importMissingColumns: '花名册缺少这些列：{columns}。表头须在第一行，例如：姓名、登录名、所在单位、政治面貌、角色。',
    importColumnName: '姓名',
    importColumnLogin: '登录名',
    importColumnUnit: '所在单位',
    importColumnPartyStatus: '政治面貌',
    importColumnRoles: '角色',
    importColumnBranch: '所在党支部',
    importListSeparator: '、',
    importFileMissing: '请选择要上传的花名册文件（CSV 或 Excel .xlsx）。',
    importInProgress: '这份花名册正在导入中，请稍候再试。',
    importNameMissing: '姓名为空。',
    importNameTooLong: '姓名不能超过 {max} 个字。',
    importLoginMissing: '登录名为空。',
    importLoginInvalid: '登录名“{login}”无效：只能由 2–40 位字母、数字、点、下划线或连字符组成（工号或手机号）。',
    importLoginDuplicate: '登录名“{login}”在文件中重复出现（第 {lines} 行）。',
    importLoginHeld: '登录名“{login}”已被另一个账号占用。',
    importUnitMissing: '所在单位为空。',
    importUnitUnknown: '找不到单位“{path}”：请写出完整路径，如“县政务服务管理局/机关第一党支部”。',
    importUnitAmbiguous: '单位“{path}”有重名：请写出从局开始的完整路径。',
    importStatusMissing: '政治面貌为空。',
    importStatusInvalid: '政治面貌“{value}”无法识别：请填写 正式党员、预备党员 或 群众。',
    importNotABranch: '“{path}”不是党支部。',
    importBranchRequired: '党员须属于一个党支部：所在单位不在任何党支部之下，请在“所在党支部”列填写其支部。',
    importRoleInvalid: '角色“{value}”无法识别：可填 管理员、组织者@单位路径、领导@单位路径，多个用分号隔开。',
    importRoleNeedsUnit: '角色“{value}”须指定管辖单位，如“组织者@县政务服务管理局/机关第一党支部”。',
    importRoleNoUnit: '角色“{value}”不需要指定单位。',
    importRoleTooMany: '角色太多：最多 {max} 个。',
    importChangedSincePreview: '登录名“{login}”在预览之后已被创建或改动，请重新上传花名册，核对预览后再导入。',
    importFileTooLarge: '花名册文件太大（上限 {limit}），请删去多余的内容或分批导入。',
    fieldRequired: '请填写{field}',
    fieldChoose: '请选择{field}',
    fieldNotText: '{field}应当是文字',
    fieldTooShort: '{field}至少 {min} 个字',
    fieldTooLong: '{field}不能超过 {max} 个字',
    fieldControlCharacters: '{field}里有无法显示的控制字符，请删去后再提交',
    fieldBrokenCharacters: '{field}里有损坏的字符（可能是复制时断开的表情或符号），请删去后再提交',
    fieldBidiControls: '{field}里有改变文字方向的隐藏字符，请删去后再提交',
    fieldDate: '{field}不是有效的日期，请按“年-月-日”填写，如 2027-02-28',
    fieldDateTime: '{field}不是有效的日期或时间，请按“年-月-日”填写，如 2027-02-28',
    fieldNumber: '{field}应当是数字',
    fieldInteger: '{field}应当是整数',
    fieldMin: '{field}不能小于 {min}',
    fieldMax: '{field}不能大于 {max}',
    fieldStep: '{field}须是 {step} 的整数倍',
    fieldBoolean: '{field}只能是“是”或“否”',
    fieldChoice: '请从列出的选项中选择{field}',
    fieldReference: '{field}无效：请从列表中选择，或检查链接是否完整',
    fieldUrl: '{field}须以 http:// 或 https:// 开头',
    fieldFormat: '{field}的格式不对',
    fieldTooFew: '{field}至少要有 {min} 项',
    fieldTooMany: '{field}最多 {max} 项',
    fieldInvalid: '{field}填写得不对，请检查',
    fieldsUnknown: '不认识这些字段：{keys}',
    formUnreadable: '无法读取提交的内容：请在页面上填写表单后再提交。',
  },
  en: {
    notFound: 'There is no API route at {path}.',
    malformedJson: 'The request body is not valid JSON. Check its format and try again.',
    validation: 'Some of the submitted values are not valid. Correct them as described and try again.',
    payloadTooLarge: 'The request body is too large (limit {limit}). Make it smaller and try again.',
    headersTooLarge: 'The request headers are too large (usually too many cookies). Clear this site\'s cookies and try again.',
    unauthenticated: 'Please sign in first.',
    forbidden: 'You do not have permission to do this.',
    conflict: 'Someone else changed this in the meantime. Reload and try again.',
    rateLimited: 'Too many requests. Please wait a moment and try again.',
    internal: 'Something went wrong on the server. It has been logged; please try again later.',
    crossOrigin: 'Requests from other sites are refused.',
    unsupportedMediaType: 'Send the body as JSON (Content-Type: application/json).',
    passwordChangeRequired: 'Please change your initial password before you go on.',
    courseNotFound: 'There is no such course, or you may not see it.',
    lessonNotFound: 'There is no such lesson, or you may not study it.',
    courseHasNoLessons: 'A course needs at least one lesson before it can be published.',
    lessonMaterialMissing: 'The lesson "{title}" has no material uploaded yet.',
    lessonNeedsUrl: 'A link lesson needs the address of the page.',
    lessonNeedsBody: 'A text lesson needs its text.',
    lessonMinTooShort: 'The minimum study time must be at least 1 minute.',
    studyTooFrequent: 'Study is being reported too often: try again in {seconds} s. Time already studied is kept.',
    courseNotPublished: 'Publish the course before assigning it.',
    dueInPast: 'The due date has passed. Choose a date after today.',
    uploadWrongTypeCover: 'This type of file is not accepted. Upload a JPG, PNG or WebP picture.',
    uploadWrongTypePdf: 'This type of file is not accepted. Upload a PDF file.',
    uploadWrongTypeVideo: 'This type of file is not accepted. Upload an MP4 or WebM video.',
    uploadTooLarge: 'The file is too large (limit {limit}).',
    uploadNotFound: 'There is no such upload, or it has expired. Upload the file again.',
    uploadMissing: 'The file has not finished uploading. Upload it, then save.',
    uploadIncomplete: 'The file received is not the size of the file chosen (it may not have uploaded completely); it was deleted. Upload it again.',
    uploadNotGenuine: "The file's content does not match its type (for example, a renamed file); it was deleted. Upload the right file.",
    uploadChanged: 'The file was changed while it was being checked. Upload it again.',
    uploadBeingChecked: 'This file is still being checked. Try again in a moment.',
    badCredentials: 'The login or the password is not correct.',
    accountLocked: 'Too many failed sign-ins. Please try again in {minutes} minutes.',
    addressThrottled: 'Too many sign-in attempts from this network address. Please try again in {minutes} minutes.',
    currentPasswordWrong: 'The current password is not correct.',
    passwordTooWeak: 'The new password needs at least 8 characters, with letters and digits, and must differ from the login.',
    passwordUnchanged: 'The new password must differ from the current one.',
    loginTaken: 'The login "{login}" is already used by someone else.',
    unitNotFound: 'There is no such unit.',
    csvUnit: 'Unit',
    csvTotal: 'Assigned',
    csvDone: 'Done',
    csvInProgress: 'In progress',
    csvNotStarted: 'Not started',
    csvOverdue: 'Overdue',
    csvRate: 'Completion rate',
    csvComputedAt: 'Computed at',
    csvName: 'Name',
    csvLogin: 'Login',
    csvState: 'State',
    csvCompletedAt: 'Completed at',
    csvFileUnits: '{course} - completion by unit - {date}',
    csvFilePeople: '{course} - people - {date}',
    csvFileBook: '{course} - completion - {date}',
    sheetUnits: 'By unit',
    sheetPeople: 'People',
    stateDone: 'Done',
    stateInProgress: 'In progress',
    stateNotStarted: 'Not started',
    stateOverdue: 'Overdue (not done)',
    personNotFound: 'There is no such person.',
    unitRetired: 'The unit "{name}" is retired: it takes no new people or units.',
    unitNotEmpty: 'The unit "{name}" still has {people} active people and {units} units under it. Move or retire them first.',
    unitCycle: 'A unit cannot be moved under itself or one of its own units.',
    rootUnit: 'The top unit (the bureau) cannot be moved or retired.',
    branchRequired: 'Party members (full or probationary) must belong to a Party branch.',
    notABranch: 'The chosen unit is not a Party branch.',
    noBranchForMasses: 'People who are not Party members belong to no branch; clear the branch.',
    roleUnitMissing: 'The organizer and leader roles must name the unit they reach.',
    roleNotScoped: 'The staff and admin roles are not limited to a unit.',
    roleTwice: 'The same role cannot be granted twice.',
    loginCharacters: 'A login may contain only lower-case letters, digits, dots, underscores and hyphens.',
    selfLockout: 'You cannot disable your own account or remove your own admin role.',
    versionConflict: 'Someone else changed this record (you saw version {expected}; it is now version {actual}). Reload and make your change again.',
    importNotFound: 'There is no such import, or it has expired. Upload the roster again.',
    importHasProblems: '{count} rows of the roster still have problems. Correct them and upload it again.',
    importAlreadyApplied: 'This roster has already been imported.',
    importUnreadable: 'This file cannot be read: upload the roster as CSV or Excel (.xlsx).',
    importTooManyRows: 'A roster may have at most {max} rows; this file has {count}. Import it in parts.',
    importEmpty: 'The roster has no people in it: put at least one row under the header.',
    importLegacyExcel: 'This is an old Excel file (.xls) or an encrypted one: in Excel, use "Save as" .xlsx or CSV (UTF-8) and upload that.',
    importEncoding: 'The text encoding of this CSV file is not recognised: in Excel, use "Save as" CSV UTF-8 and upload that.',
    importCsvQuote: 'A quote opened on line {line} of the CSV file is never closed. Check that line.',
    importSheetTooLarge: 'The worksheet of this Excel file is too large to read: remove what is not needed, or import it in parts.',
    importMissingColumns: 'The roster lacks these columns: {columns}. The header must be the first row, e.g. name, login, unit, party status, roles.',
    importColumnName: 'name',
    importColumnLogin: 'login',
    importColumnUnit: 'unit',
    importColumnPartyStatus: 'party status',
    importColumnRoles: 'roles',
    importColumnBranch: 'branch',
    importListSeparator: ', ',
    importFileMissing: 'Choose the roster file to upload (CSV or Excel .xlsx).',
    importInProgress: 'This roster is being imported right now. Please wait a moment and try again.',
    importNameMissing: 'The name is missing.',
    importNameTooLong: 'The name is longer than {max} characters.',
    importLoginMissing: 'The login is missing.',
    importLoginInvalid: 'The login "{login}" is not valid: use 2–40 letters, digits, dots, underscores or hyphens (an employee number or a mobile number).',
    importLoginDuplicate: 'The login "{login}" appears more than once in the file (lines {lines}).',
    importLoginHeld: 'The login "{login}" is held by another account.',
    importUnitMissing: 'The unit is missing.',
    importUnitUnknown: 'There is no unit "{path}": write its full path, e.g. "县政务服务管理局/机关第一党支部".',
    importUnitAmbiguous: 'More than one unit is called "{path}": write the full path from the bureau down.',
    importStatusMissing: 'The party status is missing.',
    importStatusInvalid: 'The party status "{value}" is not recognised: use full, probationary or none (正式党员, 预备党员, 群众).',
    importNotABranch: '"{path}" is not a Party branch.',
    importBranchRequired: 'Party members must belong to a branch, and this unit lies in none: name the branch in the branch column.',
    importRoleInvalid: 'The role "{value}" is not recognised: use admin, organizer@<unit path> or leader@<unit path>, separated by semicolons.',
    importRoleNeedsUnit: 'The role "{value}" must name the unit it reaches, e.g. "organizer@县政务服务管理局/机关第一党支部".',
    importRoleNoUnit: 'The role "{value}" takes no unit.',
    importRoleTooMany: 'Too many roles: at most {max}.',
    importChangedSincePreview: 'The login "{login}" was created or changed after the preview. Upload the roster again and check the new preview.',
    importFileTooLarge: 'The roster file is too large (limit {limit}). Remove what is not needed, or import it in parts.',
    fieldRequired: 'Enter the {field}',
    fieldChoose: 'Choose the {field}',
    fieldNotText: 'The {field} must be text',
    fieldTooShort: 'The {field} needs at least {min} characters',
    fieldTooLong: 'The {field} can be at most {max} characters long',
    fieldControlCharacters: 'The {field} contains control characters that cannot be shown: remove them and submit again',
    fieldBrokenCharacters: 'The {field} contains a broken character (perhaps an emoji or symbol cut in two when copied): remove it and submit again',
    fieldBidiControls: 'The {field} contains hidden characters that change the direction of the text: remove them and submit again',
    fieldDate: 'The {field} is not a real date: write it as year-month-day, e.g. 2027-02-28',
    fieldDateTime: 'The {field} is not a real date or time: write it as year-month-day, e.g. 2027-02-28',
    fieldNumber: 'The {field} must be a number',
    fieldInteger: 'The {field} must be a whole number',
    fieldMin: 'The {field} cannot be less than {min}',
    fieldMax: 'The {field} cannot be more than {max}',
    fieldStep: 'The {field} must be a multiple of {step}',
    fieldBoolean: 'The {field} must be yes or no',
    fieldChoice: 'Choose the {field} from the options offered',
    fieldReference: 'The {field} is not valid: choose it from the list, or check that the link is complete',
    fieldUrl: 'The {field} must start with http:// or https://',
    fieldFormat: 'The {field} is not in the expected form',
    fieldTooFew: 'Give at least {min} in the {field} list',
    fieldTooMany: 'Give at most {max} in the {field} list',
    fieldInvalid: 'The {field} is not valid: check it',
    fieldsUnknown: 'These fields are not known: {keys}',
    formUnreadable: 'The submission could not be read: fill in the form on the page and submit it again.',
  },
} satisfies Record<Lang, Record<string, string>>;

/** One of the platform's own messages, by key. */
export type ApiMessageKey = keyof (typeof apiMessages)['en'];

/**
 * A text an area owns, in every language, with a stable id ("audit.rangeReversed") for logs and tests. Made by
 * `defineMessages`; `AppError`, `apiMessage` and the validation layer take it wherever they take a platform key.
 */
export interface MessageRef {
  readonly id: string;
  readonly texts: Readonly<Record<Lang, string>>;
}

/** Anything the API can say: one of the platform's own messages (by key), or an area's message. */
export type Message = ApiMessageKey | MessageRef;

/** An area's catalog: the same keys in every language (a key missing from one language does not compile). */
export type Catalog<K extends string> = { readonly [L in Lang]: { readonly [key in K]: string } };

/**
 * Declares an area's texts, as `export const auditMessages = defineMessages('audit', { 'zh-CN': {...}, en: {...} })`
 * in functions/domain/audit/messages.ts, and hands back one reference per key.
 */
export function defineMessages<K extends string>(area: string, catalog: Catalog<K>): { readonly [key in K]: MessageRef } {
  const refs = {} as Record<K, MessageRef>;
  for (const key of Object.keys(catalog[defaultLang]) as K[]) {
    const texts = {} as Record<Lang, string>;
    for (const lang of languages) texts[lang] = catalog[lang][key];
    refs[key] = Object.freeze({ id: `${area}.${key}`, texts: Object.freeze(texts) });
  }
  return Object.freeze(refs);
}

export function isMessageRef(value: unknown): value is MessageRef {
  return typeof value === 'object' && value !== null && typeof (value as MessageRef).id === 'string' && typeof (value as MessageRef).texts === 'object';
}

/** A message's id: the platform's key, or the area's "area.key". */
export function messageId(message: Message): string {
  return typeof message === 'string' ? message : message.id;
}

/** A message in a language, with its {parameters} filled in. */
export function apiMessage(lang: Lang, message: Message, params: Record<string, string | number> = {}): string {
  const template: string = typeof message === 'string' ? apiMessages[lang][message] : message.texts[lang];
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}

/**
 * What each field is called, for validation messages that name it ("请填写课程名称" / "Enter the course title").
 * Free-text fields name their label where their schema is made (platform/fields.ts); every other field is named
 * by its key in the request (the last name in the issue's path), through this table and the labels areas declare
 * with `defineFieldLabels`.
 */
const fieldLabels = {
  'zh-CN': {
    courseTitle: '课程名称',
    courseSummary: '课程简介',
    lessonTitle: '课时标题',
    lessonBody: '课时正文',
    personName: '姓名',
    unitName: '单位名称',
    fileName: '文件名',
    searchWords: '搜索词',
    login: '登录名',
    unitId: '单位',
    parentId: '上级单位',
    kind: '类型',
    sortOrder: '排序号',
    partyStatus: '政治面貌',
    branchId: '所在党支部',
    roles: '角色',
    role: '角色',
    lang: '语言',
    version: '版本号',
    initialPassword: '初始密码',
    newPassword: '新密码',
    currentPassword: '当前密码',
    password: '密码',
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
    audience: '学习对象',
    unitIds: '单位',
    personIds: '人员',
    required: '是否必修',
    dueAt: '截止日期',
    lessonId: '课时',
    state: '页面状态',
    positionSeconds: '播放位置',
    q: '搜索词',
    cursor: '翻页标记',
    limit: '每页条数',
    includeDisabled: '是否包括停用账号',
    year: '年份',
    courseId: '课程',
    personId: '人员',
    importId: '导入批次',
    assignmentId: '学习任务',
    purpose: '文件用途',
    contentType: '文件类型',
    size: '文件大小',
    part: '导出内容',
    format: '导出格式',
    active: '账号状态',
    retired: '是否撤销',
    value: '这一项',
  },
  en: {
    courseTitle: 'course title',
    courseSummary: 'course summary',
    lessonTitle: 'lesson title',
    lessonBody: 'lesson text',
    personName: 'name',
    unitName: 'unit name',
    fileName: 'file name',
    searchWords: 'search words',
    login: 'login',
    unitId: 'unit',
    parentId: 'parent unit',
    kind: 'kind',
    sortOrder: 'sort order',
    partyStatus: 'party status',
    branchId: 'Party branch',
    roles: 'roles',
    role: 'role',
    lang: 'language',
    version: 'version',
    initialPassword: 'initial password',
    newPassword: 'new password',
    currentPassword: 'current password',
    password: 'password',
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
    audience: 'audience',
    unitIds: 'unit',
    personIds: 'person',
    required: '"required" choice',
    dueAt: 'due date',
    lessonId: 'lesson',
    state: 'page state',
    positionSeconds: 'playing position',
    q: 'search words',
    cursor: 'page marker',
    limit: 'page size',
    includeDisabled: '"include disabled" choice',
    year: 'year',
    courseId: 'course',
    personId: 'person',
    importId: 'import',
    assignmentId: 'assignment',
    purpose: 'purpose of the file',
    contentType: 'file type',
    size: 'file size',
    part: 'part to export',
    format: 'export format',
    active: 'account state',
    retired: '"retired" choice',
    value: 'value',
  },
} satisfies Record<Lang, Record<string, string>>;

/** One of the platform's own field labels, by key. */
export type FieldLabelKey = keyof (typeof fieldLabels)['en'];

/** What a field is called: one of the platform's labels (by key), or a label an area declared. */
export type FieldLabel = FieldLabelKey | MessageRef;

/** Labels areas declared, by the name of the request field they name. */
const areaLabels = new Map<string, MessageRef>();

/**
 * Declares what an area's request fields are called, as `defineMessages` declares texts, and makes the validation
 * layer name a field of that key with them wherever it appears in a request. One key has one name across the API:
 * declaring a key that the platform or another area already names differently throws when the module loads.
 */
export function defineFieldLabels<K extends string>(area: string, catalog: Catalog<K>): { readonly [key in K]: MessageRef } {
  const refs = defineMessages(`${area}.field`, catalog);
  for (const key of Object.keys(refs) as K[]) {
    const ref = refs[key];
    const known = labelOfKey(key);
    if (known && languages.some((lang) => fieldLabel(lang, known) !== ref.texts[lang])) {
      throw new Error(`The field "${key}" of ${area} is already named "${fieldLabel(defaultLang, known)}" (${typeof known === 'string' ? `platform.field.${known}` : known.id}): one field name has one label across the API.`);
    }
    areaLabels.set(key, ref);
  }
  return refs;
}

/** The label a request field of this name has, if the platform or an area names it. */
export function labelOfKey(key: PropertyKey): FieldLabel | undefined {
  if (typeof key !== 'string') return undefined;
  if (Object.hasOwn(fieldLabels.en, key)) return key as FieldLabelKey;
  return areaLabels.get(key);
}

export function isFieldLabelKey(key: unknown): key is FieldLabelKey {
  return typeof key === 'string' && Object.hasOwn(fieldLabels.en, key);
}

/** A field's name in a language. */
export function fieldLabel(lang: Lang, label: FieldLabel): string {
  return typeof label === 'string' ? fieldLabels[lang][label] : label.texts[lang];
}

/** A validation message about one field, naming it. */
export function fieldMessage(lang: Lang, message: Message, field: FieldLabel, params: Record<string, string | number> = {}): string {
  return apiMessage(lang, message, { ...params, field: fieldLabel(lang, field) });
}
