// Prints one closing line for the whole `npm test` run: "N passed, N failed" over vitest and Playwright.
import { readFileSync } from 'node:fs';

const read = (file) => JSON.parse(readFileSync(new URL(`../.tmp/${file}`, import.meta.url), 'utf8'));
const vitest = read('vitest.json');
const playwright = read('playwright.json').stats;
const passed = vitest.numPassedTests + playwright.expected;
const failed = vitest.numFailedTests + playwright.unexpected + playwright.flaky;
const skipped = vitest.numPendingTests + vitest.numTodoTests + playwright.skipped;
console.log(`tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
