/**
 * Who may do what with one session, decided once for every service of the area: its branch's organizers (and admins)
 * edit it, show its check-in code, keep its roster and minutes; leaders within reach read it and its roster; the
 * people it expects read it. The host and recorder a session names are its record of who led and who wrote; they act
 * with an organizer's grant of the branch. Also who a session expects, read from people and org.
 */
import { AppError } from '../../platform/errors.js';
import { BoundedMap } from '../../platform/bounded-map.js';
import { authorize, type Actor } from '../authz/permissions.js';
import { reachesUnitFor } from '../authz/capabilities.js';
import { audienceOf } from '../assignments/service.js';
import { inAudience } from '../assignments/audience.js';
import type { Audience } from '../assignments/schema.js';
import type { OrgTree } from '../org/tree.js';
import type { PublicPerson } from '../people/schema.js';
import { sessionsMessages } from './messages.js';
import type { Session, SessionAudience } from './schema.js';
import { readSession } from './store.js';

export interface SessionAccess {
  /** Change, cancel, close; decide leave; confirm make-ups. */
  edit: boolean;
  /** Show the check-in code, keep the roster, check people in. */
  host: boolean;
  /** Write the minutes. */
  record: boolean;
  readRoster: boolean;
  /** On the list of expected people. */
  expected: boolean;
  read: boolean;
}

/** Whether the actor's grant for an operation reaches the branch (false when the operation is not theirs at all). */
export const reachesBranch = reachesUnitFor;

const asAudience = (audience: SessionAudience): Audience => audience;

/** Whether the session expects this person (an actor: a Party member is someone with a branch). */
export function expects(session: Pick<Session, 'audience'>, person: { personId: string; unitId: string; branchId: string | null; partyStatus?: string }, tree: OrgTree): boolean {
  return inAudience(asAudience(session.audience), { ...person, partyStatus: person.partyStatus ?? (person.branchId ? 'full' : 'none') }, tree);
}

export function accessTo(actor: Actor, session: Session, tree: OrgTree): SessionAccess {
  const edit = reachesBranch(actor, 'updateSession', session.branchId, tree);
  const readRoster = edit || reachesBranch(actor, 'getRoster', session.branchId, tree);
  const expected = expects(session, actor, tree);
  return { edit, host: edit, record: edit, readRoster, expected, read: readRoster || expected };
}

/** The session, or a 404 that says nothing of whether it exists to someone who may not see it. */
export async function sessionFor(actor: Actor, sessionId: string, tree: OrgTree, need: keyof SessionAccess = 'read'): Promise<{ session: Session; access: SessionAccess }> {
  const session = await readSession(sessionId);
  if (!session) throw new AppError('NOT_FOUND', { messageKey: sessionsMessages.sessionNotFound });
  const access = accessTo(actor, session, tree);
  if (!access.read) throw new AppError('NOT_FOUND', { messageKey: sessionsMessages.sessionNotFound });
  if (!access[need]) throw new AppError('FORBIDDEN', { messageKey: sessionsMessages.notHost });
  return { session, access };
}

/**
 * The active people a session expects, as of now (a closed session's records are its history). Kept a minute per
 * session in this process: the host's screens ask every few seconds.
 */
const expectedCache = new BoundedMap<string, { at: number; version: number; people: PublicPerson[] }>(500);
const expectedTtlMs = 60_000;

export async function expectedPeople(session: Session, tree: OrgTree): Promise<PublicPerson[]> {
  const known = expectedCache.get(session.sessionId);
  if (known && known.version === session.version && Date.now() - known.at < expectedTtlMs) return known.people;
  const people = await audiencePeople(session.audience, tree);
  expectedCache.set(session.sessionId, { at: Date.now(), version: session.version, people });
  return people;
}

/** The active people an audience names now, by name (a branch's members: `{ kind: 'members', unitIds: [branchId] }`). */
export async function audiencePeople(audience: SessionAudience, tree: OrgTree): Promise<PublicPerson[]> {
  const people = (await audienceOf([{ audience: asAudience(audience) }], tree)).filter((person) => person.active);
  return people.sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
}
