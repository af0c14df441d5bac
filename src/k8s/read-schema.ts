// The YAML schema Kubernetes reads manifests with. kubectl and the API server decode YAML through
// sigs.k8s.io/yaml (go-yaml v2 underneath), which resolves plain scalars by YAML 1.1 rules:
// `yes`/`no`/`on`/`off`/`y`/`n` are booleans, `0755` is octal (493), `1_000` is 1000. Timestamps,
// binary, sets and omaps do not exist in JSON, so they stay strings. Quoted scalars are always strings.
import jsyaml from 'js-yaml';

const { types } = jsyaml as unknown as { types: Record<'null' | 'float' | 'merge', jsyaml.Type> };

const TRUE = new Set(['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON']);
const FALSE = new Set(['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF']);

const bool11 = new jsyaml.Type('tag:yaml.org,2002:bool', {
  kind: 'scalar',
  resolve: (data: string) => TRUE.has(data) || FALSE.has(data),
  construct: (data: string) => TRUE.has(data),
  predicate: (o: unknown) => typeof o === 'boolean',
});

// go-yaml v2 strips `_` and parses with Go's strconv.ParseInt(s, 0, 64): 0b/0o/0x prefixes and a
// leading 0 for octal. Anything else that looks numeric (`08`, `1e3`) falls through to float.
const INT11 = /^[-+]?(?:0b[01]+|0o?[0-7]+|0x[0-9a-fA-F]+|0|[1-9][0-9]*)$/;

const int11 = new jsyaml.Type('tag:yaml.org,2002:int', {
  kind: 'scalar',
  resolve: (data: string) => INT11.test(data.replace(/_/g, '')),
  construct: (data: string) => {
    const s = data.replace(/_/g, '');
    const sign = s.startsWith('-') ? -1 : 1;
    const digits = s.replace(/^[-+]/, '');
    if (/^0b/.test(digits)) return sign * parseInt(digits.slice(2), 2);
    if (/^0x/.test(digits)) return sign * parseInt(digits.slice(2), 16);
    if (/^0o?[0-7]+$/.test(digits)) return sign * parseInt(digits.replace(/^0o?/, ''), 8);
    return sign * parseInt(digits, 10);
  },
  predicate: (o: unknown) => typeof o === 'number' && Number.isInteger(o),
});

export const KUBE_YAML_SCHEMA = jsyaml.FAILSAFE_SCHEMA.extend({
  implicit: [types.null, bool11, int11, types.float, types.merge],
});
