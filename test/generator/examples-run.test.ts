import path from 'node:path';
import { execa } from 'execa';
import type { ResultPromise } from 'execa';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort, waitForHttp } from '../support/engine.js';
import { EXAMPLES } from './support.js';

/** How long an example may take to start listening (pyenv shims are slow on a busy machine). */
const START_TIMEOUT_MS = 15_000;

// The interpreter itself, not a pyenv shim: a shim costs seconds per start on a loaded machine.
const python = await execa('python3', ['-c', 'import sys; print(sys.executable)'], { reject: false }).catch(() => undefined);
const hasPython = python?.exitCode === 0;
if (!hasPython) console.warn('[examples test skipped] python-web: no python3 on this machine');
const go = await execa('go', ['version'], { reject: false }).catch(() => ({ exitCode: 1 }));
if (go.exitCode !== 0) console.warn('[examples test skipped] go-service: no Go toolchain on this machine');

describe('examples run as they are and answer GET /health with 200', () => {
  let child: ResultPromise | undefined;
  afterEach(async () => {
    child?.kill('SIGTERM');
    await child?.catch(() => undefined);
    child = undefined;
  });

  async function startAndCheck(command: string, args: string[], cwd: string) {
    const port = await freePort();
    child = execa(command, args, { cwd, env: { PORT: String(port) }, reject: false });
    const health = await waitForHttp(port, '/health', START_TIMEOUT_MS);
    expect(health.status).toBe(200);
    expect(JSON.parse(health.body)).toMatchObject({ status: 'ok' });
    expect((await waitForHttp(port, '/nope', START_TIMEOUT_MS)).status).toBe(404);
    // SIGTERM ends the app cleanly (exit 0), as a container stop would.
    child.kill('SIGTERM');
    const result = await child;
    expect(result.exitCode).toBe(0);
  }

  it('node-api (npm start is `node server.js`)', async () => {
    await startAndCheck(process.execPath, ['server.js'], path.join(EXAMPLES, 'node-api'));
  });

  it('poor-dockerfile app', async () => {
    await startAndCheck(process.execPath, ['server.js'], path.join(EXAMPLES, 'poor-dockerfile'));
  });

  it.skipIf(!hasPython)(`python-web${hasPython ? '' : ' (skipped: no python3)'}`, async () => {
    await startAndCheck(python!.stdout.trim(), ['app.py'], path.join(EXAMPLES, 'python-web'));
  });

  it.skipIf(go.exitCode !== 0)(`go-service${go.exitCode === 0 ? '' : ' (skipped: no Go toolchain)'}`, async () => {
    await startAndCheck('go', ['run', '.'], path.join(EXAMPLES, 'go-service'));
  }, 120_000);
});
