/**
 * The one schema for free text and the one for dates: every field a person types goes through these, so the rules
 * hold everywhere at once (see docs/decisions/015).
 *
 * Text is put in Unicode NFC (a character typed on one keyboard equals the same character pasted from another) and
 * trimmed; then it is refused, with a message naming the field, when it holds
 * - control characters (C0, DEL, C1; a multi-line field keeps line breaks and tabs, with line breaks as \n),
 * - lone surrogates (half of a character: no UTF-8 encoder, file name or spreadsheet can carry it),
 * - bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069: they make text read differently on screen
 *   from what is stored).
 * Lengths count characters as people do (code points), not UTF-16 units.
 *
 * Dates are calendar days (YYYY-MM-DD) that exist: "2027-02-30" is refused, never rolled over into March.
 */
import { z } from 'zod';
import { fieldMessage, type ApiMessageKey, type FieldLabel } from './i18n.js';
import { currentLang } from './request-scope.js';

/** A record's id: a ULID, the house id format. */
export const Id = z.ulid();

/** An ISO-8601 UTC timestamp as stored. */
export const Timestamp = z.iso.datetime();

const say = (key: ApiMessageKey, field: FieldLabel, params?: Record<string, string | number>) => fieldMessage(currentLang(), key, field, params);

const loneSurrogate = /\p{Cs}/u;
const bidiControl = /[\u202A-\u202E\u2066-\u2069]/u;
/** Control characters, and the Unicode line and paragraph separators (invisible breaks inside one line). */
const singleLineControl = /[\p{Cc}\u2028\u2029]/u;
/** The same, but a multi-line text keeps its line breaks and tabs. */
const multiLineControl = /(?![\t\n])[\p{Cc}\u2028\u2029]/u;

/** What is wrong with a text's characters, if anything: the message key to answer with. */
export function textProblem(value: string, multiline = false): ApiMessageKey | undefined {
  if (loneSurrogate.test(value)) return 'fieldBrokenCharacters';
  if ((multiline ? multiLineControl : singleLineControl).test(value)) return 'fieldControlCharacters';
  if (bidiControl.test(value)) return 'fieldBidiControls';
  return undefined;
}

/** Characters as a person counts them (an emoji is one, not two). */
export function characterCount(value: string): number {
  let count = 0;
  for (const _ of value) count++;
  return count;
}

export interface TextOptions {
  /** What the field is called in messages ("请填写课程名称"). */
  label: FieldLabel;
  /** At most this many characters. */
  max: number;
  /** At least this many characters after trimming (1 makes the field required; 0 lets it be empty). */
  min?: number;
  /** Keeps line breaks (as \n) and tabs. */
  multiline?: boolean;
}

/** Free text: NFC, trimmed, no control characters, no lone surrogates, no bidi overrides, min..max characters. */
export function text({ label, max, min = 1, multiline = false }: TextOptions) {
  return z
    .string({ error: (issue) => say(issue.input === undefined || issue.input === null ? 'fieldRequired' : 'fieldNotText', label) })
    .overwrite((value) => {
      const normalised = value.normalize('NFC');
      return (multiline ? normalised.replace(/\r\n?/g, '\n') : normalised).trim();
    })
    .check((ctx) => {
      const value = ctx.value;
      if (!charactersPass(ctx, label, multiline)) return;
      const count = characterCount(value);
      if (count < min) {
        ctx.issues.push({ code: 'too_small', origin: 'string', minimum: min, inclusive: true, input: value, message: say(min === 1 ? 'fieldRequired' : 'fieldTooShort', label, { min }) });
      } else if (count > max) {
        ctx.issues.push({ code: 'too_big', origin: 'string', maximum: max, inclusive: true, input: value, message: say('fieldTooLong', label, { max }) });
      }
    })
    .meta({ minLength: min, maxLength: max });
}

/** A calendar day that exists, as YYYY-MM-DD. */
export function day(label: FieldLabel) {
  return z.iso.date({ error: (issue) => say(issue.input === undefined ? 'fieldRequired' : 'fieldDate', label) });
}

/** An instant with its offset (2027-02-28T09:30:00+08:00, or Z) that exists on the calendar and the clock. */
export function instant(label: FieldLabel) {
  return z.iso.datetime({ offset: true, error: (issue) => say(issue.input === undefined ? 'fieldRequired' : 'fieldDateTime', label) });
}

/**
 * A day (YYYY-MM-DD) or an instant with its offset (2027-02-28T09:30:00+08:00, or Z); both must exist on the
 * calendar and the clock.
 */
export function dayOrInstant(label: FieldLabel) {
  const asDay = z.iso.date();
  const asInstant = z.iso.datetime({ offset: true });
  return z
    .string({ error: (issue) => say(issue.input === undefined ? 'fieldRequired' : 'fieldDateTime', label) })
    .check((ctx) => {
      if (asDay.safeParse(ctx.value).success || asInstant.safeParse(ctx.value).success) return;
      ctx.issues.push({ code: 'invalid_format', format: 'date', input: ctx.value, message: say('fieldDateTime', label) });
    })
    .meta({ format: 'date-time', description: 'A day (YYYY-MM-DD) or an instant with an offset (ISO 8601).' });
}

/**
 * The character rules of `text` for a string that is not free text but is still shown or stored as given (a web
 * address, an opaque reference): refuse control characters, lone surrogates and bidi overrides, naming the field.
 */
export function plainCharacters(label: FieldLabel) {
  return (ctx: z.core.ParsePayload<string>): void => {
    charactersPass(ctx, label);
  };
}

/** True when the value's characters pass; otherwise adds the issue naming the field and stops parsing this value. */
function charactersPass(ctx: z.core.ParsePayload<string>, label: FieldLabel, multiline = false): boolean {
  const problem = textProblem(ctx.value, multiline);
  if (problem) ctx.issues.push({ code: 'custom', input: ctx.value, message: say(problem, label), continue: false });
  return !problem;
}
