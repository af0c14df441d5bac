// Progress on stderr (issue 13): a throttled line on a TTY, erased when each stage ends; nothing at
// all when stderr is not a TTY. The terminal sink is driven with a fake stream and clock; the CLI
// end to end under a pseudo-terminal (`script` from util-linux) and with stderr on a pipe.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { progressDelayFrom, terminalProgress } from '../../src/cli/progress.js';
import { setProgressSink, startStage, type ProgressSink } from '../../src/diagnostics/progress.js';
import { readManifests } from '../../src/k8s/read.js';

const ERASE = '\r\u001b[K';

function fakeTerminal(isTTY: boolean, columns?: number) {
  const written: string[] = [];
  let now = 0;
  const stream = { isTTY, columns, write: (t: string) => written.push(t) > 0 };
  return { written, stream, advance: (ms: number) => (now += ms), now: () => now };
}

describe('terminalProgress', () => {
  it('is nothing when the stream is not a TTY', () => {
    expect(terminalProgress(fakeTerminal(false).stream)).toBeUndefined();
  });

  it('stays quiet at first, then shows a stage at once and its updates at most once per interval', () => {
    const t = fakeTerminal(true, 200);
    const sink = terminalProgress(t.stream, { now: t.now, quietFor: 500, interval: 100 })!;
    sink.start(() => 'reading');
    sink.update(() => 'reading 1');
    expect(t.written).toEqual([]); // a short run prints nothing
    t.advance(500);
    sink.start(() => 'checking');
    for (let i = 0; i < 50; i++) {
      t.advance(10); // 50 updates over 500 ms
      sink.update(() => `checking ${i}`);
    }
    sink.clear();
    expect(t.written).toEqual([
      `${ERASE}checking`,
      `${ERASE}checking 9`,
      `${ERASE}checking 19`,
      `${ERASE}checking 29`,
      `${ERASE}checking 39`,
      `${ERASE}checking 49`,
      ERASE,
    ]);
  });

  it('cuts a line to the terminal width (a wrapped line could not be erased) and erases only what it wrote', () => {
    const t = fakeTerminal(true, 10);
    const sink = terminalProgress(t.stream, { now: t.now, quietFor: 0 })!;
    sink.clear();
    expect(t.written).toEqual([]);
    sink.start(() => 'reading manifests: document 3/9');
    sink.clear();
    sink.clear();
    expect(t.written).toEqual([`${ERASE}reading m`, ERASE]);
  });

  it('waits SHIPSHAPE_PROGRESS_DELAY seconds when set to a number, else half a second', () => {
    expect(progressDelayFrom({ SHIPSHAPE_PROGRESS_DELAY: '0' })).toBe(0);
    expect(progressDelayFrom({ SHIPSHAPE_PROGRESS_DELAY: '1.5' })).toBe(1500);
    for (const value of [undefined, '', 'soon', '-1'])
      expect(progressDelayFrom({ SHIPSHAPE_PROGRESS_DELAY: value })).toBeUndefined();
    const t = fakeTerminal(true);
    terminalProgress(t.stream, { now: t.now, quietFor: progressDelayFrom({ SHIPSHAPE_PROGRESS_DELAY: '0' }) })?.start(
      () => 'reading manifests',
    );
    expect(t.written).toEqual([`${ERASE}reading manifests`]);
  });

  it('takes 80 columns when the terminal reports none', () => {
    const t = fakeTerminal(true, 0);
    terminalProgress(t.stream, { now: t.now, quietFor: 0 })!.start(() => 'x'.repeat(100));
    expect(t.written).toEqual([`${ERASE}${'x'.repeat(79)}`]);
  });
});

describe('stages', () => {
  function recording(): { sink: ProgressSink; lines: string[] } {
    const lines: string[] = [];
    return {
      lines,
      sink: {
        start: (l) => lines.push(`start ${l()}`),
        update: (l) => lines.push(l()),
        clear: () => lines.push('clear'),
      },
    };
  }

  it('reading manifests reports each document out of the file total and the objects read, then ends', async () => {
    const { sink, lines } = recording();
    const text = ['a', 'b', 'c'].map((n) => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ${n}}\n`).join('---\n');
    setProgressSink(sink);
    try {
      await readManifests(['-'], { stdinText: text });
    } finally {
      setProgressSink(undefined);
    }
    expect(lines).toEqual([
      'start reading manifests',
      'reading manifests: document 1/3 of <stdin>, 1 objects',
      'reading manifests: document 2/3 of <stdin>, 2 objects',
      'reading manifests: document 3/3 of <stdin>, 3 objects',
      'clear',
    ]);
  });

  it('without a sink a stage does nothing', () => {
    const stage = startStage('idle', () => {
      throw new Error('a detail is never computed without a sink');
    });
    stage.update(() => {
      throw new Error('never');
    });
    stage.end();
  });
});

describe('the CLI', () => {
  const BIN = new URL('../../bin/shipshape.js', import.meta.url).pathname;
  // Progress from the start (SHIPSHAPE_PROGRESS_DELAY=0): how long a check of these objects takes
  // depends on the machine, and a run within the quiet half second rightly shows nothing.
  const dir = mkdtempSync(join(tmpdir(), 'shipshape-progress-'));
  const input = join(dir, 'many.yaml');
  writeFileSync(
    input,
    Array.from(
      { length: 1500 },
      (_, i) =>
        `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d${i}, namespace: ns${i % 30}}\nspec:\n  selector: {matchLabels: {app: d${i}}}\n  template:\n    metadata: {labels: {app: d${i}}}\n    spec: {containers: [{name: c, image: "img:${i}"}]}\n`,
    ).join('---\n'),
  );

  it('on a TTY, shows the stages on stderr and erases the line before the report', () => {
    // `script` runs the command on a pseudo-terminal; its output is everything the terminal got.
    const r = spawnSync(
      'script',
      // 200 columns: the pseudo-terminal reports none (80 assumed), which would cut a long check id.
      ['-qec', `stty cols 200; ${process.execPath} ${BIN} check ${input} --fail-on info >/dev/null`, '/dev/null'],
      { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', SHIPSHAPE_PROGRESS_DELAY: '0' } },
    );
    expect(r.error).toBeUndefined();
    const lines = r.stdout.split(ERASE);
    const what = `script exited ${r.status} (stderr ${JSON.stringify(r.stderr)}); the terminal got: ${JSON.stringify(r.stdout.slice(0, 2000))}`;
    expect(
      lines.filter((l) => /^checking: check \d+\/\d+ \([a-z0-9-]+\), 1500 objects$/.test(l)),
      what,
    ).not.toEqual([]);
    expect(r.stdout.endsWith(ERASE), what).toBe(true);
  });

  it('with stderr on a pipe, prints no progress at all', () => {
    const r = spawnSync(process.execPath, [BIN, 'check', input, '--fail-on', 'info'], {
      encoding: 'utf8',
      env: { ...process.env, SHIPSHAPE_PROGRESS_DELAY: '0' },
      maxBuffer: 1 << 28,
    });
    expect(r.status).toBe(1);
    expect(r.stderr).not.toContain('\r');
    expect(r.stderr).not.toContain('checking');
  });
});
