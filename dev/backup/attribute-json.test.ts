import { describe, expect, it } from 'vitest';
import { fromJson, toJson, type Item } from './attribute-json.js';

describe('items as JSON lines', () => {
  it('gives back numbers, sets, binary, maps and lists exactly', () => {
    const item: Item = {
      pk: { S: 'P#1' },
      big: { N: '12345678901234567890.123456789' },
      tiny: { N: '-0.000000000000000000000000000001' },
      tags: { SS: ['a', '党建'] },
      counts: { NS: ['1', '2.50'] },
      blob: { B: new Uint8Array([0, 255, 10, 13, 128]) },
      blobs: { BS: [new Uint8Array([1]), new Uint8Array([])] },
      nested: { M: { list: { L: [{ NULL: true }, { BOOL: false }, { B: new Uint8Array([7]) }, { M: {} }] } } },
    };
    const line = toJson(item);
    expect(line).not.toContain('\n');
    expect(fromJson(line)).toEqual(item);
    // Numbers stay the strings DynamoDB sent: nothing goes through a float.
    expect(line).toContain('"12345678901234567890.123456789"');
    expect(line).toContain('"2.50"');
  });
});
