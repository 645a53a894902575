// Accessibility in headless Chromium against the release build: axe-core (the accessibility
// engine behind Lighthouse and Playwright's own guide) finds no WCAG 2 A/AA or best-practice
// violation on the page with each panel open, in the light and the dark theme and in embed
// mode; Tab reaches every control of the header and the transport, each with a visible focus
// ring; and with reduced motion asked for, a run opens at its end instead of playing.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { join } from 'node:path';
import { ROOT, watchPage, startServerAndBrowser } from './helpers.mjs';

const AXE = join(ROOT, 'node_modules', 'axe-core', 'axe.min.js');
const TIMEOUT = 120_000;

let server;
let browser;
let shared;

before(async () => ({ server, browser } = shared = await startServerAndBrowser()));
after(() => shared?.close());

async function openPage(url, media = {}) {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 1400, height: 1000 });
  await page.emulateMedia(media);
  const problems = watchPage(page);
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForSelector('#app[data-status="done"]', { timeout: TIMEOUT });
  return { page, problems };
}

/** axe's violations on the page as it is now: "rule (impact): first nodes". */
async function violations(page) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) {
    await page.addScriptTag({ path: AXE });
  }
  const found = await page.evaluate(async () => {
    const result = await window.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'best-practice'] });
    return result.violations.map(
      (v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`,
    );
  });
  return found;
}

/** The page's states to check, each reached from a fresh page by `open`. */
const STATES = [
  ['the program and its run', '', async () => {}],
  ['the gallery', '', async (page) => {
    await page.locator('#open-gallery').click();
    await page.waitForSelector('#gallery button[data-scenario]', { timeout: TIMEOUT });
  }],
  ['the quick checks, one answered', '', async (page) => {
    await page.locator('#open-quiz').click();
    await page.locator('#quiz li[data-question="0"] button').first().click();
  }],
  ['predict, then run', '', async (page) => {
    await page.locator('#predict-start').click();
    await page.waitForSelector('#predict', { timeout: TIMEOUT });
  }],
  ['the race explorer with a tally', '', async (page) => {
    await page.locator('#open-explorer').click();
    await page.locator('#explore-seeds').fill('3');
    await page.locator('#explore-seeds').dispatchEvent('change');
    await page.locator('#explore-start').click();
    await page.waitForSelector('#explorer[data-running="false"] #explore-summary', { timeout: TIMEOUT });
  }],
  ['the share panel', '', async (page) => {
    await page.locator('#open-share').click();
    await page.waitForSelector('#share', { timeout: TIMEOUT });
  }],
  ['you are the scheduler', '?scenario=deadlocks/scheduler-fork-and-knife', async (page) => {
    await page.locator('#open-scheduler').click();
    await page.waitForSelector('#scheduler .choices button.choice', { timeout: TIMEOUT });
  }],
  ['a deadlock with its wait-for graph', '?scenario=deadlocks/simple-deadlock', async (page) => {
    await page.keyboard.press('End');
    await page.waitForSelector('#wait-graph', { timeout: TIMEOUT });
  }],
  ['embed mode', '?embed=1&scenario=races/sleep-zero-race', async () => {}],
];

describe('accessibility', { timeout: 900_000 }, () => {
  for (const scheme of ['light', 'dark']) {
    test(`axe finds no violation in any state of the page (${scheme} theme)`, async () => {
      const report = [];
      for (const [name, query, open] of STATES) {
        const { page, problems } = await openPage(`${server.url}${query}`, { colorScheme: scheme });
        await open(page);
        for (const v of await violations(page)) report.push(`${name}: ${v}`);
        assert.deepEqual(problems, [], `${name}: the page reported problems`);
        await page.close();
      }
      assert.deepEqual(report, [], `axe violations:\n${report.join('\n')}`);
    });
  }

  test('Tab reaches every header and transport control, each with a visible focus ring', async () => {
    const { page } = await openPage(server.url, { reducedMotion: 'reduce' });
    const wanted = ['open-gallery', 'open-quiz', 'predict-start', 'open-explorer', 'open-scheduler', 'open-share', 'code', 'run'];
    const reached = new Map();
    await page.locator('body').focus();
    for (let i = 0; i < 60 && reached.size < wanted.length; i++) {
      await page.keyboard.press('Tab');
      const focus = await page.evaluate(() => {
        const el = document.activeElement;
        const style = getComputedStyle(el);
        return {
          id: el.id,
          visible: (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== 'none',
        };
      });
      if (wanted.includes(focus.id)) reached.set(focus.id, focus.visible);
    }
    assert.deepEqual([...reached.keys()].sort(), [...wanted].sort(), 'every control is reached by Tab');
    for (const [id, visible] of reached) assert.ok(visible, `#${id} shows where the focus is`);
    await page.close();
  });

  test('with reduced motion asked for, a run opens at its end, paused', async () => {
    const { page } = await openPage(server.url, { reducedMotion: 'reduce' });
    assert.equal(await page.locator('#app').getAttribute('data-playback'), 'ended');
    const end = Number(await page.locator('#timeline').getAttribute('data-end-ns'));
    assert.ok(end > 0);
    assert.equal(Number(await page.locator('#timeline').getAttribute('data-cursor-ns')), end);
    await page.close();
    const moving = await openPage(server.url, { reducedMotion: 'no-preference' });
    assert.notEqual(Number(await moving.page.locator('#timeline').getAttribute('data-cursor-ns')), Number(await moving.page.locator('#timeline').getAttribute('data-end-ns')));
    await moving.page.close();
  });
});
