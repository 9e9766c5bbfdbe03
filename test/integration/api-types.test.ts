import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { apiTypesPath, renderApiTypes } from '../../dev/api-types.js';

describe('the web API types', () => {
  it('match the OpenAPI document the API serves (run `npm run gen:api` after changing a route)', async () => {
    const committed = await readFile(apiTypesPath, 'utf8');
    expect(committed).toBe(await renderApiTypes());
  });
});
