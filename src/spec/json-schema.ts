// The JSON Schema of the spec as authors write it (input side: defaulted fields stay optional).
import * as z from 'zod';
import { architectureSchema } from './schema.js';

export function specJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(architectureSchema, { io: 'input', unrepresentable: 'any' }),
    title: 'shipshape architecture',
  };
}
