import { describe, expect, it } from 'vitest';
import { analyzeDockerfile, dockerfileRules, fixDockerfile } from '../../tools/analyzers/dockerfile/index.js';
import { df } from './cases.js';

const messy = df(
  'FROM debian:12 as build',
  'MAINTAINER Ops <ops@example.com>',
  'WORKDIR /src',
  'ADD . /src',
  'RUN apt update && apt install curl=7.88.1-10',
  'RUN cd /src/app && make',
  'run pip install --upgrade pip',
  'ENV NODE_ENV production',
  'EXPOSE 8080/TCP',
  'CMD ./server --port 8080',
);

describe('fixDockerfile', () => {
  it('repairs every fixable finding of a messy file and reports each change', async () => {
    const before = await analyzeDockerfile(messy, { file: 'Dockerfile' });
    const fixable = before.filter((f) => f.fixable);
    expect(fixable.length).toBeGreaterThanOrEqual(10);
    const { text, changes } = await fixDockerfile(messy, { file: 'Dockerfile' });
    expect(text).toBe(
      df(
        'FROM debian:12 AS build',
        'LABEL maintainer="Ops <ops@example.com>"',
        'WORKDIR /src',
        'COPY . /src',
        'RUN apt-get update && apt-get install --no-install-recommends -y curl=7.88.1-10 \\',
        '    && rm -rf /var/lib/apt/lists/*',
        'WORKDIR /src/app',
        'RUN make',
        'WORKDIR /src',
        'RUN pip install --no-cache-dir --upgrade pip',
        'ENV NODE_ENV=production',
        'EXPOSE 8080/tcp',
        'CMD ["./server", "--port", "8080"]',
      ),
    );
    for (const c of changes) {
      expect(dockerfileRules.some((r) => r.id === c.rule && r.fixable)).toBe(true);
      expect(c.line).toBeGreaterThan(0);
      expect(c.description.length).toBeGreaterThan(3);
    }
    expect(new Set(changes.map((c) => c.rule))).toEqual(
      new Set(['FromAsCasing', 'DL4000', 'DL3020', 'DL3027', 'DL3014', 'DL3015', 'DL3009', 'DL3003', 'ConsistentInstructionCasing', 'DL3042', 'LegacyKeyValueFormat', 'ExposeProtoCasing', 'DL3025']),
    );
    const after = await analyzeDockerfile(text, { file: 'Dockerfile' });
    expect(after.filter((f) => f.fixable)).toEqual([]);
    expect(after.filter((f) => f.rule === 'DL1000')).toEqual([]);
    expect((await fixDockerfile(text, { file: 'Dockerfile' })).changes).toEqual([]);
  });

  it('leaves a file with a syntax error alone', async () => {
    const broken = df('FROM debian:12', 'ADD a /b', 'BOGUS x');
    expect(await fixDockerfile(broken, { file: 'D' })).toEqual({ text: broken, changes: [] });
  });

  it('keeps CRLF line endings working', async () => {
    const crlf = 'FROM debian:12\r\nADD app /app\r\nCMD ["/app"]\r\n';
    const { text } = await fixDockerfile(crlf, { file: 'D', rules: ['DL3020'] });
    expect(text).toBe('FROM debian:12\r\nCOPY app /app\r\nCMD ["/app"]\r\n');
  });
});
