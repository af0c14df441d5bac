#!/usr/bin/env node
// The CLI: the bundle of the command it runs, compiled with its code cache (src/cli/command-bundle.ts).
import { runCli } from '../dist/cli/command-bundle.js';

runCli();
