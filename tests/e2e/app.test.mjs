// End-to-end tests of the built app (dist/) in headless Chromium.
//   trunk build --release && node --test tests/e2e/
//
// DOM contract: button#run, button#play, ol#lanes with li[data-lane="gil"] and one
// li[data-lane="thread"] per thread, #console (the program's stdout), #elapsed (virtual time).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { join } from 'node:path';
import {
  ROOT,
  cliOutput,
  launchBrowser,
  parseSeconds,
  poll,
  screenshot,
  startServer,
  watchPage,
} from './helpers.mjs';

const DEFAULT_PROGRAM = join(ROOT, 'assets', 'examples', 'seed_first_threads.py');
const DEFAULT_THREADS = ['MainThread', 'Thread-1 (process_data)', 'Thread-2 (process_data)'];
/** The default program's last thread sleeps until about 10 s of virtual time. */
const DEFAULT_SECONDS = 10;
const READY_TIMEOUT = 30_000;
/** The animation of a 10 s program may play in real time; allow for a slow machine. */
const FINISH_TIMEOUT = 60_000;

let server;
let browser;
let expectedOutput;

before(async () => {
  [server, browser, expectedOutput] = await Promise.all([
    startServer(),
    launchBrowser(),
    cliOutput(DEFAULT_PROGRAM),
  ]);
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** A fresh page with a problem watcher, loaded and ready (button#run enabled). */
async function openApp() {
  const page = await browser.context.newPage();
  const problems = watchPage(page);
  await page.goto(server.url, { waitUntil: 'load' });
  await page.locator('button#run:enabled').waitFor({ state: 'visible', timeout: READY_TIMEOUT });
  return { page, problems };
}

/** The console's text, line by line, without trailing blank lines. */
async function consoleLines(page) {
  const text = await page.locator('#console').innerText();
  return text.replace(/\s+$/, '').split('\n');
}

function outputLines(text) {
  return text.replace(/\s+$/, '').split('\n');
}

/**
 * Clicks Run, then goes to the end: clicks an "end" control if the app has one, otherwise waits
 * for the animation to finish (the console shows the whole output).
 */
async function runToEnd(page) {
  await page.locator('button#run').click();
  const end = page.locator('#end, button[data-action="end"]');
  if ((await end.count()) > 0) {
    await end.first().click();
  }
  const want = outputLines(expectedOutput);
  const done = await poll(
    async () => JSON.stringify(await consoleLines(page)) === JSON.stringify(want),
    { timeout: FINISH_TIMEOUT, interval: 200 },
  );
  return done;
}

function assertNoProblems(problems) {
  assert.ok(problems.length === 0, `the page reported problems:\n${problems.join('\n')}`);
}

describe('Interleave in Chromium', { timeout: 180_000 }, () => {
  test('the CLI oracle prints the seed program output', () => {
    assert.match(expectedOutput, /Starting Thread-1/);
    assert.match(expectedOutput, /Starting Thread-2/);
  });

  test('the page loads with no console errors or warnings and no failed requests', async () => {
    const { page, problems } = await openApp();
    try {
      // Give late module/worker loads a moment to report.
      await page.waitForTimeout(1000);
      assertNoProblems(problems);
      // static-server.mjs sends COOP/COEP: the page must be cross-origin isolated.
      assert.equal(await page.evaluate(() => self.crossOriginIsolated), true, 'crossOriginIsolated');
    } finally {
      await page.close();
    }
  });

  test('Run draws the lanes, prints the exact output and reaches ~10 s', async () => {
    const { page, problems } = await openApp();
    try {
      const finished = await runToEnd(page);
      const got = await consoleLines(page);
      assert.ok(
        finished,
        `the console never showed the full output.\n--- expected ---\n${expectedOutput}\n--- #console ---\n${got.join('\n')}`,
      );
      assert.deepEqual(got, outputLines(expectedOutput));
      assert.ok(got.includes('Starting Thread-1'), 'the console shows "Starting Thread-1"');

      // One lane per thread plus the GIL lane.
      const lanes = page.locator('ol#lanes');
      await lanes.waitFor({ state: 'visible' });
      assert.equal(await lanes.locator('li[data-lane="gil"]').count(), 1, 'one GIL lane');
      const threadLanes = lanes.locator('li[data-lane="thread"]');
      assert.equal(await threadLanes.count(), DEFAULT_THREADS.length, 'one lane per thread');
      const laneInfo = await threadLanes.evaluateAll((items) =>
        items.map((li) => [li.textContent, ...Array.from(li.attributes, (a) => a.value)].join('\n')),
      );
      for (const name of DEFAULT_THREADS) {
        assert.ok(
          laneInfo.some((info) => info.includes(name)),
          `a thread lane names ${name}; lanes:\n${laneInfo.join('\n---\n')}`,
        );
      }

      // The virtual clock ends near 10 s.
      const seconds = await poll(
        async () => {
          const value = parseSeconds(await page.locator('#elapsed').innerText());
          return Math.abs(value - DEFAULT_SECONDS) <= 0.5 ? value : null;
        },
        { timeout: 10_000 },
      );
      const elapsedText = await page.locator('#elapsed').innerText();
      assert.ok(seconds !== null, `#elapsed shows about ${DEFAULT_SECONDS} s, got ${JSON.stringify(elapsedText)}`);

      const path = await screenshot(page, 'after-run.png');
      console.log(`# screenshot: ${path}`);
      assertNoProblems(problems);
    } finally {
      await page.close();
    }
  });

  test('Play/Pause toggles', async () => {
    const { page, problems } = await openApp();
    try {
      await page.locator('button#run').click();
      const play = page.locator('button#play');
      await play.waitFor({ state: 'visible' });
      await poll(() => play.isEnabled(), { timeout: READY_TIMEOUT });
      const state = () =>
        play.evaluate((b) =>
          JSON.stringify({
            text: b.textContent.trim(),
            pressed: b.getAttribute('aria-pressed'),
            label: b.getAttribute('aria-label'),
            title: b.getAttribute('title'),
            data: { ...b.dataset },
            className: b.className,
          }),
        );
      const initial = await state();
      await play.click();
      const toggled = await poll(async () => ((await state()) !== initial ? state() : null), { timeout: 5_000 });
      assert.ok(toggled, `button#play did not change after a click: ${initial}`);
      await play.click();
      const back = await poll(async () => ((await state()) === initial ? true : null), { timeout: 5_000 });
      assert.ok(back, `button#play did not toggle back: was ${initial}, then ${toggled}, now ${await state()}`);
      assertNoProblems(problems);
    } finally {
      await page.close();
    }
  });
});
