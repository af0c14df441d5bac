// A small Deployment for validation tests, with the replicas given: a number is valid, a string
// (`'two'`) is not.
import type { KubeObject } from '../../src/k8s/object.js';

export const deploymentWithReplicas = (replicas: unknown): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'w', namespace: 'a' },
  spec: {
    replicas,
    selector: { matchLabels: { a: 'b' } },
    template: { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'w', image: 'w:1' }] } },
  },
});
