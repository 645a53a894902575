// The comparison with real cores (issue 8) in headless Chromium against the release build: on
// a cross-origin isolated page the real rayon pool runs the prime-count kernel on one worker,
// on workers sharing one lock and on free workers, with equal results (the native reference's
// count) and at least two workers busy in the free run; without isolation (no headers, service
// worker off) the view explains why and the rest of the app works; on a header-less static
// server the service worker isolates the page after one reload; inside a frame of another
// site the app loads and explains that the pool cannot run there.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { mkdtemp, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DIST, screenshot, startServer, startServerAndBrowser, watchPage } from './helpers.mjs';

const TIMEOUT = 120_000;
/** π(5,000,000), the page's default N, as crates/kernels' native reference computes it (see its tests). */
const PRIMES_BELOW_5M = '348513';

let server;
let browser;
let shared;

before(async () => ({ server, browser } = shared = await startServerAndBrowser()));
after(() => shared?.close());

async function openPage(url) {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 1400, height: 1000 });
  const problems = watchPage(page);
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForSelector('#app[data-status="done"]', { timeout: TIMEOUT });
  return { page, problems };
}

describe('real cores beside the simulation', { timeout: 600_000 }, () => {
  test('on an isolated page the pool runs all three modes with equal results', async () => {
    // Served under a sub-path, as on a course's static site: every URL of dist/ is relative.
    const site = await mkdtemp(join(tmpdir(), 'interleave-site-'));
    await symlink(DIST, join(site, 'interleave'));
    await writeFile(join(site, 'index.html'), '<!doctype html><title>Course</title><a href="interleave/">Interleave</a>');
    const hosted = await startServer({ dir: site });
    try {
      const { page, problems } = await openPage(`${hosted.url}interleave/`);
      assert.equal(await page.evaluate(() => self.crossOriginIsolated), true);
      await page.locator('#open-comparison').click();
      await page.waitForSelector('#comparison[data-isolated="true"]');
      await page.locator('#comparison-start').click();
      await page.waitForSelector('#comparison[data-state="done"]', { timeout: TIMEOUT });
      const rows = await page.locator('#comparison tr[data-mode]').evaluateAll((trs) =>
        trs.map((tr) => ({ ...tr.dataset })),
      );
      assert.deepEqual(rows.map((r) => r.mode), ['sequential', 'global-lock', 'free']);
      for (const r of rows) assert.equal(r.result, PRIMES_BELOW_5M, `${r.mode} counts the primes below 5,000,000`);
      assert.equal(await page.locator('#comparison-agree').getAttribute('data-agree'), 'true');
      assert.equal(rows[0].workers, '1');
      assert.ok(Number(rows[2].workers) >= 2, `free run: ${rows[2].workers} workers busy`);
      assert.ok(Number(await page.locator('#comparison').getAttribute('data-pool-ready-ms')) > 0);
      assert.ok((await page.locator('#real-lanes li[data-lane="thread"]').count()) >= 3, 'a lane per busy worker');
      // The simulated side: the same lesson in the engine, threads gaining nothing under the GIL.
      await page.waitForSelector('#simulated tr[data-kind="free-threaded"]', { timeout: TIMEOUT });
      const simulated = await page.locator('#simulated tr[data-kind]').evaluateAll((trs) =>
        Object.fromEntries(trs.map((tr) => [tr.dataset.kind, Number(tr.dataset.speedup)])),
      );
      assert.ok(simulated.threads < 1.1, `threads with the GIL: ${simulated.threads}x`);
      assert.ok(simulated.processes > 1.5, `processes: ${simulated.processes}x`);
      // Its lanes on a virtual-time axis: 4 worker threads under one GIL, then 4 processes.
      assert.ok((await page.locator('#sim-lanes li[data-lane="thread"]').count()) >= 5, 'main + 4 threads');
      await page.locator('#sim-kind').selectOption('processes');
      await page.waitForSelector('#sim-lanes li[data-lane="process"]', { timeout: TIMEOUT });
      await screenshot(page, 'comparison.png');
      assert.deepEqual(problems, []);
      await page.close();
    } finally {
      await hosted.close();
    }
  });

  test('without isolation the view says why, and the rest of the app works', async () => {
    const plain = await startServer({ isolation: false });
    try {
      const { page, problems } = await openPage(`${plain.url}?coi=off`);
      assert.equal(await page.evaluate(() => self.crossOriginIsolated), false);
      await page.locator('#open-comparison').click();
      const why = await page.locator('#comparison-unavailable').textContent();
      assert.match(why, /not cross-origin isolated/);
      assert.equal(await page.locator('#comparison-start').count(), 0);
      await page.locator('#run').click();
      await page.waitForSelector('#app[data-status="done"]', { timeout: TIMEOUT });
      assert.equal(await page.locator('#outcome').getAttribute('data-outcome'), 'finished');
      assert.deepEqual(problems, []);
      await page.close();
    } finally {
      await plain.close();
    }
  });

  test('on a static server without headers the service worker isolates the page after one reload', async () => {
    const plain = await startServer({ isolation: false });
    try {
      const page = await browser.context.newPage();
      const problems = watchPage(page);
      await page.goto(plain.url, { waitUntil: 'load' });
      await page.waitForFunction(() => self.crossOriginIsolated === true, null, { timeout: TIMEOUT });
      await page.waitForSelector('#app[data-status="done"]', { timeout: TIMEOUT });
      await page.locator('#open-comparison').click();
      await page.waitForSelector('#comparison[data-isolated="true"]');
      assert.equal(await page.evaluate(() => sessionStorage.getItem('interleave-coi-reloaded')), '1');
      // The reload aborts the first load's requests; nothing else may go wrong.
      assert.deepEqual(problems.filter((p) => !/ERR_ABORTED/.test(p)), []);
      await page.close();
    } finally {
      await plain.close();
    }
  });

  test('inside a frame of another site the app loads and explains that the pool cannot run', async () => {
    const plain = await startServer({ isolation: false });
    const hostDir = await mkdtemp(join(tmpdir(), 'interleave-host-'));
    await writeFile(
      join(hostDir, 'index.html'),
      `<!doctype html><title>Course page</title><link rel="icon" href="data:,"><body style="margin:0"><iframe id="app-frame" src="${plain.url}" width="1300" height="900" style="border:0"></iframe></body>`,
    );
    const host = await startServer({ dir: hostDir, isolation: false });
    try {
      const page = await browser.context.newPage();
      await page.setViewportSize({ width: 1320, height: 920 });
      const problems = watchPage(page);
      await page.goto(host.url, { waitUntil: 'load' });
      const frame = page.frameLocator('#app-frame');
      await frame.locator('#app[data-status="done"]').waitFor({ timeout: TIMEOUT });
      await frame.locator('#open-comparison').click();
      assert.match(await frame.locator('#comparison-unavailable').textContent(), /inside a frame of another site/);
      assert.deepEqual(problems, []);
      await page.close();
    } finally {
      await host.close();
      await plain.close();
    }
  });
});
