import { AppError } from '../../functions/platform/errors.js';

/** Runs `fn` and returns the AppError it throws (any other outcome fails the test). */
export function appErrorOf(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError');
}
