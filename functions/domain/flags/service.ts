/**
 * Data that deserves a second look: listing and dismissing flags, and the job that raises them from the records.
 * Permissions: authz's table (listFlags, dismissFlag: organizers and leaders within their subtree, admins all; staff
 * never), then reach: a flag is shown to whoever reaches one of the people it concerns (other than themselves: nobody
 * judges their own record), and dismissed only by whoever reaches all of them.
 */
import { AppError } from '../../platform/errors.js';
import { clock, nowIso } from '../../platform/clock.js';
import { apiMessage, type Lang } from '../../platform/i18n.js';
import { parseInput } from '../../platform/store.js';
import { currentLang } from '../../platform/request-scope.js';
import { deviceSignInsBetween } from '../access/service.js';
import { recordAudit } from '../audit/service.js';
import { authorize, reachesPerson, reachesUnit, type Actor, type Grant } from '../authz/permissions.js';
import { loadTree } from '../org/service.js';
import type { OrgTree } from '../org/tree.js';
import { peopleByIds } from '../people/directory.js';
import { attemptsFinishedSince } from '../quizzes/quiz-service.js';
import { fastAttempts, sharedDevices } from './detect.js';
import { flagsMessages } from './messages.js';
import { raiseFlag } from './raise-service.js';
import { DismissFlagInput, FLAG_RULES, fastQuizLookBackMs, ListFlagsQuery, type Flag, type FlagFact, type FlagKind, type FlagPerson } from './schema.js';
import { queryDismissedFlags, queryOpenFlags, readFlag, readJobMark, writeDismissal, writeJobMark } from './store.js';

/** Dismissed flags listed: the newest this many (open ones are listed whole: they are few, each waits for a look). */
const dismissedShown = 200;

const kindMessage: Record<FlagKind, (typeof flagsMessages)[keyof typeof flagsMessages]> = {
  fastQuiz: flagsMessages.kindFastQuiz,
  sharedDevice: flagsMessages.kindSharedDevice,
  longStretch: flagsMessages.kindLongStretch,
};

/** Whether the actor reaches this person of a flag (never themselves). */
const reaches = (grant: Grant, actor: Actor, person: FlagPerson, tree: OrgTree) => person.personId !== actor.personId && reachesPerson(grant, actor, person, tree);
/** A person within a unit's subtree: where they sit, or their branch. */
const within = (person: FlagPerson, unitId: string, tree: OrgTree) => tree.isWithin(person.unitId, unitId) || (person.branchId !== null && tree.isWithin(person.branchId, unitId));

function summaryOf(flag: Flag, lang: Lang): string {
  const evidence = flag.evidence;
  switch (evidence.kind) {
    case 'fastQuiz':
      return apiMessage(lang, flagsMessages.summaryFastQuiz, { quiz: evidence.quizTitle, questions: evidence.questions, seconds: evidence.seconds, floor: FLAG_RULES.fastQuiz.secondsPerQuestion });
    case 'sharedDevice':
      return apiMessage(lang, flagsMessages.summarySharedDevice, {
        accounts: new Set(evidence.signIns.map((s) => s.personId)).size,
        minutes: FLAG_RULES.sharedDevice.windowMinutes,
        device: evidence.device,
      });
    case 'longStretch': {
      const minutes = Math.floor(evidence.creditedSeconds / 60);
      return apiMessage(lang, flagsMessages.summaryLongStretch, { hours: Math.floor(minutes / 60), minutes: minutes % 60 });
    }
  }
}

/** A flag as its reader sees it: people out of their reach are not named, and neither are their logins. */
function viewOf(actor: Actor, grant: Grant, flag: Flag, tree: OrgTree, lang: Lang) {
  const shown = new Set(flag.people.filter((p) => reaches(grant, actor, p, tree)).map((p) => p.personId));
  const other = apiMessage(lang, flagsMessages.otherUnitPerson);
  const evidence = flag.evidence.kind === 'sharedDevice'
    ? { ...flag.evidence, signIns: flag.evidence.signIns.map((s) => (shown.has(s.personId) ? s : { personId: null, login: other, at: s.at })) }
    : flag.evidence;
  return {
    flagId: flag.flagId,
    kind: flag.kind,
    kindName: apiMessage(lang, kindMessage[flag.kind]),
    summary: summaryOf(flag, lang),
    at: flag.at,
    raisedAt: flag.raisedAt,
    people: flag.people.map((p) =>
      shown.has(p.personId)
        ? { personId: p.personId, name: p.name, login: p.login, unitName: tree.get(p.unitId)?.name ?? '—' }
        : { personId: null, name: other, login: null, unitName: null },
    ),
    evidence,
    state: flag.state,
    dismissedByName: flag.dismissedByName,
    dismissedAt: flag.dismissedAt,
    dismissReason: flag.dismissReason,
    may: { dismiss: flag.state === 'open' && shown.size === flag.people.length },
  };
}

export type FlagView = ReturnType<typeof viewOf>;

/** The flags (open by default, or the newest dismissed ones) of the people within reach, or within `unitId`'s subtree. */
export async function listFlags(actor: Actor | null, query: unknown = {}) {
  const grant = authorize(actor, 'listFlags');
  const q = parseInput(ListFlagsQuery, query);
  const tree = await loadTree();
  if (q.unitId && (!tree.get(q.unitId) || !reachesUnit(grant, actor!, q.unitId, tree))) {
    throw new AppError('NOT_FOUND', { messageKey: flagsMessages.unitOutOfReach });
  }
  const flags = q.state === 'open' ? await queryOpenFlags() : await queryDismissedFlags(dismissedShown);
  const lang = currentLang();
  const items = flags
    .filter((flag) => flag.people.some((p) => reaches(grant, actor!, p, tree) && (!q.unitId || within(p, q.unitId, tree))))
    .map((flag) => viewOf(actor!, grant, flag, tree, lang));
  return { state: q.state, unitId: q.unitId ?? null, items, rules: FLAG_RULES };
}

/** open → dismissed with a reason, once (409 naming who dismissed it first); audited. */
export async function dismissFlag(actor: Actor | null, flagId: string, input: unknown) {
  const grant = authorize(actor, 'dismissFlag');
  const q = parseInput(DismissFlagInput, input);
  const tree = await loadTree();
  const flag = await readFlag(flagId);
  if (!flag || !flag.people.some((p) => reaches(grant, actor!, p, tree))) throw new AppError('NOT_FOUND', { messageKey: flagsMessages.flagNotFound });
  if (!flag.people.every((p) => reaches(grant, actor!, p, tree))) throw new AppError('FORBIDDEN', { messageKey: flagsMessages.notAllInReach });
  const lang = currentLang();
  const already = (done: Flag) =>
    new AppError('CONFLICT', {
      messageKey: flagsMessages.alreadyDismissed,
      params: { name: done.dismissedByName ?? '—', at: done.dismissedAt ?? '—' },
      details: { state: 'dismissed', dismissedAt: done.dismissedAt },
    });
  if (flag.state !== 'open') throw already(flag);
  const now = nowIso();
  const dismissal = { dismissedBy: actor!.personId, dismissedByName: actor!.name, dismissedAt: now, dismissReason: q.reason };
  if (!(await writeDismissal(flagId, flag.at, dismissal))) throw already((await readFlag(flagId)) ?? { ...flag, ...dismissal });
  await recordAudit({
    action: 'dismissFlag',
    actor,
    target: { type: 'flag', id: flagId, label: `${apiMessage('zh-CN', kindMessage[flag.kind])} ${flag.people.map((p) => p.name).join('、')}`.slice(0, 120) },
    details: { kind: flag.kind, reason: q.reason },
  });
  return viewOf(actor!, grant, { ...flag, ...dismissal, state: 'dismissed' }, tree, lang);
}

// ─── The job ───────────────────────────────────────────────────────────────────────────────────────────────────────

/** How far back the first run ever looks (later runs start from where the last one stopped). */
const firstLookBackMs = 7 * 86_400_000;

/**
 * Raises the flags of fast quiz attempts and of many accounts on one device since the last run (the study clock raises
 * long stretches itself, at a flush). Each run reads a little before its mark — the window of the device rule, the
 * longest attempt the quiz rule can flag — so a fact straddling two runs is found whole; flags are created once per
 * fact, so reading a fact twice adds nothing. The mark moves only forward.
 */
export async function raiseFlagsSince(now: Date = clock.now()): Promise<{ signIns: number; attempts: number; found: number; raised: number }> {
  const until = now.toISOString();
  const mark = (await readJobMark()) ?? new Date(now.getTime() - firstLookBackMs).toISOString();
  const markMs = Date.parse(mark);
  const [signIns, attempts] = await Promise.all([
    deviceSignInsBetween(new Date(markMs - FLAG_RULES.sharedDevice.windowMinutes * 60_000).toISOString(), until),
    attemptsFinishedSince(new Date(markMs - fastQuizLookBackMs).toISOString(), until),
  ]);
  const facts: FlagFact[] = [...sharedDevices(signIns), ...fastAttempts(attempts)];
  const people = new Map((await peopleByIds([...new Set(facts.flatMap((f) => f.personIds))])).map((p) => [p.personId, p]));
  let raised = 0;
  for (const fact of facts) {
    const concerned = fact.personIds.flatMap((id) => {
      const p = people.get(id);
      return p ? [{ personId: p.personId, name: p.name, login: p.login, unitId: p.unitId, branchId: p.branchId }] : [];
    });
    if (await raiseFlag(fact, concerned)) raised++;
  }
  await writeJobMark(until);
  return { signIns: signIns.length, attempts: attempts.length, found: facts.length, raised };
}
