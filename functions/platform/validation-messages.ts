import { z } from 'zod';
import { fieldMessage, labelOfKey, type ApiMessageKey, type FieldLabel, type Lang } from './i18n.js';
import { currentLang } from './request-scope.js';

type RawIssue = Parameters<z.core.$ZodErrorMap>[0];

/**
 * The field an issue is about: the last name in its path that has a label, the platform's or one an area declared
 * ("value" when none has).
 */
function fieldOf(path: readonly PropertyKey[] | undefined): FieldLabel {
  for (let i = (path?.length ?? 0) - 1; i >= 0; i--) {
    const label = labelOfKey(path![i]!);
    if (label) return label;
  }
  return 'value';
}

const asNumber = (value: number | bigint) => (typeof value === 'bigint' ? value.toString() : String(value));

/**
 * A validation message a person can act on, naming the field by its label, in the given language: "请填写课程名称",
 * "The due date is not a real date". Messages that a schema sets itself (free text, logins, role rules) come first;
 * this speaks for everything else.
 */
export function validationMessage(lang: Lang, issue: RawIssue): string {
  const field = fieldOf(issue.path);
  const say = (key: ApiMessageKey, params?: Record<string, string | number>) => fieldMessage(lang, key, field, params);
  const input = (issue as { input?: unknown }).input;
  switch (issue.code) {
    case 'invalid_type': {
      if (input === undefined) return say(issue.expected === 'string' || issue.expected === 'number' ? 'fieldRequired' : 'fieldChoose');
      if (issue.expected === 'number' || issue.expected === 'int') return say(issue.expected === 'int' ? 'fieldInteger' : 'fieldNumber');
      if (issue.expected === 'boolean') return say('fieldBoolean');
      if (issue.expected === 'string') return say('fieldNotText');
      return say('fieldInvalid');
    }
    case 'too_small': {
      if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? say('fieldRequired') : say('fieldTooShort', { min: asNumber(issue.minimum) });
      if (issue.origin === 'array' || issue.origin === 'set') return say('fieldTooFew', { min: asNumber(issue.minimum) });
      return say('fieldMin', { min: asNumber(issue.minimum) });
    }
    case 'too_big': {
      if (issue.origin === 'string') return say('fieldTooLong', { max: asNumber(issue.maximum) });
      if (issue.origin === 'array' || issue.origin === 'set') return say('fieldTooMany', { max: asNumber(issue.maximum) });
      return say('fieldMax', { max: asNumber(issue.maximum) });
    }
    case 'invalid_format': {
      if (issue.format === 'ulid' || issue.format === 'uuid') return say('fieldReference');
      if (issue.format === 'url') return say('fieldUrl');
      if (issue.format === 'date') return say('fieldDate');
      if (issue.format === 'datetime') return say('fieldDateTime');
      return say('fieldFormat');
    }
    case 'not_multiple_of':
      return say('fieldStep', { step: issue.divisor });
    case 'invalid_value':
    case 'invalid_union':
      return input === undefined ? say('fieldChoose') : say('fieldChoice');
    case 'unrecognized_keys':
      return fieldMessage(lang, 'fieldsUnknown', field, { keys: issue.keys.join(', ') });
    default:
      return say('fieldInvalid');
  }
}

/**
 * Validation messages in the language of the request being served. Zod builds each message when it finds the
 * problem (with the offending input and the whole path at hand), so the choice is made there, from the request scope.
 */
export function useRequestLanguageForValidation(): void {
  z.config({ localeError: (issue) => validationMessage(currentLang(), issue) });
}
