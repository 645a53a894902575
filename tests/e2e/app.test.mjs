// End-to-end tests of the built app (dist/) in headless Chromium.
//   trunk build --release && node --test tests/e2e/
//
// DOM contract: button#run, button#play, ol#lanes with li[data-lane="gil"] and one
// li[data-lane="thread"] per thread, #console (the program's stdout), #elapsed (virtual time).
// The expected output comes from `interleave run` on the same program (the CLI is checked
// against CPython by the conformance suite).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { readFileSync } from 'node:fs';
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

/** A program using asyncio and a forked process, pasted into the editor by a test. */
const ASYNC_PROGRAM = join(ROOT, 'tests', 'e2e', 'programs', 'asyncio_and_processes.py');

/** The app's default program: the seed's first threading example. */
const DEFAULT_PROGRAM = join(ROOT, 'scenarios', 'threads-gil', 'first-threads.py');
const DEFAULT_THREADS = ['MainThread', 'Thread-1 (process_data)', 'Thread-2 (process_data)'];
/** Thread-1 sleeps ten times for 1 s: the run ends at about 10 s of virtual time. */
const DEFAULT_SECONDS = 10;
const READY_TIMEOUT = 30_000;
/** The animation of a 10 s program may play in real time; allow for a slow machine. */
const FINISH_TIMEOUT = 60_000;
/** The app counts as finished when #console and #elapsed stay unchanged this long. */
const SETTLE_MS = 5_000;

let server;
let browser;
/** Settles to { output } or { error }: tests that don't need the CLI run even when it fails. */
let oracle;

before(async () => {
  oracle = cliOutput(DEFAULT_PROGRAM).then(
    (output) => ({ output }),
    (error) => ({ error }),
  );
  server = await startServer();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** What `interleave run` prints for the default program. */
async function expectedOutput() {
  const { output, error } = await oracle;
  if (error) throw new Error(`\`interleave run ${DEFAULT_PROGRAM}\` failed: ${error.message}`);
  return output;
}

/** A fresh page with a problem watcher, loaded and ready (button#run enabled). */
async function openApp() {
  const page = await browser.context.newPage();
  const problems = watchPage(page);
  await page.goto(server.url, { waitUntil: 'load' });
  await page.locator('button#run:enabled').waitFor({ state: 'visible', timeout: READY_TIMEOUT });
  return { page, problems };
}

/** Text as lines, without trailing blank lines. */
function lines(text) {
  return text.replace(/\s+$/, '').split('\n');
}

async function consoleText(page) {
  return page.locator('#console').innerText();
}

async function elapsedText(page) {
  const elapsed = page.locator('#elapsed');
  return (await elapsed.count()) > 0 ? elapsed.innerText() : '';
}

/**
 * Clicks Run, then goes to the end: clicks an "end" control if the app has one, and waits until
 * the console shows the expected output, or (when the CLI failed) until the console and the
 * clock stop changing.
 */
async function runToEnd(page) {
  await page.locator('button#run').click();
  const end = page.locator('#end, button[data-action="end"]');
  if ((await end.count()) > 0) await end.first().click();

  const { output } = await oracle;
  let last = '';
  let since = Date.now();
  return poll(
    async () => {
      const text = await consoleText(page);
      if (output !== undefined && JSON.stringify(lines(text)) === JSON.stringify(lines(output))) return true;
      const now = `${text}\u0000${await elapsedText(page)}`;
      if (now !== last) {
        last = now;
        since = Date.now();
        return false;
      }
      // An empty console may still be waiting for the worker: keep waiting then.
      return text.trim() !== '' && Date.now() - since > SETTLE_MS ? 'settled' : false;
    },
    { timeout: FINISH_TIMEOUT, interval: 200 },
  );
}

function assertNoProblems(problems) {
  assert.ok(problems.length === 0, `the page reported problems:\n${problems.join('\n')}`);
}

describe('Interleave in Chromium', { timeout: 180_000 }, () => {
  test('the CLI oracle prints the seed program output', async () => {
    const expected = await expectedOutput();
    assert.match(expected, /Starting Thread-1/);
    assert.match(expected, /Starting Thread-2/);
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

  describe('after clicking Run and playing to the end', () => {
    let page;
    let problems;
    let finished;

    before(async () => {
      ({ page, problems } = await openApp());
      finished = await runToEnd(page);
      const path = await screenshot(page, 'after-run.png');
      console.log(`# screenshot: ${path}`);
    });

    after(async () => {
      await page?.close();
    });

    test('#console shows exactly what the program prints', async () => {
      const expected = await expectedOutput();
      const got = await consoleText(page);
      assert.ok(
        finished === true,
        `the console never showed the full output (${finished === 'settled' ? 'it stopped changing' : 'timed out'}).\n` +
          `--- expected (interleave run) ---\n${expected}\n--- #console ---\n${got}`,
      );
      assert.deepEqual(lines(got), lines(expected));
      assert.ok(lines(got).includes('Starting Thread-1'), 'the console shows "Starting Thread-1"');
    });

    test('ol#lanes has the GIL lane and one lane per thread', async () => {
      const lanes = page.locator('ol#lanes');
      await lanes.waitFor({ state: 'attached', timeout: 5_000 });
      assert.equal(await lanes.locator('li[data-lane="gil"]').count(), 1, 'one GIL lane');
      const threadLanes = lanes.locator('li[data-lane="thread"]');
      const info = await threadLanes.evaluateAll((items) =>
        items.map((li) => [li.textContent.trim(), ...Array.from(li.attributes, (a) => `${a.name}=${a.value}`)].join(' ')),
      );
      assert.equal(info.length, DEFAULT_THREADS.length, `one lane per thread; lanes:\n${info.join('\n')}`);
      for (const name of DEFAULT_THREADS) {
        assert.ok(
          info.some((text) => text.includes(name)),
          `a thread lane names ${name}; lanes:\n${info.join('\n')}`,
        );
      }
    });

    test(`#elapsed shows about ${DEFAULT_SECONDS} s of virtual time`, async () => {
      const text = await elapsedText(page);
      const seconds = parseSeconds(text);
      assert.ok(
        Math.abs(seconds - DEFAULT_SECONDS) <= 0.5,
        `#elapsed shows about ${DEFAULT_SECONDS} s, got ${JSON.stringify(text)}`,
      );
    });

    test('no console errors, warnings or failed requests while running', () => {
      assertNoProblems(problems);
    });
  });

  test('a pasted asyncio + multiprocessing program prints what the CLI prints', async () => {
    const expected = await cliOutput(ASYNC_PROGRAM);
    const source = readFileSync(ASYNC_PROGRAM, 'utf8');
    const { page, problems } = await openApp();
    try {
      await page.locator('textarea#code').fill(source);
      await page.locator('button#run').click();
      const end = page.locator('#end, button[data-action="end"]');
      if ((await end.count()) > 0) await end.first().click();
      const shown = await poll(
        async () => {
          const text = await consoleText(page);
          return JSON.stringify(lines(text)) === JSON.stringify(lines(expected)) ? text : null;
        },
        { timeout: FINISH_TIMEOUT, interval: 200 },
      );
      assert.ok(shown, `#console never showed:\n${expected}\n--- it shows ---\n${await consoleText(page)}`);
      assert.ok(lines(shown).includes('exit code 0'));
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
      await play.waitFor({ state: 'visible', timeout: READY_TIMEOUT });
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
