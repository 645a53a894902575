// Timeline benchmark in headless Chromium (issue 6's quality bars), printing figures:
//  1. Frame cost while panning and zooming: the median time the page spends computing and
//     drawing one timeline frame (`#timeline[data-draw-ms]`) over the same scripted sequence of
//     wheel zooms and drags, for a ~1,000-slice trace and a ~1,000,000-slice trace of the same
//     program shape, and their ratio (target: ≤ 2).
//  2. Run-to-first-frame for every course example in the gallery (scenarios/ whose metadata
//     names a source in the notes): from clicking Run to the first animation frame showing the run's timeline
//     — its trace so far when the run lasts, else its trace (target: < 300 ms each).
//     After each run, the time for the variables at mid-run to appear (target < 100 ms).
//  3. The page's wasm size, raw and gzip.
//
//   trunk build --release && node tests/bench/timeline.mjs [--frames-only]
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { DIST, ROOT, launchBrowser, startServer, watchPage } from '../e2e/helpers.mjs';

/** Threads that each call time.sleep(0) N times: about 4 slices per call per thread. */
function sleepers(n) {
  return `import threading
import time

N = ${n}

def worker():
    for _ in range(N):
        time.sleep(0)

threads = [threading.Thread(target=worker) for _ in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("done")
`;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/**
 * Runs `source` from a click on Run. `first` is when the first frame showing this run's
 * timeline was painted: the trace so far of a long run, or the whole trace of a short one;
 * `ms` is when the run's own trace was painted.
 */
async function runProgram(page, source, timeout = 600_000) {
  await page.fill('#code', source);
  return page.evaluate(
    (timeout) =>
      new Promise((resolve, reject) => {
        const app = document.getElementById('app');
        const canvas = document.getElementById('timeline');
        const t0 = performance.now();
        let sawRunning = false;
        let first = null;
        const painted = () => new Promise((r) => requestAnimationFrame(() => r(performance.now() - t0)));
        const timer = setTimeout(() => reject(new Error('run timed out')), timeout);
        const observer = new MutationObserver(async () => {
          const status = app.dataset.status;
          if (status === 'running') sawRunning = true;
          if (first === null && sawRunning && canvas.dataset.soFar === 'true') {
            first = painted();
          }
          if (sawRunning && (status === 'done' || status === 'failed')) {
            observer.disconnect();
            clearTimeout(timer);
            const ms = await painted();
            resolve({ ms, first: first === null ? ms : await first, status });
          }
        });
        observer.observe(app, {
          attributes: true,
          subtree: true,
          attributeFilter: ['data-status', 'data-so-far'],
        });
        document.getElementById('run').click();
      }),
    timeout,
  );
}

/** Scripted zooms and pans over the canvas; returns each frame's draw cost in ms. */
async function panAndZoom(page) {
  const canvas = page.locator('#timeline');
  const box = await canvas.boundingBox();
  const y = box.y + 60;
  const frames = [];
  const pictures = [];
  const frame = async () => {
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r())));
    frames.push(Number(await canvas.getAttribute('data-draw-ms')));
    pictures.push(Number(await canvas.getAttribute('data-picture-ms')));
  };
  await page.keyboard.press('Escape');
  await page.click('#end');
  for (let round = 0; round < 3; round++) {
    for (let i = 0; i < 8; i++) {
      await page.mouse.move(box.x + box.width * (0.3 + 0.05 * i), y);
      await page.mouse.wheel(0, -240);
      await frame();
    }
    for (let i = 0; i < 8; i++) {
      const x = box.x + box.width / 2;
      await page.mouse.move(x, y);
      await page.mouse.down();
      await page.mouse.move(x + (i % 2 ? 120 : -160), y, { steps: 2 });
      await page.mouse.up();
      await frame();
    }
    for (let i = 0; i < 8; i++) {
      await page.mouse.move(box.x + box.width * 0.6, y);
      await page.mouse.wheel(0, 240);
      await frame();
    }
  }
  frames.pictures = pictures;
  return frames;
}

/**
 * Pauses, moves the cursor to the middle of the run with the scrubber and returns how long
 * the variables there take to appear. Pausing asks for the variables where it paused; that
 * answer is awaited first, so the figure is one jump's, not a jump queued behind another.
 */
async function inspectMiddle(page) {
  if ((await page.locator('#app').getAttribute('data-playback')) === 'playing') {
    await page.locator('#play').click();
  }
  await page.waitForFunction(() => {
    const v = document.getElementById('variables');
    return v && v.dataset.state === 'ready' &&
      v.dataset.answersNs === document.getElementById('timeline').dataset.cursorNs;
  }, null, { timeout: 60_000 });
  return page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const scrubber = document.getElementById('scrubber');
        const t0 = performance.now();
        const timer = setTimeout(() => reject(new Error('no variables')), 60_000);
        const ready = () => {
          const v = document.getElementById('variables');
          const cursor = document.getElementById('timeline').dataset.cursorNs;
          return v && v.dataset.state === 'ready' && v.dataset.answersNs === cursor && cursor !== '0';
        };
        const observer = new MutationObserver(() => {
          if (ready()) {
            observer.disconnect();
            clearTimeout(timer);
            resolve(performance.now() - t0);
          }
        });
        observer.observe(document.getElementById('app'), { attributes: true, subtree: true, childList: true });
        scrubber.value = String(Math.round(Number(scrubber.max) / 2));
        scrubber.dispatchEvent(new Event('input', { bubbles: true }));
      }),
  );
}

/** Every gallery scenario that comes from the course notes (metadata `source` not null). */
function examples() {
  const dir = join(ROOT, 'scenarios');
  const out = [];
  for (const sub of readdirSync(dir)) {
    const path = join(dir, sub);
    if (!statSync(path).isDirectory()) continue;
    for (const file of readdirSync(path).sort()) {
      if (!file.endsWith('.json')) continue;
      const meta = JSON.parse(readFileSync(join(path, file), 'utf8'));
      if (meta.source) out.push(join(sub, file.replace(/\.json$/, '.py')));
    }
  }
  return out.sort();
}

const server = await startServer();
const browser = await launchBrowser();
const page = await browser.context.newPage();
await page.setViewportSize({ width: 1440, height: 1000 });
const problems = watchPage(page);
await page.goto(server.url);
await page.waitForSelector('#app[data-status="done"]', { timeout: 60_000 });

console.log('Frame cost while panning and zooming (median of 72 frames, compute + draw):');
const results = {};
for (const [label, n] of [
  ["small", 80],
  ['large', 85_000],
]) {
  const run = await runProgram(page, sleepers(n));
  const slices = Number(await page.locator('#timeline').getAttribute('data-slices'));
  const frames = await panAndZoom(page);
  results[label] = { slices, median: median(frames), runMs: run.ms };
  console.log(
    `  ${label.padEnd(6)} ${String(slices).padStart(9)} slices: median frame ${median(frames).toFixed(3)} ms ` +
      `(of which the picture ${median(frames.pictures).toFixed(3)} ms; ` +
      `p90 ${[...frames].sort((a, b) => a - b)[Math.floor(frames.length * 0.9)].toFixed(3)} ms; run + load ${(run.ms / 1000).toFixed(1)} s)`,
  );
}
const ratio = results.large.median / Math.max(results.small.median, 0.05);
console.log(`  ratio large/small: ${ratio.toFixed(2)} (target ≤ 2.00) ${ratio <= 2 ? 'OK' : 'OVER'}`);

console.log(
  '\nRun-to-first-frame of the course examples (target < 300 ms; a long run first shows its\n' +
    'trace so far, then the whole run when it ends):',
);
const times = [];
const inspections = [];
const only = process.argv.includes('--frames-only') ? [] : examples();
for (const file of only) {
  const source = readFileSync(join(ROOT, 'scenarios', file), 'utf8');
  const { ms, first, status } = await runProgram(page, source, 120_000);
  times.push(first);
  const whole = first < ms ? ` (so far; whole run ${(ms / 1000).toFixed(2)} s)` : '';
  const inspect = status === 'done' ? await inspectMiddle(page) : NaN;
  inspections.push(inspect);
  console.log(
    `  ${file.padEnd(46)} ${first.toFixed(0).padStart(5)} ms ${status}${whole}${first < 300 ? '' : '  OVER'}` +
      `; variables mid-run ${inspect.toFixed(0)} ms`,
  );
}
if (times.length) console.log(
  `  ${times.length} examples: median ${median(times).toFixed(0)} ms, max ${Math.max(...times).toFixed(0)} ms, ` +
    `${times.filter((t) => t < 300).length} under 300 ms`,
);
if (inspections.length) console.log(
  `  variables at mid-run (replayed in the worker from the nearest checkpoint; target < 100 ms): median ` +
    `${median(inspections).toFixed(0)} ms, ${inspections.filter((t) => t < 100).length} of ` +
    `${inspections.length} under 100 ms`,
);

console.log('\nPage wasm:');
for (const f of readdirSync(DIST)) {
  if (f.endsWith('_bg.wasm') && !f.startsWith('worker')) {
    const bytes = readFileSync(join(DIST, f));
    console.log(`  ${f}: ${bytes.length} bytes raw, ${gzipSync(bytes, { level: 9 }).length} bytes gzip`);
  }
}
if (problems.length) console.log('\nPage problems:', problems);
await browser.close();
await server.close();
