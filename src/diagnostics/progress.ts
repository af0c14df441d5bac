// Progress of a long run, for a person watching a terminal (issue 13): the parts doing the work
// name each stage and how far it is; the CLI decides whether to show it at all (on stderr, and
// only when stderr is a TTY). With no sink installed, as in tests and the library, it costs one
// check per update.

/** Where progress lines go. Updates come often (once per document or check): the sink throttles. */
export interface ProgressSink {
  /** A new stage began: show its line (the stage name and detail). */
  start(line: () => string): void;
  /** The stage moved on: show its line when the sink's throttle allows. */
  update(line: () => string): void;
  /** The stage is over: take its line away, so that output written next starts on a clean line. */
  clear(): void;
}

export interface Stage {
  /** `detail` is called only when a line is shown, e.g. `document 1200/94752, 1180 objects`. */
  update(detail: () => string): void;
  end(): void;
}

const IDLE: Stage = { update() {}, end() {} };
let sink: ProgressSink | undefined;

/** Installs where progress goes (undefined: nowhere); returns the one it replaced. */
export function setProgressSink(next: ProgressSink | undefined): ProgressSink | undefined {
  const previous = sink;
  sink = next;
  return previous;
}

/** Begins a stage (`reading manifests`, `checking` …); end it before anything is printed. */
export function startStage(name: string, detail?: () => string): Stage {
  const current = sink;
  if (!current) return IDLE;
  const line = (d?: () => string) => () => (d ? `${name}: ${d()}` : name);
  current.start(line(detail));
  return { update: (d) => current.update(line(d)), end: () => current.clear() };
}
