/**
 * Whether the API offers assignQuiz (`POST /quizzes/{quizId}/assignments`) to the editor's assign form. The form is
 * built to the course assignment's shape; until the operation is in the generated API types it stays hidden.
 *
 * The flag is checked against the types: once `npm run gen:api` brings the operation in, `Offered` becomes `true`
 * and this line stops compiling until the flag is turned on with it — the form cannot stay hidden by oversight.
 */
import type { paths } from '../api-types';

type Offered = '/quizzes/{quizId}/assignments' extends keyof paths ? true : false;
export const quizAssignOffered: Offered = false;

/** The assignment path, for the action (typed loosely while the operation is not in the types). */
export const quizAssignPath = '/quizzes/{quizId}/assignments';
