/**
 * Input a careless or hostile client may send, for the fuzz tests (test/integration/fuzz-*.test.ts): each entry
 * names what it is, so a failure says which input broke what.
 */

export interface Variant<T> {
  name: string;
  value: T;
}

const deep = (depth: number, open: string, close: string, inner = '1') => open.repeat(depth) + inner + close.repeat(depth);

/** Values for a path segment (already URL-encoded where it matters). */
export const hostilePathSegments: Variant<string>[] = [
  { name: 'a word', value: 'x' },
  { name: 'a ULID-length string with letters a ULID never has', value: 'UUUUUUUUUUUUUUUUUUUUUUUUUU' },
  { name: 'NUL', value: '%00' },
  { name: 'a lone surrogate, as UTF-8 bytes', value: '%ED%A0%80' },
  { name: 'a cut UTF-8 sequence', value: '%E4%B8' },
  { name: 'a bad percent escape', value: '%ZZ' },
  { name: 'dot segments', value: '..%2F..%2Fapi%2Fme' },
  { name: 'a bidi override', value: encodeURIComponent('\u202Eabc') },
  { name: '3,000 characters', value: 'a'.repeat(3000) },
];

/** Values for a query parameter (raw, as they would appear after `=`). */
export const hostileQueryValues: Variant<string>[] = [
  { name: 'empty', value: '' },
  { name: 'a word', value: 'x' },
  { name: 'a number too large for a double', value: '1e400' },
  { name: 'NaN', value: 'NaN' },
  { name: 'an impossible date', value: '2027-02-30' },
  { name: 'NUL', value: '%00' },
  { name: 'a lone surrogate, as UTF-8 bytes', value: '%ED%A0%80' },
  { name: 'a bad percent escape', value: '%' },
  { name: 'a bidi override', value: encodeURIComponent('\u202Eabc') },
  { name: '5,000 characters', value: 'a'.repeat(5000) },
];

/** Request bodies that are not the JSON a route expects, with the content type they are sent as. */
export const hostileRawBodies: Variant<{ contentType: string | null; body: string | Uint8Array }>[] = [
  { name: 'an empty JSON body', value: { contentType: 'application/json', body: '' } },
  { name: 'JSON cut short', value: { contentType: 'application/json', body: '{"a":' } },
  { name: 'JSON null', value: { contentType: 'application/json', body: 'null' } },
  { name: 'a JSON array', value: { contentType: 'application/json', body: '[]' } },
  { name: 'a JSON string', value: { contentType: 'application/json', body: '"x"' } },
  { name: 'a byte-order mark before {}', value: { contentType: 'application/json', body: '\uFEFF{}' } },
  { name: 'bytes that are not UTF-8', value: { contentType: 'application/json', body: new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]) } },
  { name: '__proto__ pollution', value: { contentType: 'application/json', body: '{"__proto__":{"admin":true,"roles":[{"role":"admin"}]}}' } },
  { name: 'constructor.prototype pollution', value: { contentType: 'application/json', body: '{"constructor":{"prototype":{"admin":true}}}' } },
  { name: 'arrays nested 100,000 deep', value: { contentType: 'application/json', body: deep(100_000, '[', ']') } },
  { name: 'objects nested 20,000 deep', value: { contentType: 'application/json', body: deep(20_000, '{"a":', '}') } },
  { name: 'JSON labelled as plain text', value: { contentType: 'text/plain', body: '{}' } },
  { name: 'a form body', value: { contentType: 'application/x-www-form-urlencoded', body: 'a=1&b=%ZZ' } },
  { name: 'multipart without a boundary', value: { contentType: 'multipart/form-data', body: '--x\r\n\r\n' } },
  { name: 'multipart cut short', value: { contentType: 'multipart/form-data; boundary=x', body: '--x\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\nabc' } },
  { name: 'JSON with an odd charset', value: { contentType: 'application/json; charset=latin1', body: '{}' } },
  { name: 'a body without a content type', value: { contentType: null, body: '{}' } },
];

/** Values to put in one field of an otherwise valid JSON body. */
export const hostileFieldValues: Variant<unknown>[] = [
  { name: 'null', value: null },
  { name: 'minus one', value: -1 },
  { name: 'a huge number', value: 1e308 },
  { name: 'a fraction', value: 0.3 },
  { name: 'true', value: true },
  { name: 'an object', value: { a: 1 } },
  { name: 'an empty string', value: '' },
  { name: 'spaces only', value: ' \u3000 ' },
  { name: 'a lone high surrogate', value: 'ab\uD800cd' },
  { name: 'a bidi override', value: '\u202Eabc.exe' },
  { name: 'NUL', value: 'a\u0000b' },
  { name: 'an impossible date', value: '2027-02-30' },
  { name: 'a ULID of nothing', value: '01ARZ3NDEKTSV4RRFFQ69G5FAV' },
  { name: '100,000 characters', value: '课'.repeat(100_000) },
  { name: '1.1 MB of text', value: 'a'.repeat(1_100_000) },
  { name: 'a __proto__ object', value: JSON.parse('{"__proto__":{"admin":true}}') },
  { name: 'arrays nested 2,000 deep', value: JSON.parse(deep(2000, '[', ']')) },
];

/** Keys that try to reach an object's prototype, added beside a valid body's own fields. */
export const pollutingKeys: Variant<string>[] = [
  { name: '__proto__', value: '"__proto__":{"admin":true}' },
  { name: 'constructor', value: '"constructor":{"prototype":{"admin":true}}' },
  { name: 'prototype', value: '"prototype":{"admin":true}' },
];
