import { describe, expect, it, vi } from 'vitest';
import { Composer } from 'yaml';
import { yamlKindFromContent } from '../../tools/analyzers/detect.js';
import { buildContext } from '../../tools/analyzers/kubernetes/model.js';
import type { K8sObject } from '../../tools/analyzers/kubernetes/types.js';
import { flowDepth, MAX_YAML_ALIAS_COUNT, MAX_YAML_FLOW_DEPTH, parseYamlDocuments, yamlDocuments } from '../../tools/analyzers/yaml-positions.js';

describe('parseYamlDocuments', () => {
  const text = 'a: 1\n---\nkind: Pod\nspec:\n  containers:\n    - name: x\n      image: y\n';

  it('keeps each document with positions of keys and values', () => {
    const docs = parseYamlDocuments(text);
    expect(docs).toHaveLength(2);
    expect(docs[1].keyPosition(['spec', 'containers', 0, 'image'])).toEqual({ line: 7, column: 7 });
    expect(docs[1].valuePosition(['spec', 'containers', 0, 'image'])).toEqual({ line: 7, column: 14 });
    expect(docs[1].start).toEqual({ line: 3, column: 1 });
  });

  it('a missing path points at the deepest part that exists', () => {
    const docs = parseYamlDocuments(text);
    expect(docs[1].keyPosition(['spec', 'containers', 0, 'securityContext', 'privileged'])).toEqual({ line: 6, column: 7 });
    expect(docs[1].keyPosition(['nope'])).toEqual({ line: 3, column: 1 });
  });

  it('a broken document does not stop the next one', () => {
    const docs = parseYamlDocuments('a: [\n---\nb: 2\n');
    expect(docs[0].errors.length).toBeGreaterThan(0);
    expect(docs[0].value).toBeUndefined();
    expect(docs[1].value).toEqual({ b: 2 });
  });

  it('duplicate keys are errors with a position', () => {
    const [doc] = parseYamlDocuments('a: 1\nb: 2\na: 3\n');
    expect(doc.errors[0]).toMatchObject({ line: 3, code: 'DUPLICATE_KEY' });
  });

  it('template syntax marks the document, a {{ in a comment does not', () => {
    expect(parseYamlDocuments('name: {{ .Values.name }}\n')[0].templated).toBe(true);
    expect(parseYamlDocuments('# see {{ docs }}\nname: x\n')[0].templated).toBe(false);
  });

  it('merge keys are resolved (Compose x- anchors)', () => {
    const [doc] = parseYamlDocuments('x: &d {restart: always}\nservices:\n  a:\n    <<: *d\n    image: i\n');
    expect((doc.value as { services: { a: Record<string, string> } }).services.a).toEqual({ restart: 'always', image: 'i' });
  });

  it('the alias limit: below it is fine, reaching it is an error, not a hang', () => {
    const build = (n: number) => `base: &b x\nrefs:\n${Array.from({ length: n }, () => '  - *b').join('\n')}\n`;
    expect(MAX_YAML_ALIAS_COUNT).toBe(100);
    const below = parseYamlDocuments(build(9), { maxAliasCount: 10 })[0];
    expect(below.errors).toEqual([]);
    expect((below.value as { refs: string[] }).refs).toHaveLength(9);
    const at = parseYamlDocuments(build(10), { maxAliasCount: 10 })[0];
    expect(at.value).toBeUndefined();
    expect(at.errors[0].message).toMatch(/alias/i);
    // The default limit holds against a classic exponential bomb.
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]', ...'bcdefgh'.split('').map((k, i) => `${k}: &${k} [${Array(10).fill('*' + 'abcdefgh'[i]).join(', ')}]`)].join('\n');
    expect(parseYamlDocuments(bomb)[0].errors[0].message).toMatch(/alias/i);
  });

  it('the nesting limit: at it parses, one deeper is refused before the parser recurses', () => {
    const nest = (n: number) => `a: ${'['.repeat(n)}1${']'.repeat(n)}\n`;
    expect(MAX_YAML_FLOW_DEPTH).toBe(64);
    expect(parseYamlDocuments(nest(64))[0].errors).toEqual([]);
    const deep = parseYamlDocuments(nest(65))[0];
    expect(deep.value).toBeUndefined();
    expect(deep.errors[0]).toMatchObject({ code: 'TOO_DEEP', line: 1 });
    expect(parseYamlDocuments(nest(10), { maxFlowDepth: 9 })[0].errors[0].code).toBe('TOO_DEEP');
  });

  it('the nesting attack: half a million brackets are refused quickly instead of exhausting memory', () => {
    const n = 500_000;
    const t0 = performance.now();
    const [doc] = parseYamlDocuments(`x: ${'['.repeat(n)}${']'.repeat(n)}\n`);
    expect(doc.errors[0].code).toBe('TOO_DEEP');
    // Counting stops at the limit: this is a few milliseconds, far from the parser's seconds.
    expect(performance.now() - t0).toBeLessThan(5000);
  });

  it('brackets inside quoted strings, block scalars and comments do not count', () => {
    expect(flowDepth('a: "[[[["\nb: |\n  {{{{\n  "\nc: [1] # [[[[\n')).toBe(1);
  });
});

describe('large multi-document files (issue 14.8)', () => {
  const pod = (i: number, ns = 'default') => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p${i}\n  namespace: ${ns}\n  labels: {app: a${i % 7}}\nspec:\n  containers:\n    - name: c\n      image: nginx:1.27\n`;
  const many = Array.from({ length: 2000 }, (_, i) => pod(i)).join('---\n');

  it('telling a file\'s kind composes its first document only, not the whole stream', () => {
    const composed = vi.spyOn(Composer.prototype, 'next');
    expect(yamlKindFromContent(many, 'all.yaml')).toBe('kubernetes');
    const forKind = composed.mock.calls.length;
    composed.mockClear();
    expect(parseYamlDocuments(many)).toHaveLength(2000);
    const forAll = composed.mock.calls.length;
    composed.mockRestore();
    expect(forKind).toBeGreaterThan(0);
    expect(forKind * 100).toBeLessThan(forAll);
  });

  it('the lazy documents are the same as the whole parse, positions included', () => {
    const text = `${pod(1)}---\n${pod(2, 'other')}---\nbroken: [\n---\n${pod(3)}`;
    const lazy = [...yamlDocuments(text)];
    const whole = parseYamlDocuments(text);
    expect(lazy.map((d) => [d.index, d.value, d.errors, d.start])).toEqual(whole.map((d) => [d.index, d.value, d.errors, d.start]));
    expect(lazy[3]!.keyPosition(['spec', 'containers', 0, 'image'])).toEqual(whole[3]!.keyPosition(['spec', 'containers', 0, 'image']));
    expect(whole[2]!.errors.length).toBeGreaterThan(0);
  });

  it('cross-object lookups come from a kind and namespace index that agrees with a scan', () => {
    const objects = parseYamlDocuments(`${many}---\n${pod(9, 'other')}---\napiVersion: v1\nkind: ServiceAccount\nmetadata: {name: sa}\n`).map((d, i) => ({
      kind: String((d.value as { kind: string }).kind),
      name: String((d.value as { metadata: { name: string } }).metadata.name),
      namespace: (d.value as { metadata: { namespace?: string } }).metadata.namespace,
      value: d.value as Record<string, never>,
      index: i,
    }));
    const ctx = buildContext(objects as unknown as K8sObject[]);
    expect(ctx.ofKind('Pod', 'default')).toHaveLength(2000);
    expect(ctx.ofKind('Pod', undefined)).toHaveLength(2000);
    expect(ctx.ofKind('Pod', 'other').map((o) => o.name)).toEqual(['p9']);
    expect(ctx.ofKind('ServiceAccount', 'default').map((o) => o.name)).toEqual(['sa']);
    expect(ctx.ofKind('Service', 'default')).toEqual([]);
    expect(ctx.podsIn('other')).toHaveLength(1);
    expect(ctx.podsIn(undefined)).toHaveLength(ctx.pods.length - 1);
  });
});
