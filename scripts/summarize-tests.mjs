#!/usr/bin/env node
/**
 * Totals the JSON results of Vitest (unit, API, swarm) and Playwright (e2e,
 * e2e-swarm) and
 * prints one closing line `N passed, N failed` (the line CI reads).
 * A results file that is missing counts as one failure: its runner crashed.
 * Usage: node scripts/summarize-tests.mjs <label>=<file> ...
 */
import { existsSync, readFileSync } from "node:fs";

let passed = 0;
let failed = 0;
let skipped = 0;
const rows = [];

for (const arg of process.argv.slice(2)) {
  const [label, file] = arg.split("=");
  if (!file || !existsSync(file)) {
    rows.push(`${label}: no results (the runner did not finish)`);
    failed += 1;
    continue;
  }
  const data = JSON.parse(readFileSync(file, "utf8"));
  let p = 0, f = 0, s = 0;
  if (typeof data.numTotalTests === "number") {
    // Vitest's JSON reporter (Jest-compatible)
    p = data.numPassedTests;
    f = data.numFailedTests + (data.numRuntimeErrorTestSuites ?? 0);
    s = (data.numPendingTests ?? 0) + (data.numTodoTests ?? 0);
    if (data.success === false && f === 0) f = 1; // e.g. an error outside any test
  } else if (data.stats) {
    // Playwright's JSON reporter
    p = data.stats.expected + (data.stats.flaky ?? 0);
    f = data.stats.unexpected + (data.errors?.length ?? 0);
    s = data.stats.skipped ?? 0;
  } else {
    f = 1;
  }
  rows.push(`${label}: ${p} passed, ${f} failed${s ? `, ${s} skipped` : ""}`);
  passed += p;
  failed += f;
  skipped += s;
}

for (const r of rows) console.log(`  ${r}`);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(failed > 0 ? 1 : 0);
