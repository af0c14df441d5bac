// Where the project's shared material lives: `shared/` beside the checkout (CI clones the
// repository with `../shared` next to it), or SHIPSHAPE_SHARED when set.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const SHARED = process.env.SHIPSHAPE_SHARED ?? fileURLToPath(new URL('../../shared', import.meta.url));
export const CORPUS = resolve(SHARED, 'corpus');
export const SEEDS = resolve(SHARED, 'seeds');
