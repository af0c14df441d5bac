// The input options graph, reach, plan and check share (src/cli/common.ts).
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { inputOptions, outputFormat, type InputCliOptions } from '../../src/cli/common.js';
import { InputError } from '../../src/diagnostics/index.js';

function parse(args: string[]): InputCliOptions {
  const cmd = inputOptions(new Command('x').exitOverride(), { json: 'as JSON', format: 'text | json' });
  cmd.parse(args, { from: 'user' });
  return cmd.opts() as InputCliOptions;
}

describe('inputOptions', () => {
  it('defaults to text output in namespace default, with no profile', () => {
    expect(parse([])).toEqual({ format: 'text', namespace: 'default', render: true });
  });
  it('reads --json, --format, -n, --profile, --no-render and --strict', () => {
    expect(parse(['--json', '-n', 'shop', '--profile', 'prod'])).toEqual({
      json: true,
      format: 'text',
      namespace: 'shop',
      profile: 'prod',
      render: true,
    });
    expect(parse(['--format', 'json', '--namespace', 'ops', '--no-render', '--strict'])).toEqual({
      format: 'json',
      namespace: 'ops',
      render: false,
      strict: true,
    });
  });
});

describe('outputFormat', () => {
  it('--json is --format json', () => {
    expect(outputFormat({ json: true, format: 'text' }, ['text', 'json'])).toBe('json');
    expect(outputFormat({ format: 'sarif' }, ['text', 'json', 'sarif'])).toBe('sarif');
  });
  it('a format the command does not print is bad input, naming the ones it does', () => {
    expect(() => outputFormat({ format: 'yaml' }, ['text', 'json'])).toThrow(
      new InputError('--format: expected text or json, got "yaml"'),
    );
    expect(() => outputFormat({ format: 'json' }, ['text', 'markdown'], '--format with --list')).toThrow(
      '--format with --list: expected text or markdown, got "json"',
    );
    expect(() => outputFormat({ format: 'x' }, ['text', 'json', 'sarif'])).toThrow(InputError);
    expect(() => outputFormat({ format: 'x' }, ['text', 'json', 'sarif'])).toThrow('expected text, json or sarif');
  });
});
