import { describe, expect, it } from 'vitest';
import { analyzeCompose } from '../../tools/analyzers/compose/index.js';
import { validateComposeFile } from '../../tools/analyzers/schema/compose.js';

describe('Compose key and shape validation', () => {
  it('accepts the common keys, x- extensions and interpolated scalars', () => {
    const ok = {
      name: 'p',
      'x-common': { restart: 'always' },
      services: {
        web: {
          build: { context: '.', target: 'prod', args: { A: '1' } },
          ports: ['8080:80'],
          environment: ['A=1'],
          depends_on: { db: { condition: 'service_healthy' } },
          healthcheck: { test: ['CMD', 'true'], interval: '10s' },
          deploy: { resources: { limits: { memory: '128M', cpus: '0.5' } } },
          read_only: '${RO:-true}',
          'x-note': 'anything',
        },
        db: { image: 'postgres:17', command: 'postgres -c x=1' },
      },
      volumes: { data: null },
      networks: { back: { internal: true } },
      secrets: { pw: { file: './pw.txt' } },
    };
    expect(validateComposeFile(ok)).toEqual([]);
  });

  it('an unknown service key with a suggestion', () => {
    const issues = validateComposeFile({ services: { web: { image: 'a:1', enviroment: ['A=1'] } } });
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ problem: 'unknown-field', path: ['services', 'web', 'enviroment'] });
    expect(issues[0].message).toContain('did you mean "environment"');
  });

  it.each([
    ['ports as a string', { services: { w: { ports: '80:80' } } }, 'services.w.ports must be a list'],
    ['environment as a string', { services: { w: { environment: 'A=1' } } }, 'map or a list'],
    ['image as a list', { services: { w: { image: ['a'] } } }, 'services.w.image must be a single value'],
    ['services as a list', { services: ['w'] }, 'services must be a map'],
    ['deploy limits as a list', { services: { w: { deploy: { resources: { limits: ['1'] } } } } }, 'limits must be a map'],
  ])('wrong shape: %s', (_n, file, msg) => {
    expect(validateComposeFile(file).map((i) => i.message).join('\n')).toContain(msg);
  });

  it('unknown keys inside build and healthcheck, and at the top level', () => {
    const issues = validateComposeFile({ servcies: {}, services: { w: { build: { contxt: '.' }, healthcheck: { tests: 'x' } } } });
    expect(issues.map((i) => i.path.join('.')).sort()).toEqual(['servcies', 'services.w.build.contxt', 'services.w.healthcheck.tests']);
  });

  it('findings carry positions; a file without services is one structure finding', () => {
    const f = analyzeCompose('services:\n  web:\n    image: a:1\n    enviroment: []\n', { file: 'c.yaml' }).find((x) => x.rule === 'COMPOSE-SCHEMA-FIELD');
    expect(f).toMatchObject({ line: 4, column: 5 });
    expect(analyzeCompose('volumes: {}\n', { file: 'c.yaml' }).map((x) => x.rule)).toEqual(['COMPOSE-STRUCTURE']);
    expect(analyzeCompose('include:\n  - ./db/compose.yaml\n', { file: 'c.yaml' })).toEqual([]);
    expect(analyzeCompose('services: [\n', { file: 'c.yaml' }).map((x) => x.rule)).toContain('YAML-PARSE');
  });
});
