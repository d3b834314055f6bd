import { describe, expect, it } from 'vitest';
import { chooseVersion, exactVersion, truncateVersion } from '../../tools/generator/detect/version-spec.js';
import { runtimeVersion } from '../../tools/generator/detect/runtime-version.js';

describe('chooseVersion', () => {
  it.each([
    // [spec, preferred, known lines, expected]
    ['20.11.1', '22', [], '20.11.1'],
    ['v18', '22', [], '18'],
    ['>=18', '22', [], '22'],
    ['>=18.0.0 <21', '22', ['22', '20', '18'], '20'],
    ['^20.9.0', '22', ['24', '22', '20', '18'], '20'],
    ['^8.1', '8.3', [], '8.3'],
    ['^8.1|^7.4', '8.3', [], '8.3'],
    ['>=3.9,<3.12', '3.12', ['3.13', '3.12', '3.11', '3.10'], '3.11'],
    ['~=3.10', '3.12', [], '3.12'],
    ['==3.10.*', '3.12', ['3.12', '3.11', '3.10'], '3.10'],
    ['~3.2', '3.3', ['3.4', '3.3', '3.2'], '3.2'],
    ['18.x', '22', ['22', '20', '18'], '18'],
    ['>=16 <18', '22', [], '16'],
    ['<3', '22', [], undefined],
    ['lts/*', '22', [], undefined],
  ] as const)('%s (preferred %s) -> %s', (spec, preferred, lines, expected) => {
    expect(chooseVersion(spec, preferred, lines)).toBe(expected);
  });

  it('runtimeVersion uses the language defaults', () => {
    expect(runtimeVersion('node', '>=18')).toBe('22');
    expect(runtimeVersion('python', '>=3.8,<3.11')).toBe('3.10');
    expect(runtimeVersion('php', '^7.4')).toBe('7.4');
  });

  it('exactVersion and truncateVersion', () => {
    expect(exactVersion('v20.1.0')).toBe('20.1.0');
    expect(exactVersion('>=20')).toBeUndefined();
    expect(truncateVersion('3.11.4', 2)).toBe('3.11');
  });
});
