import { readFileSync } from 'node:fs';
import path from 'node:path';
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

describe('a fix never changes what a later instruction sees (issue 14.4)', () => {
  it('an `apt-get update` RUN followed by an install RUN keeps its lists; the install RUN is where they are removed', async () => {
    const src = 'FROM debian:12\nRUN apt-get update\nRUN apt-get install -y curl\n';
    const out = await fixDockerfile(src, { file: 'Dockerfile' });
    const lines = out.text.split('\n');
    expect(lines[1]).toBe('RUN apt-get update');
    expect(out.text).toMatch(/RUN apt-get install --no-install-recommends -y curl \\\n {4}&& rm -rf \/var\/lib\/apt\/lists\/\*/);
    // The update RUN still leaves its lists in a layer: that stays a finding for a person to merge.
    const left = (await analyzeDockerfile(out.text, { file: 'Dockerfile' })).filter((f) => f.rule === 'DL3009');
    expect(left.map((f) => f.line)).toEqual([2]);
  });

  it('the README example (examples/poor-dockerfile) keeps an installable sequence after --fix', async () => {
    const src = readFileSync(path.resolve('examples/poor-dockerfile/Dockerfile'), 'utf8');
    const out = (await fixDockerfile(src, { file: 'Dockerfile' })).text;
    const runs = out.split('\n').filter((l) => l.startsWith('RUN '));
    const update = runs.findIndex((r) => r.includes('apt-get update'));
    const install = runs.findIndex((r) => r.includes('apt-get install'));
    expect(update).toBeLessThan(install);
    expect(runs.slice(0, install).some((r) => r.includes('rm -rf /var/lib/apt/lists'))).toBe(false);
  });
});
