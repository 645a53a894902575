// Shared helpers for the end-to-end tests: a static server for dist/, Debian's Chromium through
// playwright-core, a watcher for console errors and failed requests, and the CLI as the oracle
// for what a program prints.
import { spawn, execFile } from 'node:child_process';
import { mkdtemp, mkdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { chromium } from 'playwright-core';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** The built app; INTERLEAVE_DIST points the tests at another build. */
export const DIST = process.env.INTERLEAVE_DIST || join(ROOT, 'dist');
export const ARTIFACTS = join(ROOT, 'test-artifacts', 'e2e');

const SERVER = join(ROOT, 'tests', 'support', 'static-server.mjs');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/**
 * Starts tests/support/static-server.mjs on a free loopback port, serving `dir` (dist/ by default).
 * Resolves to { url, close } once the server prints its ready line.
 */
export async function startServer({ dir = DIST, isolation = true } = {}) {
  try {
    await stat(join(dir, 'index.html'));
  } catch {
    throw new Error(`${dir}/index.html is missing: run \`trunk build --release\` first`);
  }
  const args = [SERVER, '--port', '0', '--dir', dir, '--quiet'];
  if (!isolation) args.push('--no-isolation');
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  // Never leave the server behind, even when a test run is aborted.
  process.on('exit', () => child.kill());
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk) => (stderr += chunk));

  const url = await new Promise((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(() => fail(new Error('static server did not start within 10 s')), 10_000);
    const fail = (error) => {
      clearTimeout(timer);
      child.kill();
      reject(new Error(`${error.message}\n${stderr}`));
    };
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      const match = stdout.match(/Interleave is ready at (http:\/\/\S+)/);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.on('error', fail);
    child.on('exit', (code) => fail(new Error(`static server exited with code ${code}`)));
  });

  return {
    url,
    close: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Launches Debian's Chromium headless with a fresh profile. Resolves to { context, close }. */
export async function launchBrowser() {
  const profile = await mkdtemp(join(tmpdir(), 'interleave-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 800 },
  });
  return {
    context,
    close: async () => {
      await context.close().catch(() => {});
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/**
 * The usual pair for a test file: the static server on dist/ and the browser, started together;
 * `close()` closes both.
 */
export async function startServerAndBrowser(serverOptions) {
  const server = await startServer(serverOptions);
  const browser = await launchBrowser();
  return {
    server,
    browser,
    close: async () => {
      await browser.close();
      await server.close();
    },
  };
}

/**
 * Records everything on `page` that should never happen: console errors and warnings, uncaught
 * exceptions, requests that failed, and responses with an HTTP error status.
 */
export function watchPage(page) {
  const problems = [];
  page.on('console', (message) => {
    const type = message.type();
    if (type === 'error' || type === 'warning') {
      const where = message.location();
      const at = where && where.url ? ` (${where.url}:${where.lineNumber})` : '';
      problems.push(`console.${type}: ${message.text()}${at}`);
    }
  });
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.stack || error.message}`));
  page.on('requestfailed', (request) =>
    problems.push(`requestfailed: ${request.method()} ${request.url()}: ${request.failure()?.errorText}`),
  );
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  return problems;
}

/**
 * What `interleave run FILE` prints (the CLI is the oracle: it is checked against CPython by the
 * conformance suite). Runs in the file's folder, like `python3 FILE`. Uses `cargo run`, or the
 * binary in INTERLEAVE_BIN.
 */
export async function cliOutput(file) {
  const run = promisify(execFile);
  const options = { cwd: dirname(file), maxBuffer: 64 * 1024 * 1024, timeout: 300_000 };
  const name = file.split('/').pop();
  const bin = process.env.INTERLEAVE_BIN;
  const { stdout } = bin
    ? await run(bin, ['run', name], options)
    : await run(
        'cargo',
        ['run', '-q', '--manifest-path', join(ROOT, 'Cargo.toml'), '-p', 'interleave-cli', '--', 'run', name],
        options,
      );
  return stdout;
}

/**
 * The Chrome Trace Event JSON `interleave run FILE --trace-out` writes for FILE (whatever its
 * exit code): thread state slices ("running", "sleeping", "blocked on …") and print instants.
 */
export async function cliTrace(file) {
  const run = promisify(execFile);
  const dir = await mkdtemp(join(tmpdir(), 'interleave-trace-'));
  const out = join(dir, 'trace.json');
  const options = { cwd: dirname(file), maxBuffer: 64 * 1024 * 1024, timeout: 300_000 };
  const name = file.split('/').pop();
  const bin = process.env.INTERLEAVE_BIN;
  const args = ['run', name, '--trace-out', out];
  try {
    await (bin
      ? run(bin, args, options)
      : run('cargo', ['run', '-q', '--manifest-path', join(ROOT, 'Cargo.toml'), '-p', 'interleave-cli', '--', ...args], options));
  } catch (error) {
    if (typeof error.code !== 'number') throw error;
  }
  const { readFile } = await import('node:fs/promises');
  const trace = JSON.parse(await readFile(out, 'utf8'));
  await rm(dir, { recursive: true, force: true });
  return Array.isArray(trace) ? trace : trace.traceEvents;
}

/** Saves a full-page screenshot under test-artifacts/e2e/ and returns its path. */
export async function screenshot(page, name) {
  await mkdir(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, name);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** Polls `fn` until it returns a truthy value or `timeout` ms pass; returns the last value. */
export async function poll(fn, { timeout = 30_000, interval = 100 } = {}) {
  const deadline = Date.now() + timeout;
  let value;
  for (;;) {
    value = await fn();
    if (value || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
}

/** Reads a time in seconds from text like "10.0 s", "t = 10.004s", "10004 ms" or "00:10.004". */
export function parseSeconds(text) {
  const clock = text.match(/(\d+):(\d{2}(?:\.\d+)?)/);
  if (clock) return Number(clock[1]) * 60 + Number(clock[2]);
  const number = text.match(/-?\d+(?:\.\d+)?/);
  if (!number) return NaN;
  const value = Number(number[0]);
  if (/\d\s*ms\b/.test(text)) return value / 1000;
  if (/\d\s*(µs|us)\b/.test(text)) return value / 1e6;
  return value;
}
