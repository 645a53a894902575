// Real-pool benchmark in headless Chromium (issue 8's figures), printing:
//  1. the prime-count kernel (primes below N by trial division) on one worker, on N workers
//     that must hold one global lock per chunk, and on N free workers (rayon par_iter), best of
//     three runs each, and the speedups lock/sequential and free/sequential, with the targets
//     on this 2-core machine (free ≥ 0.9 × cores, lock ≤ 1.1);
//  2. the parallel module's size, raw and gzip (dist/parallel/interleave_parallel_bg.wasm);
//  3. the time from opening the comparison to the pool being ready (module loaded and the
//     workers started), best of three fresh pages.
// All times come from the page itself (the pool's own clock), on the isolated release build.
//
//   trunk build --release && node tests/bench/parallel.mjs [N]
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { DIST, startServerAndBrowser } from '../e2e/helpers.mjs';

const N = Number(process.argv[2] ?? 5_000_000);
const ROUNDS = 3;
const { server, browser, close } = await startServerAndBrowser();
try {
  const cores = await (async () => {
    const page = await browser.context.newPage();
    await page.goto(server.url, { waitUntil: 'load' });
    const n = await page.evaluate(() => navigator.hardwareConcurrency);
    await page.close();
    return n;
  })();
  const best = { sequential: Infinity, 'global-lock': Infinity, free: Infinity };
  const ready = [];
  for (let round = 0; round < ROUNDS; round++) {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 1400, height: 1000 });
    await page.goto(server.url, { waitUntil: 'load' });
    await page.waitForSelector('#app[data-status="done"]', { timeout: 120_000 });
    await page.locator('#open-comparison').click();
    await page.locator('#comparison-n').fill(String(N));
    await page.locator('#comparison-n').dispatchEvent('change');
    await page.locator('#comparison-start').click();
    await page.waitForSelector('#comparison[data-state="done"]', { timeout: 600_000 });
    ready.push(Number(await page.locator('#comparison').getAttribute('data-pool-ready-ms')));
    const rows = await page.locator('#comparison tr[data-mode]').evaluateAll((trs) => trs.map((tr) => ({ ...tr.dataset })));
    const results = new Set(rows.map((r) => r.result));
    if (results.size !== 1) throw new Error(`the runs disagree: ${JSON.stringify(rows)}`);
    for (const r of rows) best[r.mode] = Math.min(best[r.mode], Number(r.ms));
    await page.close();
  }
  const lock = best.sequential / best['global-lock'];
  const free = best.sequential / best.free;
  const wasm = readFileSync(join(DIST, 'parallel', 'interleave_parallel_bg.wasm'));
  const js = readFileSync(join(DIST, 'parallel', 'interleave_parallel.js'));
  const kb = (b) => `${(b / 1000).toFixed(1)} KB`;
  console.log(`prime count below ${N.toLocaleString('en')}, ${cores} hardware threads, best of ${ROUNDS}:`);
  console.log(`  one worker            ${best.sequential.toFixed(0)} ms`);
  console.log(`  ${cores} workers, one lock  ${best['global-lock'].toFixed(0)} ms   speedup ${lock.toFixed(2)}x (target <= 1.10)   ${lock <= 1.1 ? 'ok' : 'MISSED'}`);
  console.log(`  ${cores} workers, free      ${best.free.toFixed(0)} ms   speedup ${free.toFixed(2)}x (target >= ${(0.9 * cores).toFixed(2)})   ${free >= 0.9 * cores ? 'ok' : 'MISSED'}`);
  console.log(`parallel module: ${kb(wasm.length)} raw, ${kb(gzipSync(wasm).length)} gzip (wasm); glue ${kb(js.length)} raw, ${kb(gzipSync(js).length)} gzip`);
  console.log(`opening the comparison to the pool ready: best ${Math.min(...ready).toFixed(0)} ms, worst ${Math.max(...ready).toFixed(0)} ms (${ROUNDS} fresh pages)`);
} finally {
  await close();
}
