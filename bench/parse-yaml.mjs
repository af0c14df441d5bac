// The plain parse bench/compare.mjs measures `check` against: js-yaml over every file named in the
// JSON list given as the argument, one document at a time (a template that does not parse is
// passed over, as `check` reports it and reads on), nothing else.
import { readFileSync } from 'node:fs';
import jsyaml from 'js-yaml';

let documents = 0;
for (const file of JSON.parse(readFileSync(process.argv[2], 'utf8'))) {
  for (const text of readFileSync(file, 'utf8').split(/^---.*$/m)) {
    try {
      if (jsyaml.load(text) != null) documents++;
    } catch {
      // not YAML: skipped
    }
  }
}
if (documents === 0) process.exit(1);
