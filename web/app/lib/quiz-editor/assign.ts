/**
 * The quiz editor's assign form posts to assignQuiz (`POST /quizzes/{quizId}/assignments`), built to the course
 * assignment's shape.
 */
export const quizAssignOffered = true;

/** The assignment path, for the action. */
export const quizAssignPath = '/quizzes/{quizId}/assignments';
