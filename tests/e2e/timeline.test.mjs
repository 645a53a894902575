// End-to-end tests of the timeline app (issue 6) in headless Chromium against the release build:
// the lanes drawn, stepping back and forth with the inspector and console checked against the
// CLI's own trace, Stop, inline syntax errors, budget stops, the deadlock panel, keyboard-only
// playback, zoom, and the program surviving a reload. Each state is saved as a screenshot under
// test-artifacts/e2e/.
//
// What was drawn is read from the DOM the page keeps beside the canvas (ol#lanes items with
// data-state / data-holder / data-waiters, #timeline's data-window / data-rects / data-end-ns),
// never from pixels.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, cliTrace, poll, screenshot, watchPage, startServerAndBrowser } from './helpers.mjs';

const PROGRAMS = join(ROOT, 'tests', 'e2e', 'programs');
const DEFAULT_PROGRAM = join(ROOT, 'scenarios', 'threads-gil', 'first-threads.py');
const TIMEOUT = 60_000;

let server;
let browser;
let shared;

before(async () => ({ server, browser } = shared = await startServerAndBrowser()));
after(() => shared?.close());

async function openApp() {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 1400, height: 1000 });
  // Every test starts from the default program and settings (the page keeps them in storage):
  // load once, clear the storage, load again. The first load is app.test.mjs's to check.
  await page.goto(server.url, { waitUntil: 'load' });
  await page.waitForSelector('#app[data-status="done"]', { timeout: TIMEOUT });
  await page.evaluate(() => localStorage.clear());
  const problems = watchPage(page);
  await page.reload({ waitUntil: 'load' });
  await page.waitForSelector('#app[data-status="done"]', { timeout: TIMEOUT });
  return { page, problems };
}

/** Replaces the program, runs it and waits for its trace. */
async function run(page, source) {
  await page.locator('textarea#code').fill(source);
  await page.locator('button#run').click();
  await page.waitForSelector('#app[data-status="running"], #app[data-status="done"]');
  await page.waitForSelector('#app[data-status="done"]', { timeout: TIMEOUT });
}

function assertNoProblems(problems) {
  assert.deepEqual(problems, [], `the page reported problems:\n${problems.join('\n')}`);
}

const cursorNs = async (page) => Number(await page.locator('#elapsed').getAttribute('data-ns'));

/** Each thread lane's name and data-state, in lane order. */
async function laneStates(page) {
  return page
    .locator('ol#lanes li[data-lane="thread"]')
    .evaluateAll((items) =>
      items.map((li) => [li.querySelector('.lane-name').textContent, li.dataset.state, li.dataset.thread]),
    );
}

/** The page's state key for a Chrome-trace state slice name, or null for other slices. */
function stateKey(name) {
  if (name === 'running' || name === 'sleeping') return name;
  if (name === 'waiting for GIL') return 'waiting-for-gil';
  if (/^(blocked on |joining |starting |writing output)/.test(name)) return 'blocked';
  return null;
}

/** The thread states and printed-line count at `t_ns` according to the CLI's Chrome trace. */
function expectedAt(events, t_ns) {
  const names = new Map(events.filter((e) => e.ph === 'M' && e.name === 'thread_name').map((e) => [e.tid, e.args.name]));
  const ns = (us) => Math.round(us * 1000);
  const states = new Map();
  // Each thread's lifetime slice is named after the thread: after it, the thread is finished.
  for (const e of events) {
    if (e.ph === 'X' && names.get(e.tid) === e.name && ns(e.ts + e.dur) <= t_ns) states.set(e.name, 'finished');
  }
  for (const e of events) {
    const key = e.ph === 'X' ? stateKey(e.name) : null;
    if (key && ns(e.ts) <= t_ns && t_ns < ns(e.ts + e.dur)) states.set(names.get(e.tid), key);
  }
  const printed = events
    .filter((e) => e.ph === 'i' && e.name === 'print' && ns(e.ts) <= t_ns)
    .map((e) => e.args.text)
    .join('');
  return { states, printedLines: printed.split('\n').length - 1 };
}

describe('the timeline app', { timeout: 300_000 }, () => {
  test('lanes for threads, the GIL and locks; the deadlock panel explains the cycle', async () => {
    const { page, problems } = await openApp();
    try {
      await run(page, readFileSync(join(PROGRAMS, 'deadlock_two_locks.py'), 'utf8'));
      const kinds = await page.locator('ol#lanes li').evaluateAll((items) => items.map((li) => li.dataset.lane));
      assert.deepEqual(kinds, ['gil', 'thread', 'thread', 'thread', 'primitive', 'primitive']);
      const primitives = await page.locator('ol#lanes li[data-lane="primitive"]').allTextContents();
      assert.deepEqual(primitives.map((t) => t.trim()), ['lock_a', 'lock_b']);
      const panel = page.locator('#deadlock');
      await panel.waitFor({ timeout: 5_000 });
      const text = await panel.innerText();
      assert.match(text, /Thread-1 \(worker_one\) holds lock_a and waits for lock_b, held by Thread-2 \(worker_two\) \(line 10\)/);
      assert.match(text, /Thread-2 \(worker_two\) holds lock_b and waits for lock_a, held by Thread-1 \(worker_one\) \(line 16\)/);
      const highlighted = await page.locator('ol#lanes li[data-deadlock="true"]').count();
      assert.ok(highlighted >= 2, `the cycle's lanes are highlighted (${highlighted})`);
      // At the end both locks are held and each has one waiter.
      await page.keyboard.press('End');
      const holders = await page
        .locator('ol#lanes li[data-lane="primitive"]')
        .evaluateAll((items) => items.map((li) => [li.dataset.holder, li.dataset.waiters]));
      assert.deepEqual(holders, [['1', '1'], ['2', '1']]);
      assert.equal(await page.locator('#outcome').getAttribute('data-outcome'), 'deadlock');
      console.log(`# screenshot: ${await screenshot(page, 'deadlock.png')}`);
      assertNoProblems(problems);
    } finally {
      await page.close();
    }
  });

  test('stepping forward and back: lanes, inspector and console agree with the engine trace', async () => {
    const events = await cliTrace(DEFAULT_PROGRAM);
    const { page, problems } = await openApp();
    try {
      await run(page, readFileSync(DEFAULT_PROGRAM, 'utf8'));
      await page.locator('body').click({ position: { x: 5, y: 5 } });
      await page.keyboard.press('Home');
      assert.equal(await cursorNs(page), 0);
      const visited = [];
      const check = async () => {
        const t = await cursorNs(page);
        visited.push(t);
        const expected = expectedAt(events, t);
        for (const [name, state, id] of await laneStates(page)) {
          const want = expected.states.get(name) ?? 'not-started';
          assert.equal(state, want, `${name} at ${t} ns: lane says ${state}, the CLI's trace says ${want}`);
          const row = page.locator(`#inspector tr[data-thread="${id}"]`);
          assert.equal(await row.getAttribute('data-state'), want, `inspector row of ${name} at ${t} ns`);
        }
        const reached = await page.locator('#console .line.reached').count();
        assert.equal(reached, expected.printedLines, `printed lines at ${t} ns`);
      };
      for (let i = 0; i < 25; i++) {
        await page.keyboard.press('ArrowRight');
        await check();
      }
      assert.ok(visited.every((t, i) => i === 0 || t > visited[i - 1]), `forward steps increase: ${visited}`);
      console.log(`# screenshot: ${await screenshot(page, 'stepped-forward.png')}`);
      const forward = visited.slice();
      for (let i = 0; i < 10; i++) {
        await page.keyboard.press('ArrowLeft');
        await check();
      }
      // Stepping back revisits exactly the instants stepping forward went through.
      const back = visited.slice(forward.length);
      assert.deepEqual(back, forward.slice(-11, -1).reverse());
      // Shift+→ moves to the next GIL switch.
      const before = await cursorNs(page);
      await page.keyboard.press('Shift+ArrowRight');
      assert.ok((await cursorNs(page)) > before);
      // The code pane marks each live thread's line.
      const marked = await page.locator('.code-layer .cl.marked').count();
      assert.ok(marked >= 1, 'a live thread marks its line in the code pane');
      console.log(`# screenshot: ${await screenshot(page, 'stepped-back.png')}`);
      assertNoProblems(problems);
    } finally {
      await page.close();
    }
  });

  test('await arrows join the task step that completed an await to the task it woke', async () => {
    const { page, problems } = await openApp();
    try {
      await run(page, readFileSync(join(PROGRAMS, 'asyncio_awaits.py'), 'utf8'));
      assert.equal((await page.locator('#console').innerText()).trim(), '1\n[2, 1]\ngot 0\ngot 1');
      const kinds = await page.locator('ol#lanes li').evaluateAll((items) => items.map((li) => li.dataset.lane));
      assert.ok(kinds.includes('event-loop'), kinds.join(' '));
      // `await first`, gather's last child, the producer's two puts, the inner gather.
      const arrows = await page.locator('#timeline').getAttribute('data-arrow-kinds');
      assert.match(arrows, /\bawait:5\b/);
      assert.equal(await page.locator('.legend li[data-mark="await"]').count(), 1);
      // Zoomed in on `print(await first)`: the arc from job(1)'s last step to main's.
      await page.locator('#end').click();
      await page.locator('#console .line').first().click();
      for (let i = 0; i < 9; i++) await page.keyboard.press('+');
      assert.match(await page.locator('#timeline').getAttribute('data-arrow-kinds'), /\bawait:1\b/);
      console.log(`# screenshot: ${await screenshot(page, 'await-arrows.png')}`);
      assertNoProblems(problems);
    } finally {
      await page.close();
    }
  });

  test('the inspector shows the variables at the cursor, replayed in the worker', async () => {
    const { page, problems } = await openApp();
    try {
      await run(page, readFileSync(join(PROGRAMS, 'counter_sleeps.py'), 'utf8'));
      await page.keyboard.press('End');
      const variables = page.locator('#variables[data-state="ready"]');
      await variables.waitFor({ timeout: 10_000 });
      assert.equal(await variables.locator('.globals tr[data-name="counter"] .repr').innerText(), '5');
      // Step to where the worker sleeps in its third iteration, and select it.
      await page.keyboard.press('Home');
      let sleeps = 0;
      let previous = '';
      for (let i = 0; i < 200 && sleeps < 3; i++) {
        await page.keyboard.press('ArrowRight');
        const state = await page.locator('ol#lanes li[data-thread="1"]').getAttribute('data-state');
        if (state === 'sleeping' && previous !== 'sleeping') sleeps++;
        previous = state;
      }
      assert.equal(sleeps, 3);
      await page.locator('#inspector tr[data-thread="1"]').click();
      const frame = page.locator('#variables[data-state="ready"][data-thread="1"] .frame[data-function="work"]');
      await frame.waitFor({ timeout: 10_000 });
      assert.equal(await frame.locator('tr[data-name="n"] .repr').innerText(), '5');
      assert.equal(await frame.locator('tr[data-name="i"] .repr').innerText(), '2');
      assert.equal(
        await page.locator('#variables .globals tr[data-name="counter"] .repr').innerText(),
        '3',
        'three increments happened before the third sleep',
      );
      console.log(`# screenshot: ${await screenshot(page, 'inspector.png')}`);
      assertNoProblems(problems);
    } finally {
      await page.close();
    }
  });

  test('clicking a console line moves the cursor to when it was printed', async () => {
    const { page, problems } = await openApp();
    try {
      await page.keyboard.press('End');
      const line = page.locator('#console .line').nth(3);
      const t = Number(await line.getAttribute('data-t'));
      await line.click();
      assert.equal(await cursorNs(page), t);
      assert.equal(await page.locator('#console .line.reached').count() >= 4, true);
      assertNoProblems(problems);
    } finally {
      await page.close();
    }
  });

  test('keyboard-only playback and zoom', async () => {
    const { page, problems } = await openApp();
    try {
      await page.keyboard.press('End');
      await poll(async () => (await page.locator('#app').getAttribute('data-playback')) === 'ended', { timeout: 5_000 });
      // The page re-renders after a key press, not during it: wait for each state (under
      // load the render can come a moment after the press returns).
      const playback = () => page.locator('#app').getAttribute('data-playback');
      await page.keyboard.press(' ');
      await poll(async () => (await playback()) === 'playing', { timeout: 5_000 });
      assert.equal(await playback(), 'playing');
      await page.waitForTimeout(300);
      await page.keyboard.press(' ');
      await poll(async () => (await playback()) === 'paused', { timeout: 5_000 });
      assert.equal(await playback(), 'paused');
      const paused = await cursorNs(page);
      assert.ok(paused > 0, 'playing moved the cursor');
      await page.keyboard.press('Home');
      await poll(async () => (await cursorNs(page)) === 0, { timeout: 5_000 });
      assert.equal(await cursorNs(page), 0);
      const canvas = page.locator('#timeline');
      const fit = await canvas.getAttribute('data-window');
      await page.keyboard.press('+');
      await page.keyboard.press('+');
      const zoomed = await canvas.getAttribute('data-window');
      const width = (w) => w.split('-').map(Number).reduce((a, b) => b - a);
      assert.ok(width(zoomed) < width(fit) / 3, `zoomed in: ${fit} → ${zoomed}`);
      await page.keyboard.press('Alt+ArrowRight');
      assert.notEqual(await canvas.getAttribute('data-window'), zoomed, 'Alt+→ pans');
      await page.keyboard.press('0');
      assert.equal(await canvas.getAttribute('data-window'), fit, '0 fits the whole run');
      // The wheel zooms around the pointer.
      const box = await canvas.boundingBox();
      await page.mouse.move(box.x + box.width / 2, box.y + 60);
      await page.mouse.wheel(0, -400);
      await poll(async () => (await canvas.getAttribute('data-window')) !== fit, { timeout: 5_000 });
      console.log(`# screenshot: ${await screenshot(page, 'zoomed.png')}`);
      assertNoProblems(problems);
    } finally {
      await page.close();
    }
  });

  test('Stop ends a runaway program at once and the page keeps working', async () => {
    const { page, problems } = await openApp();
    try {
      await page.locator('textarea#code').fill('x = 0\nwhile True:\n    x += 1\n');
      await page.locator('button#run').click();
      await page.waitForSelector('#app[data-status="running"]');
      await page.waitForTimeout(500);
      console.log(`# screenshot: ${await screenshot(page, 'running.png')}`);
      const started = Date.now();
      await page.locator('button#stop').click();
      await page.waitForSelector('#app:not([data-status="running"])', { timeout: 2_000 });
      assert.ok(Date.now() - started < 2_000);
      assert.equal(await page.locator('#status').innerText(), 'Stopped');
      // The page still responds: a new program runs.
      await run(page, 'print("still here")\n');
      assert.equal((await page.locator('#console').innerText()).trim(), 'still here');
      assertNoProblems(problems);
    } finally {
      await page.close();
    }
  });

  test('a long run draws its timeline while it runs, and Stop keeps what ran', async () => {
    const { page, problems } = await openApp();
    const program = [
      'import threading',
      '',
      'def spin(name):',
      '    n = 0',
      '    while True:',
      '        n += 1',
      '        if n % 50000 == 0:',
      '            print(name, n)',
      '',
      'for name in ("a", "b"):',
      '    threading.Thread(target=spin, args=(name,), daemon=True).start()',
      'spin("main")',
      '',
    ].join('\n');
    try {
      await page.locator('textarea#code').fill(program);
      const clicked = Date.now();
      await page.locator('button#run').click();
      const canvas = page.locator('#timeline[data-so-far="true"]');
      await canvas.waitFor({ timeout: 5_000 });
      console.log(`# first copy of the trace so far drawn ${Date.now() - clicked} ms after Run`);
      assert.equal(await page.locator('#app').getAttribute('data-status'), 'running');
      assert.match(await canvas.getAttribute('aria-label'), /Timeline of [1-3] threads? over .* so far/);
      // A copy taken once both spinners have started has three thread lanes.
      assert.ok(
        await poll(async () => /Timeline of 3 threads/.test(await canvas.getAttribute('aria-label')), {
          timeout: 10_000,
        }),
        'a later copy shows all three threads',
      );
      const kinds = await page.locator('ol#lanes li').evaluateAll((items) => items.map((li) => li.dataset.lane));
      assert.deepEqual(kinds, ['gil', 'thread', 'thread', 'thread']);
      // The copies keep coming while it runs, each further on, with what it printed so far.
      const firstEnd = Number(await canvas.getAttribute('data-end-ns'));
      assert.ok(
        await poll(async () => Number(await canvas.getAttribute('data-end-ns')) > firstEnd, { timeout: 10_000 }),
        'a later copy goes further',
      );
      assert.ok(
        await poll(async () => (await page.locator('#console .line').count()) >= 3, { timeout: 10_000 }),
        'lines printed so far are in the console',
      );
      console.log(`# screenshot: ${await screenshot(page, 'running-so-far.png')}`);
      await page.locator('button#stop').click();
      await page.waitForSelector('#app:not([data-status="running"])', { timeout: 2_000 });
      assert.equal(await page.locator('#status').innerText(), 'Stopped');
      assert.equal(await page.locator('#outcome').getAttribute('data-outcome'), 'stopped');
      const end = Number(await page.locator('#timeline').getAttribute('data-end-ns'));
      assert.ok(end > firstEnd, 'the last copy stays on the page');
      // What was printed so far is what CPython prints first: each spinner counts up.
      const lines = (await page.locator('#console').innerText()).trim().split('\n');
      const counts = new Map();
      for (const line of lines) {
        const [name, n] = line.split(' ');
        assert.ok(['a', 'b', 'main'].includes(name), line);
        assert.equal(Number(n), (counts.get(name) ?? 0) + 50000, line);
        counts.set(name, Number(n));
      }
      // The stopped run can be stepped, and its variables are replayed in a fresh worker.
      await page.keyboard.press('Home');
      for (let i = 0; i < 12; i++) await page.keyboard.press('ArrowRight');
      const cursor = await cursorNs(page);
      assert.ok(cursor > 0 && cursor < end);
      await page.locator('#inspector tr[data-thread="0"]').click();
      const globals = page.locator('#variables[data-state="ready"][data-thread="0"] .globals');
      await globals.waitFor({ timeout: 10_000 });
      assert.match(await globals.locator('tr[data-name="spin"] .repr').innerText(), /<function spin at/);
      console.log(`# screenshot: ${await screenshot(page, 'stopped-so-far.png')}`);
      assertNoProblems(problems);
    } finally {
      // The never-ending program must not be what the next page loads from storage.
      await page.evaluate(() => localStorage.clear());
      await page.close();
    }
  });

  test('a syntax error shows inline at its line and column', async () => {
    const { page, problems } = await openApp();
    try {
      await run(page, 'import threading\n\ndef f(:\n    pass\n');
      const inline = page.locator('#inline-error');
      await inline.waitFor({ timeout: 5_000 });
      assert.equal(await inline.getAttribute('data-line'), '3');
      assert.equal(await inline.getAttribute('data-col'), '7');
      assert.match(await inline.innerText(), /line 3, column 7: SyntaxError: invalid syntax/);
      assert.equal(await page.locator('.gutter .gl.error').getAttribute('data-line'), '3');
      assert.equal(await page.locator('#outcome').getAttribute('data-outcome'), 'compile-error');
      console.log(`# screenshot: ${await screenshot(page, 'syntax-error.png')}`);
      assertNoProblems(problems);
    } finally {
      await page.close();
    }
  });

  test('a budget stop keeps the partial timeline and says which budget to raise', async () => {
    const { page, problems } = await openApp();
    try {
      await page.locator('#settings summary').click();
      await page.locator('#max-steps').fill('200000');
      await page.locator('#max-steps').press('Enter');
      await page.locator('#max-steps').blur();
      await page.waitForSelector('#app[data-status="done"]', { timeout: TIMEOUT });
      await run(
        page,
        'import threading\n\ndef spin():\n    while True:\n        pass\n\nthreading.Thread(target=spin).start()\nspin()\n',
      );
      const banner = page.locator('#report[data-kind="budget-exceeded"]');
      await banner.waitFor({ timeout: 5_000 });
      assert.match(await banner.innerText(), /step budget ran out.*Max steps/s);
      assert.ok(Number(await page.locator('#timeline').getAttribute('data-end-ns')) > 0, 'a partial timeline');
      assert.equal(await page.locator('ol#lanes li[data-lane="thread"]').count(), 2);
      console.log(`# screenshot: ${await screenshot(page, 'budget.png')}`);
      assertNoProblems(problems);
    } finally {
      await page.close();
    }
  });

  test('a reload keeps the program being edited', async () => {
    const { page, problems } = await openApp();
    try {
      const source = 'print("my own program")\n';
      await page.locator('textarea#code').fill(source);
      await page.reload({ waitUntil: 'load' });
      await page.waitForSelector('#app[data-status="done"]', { timeout: TIMEOUT });
      assert.equal(await page.locator('textarea#code').inputValue(), source);
      assert.equal((await page.locator('#console').innerText()).trim(), 'my own program');
      assertNoProblems(problems);
    } finally {
      await page.close();
    }
  });
});
