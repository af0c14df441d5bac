// `shipshape schema`: the JSON Schema of the spec, for editors of architecture.yaml
// (`# yaml-language-server: $schema=architecture.schema.json`).
import type { Command } from 'commander';
import { action, printJson } from './common.js';

export function register(program: Command): void {
  program
    .command('schema')
    .description('print the JSON Schema of architecture specs (for YAML editors)')
    .action(
      action(async () => {
        const { specJsonSchema } = await import('../spec/json-schema.js');
        printJson(specJsonSchema());
      }),
    );
}
