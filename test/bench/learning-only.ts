/**
 * The learning section of `npm run bench` alone (it takes a few minutes rather than the whole bench's many):
 * `NODE_OPTIONS=--openssl-legacy-provider npx tsx test/bench/learning-only.ts`.
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runLearningSection } from './learning.js';

process.chdir(resolve(dirname(fileURLToPath(import.meta.url)), '../..'));
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
// Serve the app as `npm start` does in production mode.
process.env.NODE_ENV = 'production';

const learning = await runLearningSection();
console.log(`BENCH_JSON ${JSON.stringify({ learning })}`);
process.exit(0);
