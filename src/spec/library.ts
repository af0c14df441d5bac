// The module a code spec's `import … from 'shipshape'` gets. The CLI provides the library entry it
// carries in its bundle (cli/main.ts), so loading a spec loads no second copy of the package (from
// dist/index.js, through Node's ES module loader: ~10 ms of a build; issue 16). Without one (the
// package's modules run directly, as in tests), jiti loads the package's entry file.
let provided: Record<string, unknown> | undefined;

export function provideLibrary(entry: Record<string, unknown>): void {
  provided = entry;
}

export function providedLibrary(): Record<string, unknown> | undefined {
  return provided;
}
