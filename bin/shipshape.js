#!/usr/bin/env node
// The CLI: the bundle of the command it runs, compiled with its code cache (src/cli/command-bundle.ts,
// bundled as dist/bin/_entry.cjs). CommonJS (bin/package.json): an ES module entry would start
// Node's ES module loader, ~10 ms of every run.
require('../dist/bin/_entry.cjs');
