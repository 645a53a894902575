// End-to-end tests of teaching features (issue 7) in headless Chromium against the release
// build: the gallery opens every scenario in scenarios/ (each ends as its metadata declares,
// with lanes drawn and no console errors; a screenshot of each), narration follows the cursor,
// the user's own program is put aside and restored, a share link reproduces the view, hostile
// link parameters are refused in words, embed mode works inside a cross-origin iframe driven
// by the keyboard, and exports give Chrome Trace Event JSON and a PNG; the race explorer's PCT
// search finds a lost update the seeds miss and marks it; "you are the scheduler" is played
// with key presses to a goal.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, poll, screenshot, startServer, watchPage, startServerAndBrowser } from './helpers.mjs';

const SCENARIOS = join(ROOT, 'scenarios');
const TIMEOUT = 120_000;
/** The page's data-outcome for each outcome a scenario declares. */
const OUTCOME_KIND = {
  ok: 'finished',
  exception: 'uncaught-exception',
  deadlock: 'deadlock',
  budget: 'budget-exceeded',
  exit: 'exit',
};

let server;
let browser;
let shared;

before(async () => ({ server, browser } = shared = await startServerAndBrowser()));
after(() => shared?.close());

/** Every scenario on disk: { slug, meta, code }, in folder order. */
async function scenariosOnDisk() {
  const out = [];
  for (const topic of (await readdir(SCENARIOS, { withFileTypes: true })).filter((d) => d.isDirectory())) {
    const dir = join(SCENARIOS, topic.name);
    for (const file of (await readdir(dir)).filter((f) => f.endsWith('.py')).sort()) {
      const stem = file.slice(0, -3);
      out.push({
        slug: `${topic.name}/${stem}`,
        meta: JSON.parse(await readFile(join(dir, `${stem}.json`), 'utf8')),
        code: await readFile(join(dir, file), 'utf8'),
      });
    }
  }
  return out;
}

/** A fresh page on `url` with empty storage, watched for problems. */
async function openPage(url = server.url) {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 1400, height: 1000 });
  // Let the first load settle (its worker loading) before clearing storage and going on.
  await page.goto(server.url, { waitUntil: 'load' });
  await page.waitForSelector('#app[data-status="done"]', { timeout: TIMEOUT });
  await page.evaluate(() => localStorage.clear());
  const problems = watchPage(page);
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForSelector('#app[data-status="done"]', { timeout: TIMEOUT });
  return { page, problems };
}

function assertNoProblems(problems) {
  assert.deepEqual(problems, [], `the page reported problems:\n${problems.join('\n')}`);
}

const cursorNs = async (page) => Number(await page.locator('#elapsed').getAttribute('data-ns'));

async function pick(page, slug) {
  if (!(await page.locator('#gallery').isVisible())) await page.locator('#open-gallery').click();
  await page.locator(`#gallery button[data-scenario="${slug}"]`).click();
  await page.waitForSelector(`#app[data-scenario="${slug}"]`);
  await page.waitForSelector('#app[data-status="done"]', { timeout: TIMEOUT });
}

describe('teaching: gallery, narration, share, embed, export', { timeout: 900_000 }, () => {
  test('the gallery opens every scenario, each ending as its metadata declares', async () => {
    const scenarios = await scenariosOnDisk();
    assert.ok(scenarios.length >= 40, `scenarios on disk: ${scenarios.length}`);
    const { page, problems } = await openPage();
    await page.locator('#open-gallery').click();
    await page.waitForSelector('#gallery .scenario-card');
    await screenshot(page, 'gallery.png');
    const listed = await page.locator('#gallery button[data-scenario]').evaluateAll((b) => b.map((x) => x.dataset.scenario));
    assert.deepEqual([...listed].sort(), scenarios.map((s) => s.slug).sort(), 'one card per scenario file');
    for (const s of scenarios) {
      await pick(page, s.slug);
      assert.equal(await page.locator('textarea#code').inputValue(), s.code, `${s.slug}: its program is in the editor`);
      const kind = await page.locator('#outcome').getAttribute('data-outcome');
      assert.equal(kind, OUTCOME_KIND[s.meta.outcome], `${s.slug}: declared outcome ${s.meta.outcome}`);
      assert.ok((await page.locator('ol#lanes li[data-lane="thread"]').count()) >= 1, `${s.slug}: lanes drawn`);
      assert.equal(await page.locator('#narration h3').textContent(), s.meta.title);
      await screenshot(page, `scenario-${s.slug.replace('/', '--')}.png`);
    }
    assertNoProblems(problems);
    await page.close();
  });

  test('a quick-check quiz: answering reveals the verdict and the explanation, and shows it run', async () => {
    const quizzes = JSON.parse(await readFile(join(SCENARIOS, 'quizzes.json'), 'utf8'));
    const { page, problems } = await openPage();
    await page.locator('#open-quiz').click();
    const questions = page.locator('#quiz li.question');
    assert.equal(await questions.count(), quizzes.length);
    const first = questions.nth(0);
    const wrong = quizzes[0].choices.findIndex((_, i) => i !== quizzes[0].answer);
    await first.locator(`button.choice[data-choice="${wrong}"]`).click();
    assert.equal(await first.locator(`button.choice[data-choice="${wrong}"]`).getAttribute('data-state'), 'wrong');
    assert.equal(await first.locator(`button.choice[data-choice="${quizzes[0].answer}"]`).getAttribute('data-state'), 'right');
    assert.match(await first.locator('.verdict').textContent(), /^Not quite\./);
    assert.ok((await first.locator('.verdict').textContent()).includes(quizzes[0].explanation));
    const second = questions.nth(1);
    await second.locator(`button.choice[data-choice="${quizzes[1].answer}"]`).click();
    assert.match(await second.locator('.verdict').textContent(), /^Right\./);
    assert.equal(await page.locator('#quiz-score').textContent(), `2 of ${quizzes.length} answered, 1 right`);
    await screenshot(page, 'quiz.png');
    await second.locator('button.see-it-run').click();
    await page.waitForSelector(`#app[data-scenario="${quizzes[1].scenario}"]`);
    await page.waitForSelector('#app[data-status="done"]', { timeout: TIMEOUT });
    assertNoProblems(problems);
    await page.close();
  });

  test('predict, then reveal: the run stays hidden, then each prediction is graded against it', async () => {
    const { page, problems } = await openPage();
    const source = 'import threading, time\n\ndef slow():\n    time.sleep(0.2)\n    print("slow done")\n\ndef quick():\n    print("quick done")\n\na = threading.Thread(target=slow, name="slow")\nb = threading.Thread(target=quick, name="quick")\na.start(); b.start(); a.join(); b.join()\nprint("total", 2)\n';
    await page.locator('textarea#code').fill(source);
    await page.locator('#predict-start').click();
    await page.waitForSelector('#app.predicting');
    await page.waitForSelector('#predict-reveal:not([disabled])', { timeout: TIMEOUT });
    assert.equal(await page.locator('.canvas-wrap').isVisible(), false, 'the timeline is hidden');
    assert.equal(await page.locator('#outcome').count(), 0, 'the outcome is hidden');
    await page.locator('#predict-last-line').fill('total 2');
    await page.locator('#predict-first').selectOption('slow');
    await page.locator('#predict-deadlock-no').click();
    await page.locator('#predict-duration').selectOption({ label: '0.1 s to 1 s' });
    await screenshot(page, 'predict.png');
    await page.locator('#predict-reveal').click();
    const state = (key) => page.locator(`#predict li[data-key="${key}"]`).getAttribute('data-state');
    assert.equal(await state('last-line'), 'right');
    assert.equal(await state('first-printer'), 'wrong', 'quick prints first: slow sleeps');
    assert.equal(await state('deadlock'), 'right');
    assert.equal(await state('duration'), 'right');
    assert.equal(await page.locator('.canvas-wrap').isVisible(), true, 'revealed');
    await page.locator('#predict li[data-key="first-printer"] button').click();
    const firstPrint = await cursorNs(page);
    assert.ok(firstPrint > 0, 'the moment quick printed');
    await screenshot(page, 'predict-revealed.png');
    assertNoProblems(problems);
    await page.close();
  });

  test('the race explorer finds lost updates in the race example and none in its locked version', async () => {
    const explore = async (page) => {
      await page.locator('#open-explorer').click();
      await page.locator('#explore-seeds').fill('12');
      await page.locator('#explore-seeds').dispatchEvent('change');
      await page.locator('#explore-preempt').selectOption('any-instruction');
      await page.locator('#explore-start').click();
      await page.waitForSelector('#explorer[data-running="false"] #explore-summary', { timeout: TIMEOUT });
      return page.locator('#explorer li.bucket').evaluateAll((items) =>
        items.map((li) => [li.dataset.outcome, Number(li.dataset.count)]),
      );
    };
    // A 1 ms switch interval: each thread's 100,000 increments span several switches.
    const settings = encodeURIComponent('switch=1000000');
    const racy = await openPage(`${server.url}?scenario=races/counter-race-notebook&settings=${settings}`);
    const buckets = await explore(racy.page);
    assert.equal(buckets.reduce((n, [, c]) => n + c, 0), 12);
    assert.ok(buckets.some(([o]) => o !== 'Counter: 200000'), `some schedule loses updates: ${JSON.stringify(buckets)}`);
    assert.match(await racy.page.locator('#explore-summary').textContent(), /12 schedules end \d+ different ways/);
    await screenshot(racy.page, 'race-explorer.png');
    // Open a losing schedule: the timeline runs that seed and prints its outcome.
    const losing = racy.page.locator('#explorer li.bucket:not([data-outcome="Counter: 200000"]) button.explore-open').first();
    const seed = await losing.getAttribute('data-seed');
    const outcome = await racy.page.locator('#explorer li.bucket:not([data-outcome="Counter: 200000"])').first().getAttribute('data-outcome');
    await losing.click();
    await racy.page.waitForFunction((s) => document.getElementById('seed')?.value === s, seed);
    await racy.page.waitForSelector('#app[data-status="done"]', { timeout: TIMEOUT });
    await racy.page.keyboard.press('End');
    assert.ok((await racy.page.locator('#console').textContent()).includes(outcome), 'the opened schedule prints its outcome');
    assertNoProblems(racy.problems);
    await racy.page.close();

    const locked = await openPage(`${server.url}?scenario=locks/counter-lock-notebook&settings=${settings}`);
    assert.deepEqual(await explore(locked.page), [['Counter: 200000', 12]]);
    assert.equal(
      await locked.page.locator('#explore-summary').textContent(),
      'All 12 schedules end with Counter: 200000. No schedule lost an update.',
    );
    assertNoProblems(locked.problems);
    await locked.page.close();
  });

  test('PCT finds a lost update the seeds miss, and the opened schedule marks the conflicting accesses', async () => {
    // 300 increments per thread fit in one 5 ms switch interval: no seed ever switches inside.
    const code = [
      'import threading',
      'counter = 0',
      'def work():',
      '    global counter',
      '    for _ in range(300):',
      '        counter += 1',
      'ts = [threading.Thread(target=work) for _ in range(2)]',
      'for t in ts: t.start()',
      'for t in ts: t.join()',
      'print("counter", counter)',
      '',
    ].join('\n');
    const { page, problems } = await openPage();
    await page.locator('#code').fill(code);
    await page.locator('#open-explorer').click();
    await page.locator('#explore-seeds').fill('20');
    await page.locator('#explore-seeds').dispatchEvent('change');
    await page.locator('#explore-preempt').selectOption('any-instruction');
    const tally = async () => {
      await page.locator('#explore-start').click();
      await page.waitForSelector('#explorer[data-running="false"] #explore-summary', { timeout: TIMEOUT });
      return page.locator('#explore-summary').textContent();
    };
    assert.equal(await tally(), 'All 20 schedules end with counter 600. No schedule lost an update.');
    await page.locator('#explore-strategy').selectOption('pct-2');
    const summary = await tally();
    assert.match(summary, /(\d+) of 20 schedules lose an update\.$/, summary);
    const losing = page.locator('#explorer li.bucket:not([data-outcome="counter 600"])').first();
    const outcome = await losing.getAttribute('data-outcome');
    assert.match(await losing.locator('button.explore-open').textContent(), /^Open \(PCT \d+\)$/);
    await losing.locator('button.explore-open').click();
    await page.waitForSelector('#schedule-note', { timeout: TIMEOUT });
    await page.waitForSelector('#app[data-status="done"]', { timeout: TIMEOUT });
    await page.keyboard.press('End');
    assert.ok((await page.locator('#console').textContent()).includes(outcome), 'the PCT schedule prints its outcome');
    // The first lost update: the stale read and the overwrite on one thread, the lost write on the other.
    const marks = await poll(async () => {
      const m = await page.locator('.marks li.mark').evaluateAll((items) =>
        items.map((li) => ({ kind: li.dataset.kind, thread: li.dataset.thread, words: li.getAttribute('aria-label') })),
      );
      return m.length === 3 ? m : null;
    });
    assert.deepEqual(marks.map((m) => m.kind), ['stale-read', 'lost-write', 'overwrite']);
    assert.equal(marks[0].thread, marks[2].thread);
    assert.notEqual(marks[0].thread, marks[1].thread);
    assert.match(marks[2].words, /writes counter .* update is lost/);
    await screenshot(page, 'race-explorer-pct-marks.png');
    await page.locator('#schedule-close').click();
    await page.waitForSelector('#app[data-status="done"]', { timeout: TIMEOUT });
    assert.equal(await page.locator('#schedule-note').count(), 0);
    assert.equal(await page.locator('.marks li.mark').count(), 0);
    assertNoProblems(problems);
    await page.close();
  });

  test('you are the scheduler: picks by key press deadlock the two diners, and Backspace undoes a pick', async () => {
    const { page, problems } = await openPage(`${server.url}?scenario=deadlocks/scheduler-fork-and-knife`);
    await page.locator('#open-scheduler').click();
    await page.waitForSelector('#scheduler .choices button.choice', { timeout: TIMEOUT });
    const goals = await page.locator('#scheduler li.goal').allTextContents();
    assert.ok(goals.some((g) => g.includes('Make both diners deadlock')), goals.join(' | '));
    const choices = () =>
      page.locator('#scheduler .choices button.choice').evaluateAll((items) =>
        items.map((b) => ({
          key: b.dataset.key,
          thread: b.dataset.thread,
          running: b.classList.contains('running'),
          name: b.querySelector('.choice-name').textContent,
          code: b.querySelector('.choice-code').textContent.replace(/^\d+: /, ''),
        })),
      );
    const waitForPicks = async (n) => {
      await page.waitForSelector(`#scheduler[data-picks="${n}"]`, { timeout: TIMEOUT });
      await page.waitForSelector('#app[data-status="done"]', { timeout: TIMEOUT });
      await page.waitForFunction(
        () => document.querySelector('#scheduler[data-finished="true"]') || document.querySelector('#scheduler .choices button.choice'),
        null,
        { timeout: TIMEOUT },
      );
    };
    // The policy of the native test in src/scheduler_mode.rs: let the running thread go on,
    // except that a diner entering note() for the first time (holding one lock) hands over.
    const noted = new Set();
    let picks = 0;
    let undone = false;
    while ((await page.locator('#scheduler[data-finished="true"]').count()) === 0) {
      const c = await choices();
      assert.ok(c.length >= 2, JSON.stringify(c));
      const running = c.find((o) => o.running) ?? c[c.length - 1];
      const enteringNote = running.code === 'def note(text):';
      const firstNote = enteringNote && !noted.has(running.thread);
      if (enteringNote) noted.add(running.thread);
      const others = c.filter((o) => !o.running).sort((a, b) => (a.name === 'MainThread') - (b.name === 'MainThread'));
      const pick = firstNote && others.length ? others[0] : running;
      if (!undone && picks === 3) {
        // A wrong pick, taken back: the decision comes again.
        await page.keyboard.press(c.find((o) => o !== pick).key);
        await waitForPicks(picks + 1);
        await page.keyboard.press('Backspace');
        await waitForPicks(picks);
        assert.deepEqual(await choices(), c, 'Backspace brings back the same decision');
        undone = true;
      }
      await page.keyboard.press(pick.key);
      picks += 1;
      await waitForPicks(picks);
      assert.ok(picks < 60, 'the game ends');
    }
    assert.equal(await page.locator('#scheduler li.goal[data-state="reached"]').count(), 1);
    assert.match(await page.locator('#scheduler li.goal[data-state="reached"]').textContent(), /Make both diners deadlock/);
    assert.equal(await page.locator('#outcome').getAttribute('data-outcome'), 'deadlock');
    assert.match(await page.locator('#scheduler-ending').textContent(), /deadlock/);
    assert.ok((await page.locator('.marks li.mark[data-kind="decision"]').count()) > 0, 'decisions are marked');
    await screenshot(page, 'scheduler-deadlock.png');
    assertNoProblems(problems);
    await page.close();
  });

  test('the deadlock explorer draws the wait-for graph at the cursor, the cycle closing at the deadlock', async () => {
    const { page, problems } = await openPage(`${server.url}?scenario=deadlocks/simple-deadlock`);
    await page.keyboard.press('End');
    await page.waitForSelector('#wait-graph[data-cycle="true"]');
    const cycle = await page.locator('#wait-graph line[data-cycle="true"]').evaluateAll((ls) =>
      ls.map((l) => `${l.dataset.from} ${l.dataset.kind} ${l.dataset.to}`),
    );
    assert.ok(cycle.filter((e) => e.includes('waits-for')).length >= 2, `two waits on the cycle: ${cycle}`);
    assert.ok(cycle.filter((e) => e.includes('held-by')).length >= 2, `two holds on the cycle: ${cycle}`);
    assert.match(await page.locator('#wait-graph svg').getAttribute('aria-label'), /waits for/);
    await screenshot(page, 'deadlock-graph.png');
    await page.keyboard.press('Home');
    await page.waitForSelector('#wait-graph[data-cycle="false"]');
    // The scenario's fix, and its fixed version running to the end.
    assert.match(await page.locator('#deadlock-fix').textContent(), /one global order/);
    const fixed = await page.locator('#open-fix').getAttribute('data-scenario');
    await page.locator('#open-fix').click();
    await page.waitForSelector(`#app[data-scenario="${fixed}"][data-status="done"]`, { timeout: TIMEOUT });
    assert.equal(await page.locator('#outcome').getAttribute('data-outcome'), 'finished');
    assertNoProblems(problems);
    await page.close();
  });

  test('narration notes follow the cursor and move it when clicked', async () => {
    const scenarios = await scenariosOnDisk();
    const s = scenarios.find((x) => (x.meta.narration || []).length >= 3 && x.meta.outcome === 'ok');
    assert.ok(s, 'a scenario with three or more notes');
    const { page, problems } = await openPage();
    await pick(page, s.slug);
    await page.keyboard.press('End');
    const notes = page.locator('#narration li.note');
    const count = await notes.count();
    assert.ok(count >= 2, `${s.slug}: notes placed on the run (${count})`);
    assert.equal(await notes.last().getAttribute('data-state'), 'current', 'at the end the last note is current');
    await page.keyboard.press('Home');
    assert.equal(await notes.last().getAttribute('data-state'), count > 1 ? 'ahead' : 'current');
    await notes.nth(1).locator('button.note-time').click();
    await poll(async () => (await notes.nth(1).getAttribute('data-state')) === 'current');
    assert.equal(await notes.nth(1).getAttribute('data-state'), 'current');
    assert.ok((await cursorNs(page)) > 0 || count === 1);
    await screenshot(page, 'narration.png');
    assertNoProblems(problems);
    await page.close();
  });

  test("the user's own program is put aside for a scenario and restored", async () => {
    const [first] = await scenariosOnDisk();
    const { page, problems } = await openPage();
    const own = 'print("my own program")\n';
    await page.locator('textarea#code').fill(own);
    await pick(page, first.slug);
    assert.equal(await page.locator('textarea#code').inputValue(), first.code);
    await page.reload({ waitUntil: 'load' });
    await page.waitForSelector('#app[data-status="done"]', { timeout: TIMEOUT });
    assert.equal(await page.locator('textarea#code').inputValue(), first.code, 'the scenario survives a reload');
    await page.locator('#open-gallery').click();
    await page.locator('#restore-draft').click();
    await page.waitForSelector('#app[data-status="done"]', { timeout: TIMEOUT });
    assert.equal(await page.locator('textarea#code').inputValue(), own);
    assert.equal(await page.locator('#app').getAttribute('data-scenario'), null);
    assertNoProblems(problems);
    await page.close();
  });

  test('a share link reopens the same program, settings, cursor and speed', async () => {
    const { page, problems } = await openPage();
    const source = 'import threading, time\n\ndef work(n):\n    time.sleep(0.01 * n)\n    print("done", n)\n\nts = [threading.Thread(target=work, args=(i,)) for i in range(3)]\nfor t in ts: t.start()\nfor t in ts: t.join()\n';
    await page.locator('textarea#code').fill(source);
    await page.locator('button#run').click();
    await page.waitForSelector('#app[data-status="done"]', { timeout: TIMEOUT });
    await page.locator('#settings summary').click();
    await page.locator('#seed').fill('42');
    await page.locator('#seed').dispatchEvent('change');
    await page.waitForSelector('#app[data-status="done"]', { timeout: TIMEOUT });
    await page.keyboard.press('End');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    const cursor = await cursorNs(page);
    const speed = await page.locator('#speed').inputValue();
    await page.locator('#open-share').click();
    await page.waitForSelector('#share-link[data-ready="true"]');
    const link = await page.locator('#share-link').inputValue();
    assert.match(link, /[?&]code=[A-Za-z0-9_-]+/);
    assert.match(link, /[?&]t=\d+/);
    await screenshot(page, 'share.png');

    const other = await browser.context.newPage();
    const otherProblems = watchPage(other);
    await other.goto(link, { waitUntil: 'load' });
    await other.waitForSelector('#app[data-status="done"]', { timeout: TIMEOUT });
    assert.equal(await other.locator('textarea#code').inputValue(), source);
    await other.locator('#settings summary').click();
    assert.equal(await other.locator('#seed').inputValue(), '42');
    assert.equal(await cursorNs(other), cursor, 'the same cursor');
    assert.equal(await other.locator('#speed').inputValue(), speed);
    assert.equal(await other.locator('#app').getAttribute('data-playback'), 'paused');
    assertNoProblems(problems);
    assertNoProblems(otherProblems);
    await page.close();
    await other.close();
  });

  test('hostile or broken link parameters give a readable message and the page still works', async () => {
    const bad = '?scenario=%3Cscript%3Ealert(1)%3C%2Fscript%3E&code=%%%&t=soon&speed=x';
    const { page, problems } = await openPage(server.url + bad);
    const notice = await page.locator('#link-notice').textContent();
    assert.match(notice, /scenario name is not valid/);
    assert.match(notice, /program could not be read/);
    assert.equal(await page.evaluate(() => document.body.innerHTML.includes('<script>alert')), false);
    assert.equal(await page.locator('#outcome').getAttribute('data-outcome'), 'finished');
    const missing = await openPage(server.url + '?scenario=locks/no-such-scenario');
    assert.match(await missing.page.locator('#link-notice').textContent(), /no scenario “locks\/no-such-scenario”/);
    assertNoProblems(problems);
    assertNoProblems(missing.problems);
    await page.close();
    await missing.page.close();
  });

  test('embed mode works inside a cross-origin iframe and is driven by the keyboard', async () => {
    const [s] = (await scenariosOnDisk()).filter((x) => x.meta.outcome === 'ok');
    const host = await mkdtemp(join(tmpdir(), 'interleave-slides-'));
    const src = `${server.url}?scenario=${encodeURIComponent(s.slug)}&embed=1`;
    await writeFile(
      join(host, 'index.html'),
      `<!doctype html><title>Slides</title><link rel="icon" href="data:,"><body style="margin:0"><iframe id="deck" src="${src}" width="960" height="540" style="border:0"></iframe></body>`,
    );
    const slides = await startServer({ dir: host, isolation: false });
    try {
      assert.notEqual(new URL(slides.url).port, new URL(server.url).port, 'two origins');
      const page = await browser.context.newPage();
      await page.setViewportSize({ width: 1000, height: 600 });
      const problems = watchPage(page);
      await page.goto(slides.url, { waitUntil: 'load' });
      const frame = page.frameLocator('#deck');
      await frame.locator('#app.embed[data-status="done"]').waitFor({ timeout: TIMEOUT });
      assert.equal(await frame.locator('.app-header').count(), 0, 'no header in embed mode');
      assert.equal(await frame.locator('#gallery, .console-pane').count(), 0, 'no gallery or console');
      assert.ok((await frame.locator('ol#lanes li[data-lane="thread"]').count()) >= 1);
      assert.equal(await frame.locator('#app').getAttribute('data-playback'), 'paused', 'no autoplay unless asked');
      assert.match(await frame.locator('#open-full').getAttribute('href'), /scenario=/);
      // A click on the slide's timeline gives it the keyboard, as a presenter does.
      await frame.locator('#timeline').click({ position: { x: 5, y: 5 } });
      await page.keyboard.press('Home');
      const before = Number(await frame.locator('#elapsed').getAttribute('data-ns'));
      await page.keyboard.press('PageDown');
      await page.keyboard.press('PageDown');
      const moved = await poll(async () => Number(await frame.locator('#elapsed').getAttribute('data-ns')) > before);
      assert.ok(moved, 'PageDown (a presenter clicker) steps forward');
      await screenshot(page, 'embed.png');
      assertNoProblems(problems);
      await page.close();
    } finally {
      await slides.close();
      await rm(host, { recursive: true, force: true });
    }
  });

  test('exports: Chrome Trace Event JSON, and the timeline as PNG and SVG', async () => {
    const { page, problems } = await openPage();
    await page.locator('#open-share').click();
    const [traceDownload] = await Promise.all([page.waitForEvent('download'), page.locator('#export-trace').click()]);
    const json = JSON.parse(await readFile(await traceDownload.path(), 'utf8'));
    assert.ok(Array.isArray(json.traceEvents));
    assert.ok(json.traceEvents.some((e) => e.ph === 'X' && typeof e.ts === 'number' && typeof e.dur === 'number'));
    assert.ok(json.traceEvents.some((e) => e.ph === 'M' && e.name === 'thread_name' && e.args.name === 'MainThread'));
    const [pngDownload] = await Promise.all([page.waitForEvent('download'), page.locator('#export-png').click()]);
    const png = await readFile(await pngDownload.path());
    assert.deepEqual([...png.subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47], 'a PNG file');
    const [svgDownload] = await Promise.all([page.waitForEvent('download'), page.locator('#export-svg').click()]);
    const svg = await readFile(await svgDownload.path(), 'utf8');
    assert.match(svg, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    assert.ok(svg.includes('MainThread'), 'lane names in the SVG');
    assertNoProblems(problems);
    await page.close();
  });
});
