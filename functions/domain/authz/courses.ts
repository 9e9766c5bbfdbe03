/**
 * The learning areas' rules of who may do what to which course, assignment and figures (courses, assignments, study,
 * stats call these; none keeps a rule of its own). Pure: the caller reads the course, the tree and the people named.
 */
import { AppError } from '../../platform/errors.js';
import { authorize, reachesPerson, reachesUnit, type Actor, type Grant } from '../authz/permissions.js';
import type { OrgTree } from '../org/tree.js';
import { coursesMessages } from '../courses/messages.js';
import { orgMessages } from '../org/messages.js';
import { peopleMessages } from '../people/messages.js';

/** What these rules need of a course. */
interface CourseFacts {
  status: 'draft' | 'published' | 'archived';
  ownerUnitId: string;
}

/** The actor's grant for editing courses, or null when they edit none (staff, leaders). */
export function editGrant(actor: Actor | null): Grant | null {
  try {
    return authorize(actor, 'updateCourse');
  } catch {
    return null;
  }
}

/** Whether a grant edits courses owned by this unit (admins everywhere, organizers in their subtree). */
export function mayEdit(grant: Grant | null, actor: Actor, ownerUnitId: string, tree: OrgTree): boolean {
  return grant !== null && reachesUnit(grant, actor, ownerUnitId, tree);
}

/** Whether the actor may edit this course. */
export function mayEditCourse(actor: Actor, course: CourseFacts, tree: OrgTree): boolean {
  return mayEdit(editGrant(actor), actor, course.ownerUnitId, tree);
}

/** Whether the actor may see a course: published ones for everyone signed in; drafts and archived ones for editors. */
export function maySeeCourse(actor: Actor, course: CourseFacts, tree: OrgTree): boolean {
  return course.status === 'published' || mayEditCourse(actor, course, tree);
}

/**
 * The one rule for reading a course's completion figures (getCourseCompletion, exportCourseCompletion,
 * refreshCourseCompletion, listCourseAssignments): the operation's grant (organizers and leaders within their
 * subtree, admins everywhere), and the course must not be a draft unless the actor edits it. Returns the grant and
 * the units whose figures it reads, each with its depth in the tree; a course the actor may not read figures of is
 * NOT_FOUND (it does not exist for them), a role that reads none is FORBIDDEN.
 */
export function figuresReach(
  grant: Grant,
  actor: Actor,
  course: CourseFacts | undefined,
  tree: OrgTree,
): { units: Map<string, number> } {
  if (!course || (course.status === 'draft' && !mayEditCourse(actor, course, tree))) {
    throw new AppError('NOT_FOUND', { messageKey: coursesMessages.courseNotFound });
  }
  return { units: figureUnits(grant, actor, tree) };
}

/**
 * The units whose figures a grant reads (courses' completion, quizzes' results), each with its depth in the tree,
 * in the tree's order below each unit the grant names (every unit for those who reach all).
 */
export function figureUnits(grant: Grant, actor: Actor, tree: OrgTree): Map<string, number> {
  const tops = grant.access === 'scope' ? grant.unitIds : tree.roots().map((unit) => unit.unitId);
  const units = new Map<string, number>();
  for (const top of tops) {
    for (const unit of tree.subtree(top)) {
      if (!units.has(unit.unitId) && reachesUnit(grant, actor, unit.unitId, tree)) units.set(unit.unitId, tree.path(unit.unitId).length - 1);
    }
  }
  return units;
}

/** What these rules need of an audience. */
type AudienceFacts = { kind: 'everyone' } | { kind: 'units' | 'members'; unitIds: string[] } | { kind: 'people'; personIds: string[] };

/**
 * Whether an assignment concerns the actor's part of the organisation (everything, for those who see it all): made
 * in their name, for everyone, for units within or above their reach, or naming someone within it (`named`: the
 * people that `people` audiences name).
 */
export function assignmentConcerns(
  grant: Grant,
  actor: Actor,
  assignment: { ownerUnitId: string; audience: AudienceFacts },
  tree: OrgTree,
  named: Map<string, { personId: string; unitId: string; branchId: string | null }>,
): boolean {
  if (grant.access === 'all' || reachesUnit(grant, actor, assignment.ownerUnitId, tree)) return true;
  const audience = assignment.audience;
  if (audience.kind === 'everyone') return true;
  if (audience.kind === 'people') {
    return audience.personIds.some((personId) => {
      const person = named.get(personId);
      return person !== undefined && reachesPerson(grant, actor, person, tree);
    });
  }
  // A unit audience concerns the actor if it lies within their reach or contains it.
  const reach = grant.access === 'scope' ? grant.unitIds : [];
  return audience.unitIds.some((unitId) => reachesUnit(grant, actor, unitId, tree) || reach.some((own) => tree.isWithin(own, unitId)));
}

/** The people of `people` audiences whose reach must be checked one by one (those an actor's grant does not cover). */
export function namedToCheck(grant: Grant, actor: Actor, assignments: { ownerUnitId: string; audience: AudienceFacts }[], tree: OrgTree): string[] {
  if (grant.access === 'all') return [];
  return assignments.flatMap((a) => (a.audience.kind === 'people' && !reachesUnit(grant, actor, a.ownerUnitId, tree) ? a.audience.personIds : []));
}

/**
 * Whether the actor may assign a course to this audience, and in whose name: organizers within their subtree only,
 * everyone only for those who reach everything. `people` holds the named people as read (undefined: no such person).
 * For an organizer, someone outside their reach answers exactly like someone who does not exist (403): ids cannot be
 * probed; an admin reaches everyone, so for them a missing person or unit is plain bad input (400).
 */
export function assignmentOwner(
  grant: Grant,
  actor: Actor,
  audience: AudienceFacts,
  tree: OrgTree,
  people: ({ personId: string; unitId: string; branchId: string | null } | undefined)[] = [],
): string {
  const root = tree.roots()[0]?.unitId ?? actor.unitId;
  if (audience.kind === 'everyone') {
    if (grant.access !== 'all') throw new AppError('FORBIDDEN');
    return root;
  }
  if (audience.kind === 'people') {
    for (const person of people) {
      if (grant.access !== 'all' && (!person || !reachesPerson(grant, actor, person, tree))) throw new AppError('FORBIDDEN');
      if (!person) throw new AppError('VALIDATION', { messageKey: peopleMessages.personNotFound, details: [{ path: 'audience.personIds' }] });
    }
    return grant.access === 'scope' ? grant.unitIds[0]! : root;
  }
  for (const unitId of audience.unitIds) {
    if (!tree.get(unitId)) throw new AppError('VALIDATION', { messageKey: orgMessages.unitNotFound, details: [{ path: 'audience.unitIds' }] });
    if (!reachesUnit(grant, actor, unitId, tree)) throw new AppError('FORBIDDEN');
  }
  return audience.unitIds.length === 1 ? audience.unitIds[0]! : grant.access === 'scope' ? grant.unitIds[0]! : root;
}

/** The unit a new course belongs to: the one asked for, else the creator's organizing unit (or the root for admins). */
export function courseOwner(grant: Grant, actor: Actor, asked: string | undefined, tree: OrgTree): string {
  const ownerUnitId = asked ?? (grant.access === 'scope' ? grant.unitIds[0] : tree.roots()[0]?.unitId);
  if (!ownerUnitId || !tree.get(ownerUnitId)) throw new AppError('VALIDATION', { messageKey: orgMessages.unitNotFound, details: [{ path: 'ownerUnitId' }] });
  if (!mayEdit(grant, actor, ownerUnitId, tree)) throw new AppError('FORBIDDEN');
  return ownerUnitId;
}
