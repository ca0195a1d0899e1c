// Yjs and Automerge replaying a sequential editing trace, for crdtkit's sequence comparison (../PERFORMANCE.md,
// "Sequence: crdtkit, Yjs and Automerge"). The Java side (SequenceComparison) reads the JSON this writes.
//
//   node --expose-gc sequence-peers.mjs <trace.json.gz> <out.json> [quick]
//
// Every figure is of one local edit per patch: Yjs, one transaction per patch on a Y.Text; Automerge, one change per
// patch, a splice on a string. Times are wall-clock milliseconds; a repeated measurement is reported as its mean
// with the half-width of its 99.9% confidence interval (Student's t, as JMH reports), after warm-up runs. Heap is
// measured in a child process per library, so that neither sees the other's garbage.

import * as Automerge from '@automerge/automerge';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import * as Y from 'yjs';

// Where the two replicas of a merge fork from (a fraction of the trace), and by how much of the trace they
// diverge: replica A applies the first half of the divergence's patches, replica B the second half. The 1% merges
// at three document sizes show whether the cost follows the document; 1%, 25% and 50% show whether it follows the
// divergence. Kept in step with SequenceScenario.java.
const SCENARIOS = [
  { forkAt: 0.25, divergence: 0.01 },
  { forkAt: 0.5, divergence: 0.01 },
  { forkAt: 0.99, divergence: 0.01 },
  { forkAt: 0.75, divergence: 0.25 },
  { forkAt: 0.5, divergence: 0.5 },
];

// Two-sided 99.9% quantiles of Student's t by degrees of freedom (JMH's interval).
const T_999 = [NaN, 636.62, 31.599, 12.924, 8.610, 6.869, 5.959, 5.408, 5.041, 4.781, 4.587, 4.437, 4.318, 4.221,
  4.140, 4.073, 4.015, 3.965, 3.922, 3.883, 3.850];

function loadPatches(path) {
  const trace = JSON.parse(gunzipSync(readFileSync(path)).toString('utf8'));
  const patches = [];
  for (const txn of trace.txns) {
    for (const [position, deleteCount, text] of txn.patches) {
      patches.push([position, deleteCount, text]);
    }
  }
  return { patches, endContent: trace.endContent };
}

function stats(samples) {
  const n = samples.length;
  const mean = samples.reduce((a, b) => a + b, 0) / n;
  if (n < 2) {
    return { mean, error: null, min: mean, samples };
  }
  const variance = samples.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1);
  const t = T_999[Math.min(n - 1, T_999.length - 1)];
  return { mean, error: t * Math.sqrt(variance / n), min: Math.min(...samples), samples };
}

function time(action) {
  const start = process.hrtime.bigint();
  const result = action();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, result };
}

// Runs `action` warmups + runs times, and the statistics of the measured runs' milliseconds.
function repeat(warmups, runs, setup, action) {
  const samples = [];
  let last;
  for (let i = 0; i < warmups + runs; i++) {
    const input = setup();
    const { ms, result } = time(() => action(input));
    if (i >= warmups) {
      samples.push(ms);
    }
    last = result;
  }
  return { stats: stats(samples), last };
}

/** Position and delete count clamped to a document of `length` (a patch replayed on another replica's state). */
function clamp(patch, length) {
  const position = Math.min(patch[0], length);
  return [position, Math.min(patch[1], length - position), patch[2]];
}

const yjs = {
  name: 'yjs',
  version: JSON.parse(readFileSync(new URL('./node_modules/yjs/package.json', import.meta.url))).version,
  fresh() {
    return new Y.Doc();
  },
  apply(doc, patches, from, to, clamped) {
    const text = doc.getText('text');
    for (let i = from; i < to; i++) {
      const [position, deleteCount, insert] = clamped ? clamp(patches[i], text.length) : patches[i];
      doc.transact(() => {
        if (deleteCount > 0) {
          text.delete(position, deleteCount);
        }
        if (insert.length > 0) {
          text.insert(position, insert);
        }
      });
    }
    return doc;
  },
  text: (doc) => doc.getText('text').toString(),
  encode: (doc) => Y.encodeStateAsUpdate(doc),
  load(bytes) {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, bytes);
    return doc;
  },
  fork(doc) {
    return yjs.load(Y.encodeStateAsUpdate(doc));
  },
  // What syncing B into A costs: the update A lacks, computed from A's state vector, applied to A.
  merge(a, b) {
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
    return a;
  },
};

const automerge = {
  name: 'automerge',
  version: JSON.parse(readFileSync(new URL('./node_modules/@automerge/automerge/package.json', import.meta.url)))
    .version,
  fresh() {
    return Automerge.from({ text: '' });
  },
  apply(doc, patches, from, to, clamped) {
    let current = doc;
    for (let i = from; i < to; i++) {
      const [position, deleteCount, insert] = clamped ? clamp(patches[i], current.text.length) : patches[i];
      current = Automerge.change(current, (d) => Automerge.splice(d, ['text'], position, deleteCount, insert));
    }
    return current;
  },
  text: (doc) => doc.text,
  encode: (doc) => Automerge.save(doc),
  load: (bytes) => Automerge.load(bytes),
  fork: (doc) => Automerge.clone(doc),
  // Automerge.merge takes the changes B has that A lacks and applies them to A, which it then freezes.
  merge: (a, b) => Automerge.merge(a, b),
};

const LIBRARIES = { yjs, automerge };

function checkText(library, doc, expected) {
  if (library.text(doc) !== expected) {
    throw new Error(`${library.name}: the replayed text is not the trace's endContent`);
  }
}

/** Replays the whole trace `warmups + runs` times; keeps forks of the states the merge scenarios start from. */
function measureReplay(library, trace, warmups, runs) {
  const forkPoints = [...new Set(SCENARIOS.map((s) => Math.floor(s.forkAt * trace.patches.length)))]
    .sort((x, y) => x - y);
  const samples = [];
  let forks = new Map();
  let last;
  for (let run = 0; run < warmups + runs; run++) {
    let doc = library.fresh();
    let ms = 0;
    let done = 0;
    const keep = run === warmups + runs - 1;
    for (const point of [...forkPoints, trace.patches.length]) {
      ms += time(() => {
        doc = library.apply(doc, trace.patches, done, point, false);
      }).ms;
      done = point;
      if (keep && point < trace.patches.length) {
        forks.set(point, library.fork(doc)); // not timed
      }
    }
    checkText(library, doc, trace.endContent);
    if (run >= warmups) {
      samples.push(ms);
    }
    last = doc;
  }
  return { replay: stats(samples), doc: last, forks };
}

function measureMerges(library, trace, forks, runs) {
  const total = trace.patches.length;
  return SCENARIOS.map(({ forkAt, divergence }) => {
    const fork = Math.floor(forkAt * total);
    const middle = Math.min(total, fork + Math.floor((divergence * total) / 2));
    const end = Math.min(total, fork + Math.floor(divergence * total));
    const base = forks.get(fork);
    const a = library.apply(library.fork(base), trace.patches, fork, middle, false);
    const b = library.apply(library.fork(base), trace.patches, middle, end, true);
    const merged = repeat(1, runs, () => library.fork(a), (replicaA) => library.merge(replicaA, b));
    return {
      forkAt, divergence, patchesA: middle - fork, patchesB: end - middle, ms: merged.stats,
      // compared with crdtkit's merge by the report: the same edits must leave the same number of characters
      textLength: library.text(merged.last).length,
    };
  });
}

function measureLibrary(library, trace, quick) {
  const replayRuns = library === automerge ? (quick ? 1 : 2) : (quick ? 2 : 8);
  const warmups = library === automerge ? 0 : (quick ? 1 : 3);
  const { replay, doc, forks } = measureReplay(library, trace, warmups, replayRuns);
  const encoded = library.encode(doc);
  const loadRuns = library === automerge ? 1 : (quick ? 3 : 10);
  const loaded = repeat(library === automerge ? 0 : 3, loadRuns, () => encoded, (bytes) => library.load(bytes));
  checkText(library, loaded.last, trace.endContent);
  const result = {
    version: library.version,
    replayMs: replay,
    encodedBytes: encoded.length,
    encodedGzipBytes: gzipSync(encoded).length,
    loadMs: loaded.stats,
    merges: measureMerges(library, trace, forks, library === automerge ? 3 : (quick ? 3 : 10)),
  };
  if (library === yjs) {
    const v2 = Y.encodeStateAsUpdateV2(doc);
    result.encodedV2Bytes = v2.length;
    result.encodedV2GzipBytes = gzipSync(v2).length;
  }
  return result;
}

/** In a child process: the heap the replayed document retains, after collections before and after. */
function measureHeap(library, trace) {
  global.gc();
  global.gc();
  const before = process.memoryUsage();
  const doc = library.apply(library.fresh(), trace.patches, 0, trace.patches.length, false);
  global.gc();
  global.gc();
  const after = process.memoryUsage();
  checkText(library, doc, trace.endContent);
  return {
    heapUsedBytes: after.heapUsed - before.heapUsed,
    // WebAssembly memory (Automerge's document lives there) is outside the JS heap, and never shrinks: its growth
    // is what the document needed at its peak, an upper bound of what it retains.
    externalBytes: after.external - before.external,
    arrayBuffersBytes: after.arrayBuffers - before.arrayBuffers,
  };
}

function heapInChild(name, tracePath) {
  const child = spawnSync(process.execPath, ['--expose-gc', fileURLToPath(import.meta.url), tracePath, '-', 'heap',
    name], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (child.status !== 0) {
    throw new Error(`heap of ${name} failed: ${child.stderr}`);
  }
  return JSON.parse(child.stdout);
}

function main() {
  const [tracePath, outPath, mode, libraryName] = process.argv.slice(2);
  if (!tracePath || !outPath) {
    throw new Error('usage: node --expose-gc sequence-peers.mjs <trace.json.gz> <out.json> [quick]');
  }
  if (typeof global.gc !== 'function') {
    throw new Error('run with node --expose-gc');
  }
  const trace = loadPatches(tracePath);
  if (mode === 'heap') {
    process.stdout.write(JSON.stringify(measureHeap(LIBRARIES[libraryName], trace)));
    return;
  }
  const quick = mode === 'quick';
  const load = () => loadavg().map((x) => x.toFixed(2)).join(' ');
  const results = {
    node: process.version,
    loadStart: load(),
    trace: { patches: trace.patches.length, endContentUtf8Bytes: Buffer.byteLength(trace.endContent, 'utf8') },
    scenarios: SCENARIOS,
  };
  // SEQUENCE_PEERS=yjs runs one library only (while working on this script)
  const names = (process.env.SEQUENCE_PEERS || 'yjs,automerge').split(',');
  for (const library of names.map((name) => LIBRARIES[name])) {
    const started = Date.now();
    results[library.name] = { heap: heapInChild(library.name, tracePath), ...measureLibrary(library, trace, quick) };
    results[library.name].wallSeconds = (Date.now() - started) / 1000;
    process.stderr.write(`${library.name}: ${JSON.stringify(results[library.name].replayMs.mean)} ms replay, `
      + `${results[library.name].wallSeconds} s in all\n`);
  }
  results.loadEnd = load();
  writeFileSync(outPath, JSON.stringify(results, null, 2) + '\n');
}

main();
