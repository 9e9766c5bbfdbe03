/** Messages of the page of data that deserves a second look (简体中文): open and dismissed flags, the evidence, dismissing. */
export const flagsZhCN = {
  'flags.title': '待核实数据',
  'flags.lead': '以下情况由系统根据记录自动发现，只向负责相关人员的组织者和领导显示。请核实后处理：确属正常的，写明理由后排除。',
  'flags.tabs': '提示状态',
  'flags.tab.open': '待核实',
  'flags.tab.dismissed': '已排除',
  'flags.empty.open': '目前没有需要核实的数据。系统定时检查答题用时、登录设备和学时记录，发现情况会列在这里。',
  'flags.empty.dismissed': '还没有排除过的提示。',
  'flags.rules': '判定规则：每题用时少于 {seconds} 秒（至少 {questions} 题）；同一设备 {minutes} 分钟内登录 {accounts} 个及以上账号；连续 {hours} 小时及以上不间断计学时。',
  'flags.when': '发生于 {at}',
  'flags.people': '涉及人员',
  'flags.evidence': '依据',
  'flags.evidence.attempt': '开始 {started}，交卷 {finished}，得分 {percent}',
  'flags.evidence.attemptNoScore': '开始 {started}，交卷 {finished}',
  'flags.evidence.quizStats': '查看该测验的成绩',
  'flags.evidence.signIn': '{login} 于 {at} 登录',
  'flags.evidence.stretch': '从 {started} 到 {ended}，计入 {minutes} 分钟',
  'flags.evidence.course': '查看所学课程',
  'flags.personRecord': '（查看学习记录）',
  'flags.dismiss.reason': '排除理由',
  'flags.dismiss.hint': '例如：大厅自助终端，多人先后登录办事。',
  'flags.dismiss.submit': '排除这条提示',
  'flags.dismiss.done': '已排除“{kind}”提示。',
  'flags.dismiss.notAll': '涉及您负责范围以外的人员，需由上级领导排除。',
  'flags.dismissedBy': '{name} 于 {at} 排除：{reason}',
} as const;

export type FlagsMessages = Record<keyof typeof flagsZhCN, string>;
