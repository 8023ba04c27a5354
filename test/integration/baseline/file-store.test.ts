import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  mkdtemp,
  mkdir,
  readdir,
  readFile,
  rm,
  symlink,
  utimes,
  writeFile,
} from 'node:fs/promises';
import { spawnSync } from 'node:child_process';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { memoryLogger } from '../../../src/log.js';
import { BaselineStoreError, createStore, FileBaselineStore } from '../../../src/baseline/index.js';
import { sampleEntry } from '../../unit/baseline/entries.js';

async function tempDir(t: { after: (fn: () => Promise<void>) => void }): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'loadgate-file-store-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

test('missing file: no baseline, no warning; append creates folders and the file', async (t) => {
  const dir = await tempDir(t);
  const file = join(dir, 'deep', 'er', 'baseline.json');
  const store = new FileBaselineStore(file, { log: memoryLogger() });
  assert.deepEqual(await store.read('items-api'), { series: null, warning: null });
  await store.append('items-api', sampleEntry('c1'), 50);
  const r = await store.read('items-api');
  assert.equal(r.warning, null);
  assert.deepEqual(r.series?.entries, [sampleEntry('c1')]);
  const doc = JSON.parse(await readFile(file, 'utf8'));
  assert.equal(doc.schema, 1);
  assert.deepEqual(Object.keys(doc.series), ['items-api']);
  assert.equal(store.description, `file ${file}`);
  // Atomic write leaves no temporary or lock file behind.
  assert.deepEqual(await readdir(join(dir, 'deep', 'er')), ['baseline.json']);
});

test('several series in one file; appending to one keeps the others byte for byte', async (t) => {
  const file = join(await tempDir(t), 'baseline.json');
  const store = new FileBaselineStore(file, { log: memoryLogger() });
  await store.append('a', sampleEntry('a1'), 50);
  await store.append('b', sampleEntry('b1'), 50);
  const before = JSON.parse(await readFile(file, 'utf8')).series.a;
  await store.append('b', sampleEntry('b2'), 50);
  assert.deepEqual(JSON.parse(await readFile(file, 'utf8')).series.a, before);
  assert.deepEqual(
    (await store.read('b')).series?.entries.map((e) => e.commit),
    ['b1', 'b2'],
  );
  assert.deepEqual(await store.read('c'), { series: null, warning: null });
});

test('history is bounded to the newest entries', async (t) => {
  const file = join(await tempDir(t), 'baseline.json');
  const store = new FileBaselineStore(file, { log: memoryLogger() });
  for (let i = 0; i < 6; i++) await store.append('x', sampleEntry(`c${i}`), 4);
  assert.deepEqual(
    (await store.read('x')).series?.entries.map((e) => e.commit),
    ['c2', 'c3', 'c4', 'c5'],
  );
});

test('partial JSON: warning naming the file, never a throw; append keeps a copy and starts over', async (t) => {
  const dir = await tempDir(t);
  const file = join(dir, 'baseline.json');
  const log = memoryLogger();
  const store = new FileBaselineStore(file, { log });
  await store.append('x', sampleEntry('c1'), 50);
  const full = await readFile(file, 'utf8');
  await writeFile(file, full.slice(0, 200));
  const r = await store.read('x');
  assert.equal(r.series, null);
  assert.ok(r.warning?.startsWith(`baseline file ${file} is not valid JSON (`), r.warning ?? '');
  await store.append('x', sampleEntry('c2'), 50);
  assert.deepEqual(
    (await store.read('x')).series?.entries.map((e) => e.commit),
    ['c2'],
  );
  const copies = (await readdir(dir)).filter((f) => f.startsWith('baseline.json.corrupt-'));
  assert.equal(copies.length, 1);
  assert.equal(await readFile(join(dir, copies[0] as string), 'utf8'), full.slice(0, 200));
  assert.ok(log.lines.some((l) => l.startsWith('warning: ') && l.includes('kept a copy at')));
});

test('foreign and older formats are ignored with a warning; a newer one is never overwritten', async (t) => {
  const dir = await tempDir(t);
  const file = join(dir, 'baseline.json');
  const store = new FileBaselineStore(file, { log: memoryLogger() });
  await writeFile(file, JSON.stringify({ version: 0, data: [] }));
  const old = await store.read('x');
  assert.equal(old.series, null);
  assert.match(old.warning ?? '', /is not a loadgate baseline file of schema 1/);

  await writeFile(
    file,
    JSON.stringify({ schema: 1, series: { x: { schema: 0, name: 'x', entries: [] } } }),
  );
  assert.match(
    (await store.read('x')).warning ?? '',
    /series "x" has schema 0, an older or unknown format/,
  );
  await store.append('x', sampleEntry('c1'), 50); // replaces the old series
  assert.equal((await store.read('x')).series?.entries.length, 1);

  const newer = JSON.stringify({ schema: 2, series: {} });
  await writeFile(file, newer);
  assert.match((await store.read('x')).warning ?? '', /schema 2, written by a newer loadgate/);
  await assert.rejects(
    store.append('x', sampleEntry('c2'), 50),
    (e) => e instanceof BaselineStoreError && /baseline not updated/.test(e.message),
  );
  assert.equal(await readFile(file, 'utf8'), newer);
});

test('a bare series file (one series, no container) is read', async (t) => {
  const file = join(await tempDir(t), 'baseline.json');
  await writeFile(file, JSON.stringify({ schema: 1, name: 'x', entries: [sampleEntry('c1')] }));
  const store = createStore(
    { store: 'file', file, history: 50 },
    { log: memoryLogger(), cwd: '/' },
  );
  assert.deepEqual(
    (await store.read('x')).series?.entries.map((e) => e.commit),
    ['c1'],
  );
});

test('concurrent appends from several writers all land (lock file)', async (t) => {
  const file = join(await tempDir(t), 'baseline.json');
  const writers = Array.from(
    { length: 8 },
    () => new FileBaselineStore(file, { log: memoryLogger() }),
  );
  await Promise.all(writers.map((w, i) => w.append('x', sampleEntry(`c${i}`), 50)));
  const commits = (await writers[0]!.read('x')).series?.entries.map((e) => e.commit).sort();
  assert.deepEqual(commits, ['c0', 'c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7']);
});

test('a held lock times out with a typed error; a stale one is taken over', async (t) => {
  const file = join(await tempDir(t), 'baseline.json');
  await writeFile(`${file}.lock`, '12345\n');
  const store = new FileBaselineStore(file, {
    log: memoryLogger(),
    lockTimeoutMs: 150,
    pidAlive: () => true, // as if process 12345 still ran
  });
  await assert.rejects(
    store.append('x', sampleEntry('c1'), 50),
    (e) => e instanceof BaselineStoreError && e.message.includes(`${file}.lock`),
  );
  const old = new Date(Date.now() - 120_000);
  await utimes(`${file}.lock`, old, old);
  await store.append('x', sampleEntry('c1'), 50);
  assert.equal((await store.read('x')).series?.entries.length, 1);
});

test('storage failures: reads warn, writes throw BaselineStoreError naming the file', async (t) => {
  const dir = await tempDir(t);
  const asDir = join(dir, 'is-a-dir.json');
  await mkdir(asDir);
  const r = await new FileBaselineStore(asDir, { log: memoryLogger() }).read('x');
  assert.equal(r.series, null);
  assert.match(r.warning ?? '', new RegExp(`cannot read baseline file ${asDir}`));
  await writeFile(join(dir, 'plain'), 'x');
  const blocked = new FileBaselineStore(join(dir, 'plain', 'baseline.json'), {
    log: memoryLogger(),
  });
  await assert.rejects(
    blocked.append('x', sampleEntry('c1'), 50),
    (e) => e instanceof BaselineStoreError && e.message.includes(join(dir, 'plain')),
  );
});

// A lock wait as long as this would outlast the test's own timeout: finishing proves no wait.
const NO_WAIT = { lockTimeoutMs: 600_000 };

test(
  'a failed lock write (disk full) leaves no lock; the next run gets it at once',
  { timeout: 30_000 },
  async (t) => {
    const dir = await tempDir(t);
    const file = join(dir, 'baseline.json');
    const full = new FileBaselineStore(file, {
      log: memoryLogger(),
      writeFile: async (path) => {
        await writeFile(path, ''); // created, then the disk is full
        throw Object.assign(new Error('ENOSPC: no space left on device, write'), {
          code: 'ENOSPC',
        });
      },
    });
    await assert.rejects(
      full.append('x', sampleEntry('c1'), 50),
      (e) =>
        e instanceof BaselineStoreError &&
        e.message.includes(`${file}.lock`) &&
        e.message.includes('no space left'),
    );
    assert.deepEqual(await readdir(dir), []);
    const log = memoryLogger();
    await new FileBaselineStore(file, { log, ...NO_WAIT }).append('x', sampleEntry('c2'), 50);
    assert.deepEqual(log.lines, []);
    assert.deepEqual(await readdir(dir), ['baseline.json']);
  },
);

test(
  'an empty lock file (left by an older loadgate) is taken over at once with a warning',
  { timeout: 30_000 },
  async (t) => {
    const file = join(await tempDir(t), 'baseline.json');
    await writeFile(`${file}.lock`, '');
    const log = memoryLogger();
    await new FileBaselineStore(file, { log, ...NO_WAIT }).append('x', sampleEntry('c1'), 50);
    assert.equal((await new FileBaselineStore(file, { log }).read('x')).series?.entries.length, 1);
    assert.ok(
      log.lines.some(
        (l) => l === `warning: lock ${file}.lock is empty (left by a failed write): taken over`,
      ),
      log.lines.join('\n'),
    );
  },
);

test(
  'a lock naming a dead process on this host is taken over at once with a warning',
  { timeout: 30_000 },
  async (t) => {
    const dir = await tempDir(t);
    const file = join(dir, 'baseline.json');
    // A real process that has exited: its pid names nobody (until reused, which pidAlive covers).
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
      encoding: 'utf8',
    }).stdout;
    await writeFile(`${file}.lock`, `${dead} ${hostname()} 2026-01-01T00:00:00.000Z\n`);
    const log = memoryLogger();
    await new FileBaselineStore(file, { log, ...NO_WAIT }).append('x', sampleEntry('c1'), 50);
    assert.ok(
      log.lines.some((l) => l.includes(`names process ${dead}, which is not running: taken over`)),
      log.lines.join('\n'),
    );
    assert.deepEqual(await readdir(dir), ['baseline.json']);
  },
);

test('a lock naming a live process on another host is waited for, not judged by pid', async (t) => {
  const file = join(await tempDir(t), 'baseline.json');
  await writeFile(`${file}.lock`, '999999 some-other-host 2026-01-01T00:00:00.000Z\n');
  const store = new FileBaselineStore(file, {
    log: memoryLogger(),
    lockTimeoutMs: 150,
    pidAlive: () => false,
  });
  await assert.rejects(
    store.append('x', sampleEntry('c1'), 50),
    (e) => e instanceof BaselineStoreError && /another loadgate process holds/.test(e.message),
  );
});

test('a baseline path that is a symbolic link is refused, naming the path', async (t) => {
  const dir = await tempDir(t);
  const target = join(dir, 'elsewhere.json');
  const secret = '{"not": "a baseline", "token": "s3cret"}';
  await writeFile(target, secret);
  const file = join(dir, 'baseline.json');
  await symlink(target, file);
  const store = new FileBaselineStore(file, { log: memoryLogger() });
  const r = await store.read('x');
  assert.equal(r.series, null);
  assert.match(r.warning ?? '', new RegExp(`baseline file ${file} is a symbolic link`));
  assert.ok(!(r.warning ?? '').includes('s3cret'));
  await assert.rejects(
    store.append('x', sampleEntry('c1'), 50),
    (e) =>
      e instanceof BaselineStoreError &&
      e.code === 'LG_BASELINE_SYMLINK' &&
      e.message.includes(file),
  );
  assert.equal(await readFile(target, 'utf8'), secret);
});
