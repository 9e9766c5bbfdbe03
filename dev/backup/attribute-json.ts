import type { AttributeValue } from '@aws-sdk/client-dynamodb';

/**
 * DynamoDB items as JSON lines, exactly as the service's own wire format writes them: numbers stay the strings
 * DynamoDB sent (no float rounding), sets stay sets, and binary values (B, BS) become base64 text. `fromJson`
 * turns a line back into the very attribute values `toJson` was given.
 */
export type Item = Record<string, AttributeValue>;

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

function encode(value: AttributeValue): Json {
  if (value.B !== undefined) return { B: Buffer.from(value.B).toString('base64') };
  if (value.BS !== undefined) return { BS: value.BS.map((b) => Buffer.from(b).toString('base64')) };
  if (value.M !== undefined) return { M: encodeItem(value.M) };
  if (value.L !== undefined) return { L: value.L.map(encode) };
  // S, N, SS, NS, BOOL, NULL are JSON already.
  return value as unknown as Json;
}

function encodeItem(item: Item): { [key: string]: Json } {
  const out: { [key: string]: Json } = {};
  for (const [name, value] of Object.entries(item)) out[name] = encode(value);
  return out;
}

function decode(value: Record<string, unknown>): AttributeValue {
  if (typeof value.B === 'string') return { B: new Uint8Array(Buffer.from(value.B, 'base64')) };
  if (Array.isArray(value.BS)) return { BS: value.BS.map((b: string) => new Uint8Array(Buffer.from(b, 'base64'))) };
  if (value.M && typeof value.M === 'object') return { M: decodeItem(value.M as Record<string, Record<string, unknown>>) };
  if (Array.isArray(value.L)) return { L: value.L.map((v: Record<string, unknown>) => decode(v)) };
  return value as unknown as AttributeValue;
}

function decodeItem(item: Record<string, Record<string, unknown>>): Item {
  const out: Item = {};
  for (const [name, value] of Object.entries(item)) out[name] = decode(value);
  return out;
}

export function toJson(item: Item): string {
  return JSON.stringify(encodeItem(item));
}

export function fromJson(line: string): Item {
  return decodeItem(JSON.parse(line) as Record<string, Record<string, unknown>>);
}
