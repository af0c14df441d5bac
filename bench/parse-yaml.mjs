// The plain parse bench/compare.mjs measures `check` against: js-yaml's loadAll over every file
// named in the JSON list given as the argument, nothing else.
import { readFileSync } from 'node:fs';
import jsyaml from 'js-yaml';

let documents = 0;
for (const file of JSON.parse(readFileSync(process.argv[2], 'utf8')))
  jsyaml.loadAll(readFileSync(file, 'utf8'), () => documents++);
if (documents === 0) process.exit(1);
