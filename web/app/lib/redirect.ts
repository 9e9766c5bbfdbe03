const probeOrigin = 'http://redirect-check.invalid';

/** Characters no plain path of ours holds: backslashes, whitespace, control and format characters (bidi, BOM). */
const unsafe = /[\\\s\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;

/**
 * A redirect target only when it is a plain path on this site; anything else goes to `fallback`.
 * Refused: schemes (`https:`, `javascript:`), protocol-relative and backslash spellings (`//x`, `/\x`, `\/x`), and
 * any whitespace or control character, before or after percent-decoding (browsers drop tabs and newlines from URLs,
 * so "/\t/evil.example" would become "//evil.example"; a newline in a Location header is also an invalid header).
 */
export function safeRedirectPath(value: FormDataEntryValue | string | null | undefined, fallback = '/'): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 2000 || unsafe.test(value)) return fallback;
  // The path is checked in every spelling it decodes to, so an encoded "//" or "\" is refused too; the query and
  // fragment may hold encoded spaces and slashes (a search for "张 三"), but nothing raw.
  let spelling = value.split(/[?#]/, 1)[0]!;
  for (let round = 0; round < 3; round++) {
    if (!spelling.startsWith('/') || spelling.startsWith('//') || unsafe.test(spelling)) return fallback;
    let decoded: string;
    try {
      decoded = decodeURIComponent(spelling);
    } catch {
      return fallback;
    }
    if (decoded === spelling) break;
    spelling = decoded;
  }
  // And as a browser resolves it: still this site.
  try {
    if (new URL(value, probeOrigin).origin !== probeOrigin) return fallback;
  } catch {
    return fallback;
  }
  return value;
}
