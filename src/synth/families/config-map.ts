// The component's own ConfigMap (`config`), named `<component>-config` unless the spec names it.
import { configMapName } from '../pod.js';
import type { GeneratorFamily } from '../family.js';

export const configMapFamily: GeneratorFamily = {
  name: 'config-map',
  forComponent: (ctx) => {
    const name = configMapName(ctx);
    if (!name) return [];
    return [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: ctx.meta(name), data: { ...ctx.component.config!.data } }];
  },
};
