import { writeFile } from 'node:fs/promises';
import { apiTypesPath, renderApiTypes } from './api-types.js';

await writeFile(apiTypesPath, await renderApiTypes());
console.log(`wrote ${apiTypesPath}`);
