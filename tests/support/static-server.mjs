#!/usr/bin/env node
// A small static file server for Interleave's `dist/` folder. Node only, no dependencies.
//
//   node tests/support/static-server.mjs [--port N] [--dir DIR] [--host H] [--no-isolation] [--quiet]
//   node tests/support/static-server.mjs [PORT] [DIR]            (positional form)
//
// Defaults: port $PORT or 8080 (0 picks a free port), dir `dist`, host 127.0.0.1.
// Sends `Cross-Origin-Opener-Policy: same-origin` and `Cross-Origin-Embedder-Policy: require-corp`
// (so the page is cross-origin isolated and may use SharedArrayBuffer) unless --no-isolation.
// When listening it prints `Interleave is ready at http://HOST:PORT/` on stdout; tests wait for it.
import { createServer } from 'node:http';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.py': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
};

function parseArgs(argv) {
  const opts = {
    port: process.env.PORT !== undefined && process.env.PORT !== '' ? Number(process.env.PORT) : 8080,
    dir: 'dist',
    host: '127.0.0.1',
    isolation: true,
    quiet: false,
  };
  const positional = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) usage(`${arg} needs a value`);
      return argv[++i];
    };
    if (arg === '--port' || arg === '-p') opts.port = Number(value());
    else if (arg === '--dir' || arg === '-d') opts.dir = value();
    else if (arg === '--host') opts.host = value();
    else if (arg === '--no-isolation') opts.isolation = false;
    else if (arg === '--quiet' || arg === '-q') opts.quiet = true;
    else if (arg === '--help' || arg === '-h') usage();
    else if (arg.startsWith('-')) usage(`unknown option ${arg}`);
    else positional.push(arg);
  }
  // Positional arguments: a number is the port, anything else the directory.
  for (const p of positional) {
    if (/^\d+$/.test(p)) opts.port = Number(p);
    else opts.dir = p;
  }
  if (!Number.isInteger(opts.port) || opts.port < 0 || opts.port > 65535) usage(`bad port ${opts.port}`);
  return opts;
}

function usage(error) {
  const text =
    'usage: static-server.mjs [--port N] [--dir DIR] [--host H] [--no-isolation] [--quiet] [PORT] [DIR]\n';
  if (error) {
    process.stderr.write(`static-server: ${error}\n${text}`);
    process.exit(2);
  }
  process.stdout.write(text);
  process.exit(0);
}

const opts = parseArgs(process.argv.slice(2));
const root = resolve(opts.dir);

try {
  if (!(await stat(root)).isDirectory()) throw new Error('not a directory');
} catch {
  process.stderr.write(`static-server: ${root} is not a directory (run \`trunk build --release\` first?)\n`);
  process.exit(1);
}

function baseHeaders() {
  const headers = {
    'Cache-Control': 'no-cache',
    'X-Content-Type-Options': 'nosniff',
  };
  if (opts.isolation) {
    headers['Cross-Origin-Opener-Policy'] = 'same-origin';
    headers['Cross-Origin-Embedder-Policy'] = 'require-corp';
    headers['Cross-Origin-Resource-Policy'] = 'same-origin';
  }
  return headers;
}

function sendError(req, res, status, message) {
  const body = `${status} ${message}\n`;
  res.writeHead(status, {
    ...baseHeaders(),
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
  });
  res.end(req.method === 'HEAD' ? undefined : body);
  log(req, status);
}

function log(req, status) {
  if (!opts.quiet) process.stderr.write(`${status} ${req.method} ${req.url}\n`);
}

// Maps a URL path to a file under root; null when it would escape root.
function resolvePath(urlPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const file = normalize(join(root, decoded));
  if (file !== root && !file.startsWith(root + sep)) return null;
  return file;
}

const server = createServer(async (req, res) => {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD');
    return sendError(req, res, 405, 'Method Not Allowed');
  }
  const url = new URL(req.url, 'http://localhost');
  let file = resolvePath(url.pathname);
  if (file === null) return sendError(req, res, 403, 'Forbidden');

  let info;
  try {
    info = await stat(file);
    if (info.isDirectory()) {
      if (!url.pathname.endsWith('/')) {
        res.writeHead(301, { ...baseHeaders(), Location: `${url.pathname}/${url.search}` });
        res.end();
        return log(req, 301);
      }
      file = join(file, 'index.html');
      info = await stat(file);
    }
    if (!info.isFile()) throw new Error('not a file');
  } catch {
    return sendError(req, res, 404, 'Not Found');
  }

  const type = MIME[extname(file).toLowerCase()] ?? 'application/octet-stream';
  res.writeHead(200, {
    ...baseHeaders(),
    'Content-Type': type,
    'Content-Length': info.size,
    'Last-Modified': info.mtime.toUTCString(),
  });
  log(req, 200);
  if (req.method === 'HEAD') return res.end();
  const stream = createReadStream(file);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
});

server.on('error', (err) => {
  const hint = err.code === 'EADDRINUSE' ? ' (set PORT or pass --port to use another port)' : '';
  process.stderr.write(`static-server: ${err.message}${hint}\n`);
  process.exit(1);
});

server.listen(opts.port, opts.host, () => {
  const { port } = server.address();
  const host = opts.host.includes(':') ? `[${opts.host}]` : opts.host;
  process.stdout.write(`Interleave is ready at http://${host}:${port}/\n`);
  if (!opts.isolation) process.stdout.write('(serving without COOP/COEP: the page is not cross-origin isolated)\n');
});

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    server.close();
    process.exit(0);
  });
}
