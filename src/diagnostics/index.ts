// The leaf every part imports: bad input (InputError), what a reader or the graph says about its
// input (Message), and the one severity scale that messages and check findings share. It imports
// nothing of ours, so anything may depend on it.

/** How bad a finding or message is, most severe first. */
export type Severity = 'error' | 'warning' | 'info';

/** What reading or graphing an input had to say about it (a bad document, an unknown kind …). */
export interface Message {
  severity: Severity;
  file?: string;
  document?: number;
  line?: number;
  message: string;
}

/** Where in the input the problem is, when the thrower knows; the message says it for people. */
export interface InputErrorLocation {
  file?: string;
  /** 1-based. */
  line?: number;
  /** 1-based. */
  column?: number;
  /** The object's id, `namespace/Kind/name` (k8s/object.ts `nodeId`). */
  objectId?: string;
  /** Path inside the object or spec, e.g. `spec.template.spec.containers[0].resources`. */
  fieldPath?: string;
}

/** Bad input or usage: the message names file, line or path and what was expected. Exit code 2. */
export class InputError extends Error implements InputErrorLocation {
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  readonly objectId?: string;
  readonly fieldPath?: string;

  constructor(
    message: string,
    readonly details: string[] = [],
    location: InputErrorLocation = {},
  ) {
    super(message);
    this.name = 'InputError';
    this.file = location.file;
    this.line = location.line;
    this.column = location.column;
    this.objectId = location.objectId;
    this.fieldPath = location.fieldPath;
  }
}
