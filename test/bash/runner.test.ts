import { chmodSync, existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bashTool, DEFAULT_TIMEOUT_MS, MAX_TIMEOUT_MS } from '../../tools/bash/index.js';
import { makeFixture } from '../firewall/fixture.js';
import type { Fixture } from '../firewall/fixture.js';
import { toolContext } from '../firewall/harness.js';
import { waitFor } from '../sessions/helpers.js';

let fx: Fixture;
let bin: string;
beforeAll(() => {
  fx = makeFixture();
  bin = path.join(fx.root, 'bin');
  mkdirSync(bin);
  const script = (name: string, body: string) => {
    writeFileSync(path.join(bin, name), `#!/bin/sh\n${body}\n`);
    chmodSync(path.join(bin, name), 0o755);
  };
  // A "docker" that leaves a grandchild in its process group and then hangs.
  script('hang', 'sleep 300 &\necho $! > "$PIDFILE"\necho started\nsleep 300');
  script('say', 'printf "%s\\n" "$@"');
  script('err', 'echo "to stderr: $1" >&2\nexit ${2:-0}');
  script('fail', 'exit 3');
  script('upper', 'tr a-z A-Z');
  script('count', 'wc -l');
  script('showenv', 'echo "DOCKER_BUILDKIT=$DOCKER_BUILDKIT"');
});
afterAll(() => fx.cleanup());

function tool(extra = {}) {
  return bashTool({ env: { PATH: `${bin}:/usr/bin:/bin`, PIDFILE: path.join(fx.root, 'pid'), HOME: fx.home }, home: fx.home, cwd: fx.proj, ...extra });
}
async function run(command: string, extra = {}, timeout?: number) {
  const t = tool(extra);
  return t.call(t.inputSchema.parse({ command, ...(timeout ? { timeout } : {}) }), toolContext(fx));
}

/** A pid file path no earlier run wrote (a stale one would let a test pass without its own run). */
function freshPidFile(name: string): string {
  const file = path.join(fx.root, `pid-${name}`);
  expect(existsSync(file)).toBe(false);
  return file;
}
const hangEnv = (pidFile: string) => ({ PATH: `${bin}:/usr/bin:/bin`, PIDFILE: pidFile, HOME: fx.home });

function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.split(') ')[1]?.[0] !== 'Z';
  } catch {
    return false;
  }
}

describe('the Bash tool runner', () => {
  it('timeout kills the whole process group: no grandchild survives', async () => {
    const pidFile = freshPidFile('timeout');
    const r = await run('hang', { killGraceMs: 200, env: hangEnv(pidFile) }, 500);
    expect(r.isError).toBe(true);
    expect(r.content).toMatch(/started[\s\S]*timed out after 500 ms/);
    // This run's grandchild (the file did not exist before it), gone once the group was killed.
    const pid = Number(readFileSync(pidFile, 'utf8'));
    expect(pid).toBeGreaterThan(0);
    await waitFor(() => !alive(pid), 15_000, `grandchild ${pid} to exit`);
  });

  it('an abort signal kills the group too', async () => {
    const pidFile = freshPidFile('abort');
    const t = tool({ killGraceMs: 100, env: hangEnv(pidFile) });
    const ac = new AbortController();
    const call = t.call({ command: 'hang' }, { ...toolContext(fx), signal: ac.signal });
    // Abort once the grandchild is running (its pid written and alive), whatever the load.
    await waitFor(() => existsSync(pidFile) && readFileSync(pidFile, 'utf8').endsWith('\n'), 15_000, 'the pid file');
    const pid = Number(readFileSync(pidFile, 'utf8'));
    expect(alive(pid)).toBe(true);
    ac.abort();
    const r = await call;
    expect(r.content).toMatch(/interrupted/);
    await waitFor(() => !alive(pid), 15_000, `grandchild ${pid} to exit`);
  });

  it(`accepts timeouts up to ${MAX_TIMEOUT_MS} ms and refuses more (default ${DEFAULT_TIMEOUT_MS})`, () => {
    const t = tool();
    expect(t.inputSchema.safeParse({ command: 'x', timeout: MAX_TIMEOUT_MS }).success).toBe(true);
    expect(t.inputSchema.safeParse({ command: 'x', timeout: MAX_TIMEOUT_MS + 1 }).success).toBe(false);
    expect(t.inputSchema.safeParse({ command: 'x', extra: 1 }).success).toBe(false);
  });

  it('passes argv exactly, with quoting, $PWD and $HOME resolved', async () => {
    const r = await run(`say 'a b' "c\\"d" $PWD ~/x '$HOME'`);
    expect(r.content).toBe(`a b\nc"d\n${fx.proj}\n${fx.home}/x\n$HOME\n`);
  });

  it('pipes stdout into the next stage; |& and 2>&1 pipe stderr too; stderr of earlier stages is shown', async () => {
    expect((await run('say a b c | count')).content.trim()).toBe('3');
    expect((await run('err x | count')).content).toMatch(/to stderr: x[\s\S]*0/);
    expect((await run('err x |& count')).content.trim()).toBe('1');
    expect((await run('err x 2>&1 | upper')).content.trim()).toBe('TO STDERR: X');
    expect((await run('err x 2>/dev/null')).content).toBe('(no output)');
  });

  it('applies ; && || with bash short-circuit rules and reports the last exit code', async () => {
    expect((await run('fail && say no; say yes')).content).toBe('yes\n');
    expect((await run('fail || say rescued')).content).toBe('rescued\n');
    expect((await run('say a || say b && say c')).content).toBe('a\nc\n');
    const r = await run('say x && fail');
    expect(r).toMatchObject({ isError: true });
    expect(r.content).toMatch(/\[exit code 3\]/);
  });

  it('writes redirections inside the project, appends with >>, and shares one file for >f 2>&1', async () => {
    await run('say one > out.txt');
    await run('say two >> out.txt');
    expect(readFileSync(path.join(fx.proj, 'out.txt'), 'utf8')).toBe('one\ntwo\n');
    await run('err boom > both.txt 2>&1');
    expect(readFileSync(path.join(fx.proj, 'both.txt'), 'utf8')).toBe('to stderr: boom\n');
  });

  it('never writes through a final symlink', async () => {
    symlinkSync(path.join(fx.root, 'victim.txt'), path.join(fx.proj, 'trap.txt'));
    const r = await run('say x > trap.txt');
    expect(r.isError).toBe(true);
    expect(r.content).toMatch(/redirection failed/);
    expect(existsSync(path.join(fx.root, 'victim.txt'))).toBe(false);
  });

  it('refuses to redirect to or from a FIFO (opening one would block the runtime)', async () => {
    const { execFileSync } = await import('node:child_process');
    execFileSync('mkfifo', [path.join(fx.proj, 'fifo')]);
    expect((await run('upper < fifo')).content).toMatch(/not a regular file/);
    expect((await run('say x > fifo')).content).toMatch(/redirection failed/);
  });

  it('feeds here-documents and here-strings to stdin', async () => {
    expect((await run("upper <<'EOF'\nhello\nEOF")).content).toBe('HELLO\n');
    expect((await run('upper <<< "hi there"')).content).toBe('HI THERE\n');
  });

  it('never passes the runtime\'s own credentials to commands', async () => {
    const t = bashTool({ env: { PATH: `${bin}:/usr/bin:/bin`, ANTHROPIC_API_KEY: 'sk-secret', KEEP: 'yes' }, home: fx.home });
    writeFileSync(path.join(bin, 'dumpenv'), '#!/bin/sh\necho "key=$ANTHROPIC_API_KEY keep=$KEEP"\n');
    chmodSync(path.join(bin, 'dumpenv'), 0o755);
    expect((await t.call({ command: 'dumpenv' }, toolContext(fx))).content).toBe('key= keep=yes\n');
  });

  it('refuses a redirection whose folder became a symbolic link after the check', async () => {
    symlinkSync(fx.root, path.join(fx.proj, 'swapped'));
    const r = await run('say x > swapped/planted.txt');
    expect(r.content).toMatch(/symbolic link/);
    expect(existsSync(path.join(fx.root, 'planted.txt'))).toBe(false);
  });

  it('applies environment prefixes to the one command only', async () => {
    expect((await run('DOCKER_BUILDKIT=1 showenv; showenv')).content).toBe('DOCKER_BUILDKIT=1\nDOCKER_BUILDKIT=\n');
  });

  it('reports a missing program, and refuses what it cannot run without a shell', async () => {
    expect((await run('no-such-program')).content).toMatch(/command not found/);
    const r = await run('say $(id)');
    expect(r).toMatchObject({ isError: true });
    expect(r.content).toMatch(/Refused: command substitution/);
    expect((await run('/bin/echo x')).content).toMatch(/given by path/);
  });

  it('keeps at most maxCaptureChars of output and says how much it dropped', async () => {
    expect((await run('say 0123456789', { maxCaptureChars: 11 })).content).toBe('0123456789\n');
    expect((await run('say 0123456789', { maxCaptureChars: 10 })).content).toBe('0123456789\n[1 more characters of output were dropped]');
  });

  it('takes the command-length and subcommand limits as options', async () => {
    const limits = { maxCommandChars: 24, maxSubcommands: 2 };
    expect((await run('say a && say b', { limits })).content).toBe('a\nb\n');
    expect((await run('say a && say b && say c', { limits })).content).toMatch(/3 subcommands; the limit is 2/);
    expect((await run('say 123456789012345678901', { limits })).content).toMatch(/the limit is 24/);
    expect((await run('say 12345678901234567890', { limits })).content).toBe('12345678901234567890\n');
  });

  it('classifies read-only calls by the firewall (isReadOnly)', async () => {
    const t = tool();
    await new Promise((r) => setTimeout(r, 50));
    const { loadBashParser } = await import('../../shell/parser.js');
    await loadBashParser();
    expect(t.isReadOnly({ command: 'docker ps -a | grep web' })).toBe(true);
    expect(t.isReadOnly({ command: 'kubectl get po && kubectl describe po x' })).toBe(true);
    expect(t.isReadOnly({ command: 'kubectl apply --dry-run=client -f k8s/deploy.yaml' })).toBe(true);
    expect(t.isReadOnly({ command: 'docker stop web' })).toBe(false);
    expect(t.isReadOnly({ command: 'docker ps > out.txt' })).toBe(false);
    expect(t.isReadOnly({ command: 'ls' })).toBe(false);
    expect(t.isReadOnly({ command: 'docker run --privileged alpine' })).toBe(false);
  });
});

describe('containers of timed-out docker run calls', () => {
  it('runs `docker [globals] rm -f NAME` for a named `docker run` that timed out, and nothing for an unnamed one', async () => {
    const shimBin = path.join(fx.root, 'docker-bin');
    mkdirSync(shimBin, { recursive: true });
    const log = path.join(fx.root, 'docker-calls.log');
    writeFileSync(path.join(shimBin, 'docker'), `#!/bin/sh\necho "$*" >> "${log}"\ncase " $* " in *" rm "*) exit 0;; esac\nexec sleep 300\n`);
    chmodSync(path.join(shimBin, 'docker'), 0o755);
    const t = bashTool({ env: { PATH: `${shimBin}:/usr/bin:/bin` }, home: fx.home, killGraceMs: 100 });
    const r = await t.call({ command: 'docker --log-level warn run --init --name web-1 busybox sleep 300', timeout: 400 }, toolContext(fx));
    expect(r.content).toMatch(/timed out/);
    expect(readFileSync(log, 'utf8').trim().split('\n')).toEqual([
      '--log-level warn run --init --name web-1 busybox sleep 300',
      '--log-level=warn rm -f web-1',
    ]);
    writeFileSync(log, '');
    await t.call({ command: 'docker run busybox sleep 300', timeout: 300 }, toolContext(fx));
    expect(readFileSync(log, 'utf8').trim().split('\n')).toEqual(['run busybox sleep 300']);
  });
});
