/**
 * Content-Disposition values that are safe whatever the file is called: an ASCII `filename` for old clients and the
 * real name (any language) as RFC 6266 / RFC 8187 `filename*` in UTF-8. Names lose control characters, bidi controls,
 * path separators and quotes, so a name can neither break the header nor pretend to be another kind of file.
 */

// Control characters (C0, DEL, C1), bidi controls and line/paragraph separators.
const unsafe = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/g;

/** The name as a person would see it, minus anything that could mislead or break a header. */
export function safeFileName(name: string): string {
  const cleaned = name
    .normalize('NFC')
    .replace(unsafe, '')
    .replace(/[\\/"]/g, '_')
    .replace(/^[\s.]+|\s+$/g, '');
  // Lone surrogates cannot be encoded as UTF-8: drop them.
  return cleaned.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '').slice(0, 200);
}

/** RFC 8187 encoding: encodeURIComponent leaves ' ( ) * and ! as they are; the value may not hold the first four. */
function encodeExtValue(value: string): string {
  return encodeURIComponent(value).replace(/['()*!]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * `inline` (shown in the browser) or `attachment` (saved), offering `fileName`; `fallback` is the plain-ASCII name
 * for clients that do not read `filename*`.
 */
export function contentDisposition(type: 'inline' | 'attachment', fileName: string, fallback: string): string {
  const ascii = fallback.replace(/[^\x20-\x7e]|["\\]/g, '_');
  const name = safeFileName(fileName) || ascii;
  return `${type}; filename="${ascii}"; filename*=UTF-8''${encodeExtValue(name)}`;
}
