/**
 * What the course editor's page, its forms and its actions share (safe in the browser: no server code here).
 * Each form posts an `intent`; its action (one module per intent, actions.server.ts) answers an ActionResult, and
 * only the form that posted shows it.
 */
import type { ApiProblem } from '../api-problem';
import type { MessageKey } from '../../i18n';
import type { courseHeader, LessonKind } from '../learn';

export type Intent = 'update' | 'addLesson' | 'editLesson' | 'move' | 'publish' | 'status' | 'assign';

export interface ActionResult {
  intent: Intent;
  problem?: ApiProblem;
  values?: Record<string, string | string[]>;
  done?: MessageKey;
  assignment?: { assignmentId: string; dueAt: string; required: boolean };
}

/** A lesson as the editor lists it. */
export interface EditorLesson {
  lessonId: string;
  title: string;
  kind: LessonKind;
  minSeconds: number;
  durationSeconds: number;
  hasMaterial: boolean;
  url: string | null;
  body: string | null;
}

/** The course as the editor's page reads it. */
export type EditorCourse = ReturnType<typeof courseHeader> & { updatedAt: string; lessons: EditorLesson[] };

/** A unit the editor may assign to, with its depth below the shallowest such unit (for indenting). */
export interface EditorUnit {
  unitId: string;
  name: string;
  depth: number;
  kind: string;
}
