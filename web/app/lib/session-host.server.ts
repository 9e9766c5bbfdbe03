/**
 * The server side of the organizer's and host's session pages: reading a session and the branch's people for the
 * form, turning the submitted form into the API's body (createSession, updateSession), and the outcome of an action
 * as the page shows it. Every decision of who may do what stays with the API.
 */
import type { AppLoadContext } from '@remix-run/server-runtime';
import { translate } from '../i18n';
import { toApiProblem, type ApiProblem } from './api-problem';
import type { Me } from './me';
import { formText, throwApiError } from './respond.server';
import { fromShanghaiInput, sessionTypes, toShanghaiInput, type SessionTypeCode, type SessionView } from './session-host';

export interface Choice {
  id: string;
  name: string;
}

export interface BranchPeople {
  branch: Choice;
  groups: Choice[];
  people: Array<Choice & { unitName: string }>;
}

export type AudienceKind = 'branch' | 'group' | 'people';

export interface SessionFormValues {
  branchId: string;
  type: SessionTypeCode;
  topic: string;
  startsAt: string;
  endsAt: string;
  place: string;
  online: boolean;
  hostId: string;
  recorderId: string;
  audienceKind: AudienceKind;
  groupId: string;
  personIds: string[];
  agenda: string;
  /** Materials already attached, kept unless unticked. */
  materials: Array<{ key: string; fileName: string; keep: boolean }>;
}

export function fallbackMessage(context: AppLoadContext): string {
  return translate(context.lang, 'error.generic.textNoId');
}

export function problemOf(context: AppLoadContext, error: unknown, status: number): ApiProblem {
  return toApiProblem(error, status, fallbackMessage(context));
}

/** One session as getSession answers it, or the API's refusal as the page's error. */
export async function loadSession(context: AppLoadContext, sessionId: string): Promise<SessionView> {
  const { data, error, response } = await context.api.GET('/sessions/{sessionId}', { params: { path: { sessionId } } });
  if (!data) throwApiError(error, response.status);
  return data;
}

/** The roster as getRoster answers it, or the API's refusal as the page's error. */
export async function loadRoster(context: AppLoadContext, sessionId: string) {
  const { data, error, response } = await context.api.GET('/sessions/{sessionId}/roster', { params: { path: { sessionId } } });
  if (!data) throwApiError(error, response.status);
  return data;
}

/** The Party branches the person may schedule for: branches within the reach getMe gives `organizeSessions`. The API decides again. */
export async function schedulableBranches(context: AppLoadContext, me: Me): Promise<Choice[]> {
  const { data } = await context.api.GET('/units');
  const units = (data?.items ?? []).filter((unit) => !unit.retired);
  const reach = me.reach.organizeSessions;
  if (!reach) return [];
  const reached = reach === 'all' ? null : new Set(reach);
  if (reached) for (const unit of units) if (unit.parentId && reached.has(unit.parentId)) reached.add(unit.unitId);
  return units.filter((unit) => unit.kind === 'branch' && (!reached || reached.has(unit.unitId))).map((unit) => ({ id: unit.unitId, name: unit.name }));
}

/**
 * A branch, its Party groups and its people (those in its units, and Party members whose branch it is), for the
 * host, recorder and audience choices. Reads the people list page by page within a bound.
 */
export async function branchPeople(context: AppLoadContext, branchId: string): Promise<BranchPeople | null> {
  const { data: tree } = await context.api.GET('/units');
  const units = tree?.items ?? [];
  const branch = units.find((unit) => unit.unitId === branchId && unit.kind === 'branch');
  if (!branch) return null;
  const inside = new Set([branchId]);
  for (const unit of units) if (unit.parentId && inside.has(unit.parentId)) inside.add(unit.unitId);
  const groups = units.filter((unit) => unit.kind === 'group' && !unit.retired && inside.has(unit.unitId)).map((unit) => ({ id: unit.unitId, name: unit.name }));
  const people: BranchPeople['people'] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 10; page++) {
    const { data } = await context.api.GET('/people', { params: { query: { limit: 200, ...(cursor ? { cursor } : {}) } } });
    if (!data) break;
    for (const person of data.items) {
      if (inside.has(person.unitId) || person.branchId === branchId) people.push({ id: person.personId, name: person.name, unitName: person.unitName });
    }
    if (!data.cursor) break;
    cursor = data.cursor;
  }
  people.sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
  return { branch: { id: branch.unitId, name: branch.name }, groups, people };
}

export function newSessionValues(branchId: string, hostId: string): SessionFormValues {
  return {
    branchId,
    type: 'committee',
    topic: '',
    startsAt: '',
    endsAt: '',
    place: '',
    online: false,
    hostId,
    recorderId: '',
    audienceKind: 'branch',
    groupId: '',
    personIds: [],
    agenda: '',
    materials: [],
  };
}

export function sessionValues(session: SessionView): SessionFormValues {
  const audience = session.audience;
  const group = audience.kind === 'members' ? audience.units.find((unit) => unit.unitId !== session.branchId) : undefined;
  return {
    branchId: session.branchId,
    type: session.type,
    topic: session.topic,
    startsAt: toShanghaiInput(session.startsAt),
    endsAt: toShanghaiInput(session.endsAt),
    place: session.place,
    online: session.online,
    hostId: session.hostId,
    recorderId: session.recorderId ?? '',
    audienceKind: audience.kind === 'people' ? 'people' : group ? 'group' : 'branch',
    groupId: group?.unitId ?? '',
    personIds: audience.people.map((person) => person.personId),
    agenda: session.agenda,
    materials: session.materials.filter((file) => file.kind === 'pdf').map((file) => ({ key: file.key, fileName: file.fileName, keep: true })),
  };
}

const texts = (form: FormData, name: string) => form.getAll(name).filter((value): value is string => typeof value === 'string' && value.trim() !== '').map((value) => value.trim());

export interface ReadSessionForm {
  values: SessionFormValues;
  /** The fields common to createSession and updateSession, or the problem the page can tell before asking the API. */
  body: {
    type: SessionTypeCode;
    topic: string;
    startsAt: string;
    endsAt: string;
    place: string;
    online: boolean;
    hostId: string;
    recorderId: string | null;
    audience: { kind: 'members'; unitIds: string[] } | { kind: 'people'; personIds: string[] } | null;
    agenda: string;
    materials: Array<{ key: string } | { uploadId: string; kind: 'pdf' }>;
  } | null;
  problem: ApiProblem | null;
}

export function readSessionForm(context: AppLoadContext, form: FormData, earlier: SessionFormValues['materials']): ReadSessionForm {
  const typeText = formText(form, 'type');
  const kindText = formText(form, 'audienceKind');
  const kept = new Set(texts(form, 'keepMaterial'));
  const values: SessionFormValues = {
    branchId: formText(form, 'branchId'),
    type: (sessionTypes as readonly string[]).includes(typeText) ? (typeText as SessionTypeCode) : 'other',
    topic: formText(form, 'topic'),
    startsAt: formText(form, 'startsAt'),
    endsAt: formText(form, 'endsAt'),
    place: formText(form, 'place'),
    online: form.get('online') === 'true',
    hostId: formText(form, 'hostId'),
    recorderId: formText(form, 'recorderId'),
    audienceKind: kindText === 'group' || kindText === 'people' ? kindText : 'branch',
    groupId: formText(form, 'groupId'),
    personIds: texts(form, 'personIds'),
    agenda: formText(form, 'agenda'),
    materials: earlier.map((file) => ({ ...file, keep: kept.has(file.key) })),
  };
  const say = (key: Parameters<typeof translate>[1], field: string): ReadSessionForm => {
    const message = translate(context.lang, key);
    return { values, body: null, problem: { status: 400, code: 'VALIDATION', message, fields: [{ path: field, message }] } };
  };
  const startsAt = fromShanghaiInput(values.startsAt);
  const endsAt = fromShanghaiInput(values.endsAt);
  if (!startsAt) return say('sessionHost.form.badTime', 'startsAt');
  if (!endsAt) return say('sessionHost.form.badTime', 'endsAt');
  if (values.audienceKind === 'group' && !values.groupId) return say('sessionHost.form.pickGroup', 'audience');
  if (values.audienceKind === 'people' && values.personIds.length === 0) return say('sessionHost.form.pickPeople', 'audience');
  const audience =
    values.audienceKind === 'group'
      ? { kind: 'members' as const, unitIds: [values.groupId] }
      : values.audienceKind === 'people'
        ? { kind: 'people' as const, personIds: values.personIds }
        : null;
  const materials = [
    ...values.materials.filter((file) => file.keep).map((file) => ({ key: file.key })),
    ...texts(form, 'materialUploadId').map((uploadId) => ({ uploadId, kind: 'pdf' as const })),
  ];
  return {
    values,
    problem: null,
    body: {
      type: values.type,
      topic: values.topic,
      startsAt,
      endsAt,
      place: values.place,
      online: values.online,
      hostId: values.hostId,
      recorderId: values.recorderId || null,
      audience,
      agenda: values.agenda,
      materials,
    },
  };
}

/** What an action of these pages tells its page: which intent, and the API's refusal if any. */
export type HostOutcome = { intent: string; ok: true; message?: string } | { intent: string; ok: false; problem: ApiProblem };

function done(intent: string, result: { data?: unknown; error?: unknown; response: Response }, context: AppLoadContext, message?: string): HostOutcome {
  if (result.data === undefined || result.data === null) return { intent, ok: false, problem: problemOf(context, result.error, result.response.status) };
  return { intent, ok: true, ...(message ? { message } : {}) };
}

/**
 * The intents the host's pages share: cancel and close (the session's organizers), marks and "all remaining
 * present", leave decisions, make-up confirmation and reverse check-in. Null for an intent that is not one of them.
 */
export async function hostAction(context: AppLoadContext, sessionId: string, form: FormData): Promise<HostOutcome | null> {
  const intent = formText(form, 'intent');
  const path = { params: { path: { sessionId } } };
  const version = Number(formText(form, 'version'));
  const t = (key: Parameters<typeof translate>[1], params?: Record<string, string>) => translate(context.lang, key, params);
  switch (intent) {
    case 'cancel':
      return done(intent, await context.api.POST('/sessions/{sessionId}/cancel', { ...path, body: { version, reason: formText(form, 'reason') } }), context, t('sessionHost.cancelled'));
    case 'close':
      return done(intent, await context.api.POST('/sessions/{sessionId}/close', { ...path, body: { version } }), context, t('sessionHost.closed'));
    case 'mark': {
      const mark = formText(form, 'mark');
      const personId = formText(form, 'personId');
      if (mark !== 'present' && mark !== 'late' && mark !== 'leave' && mark !== 'absent') return null;
      return done(intent, await context.api.PUT('/sessions/{sessionId}/roster', { ...path, body: { marks: [{ personId, mark }] } }), context, t('sessionHost.roster.marked'));
    }
    case 'allPresent': {
      const personIds = form.getAll('personId').filter((value): value is string => typeof value === 'string' && value !== '');
      if (personIds.length === 0) return { intent, ok: true };
      const marks = personIds.map((personId) => ({ personId, mark: 'present' as const }));
      return done(intent, await context.api.PUT('/sessions/{sessionId}/roster', { ...path, body: { marks } }), context, t('sessionHost.roster.marked'));
    }
    case 'decideLeave': {
      const decision = formText(form, 'decision') === 'approve' ? 'approve' : 'refuse';
      const personId = formText(form, 'personId');
      const result = await context.api.PUT('/sessions/{sessionId}/leave/{personId}', { params: { path: { sessionId, personId } }, body: { decision, note: '' } });
      return done(intent, result, context, t(decision === 'approve' ? 'sessionHost.leave.approved' : 'sessionHost.leave.refused'));
    }
    case 'confirmMakeUp': {
      const personId = formText(form, 'personId');
      return done(intent, await context.api.POST('/sessions/{sessionId}/make-up/{personId}/confirm', { params: { path: { sessionId, personId } } }), context, t('sessionHost.makeUp.confirmed'));
    }
    case 'reverse': {
      const token = formText(form, 'token');
      const code = formText(form, 'code').replace(/[\s-]/g, '');
      const result = await context.api.POST('/sessions/{sessionId}/check-ins', { ...path, body: token ? { token } : { code } });
      if (!result.data) return { intent, ok: false, problem: problemOf(context, result.error, result.response.status) };
      const status = translate(context.lang, `sessionHost.status.${result.data.status}` as Parameters<typeof translate>[1]);
      return { intent, ok: true, message: t(result.data.outcome === 'recorded' ? 'sessionHost.reverse.done' : 'sessionHost.reverse.already', { name: result.data.name, status }) };
    }
    default:
      return null;
  }
}
