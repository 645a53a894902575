// The comparison view's real pool, in a dedicated module Worker (never the page's main thread,
// which must not block and would lose most of the speedup): loads the parallel module, starts
// the rayon pool (each thread one more Worker sharing the module's memory), and runs kernels as
// the page asks. Messages: {type: 'init', threads} → {type: 'ready', ms, threads};
// {type: 'run', id, kernel, mode, n, chunks} → {type: 'result', id, mode, result, start_ms,
// end_ms, intervals}; any failure → {type: 'error', id, message}.
import init, { initThreadPool, pool_threads, run } from './interleave_parallel.js';

self.onmessage = async ({ data }) => {
  try {
    if (data.type === 'init') {
      const started = performance.now();
      await init();
      await initThreadPool(data.threads);
      // Warm up: the engine compiles wasm in tiers, so the first run of a kernel would be the
      // slowest and flatter the runs after it; run each kernel briefly on the pool and here.
      for (const kernel of ['primes', 'squares', 'monte-carlo']) {
        run(kernel, 'free', kernel === 'primes' ? 200000 : 2000000, 64);
        run(kernel, 'sequential', kernel === 'primes' ? 100000 : 1000000, 8);
      }
      self.postMessage({ type: 'ready', ms: performance.now() - started, threads: pool_threads() });
    } else if (data.type === 'run') {
      const out = JSON.parse(run(data.kernel, data.mode, data.n, data.chunks));
      self.postMessage({ type: 'result', id: data.id, mode: data.mode, ...out });
    }
  } catch (error) {
    self.postMessage({ type: 'error', id: data.id, message: String(error?.message ?? error) });
  }
};
