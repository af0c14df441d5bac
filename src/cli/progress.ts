// The progress line on a terminal: one line on stderr, rewritten in place (carriage return and
// erase-line) and erased when a stage ends. Nothing at all when stderr is not a TTY (a pipe, a
// file, CI logs), and nothing in a run's first moments, so short runs print nothing extra.
import type { ProgressSink } from '../diagnostics/progress.js';

export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(text: string): boolean;
}

export interface ProgressTiming {
  /** Milliseconds, for tests. */
  now?: () => number;
  /** Nothing is shown before the run is this old. */
  quietFor?: number;
  /** Updates within a stage at most once per this many milliseconds (100: at most 10 a second). */
  interval?: number;
}

const ERASE_LINE = '\r\u001b[K';

/**
 * `SHIPSHAPE_PROGRESS_DELAY`: seconds of quiet before the first progress line (as git's
 * GIT_PROGRESS_DELAY), e.g. 0 to see it from the start; unset or not a number: half a second.
 */
export function progressDelayFrom(env: NodeJS.ProcessEnv): number | undefined {
  const raw = env.SHIPSHAPE_PROGRESS_DELAY?.trim();
  const seconds = raw ? Number(raw) : NaN;
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
}

export function terminalProgress(stream: ProgressStream, timing: ProgressTiming = {}): ProgressSink | undefined {
  if (!stream.isTTY) return undefined;
  const now = timing.now ?? Date.now;
  const interval = timing.interval ?? 100;
  const began = now();
  const quietUntil = began + (timing.quietFor ?? 500);
  let lastShown = -Infinity;
  let shown = false;
  const show = (line: () => string) => {
    // One line: wider text would wrap, and the erase would then leave its first part behind.
    const width = (stream.columns || 80) - 1; // 0 on a terminal that reports no size
    stream.write(`${ERASE_LINE}${line().slice(0, width)}`);
    shown = true;
    lastShown = now();
  };
  return {
    // A stage's first line is shown at once (a run has a handful of stages), so a long stage that
    // reports no steps is not hidden behind the previous one's line.
    start(line) {
      if (now() >= quietUntil) show(line);
    },
    update(line) {
      const t = now();
      if (t >= quietUntil && t - lastShown >= interval) show(line);
    },
    clear() {
      if (shown) stream.write(ERASE_LINE);
      shown = false;
    },
  };
}
