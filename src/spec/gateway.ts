// `ingress.gateway`: route a component through a Gateway API Gateway (an HTTPRoute attached to it)
// instead of an Ingress. The NetworkPolicy admits the Gateway's pods: by their labels when given,
// else everything in the Gateway's namespace.
import * as z from 'zod';
import { DNS_LABEL, isDnsSubdomain, isLabelKey, isLabelValue } from './names.js';

export const gatewayField = z
  .strictObject({
    name: z.string().refine(isDnsSubdomain, 'expected the name of a Gateway'),
    namespace: z
      .string()
      .regex(DNS_LABEL, 'expected a namespace (a DNS label)')
      .describe("The Gateway's namespace (its listener must allow routes from this one); default: the component's.")
      .optional(),
    sectionName: z
      .string()
      .regex(DNS_LABEL, 'expected a listener name')
      .describe('The listener to attach to; default: every listener that accepts the route.')
      .optional(),
    podLabels: z
      .record(
        z.string().refine(isLabelKey, 'expected a label key'),
        z.string().refine(isLabelValue, 'expected a label value'),
      )
      .describe(
        "Labels of the Gateway's data-plane pods, admitted by the NetworkPolicy; default: every pod of its namespace.",
      )
      .optional(),
  })
  .describe('Route through this Gateway with an HTTPRoute instead of an Ingress.');
