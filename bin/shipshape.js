#!/usr/bin/env node
// The CLI: one bundled entry (scripts/bundle.mjs), which loads the chunks of the command it runs.
import '../dist/bin/main.js';
