import { describe, expect, it } from 'vitest';
import { validateSarif } from './sarif-validate.js';

const valid = () => ({
  version: '2.1.0',
  $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
  runs: [
    {
      tool: { driver: { name: 't', rules: [{ id: 'R1', shortDescription: { text: 'x' }, defaultConfiguration: { level: 'warning' } }] } },
      originalUriBaseIds: { '%SRCROOT%': { uri: 'file:///w/' } },
      results: [{ ruleId: 'R1', ruleIndex: 0, level: 'error', message: { text: 'm' }, locations: [{ physicalLocation: { artifactLocation: { uri: 'a/Dockerfile', uriBaseId: '%SRCROOT%' }, region: { startLine: 1, startColumn: 1 } } }] }],
    },
  ],
});

// The validator must itself catch what it claims to, or the SARIF test proves nothing.
describe('the SARIF validator', () => {
  it('accepts a minimal valid log', () => expect(validateSarif(valid())).toEqual([]));
  const mutations: [string, (l: ReturnType<typeof valid>) => void, RegExp][] = [
    ['wrong version', (l) => ((l as { version: string }).version = '2.0.0'), /version/],
    ['driver without name', (l) => delete (l.runs[0].tool.driver as { name?: string }).name, /driver.name/],
    ['result without message', (l) => delete (l.runs[0].results[0] as { message?: unknown }).message, /message/],
    ['bad level', (l) => ((l.runs[0].results[0] as { level: string }).level = 'info'), /level/],
    ['unknown ruleId', (l) => (l.runs[0].results[0].ruleId = 'R2'), /ruleId/],
    ['startLine 0', (l) => (l.runs[0].results[0].locations[0].physicalLocation.region.startLine = 0), /startLine/],
    ['undeclared base id', (l) => (l.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uriBaseId = 'NOPE'), /uriBaseId/],
    ['ruleIndex to another rule', (l) => (l.runs[0].results[0].ruleIndex = 3), /ruleIndex|not among/],
    ['rule level not SARIF', (l) => (l.runs[0].tool.driver.rules[0].defaultConfiguration.level = 'style'), /defaultConfiguration/],
  ];
  it.each(mutations)('rejects %s', (_n, mutate, re) => {
    const l = valid();
    mutate(l);
    const errors = validateSarif(l);
    expect(errors.join('\n')).toMatch(re);
  });
});
