// Rendering a Kustomize folder with the real kustomize inside kubectl (`kubectl kustomize DIR`),
// so its objects are what `kubectl apply -k` would send. kubectl is the one tool assumed, never
// a reimplementation of kustomize.
import { execFile } from 'node:child_process';
import { InputError } from '../diagnostics/index.js';

/** The file name objects rendered from `dir` carry: the command that made them. */
export function kustomizeSource(dir: string): string {
  return `kubectl kustomize ${dir}`;
}

/** The rendered manifests of the Kustomize root `dir`. Without kubectl, or when it fails, an InputError. */
export function renderKustomization(dir: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('kubectl', ['kustomize', dir], { maxBuffer: 1 << 30, encoding: 'utf8' }, (err, stdout, stderr) => {
      if (!err) return resolve(stdout);
      if ((err as NodeJS.ErrnoException).code === 'ENOENT')
        return reject(
          new InputError(
            `${dir}: a Kustomize folder and kubectl is not on PATH: run \`kubectl kustomize ${dir} > rendered.yaml\` (or \`kustomize build ${dir}\`) where kubectl is, and pass rendered.yaml; or pass --no-render to read the folder's files as they are`,
            [],
            { file: dir },
          ),
        );
      const why = stderr.trim().split('\n').filter(Boolean);
      reject(
        new InputError(`${dir}: \`kubectl kustomize ${dir}\` failed${why.length ? `: ${why[0]}` : ''}`, why.slice(1), {
          file: dir,
        }),
      );
    });
  });
}
