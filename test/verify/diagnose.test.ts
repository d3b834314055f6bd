/** The verify loop's readings of real output: sockets from /proc/net/tcp, causes from build and container logs. */
import { describe, expect, it } from 'vitest';
import { diagnoseBuild, diagnoseRun, lastLines, listeningSockets, projectRelative } from '../../agent/models/offline/verify/diagnose.js';

describe('listeningSockets', () => {
  it('decodes LISTEN rows of /proc/net/tcp and tcp6, with their bind address', () => {
    const text = [
      '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode',
      '   0: 0100007F:0BB8 00000000:0000 0A 00000000:00000000 00:00000000 00000000 10001        0 1234 1 0000000000000000 100 0 0 10 0',
      '   1: 00000000:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000 10001        0 1235 1 0000000000000000 100 0 0 10 0',
      '   2: 0200580A:1F90 0100580A:C350 01 00000000:00000000 00:00000000 00000000 10001        0 1236 1 0000000000000000 20 4 30 10 -1',
      '  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode',
      '   0: 00000000000000000000000000000000:0BB9 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000 10001 0 1 1 0000000000000000 100 0 0 10 0',
      '   1: 00000000000000000000000001000000:0BBA 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000 10001 0 1 1 0000000000000000 100 0 0 10 0',
      '   2: 0000000000000000FFFF00000100007F:0BBB 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000 10001 0 1 1 0000000000000000 100 0 0 10 0',
    ].join('\n');
    expect(listeningSockets(text)).toEqual([
      { address: '127.0.0.1', port: 3000, loopback: true },
      { address: '0.0.0.0', port: 8080, loopback: false },
      { address: '::', port: 3001, loopback: false },
      { address: '::1', port: 3002, loopback: true },
      { address: '::ffff:127.0.0.1', port: 3003, loopback: false },
    ]);
    expect(listeningSockets('cat: /proc/net/tcp6: No such file or directory')).toEqual([]);
  });
});

describe('diagnoseBuild', () => {
  const cases: [string, RegExp, string?][] = [
    ['npm error `npm ci` can only install packages when your package.json and package-lock.json or npm-shrinkwrap.json are in sync. Please update your lock file with `npm install` before continuing.', /out of sync/, 'npm-install'],
    ['Error: creating build container: initializing source docker://node:22-bookworm-slim: pinging container registry registry-1.docker.io: Get "https://registry-1.docker.io/v2/": dial tcp: lookup registry-1.docker.io: no such host', /base image is not available.*--base-image/],
    ['ERROR: Could not find a version that satisfies the requirement Flask==3.1.0 (from versions: 3.1.3)\nERROR: No matching distribution found for Flask==3.1.0', /pip cannot install Flask==3\.1\.0/],
    ['go: github.com/go-chi/chi/v5@v5.0.1: Get "https://proxy.golang.org/github.com/go-chi/chi/v5/@v/v5.0.1.info": dial tcp: lookup proxy.golang.org: no such host', /Go modules cannot be downloaded/],
    ['/bin/sh: 1: yarn: not found\nbuilding at STEP "RUN yarn install": while running runtime: exit status 127', /has no yarn/],
    ['src/index.ts(3,20): error TS2307: Cannot find module \'./x\' or its corresponding type declarations.', /TypeScript build failed/],
    ['something else entirely\n\n[exit code 1]', /the build failed: something else entirely$/],
  ];
  it.each(cases)('%s', (log, cause, repair) => {
    const d = diagnoseBuild(log);
    expect(d.cause).toMatch(cause);
    expect(d.repair?.kind).toBe(repair);
  });
});

describe('diagnoseRun', () => {
  const cases: [string, RegExp, object?][] = [
    ['Traceback (most recent call last):\n  File "/app/app/main.py", line 3, in <module>\n    from .routers import items\nImportError: attempted relative import with no known parent package', /relative imports was started as a script/, { kind: 'python-module', module: 'app.main' }],
    ['panic: html/template: pattern matches no files: `templates/*.html`\n\ngoroutine 1 [running]:', /templates the server loads/, { kind: 'copy-runtime-file', path: 'templates' }],
    ['2026/12/06 open gophercolor.png: no such file or directory', /opens gophercolor\.png/, { kind: 'copy-runtime-file', path: 'gophercolor.png' }],
    ["Error: Failed to lookup view \"index\" in views directory \"/app/views\"", /reads \/app\/views/, { kind: 'copy-runtime-file', path: 'views' }],
    ["Error: EACCES: permission denied, open '/app/data/state.json'", /cannot write \/app\/data\/state\.json/, { kind: 'writable', path: 'data' }],
    ["PermissionError: [Errno 13] Permission denied: 'instance'", /cannot write instance/, { kind: 'writable', path: 'instance' }],
    ['sqlite3.OperationalError: attempt to write a readonly database', /cannot write its database file/, { kind: 'writable', path: '.' }],
    ["Error: Cannot find module '/app/dist/main.js'", /cannot find module \/app\/dist\/main\.js/, undefined],
  ];
  it.each(cases)('%s', (log, cause, repair) => {
    const d = diagnoseRun(log, '/app');
    expect(d?.cause).toMatch(cause);
    expect(d?.repair).toEqual(repair);
  });
  it('says nothing about logs with no known cause', () => {
    expect(diagnoseRun('listening on 3000', '/app')).toBeUndefined();
  });
});

describe('helpers', () => {
  it('projectRelative keeps the top folder of a path inside the app, and nothing outside it', () => {
    expect(projectRelative('/app/templates/index.html', '/app')).toBe('templates');
    expect(projectRelative('./static/*.css', '/app')).toBe('static');
    expect(projectRelative('/etc/passwd', '/app')).toBeUndefined();
    expect(projectRelative('../x', '/app')).toBeUndefined();
  });
  it('lastLines skips blank lines and the exit-code trailer', () => {
    expect(lastLines('a\n\nb\n\n[exit code 1]\n', 2)).toBe('a | b');
  });
});
