/**
 * The real container engine for tests: podman's Docker-compatible API started by
 * `scripts/engine/setup.sh`, driven through the real `docker` CLI.
 *
 * Tests ask `engineAvailable()` once; when it says no, they skip with its reason in the test name
 * (see `engineSkipReason`). Every container a test starts gets `--init` and a unique `--name`, and a
 * `ContainerJanitor` removes it (`docker rm -f NAME`) in afterEach/afterAll.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import net from 'node:net';
import { randomBytes } from 'node:crypto';
import { execa } from 'execa';

/** Where `scripts/engine/setup.sh` writes the engine's environment (override: DOCKER_EXPERT_ENGINE_ENV). */
export const ENGINE_ENV_FILE = '/tmp/docker-expert-engine/env';
/** How long `docker version` may take to answer before the engine counts as unavailable. */
export const ENGINE_PROBE_TIMEOUT_MS = 10_000;
/** Default limit for one docker CLI call made by these helpers (builds can take a while). */
export const DOCKER_COMMAND_TIMEOUT_MS = 120_000;
/** Default wait for a published port to accept connections. */
export const PORT_WAIT_TIMEOUT_MS = 15_000;
/** Default wait for a container's health check to report healthy. */
export const HEALTH_WAIT_TIMEOUT_MS = 30_000;
/** Pause between polls while waiting for a port, a health status or a state. */
export const POLL_INTERVAL_MS = 100;

const ENV_KEYS_PASSED_TO_DOCKER = ['DOCKER_HOST', 'DOCKER_CONFIG', 'CONTAINERS_CONF'] as const;

export interface EngineImages {
  /** `FROM scratch` + busybox-static: sh, httpd, nc, wget... (always built). */
  busybox?: string;
  /** Debian minbase from debootstrap. */
  debian?: string;
  /** Debian minbase + the host's node and npm in /usr/local, user `node` (uid 1000). */
  node?: string;
  /** Debian minbase + python3, pip and venv; `python` and `pip` exist. */
  python?: string;
  /** Debian minbase + Debian's Go toolchain (older than the official images'), GOPATH=/go, CGO_ENABLED=0. */
  golang?: string;
  /** The node image + python3, make, g++ and Node's headers: the full node:*-bookworm stand-in (native addons). */
  nodeBuild?: string;
}

export interface EngineEnv {
  /** Variables for any process that talks to the engine (docker CLI, podman CLI, the Bash tool). */
  vars: Record<string, string>;
  images: EngineImages;
  /** Where the values came from: the env file path or `process.env`. */
  source: string;
}

export type EngineStatus = { ok: true; env: EngineEnv } | { ok: false; reason: string };

export interface EngineOptions {
  envFile?: string;
  probeTimeoutMs?: number;
}

/** Parses the KEY=VALUE file setup.sh writes; a bad line is an error naming the file and line. */
export function parseEngineEnvFile(text: string, file: string): Record<string, string> {
  const vars: Record<string, string> = {};
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const match = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
    if (!match) throw new Error(`${file}:${index + 1}: expected KEY=VALUE, got ${JSON.stringify(raw)}`);
    vars[match[1]] = match[2];
  });
  if (!vars.DOCKER_HOST) throw new Error(`${file}: no DOCKER_HOST line`);
  return vars;
}

function imagesFrom(vars: Record<string, string>): EngineImages {
  return {
    busybox: vars.DOCKER_EXPERT_IMAGE_BUSYBOX,
    debian: vars.DOCKER_EXPERT_IMAGE_DEBIAN,
    node: vars.DOCKER_EXPERT_IMAGE_NODE,
    python: vars.DOCKER_EXPERT_IMAGE_PYTHON,
    golang: vars.DOCKER_EXPERT_IMAGE_GOLANG,
    nodeBuild: vars.DOCKER_EXPERT_IMAGE_NODE_BUILD,
  };
}

/**
 * The `--base-image` map that points the generator's official images at this engine's local stand-ins (no registry
 * here): what a user of an air-gapped engine passes.
 */
export function localBaseImages(images: EngineImages): Record<string, string> {
  const map: Record<string, string> = {};
  if (images.node) map.node = images.node;
  if (images.nodeBuild) map['node:*-bookworm'] = images.nodeBuild;
  if (images.python) map.python = images.python;
  if (images.golang) map.golang = images.golang;
  if (images.busybox) map.alpine = images.busybox;
  if (images.debian) map.debian = images.debian;
  return map;
}

/** `--base-image NAME=REF` flags for the same map. */
export function baseImageFlags(images: EngineImages): string[] {
  return Object.entries(localBaseImages(images)).flatMap(([k, v]) => ['--base-image', `${k}=${v}`]);
}

async function readEngineEnv(envFile: string): Promise<EngineEnv | { reason: string }> {
  let text: string | undefined;
  try {
    text = await readFile(envFile, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  if (text !== undefined) {
    const vars = parseEngineEnvFile(text, envFile);
    const passed = Object.fromEntries(ENV_KEYS_PASSED_TO_DOCKER.filter((k) => vars[k]).map((k) => [k, vars[k]]));
    return { vars: passed, images: imagesFrom(vars), source: envFile };
  }
  if (process.env.DOCKER_HOST) {
    const vars = Object.fromEntries(
      ENV_KEYS_PASSED_TO_DOCKER.filter((k) => process.env[k]).map((k) => [k, process.env[k] as string]),
    );
    return { vars, images: imagesFrom(process.env as Record<string, string>), source: 'process.env' };
  }
  return { reason: `no ${envFile} and no DOCKER_HOST (run scripts/engine/setup.sh as root)` };
}

/** Checks that the engine answers through the docker CLI. Never throws: a failure is a reason. */
export async function probeEngine(options: EngineOptions = {}): Promise<EngineStatus> {
  const envFile = options.envFile ?? process.env.DOCKER_EXPERT_ENGINE_ENV ?? ENGINE_ENV_FILE;
  const timeout = options.probeTimeoutMs ?? ENGINE_PROBE_TIMEOUT_MS;
  let env: EngineEnv;
  try {
    const read = await readEngineEnv(envFile);
    if ('reason' in read) return { ok: false, reason: read.reason };
    env = read;
  } catch (err) {
    return { ok: false, reason: (err as Error).message };
  }
  const result = await execa('docker', ['version', '--format', '{{.Server.Version}}'], {
    env: env.vars,
    reject: false,
    timeout,
  });
  if (result.timedOut) {
    return { ok: false, reason: `the engine at ${env.vars.DOCKER_HOST} did not answer within ${timeout} ms` };
  }
  if (result.failed) {
    const detail = String(result.stderr || result.stdout || result.shortMessage || 'no output').trim().split('\n')[0];
    return { ok: false, reason: `docker version against ${env.vars.DOCKER_HOST} failed: ${detail}` };
  }
  return { ok: true, env };
}

let cached: Promise<EngineStatus> | undefined;

/** `probeEngine()` with the default options, once per test process. */
export function engineAvailable(): Promise<EngineStatus> {
  cached ??= probeEngine();
  return cached;
}

/** The reason to skip engine tests, or undefined when the engine (and the named images) are there. */
export function engineSkipReason(status: EngineStatus, needs: (keyof EngineImages)[] = ['busybox']): string | undefined {
  let reason: string | undefined;
  if (!status.ok) reason = status.reason;
  else {
    const missing = needs.filter((name) => !status.env.images[name]);
    if (missing.length) reason = `no local ${missing.join(', ')} image in ${status.env.source} (run scripts/engine/setup.sh)`;
  }
  if (reason) console.warn(`[engine tests skipped] ${reason}`);
  return reason;
}

export interface DockerResult {
  exitCode: number | undefined;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

/** Runs the real docker CLI against the engine; never throws on a non-zero exit. */
export async function docker(
  env: EngineEnv,
  args: string[],
  options: { timeoutMs?: number; cwd?: string; input?: string } = {},
): Promise<DockerResult> {
  const result = await execa('docker', args, {
    env: env.vars,
    reject: false,
    timeout: options.timeoutMs ?? DOCKER_COMMAND_TIMEOUT_MS,
    cwd: options.cwd,
    input: options.input,
  });
  return { exitCode: result.exitCode, stdout: result.stdout, stderr: result.stderr, timedOut: result.timedOut };
}

/** Like `docker()`, but a non-zero exit throws with the command and its output. */
export async function dockerOk(env: EngineEnv, args: string[], options: { timeoutMs?: number; cwd?: string } = {}) {
  const result = await docker(env, args, options);
  if (result.exitCode !== 0) {
    throw new Error(
      `docker ${args.join(' ')} exited ${result.timedOut ? '(timed out)' : result.exitCode}\n${result.stderr}\n${result.stdout}`.trim(),
    );
  }
  return result.stdout.trim();
}

/** A container or image name no other test (or test process) will pick. */
export function uniqueName(label: string): string {
  const safe = label.toLowerCase().replace(/[^a-z0-9_.-]+/g, '-');
  return `dx-test-${safe}-${process.pid}-${randomBytes(3).toString('hex')}`;
}

/** Remembers what a test created and removes it all; call `cleanup()` in afterEach/afterAll. */
export class ContainerJanitor {
  private readonly containers = new Set<string>();
  private readonly images = new Set<string>();

  constructor(private readonly env: EngineEnv) {}

  container(name: string): string {
    this.containers.add(name);
    return name;
  }

  image(tag: string): string {
    this.images.add(tag);
    return tag;
  }

  async cleanup(): Promise<void> {
    const containers = [...this.containers];
    const images = [...this.images];
    this.containers.clear();
    this.images.clear();
    // `rm -f` kills and removes; a container that never got created is not an error.
    if (containers.length) await docker(this.env, ['rm', '-f', ...containers]);
    if (images.length) await docker(this.env, ['rmi', '-f', ...images]);
  }
}

export interface BuildOptions {
  dockerfile?: string;
  buildArgs?: Record<string, string>;
  timeoutMs?: number;
}

/**
 * `docker build --force-rm -t TAG CONTEXT`; the tag is registered with the janitor. Throws with the
 * build log on failure. Without --force-rm a failed step leaves podman a build container behind.
 */
export async function buildImage(janitor: ContainerJanitor, env: EngineEnv, context: string, tag: string, options: BuildOptions = {}) {
  janitor.image(tag);
  const args = ['build', '--force-rm', '-t', tag];
  if (options.dockerfile) args.push('-f', options.dockerfile);
  for (const [key, value] of Object.entries(options.buildArgs ?? {})) args.push('--build-arg', `${key}=${value}`);
  args.push(context);
  await dockerOk(env, args, { timeoutMs: options.timeoutMs });
}

export interface RunOptions {
  image: string;
  /** Extra `docker run` flags, before the image. */
  flags?: string[];
  /** Command and arguments after the image. */
  command?: string[];
  /** Container port to publish on 127.0.0.1 (only), at `hostPort`. */
  publish?: { containerPort: number; hostPort: number };
  timeoutMs?: number;
}

function runArgs(name: string, options: RunOptions, detach: boolean): string[] {
  const args = ['run', '--init', '--name', name];
  if (detach) args.push('--detach');
  if (options.publish) args.push('--publish', `127.0.0.1:${options.publish.hostPort}:${options.publish.containerPort}`);
  args.push(...(options.flags ?? []), options.image, ...(options.command ?? []));
  return args;
}

/**
 * Runs a container to completion with `--init --name` and returns its result. Not `--rm`: through
 * podman's compat API `docker run --rm` always exits 0 (podman bug 18889).
 */
export async function runToExit(janitor: ContainerJanitor, env: EngineEnv, label: string, options: RunOptions) {
  const name = janitor.container(uniqueName(label));
  const result = await docker(env, runArgs(name, options, false), { timeoutMs: options.timeoutMs });
  return { name, ...result };
}

/** Starts a container in the background with `--init --name`; returns its name. */
export async function runDetached(janitor: ContainerJanitor, env: EngineEnv, label: string, options: RunOptions) {
  const name = janitor.container(uniqueName(label));
  await dockerOk(env, runArgs(name, options, true), { timeoutMs: options.timeoutMs });
  return name;
}

/** A TCP port on 127.0.0.1 that nothing listened on a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Waits until an HTTP GET on 127.0.0.1:PORT PATH answers (any status), and returns that answer.
 * A published port accepts TCP before the app inside listens, so only a real response counts.
 */
export async function waitForHttp(port: number, path = '/', timeoutMs = PORT_WAIT_TIMEOUT_MS) {
  const deadline = Date.now() + timeoutMs;
  let last = 'no attempt';
  for (;;) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}${path}`, {
        signal: AbortSignal.timeout(Math.max(1, Math.min(2_000, deadline - Date.now()))),
      });
      return { status: response.status, body: await response.text() };
    } catch (err) {
      last = (err as Error).cause ? String((err as Error & { cause: unknown }).cause) : (err as Error).message;
    }
    if (Date.now() >= deadline) throw new Error(`nothing answered HTTP on 127.0.0.1:${port}${path} within ${timeoutMs} ms (${last})`);
    await sleep(POLL_INTERVAL_MS);
  }
}

/** `docker inspect --format TEMPLATE NAME`, trimmed. */
export function inspect(env: EngineEnv, name: string, template: string) {
  return dockerOk(env, ['inspect', '--format', template, name]);
}

/**
 * Waits until the container's HEALTHCHECK reports healthy. Podman runs health checks from systemd
 * timers, and there is no systemd here, so each poll runs the check once with `podman healthcheck run`
 * (podman reads the same storage as the service).
 */
export async function waitForHealthy(env: EngineEnv, name: string, timeoutMs = HEALTH_WAIT_TIMEOUT_MS) {
  const deadline = Date.now() + timeoutMs;
  let status = 'unknown';
  for (;;) {
    await execa('podman', ['healthcheck', 'run', name], { env: env.vars, reject: false, timeout: timeoutMs });
    status = await inspect(env, name, '{{if .State.Health}}{{.State.Health.Status}}{{else}}none{{end}}');
    if (status === 'healthy') return;
    if (status === 'none') throw new Error(`container ${name} has no health check`);
    const running = await inspect(env, name, '{{.State.Running}}');
    if (running !== 'true') throw new Error(`container ${name} stopped while its health was ${status}`);
    if (Date.now() >= deadline) throw new Error(`container ${name} not healthy within ${timeoutMs} ms (last: ${status})`);
    await sleep(POLL_INTERVAL_MS * 5);
  }
}

/** Polls until `check()` is true; throws naming `what` after the timeout. */
export async function waitUntil(what: string, check: () => Promise<boolean>, timeoutMs = PORT_WAIT_TIMEOUT_MS) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() >= deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(POLL_INTERVAL_MS);
  }
}

/** Names of every container in podman's storage, build containers included (the compat API hides those). */
export async function storageContainers(env: EngineEnv): Promise<string[]> {
  const listed = await execa('podman', ['ps', '--all', '--external', '--format', '{{.Names}}'], { env: env.vars });
  return listed.stdout.split('\n').filter(Boolean);
}

/** True when the container exists (in any state). */
export async function containerExists(env: EngineEnv, name: string) {
  return (await docker(env, ['container', 'inspect', '--format', '{{.Id}}', name])).exitCode === 0;
}

/** True when PID is a live process (a zombie counts as gone). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 3, after the parenthesised command name, is the state.
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

/** The host pids behind a running container: its init process and podman's conmon monitor. */
export async function containerPids(env: EngineEnv, name: string): Promise<{ pid: number; conmonPid: number }> {
  const pid = Number(await inspect(env, name, '{{.State.Pid}}'));
  // The compat API does not show conmon; podman's own inspect (same storage) does.
  const conmon = await execa('podman', ['inspect', '--format', '{{.State.ConmonPid}}', name], { env: env.vars });
  return { pid, conmonPid: Number(conmon.stdout.trim()) };
}

/**
 * The timeout path for a `docker run` client we started in its own process group: SIGTERM the group
 * (the client forwards it to the container), then `docker rm -f NAME`, which kills and removes the
 * container even when the client was SIGKILLed and forwarded nothing.
 */
export async function stopDockerRun(env: EngineEnv, clientPid: number | undefined, name: string): Promise<void> {
  if (clientPid !== undefined) {
    try {
      process.kill(-clientPid, 'SIGTERM');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ESRCH') throw err;
    }
  }
  const removed = await docker(env, ['rm', '-f', name]);
  if (removed.exitCode !== 0 && !/no such container/i.test(removed.stderr)) {
    throw new Error(`docker rm -f ${name} failed: ${removed.stderr.trim()}`);
  }
}

/**
 * For the top of an engine test file: `const { env, skip, title } = await engineForTests('what is tested')`,
 * then `describe.skipIf(skip !== undefined)(title, ...)`. The title carries the skip reason, so a skipped
 * suite says why in the test report; `env` is only meaningful when `skip` is undefined.
 */
export async function engineForTests(subject: string, needs: (keyof EngineImages)[] = ['busybox']) {
  const status = await engineAvailable();
  const skip = engineSkipReason(status, needs);
  if (skip && process.env.DOCKER_EXPERT_REQUIRE_ENGINE === '1') {
    // CI sets this: there the engine must run, so a missing one fails the suite instead of skipping it.
    throw new Error(`DOCKER_EXPERT_REQUIRE_ENGINE=1 but "${subject}" cannot run: ${skip}`);
  }
  const env = status.ok ? status.env : ({ vars: {}, images: {}, source: 'none' } satisfies EngineEnv);
  return { env, skip, title: skip ? `${subject} (skipped: ${skip})` : subject };
}

/** Live processes whose command line mentions `text` (a unique container name finds its client and conmon). */
export function processesMentioning(text: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (cmdline.split('\0').some((arg) => arg.includes(text)) && processAlive(Number(entry))) pids.push(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  return pids;
}

export interface ServeOptions {
  /** Build context (its Dockerfile is used unless `dockerfile` says otherwise). */
  context: string;
  dockerfile?: string;
  /** The port the app listens on inside the container; published on 127.0.0.1 at a free port. */
  containerPort: number;
  /** Path that must answer HTTP before the container counts as up (default `/`). */
  path?: string;
  /** Extra `docker run` flags (hardening, env...). */
  flags?: string[];
  /** Also wait for the image's HEALTHCHECK to report healthy. */
  waitHealthy?: boolean;
  /** Build limit; the HTTP wait uses PORT_WAIT_TIMEOUT_MS * 4 (a cold app on a busy machine). */
  timeoutMs?: number;
}

/**
 * Builds CONTEXT, runs it detached with `--init --name` and the port published on 127.0.0.1, and waits
 * until it answers HTTP (and, when asked, is healthy). Image and container go to the janitor.
 */
export async function buildAndServe(janitor: ContainerJanitor, env: EngineEnv, label: string, options: ServeOptions) {
  const tag = `localhost/${uniqueName(label)}:test`;
  await buildImage(janitor, env, options.context, tag, { dockerfile: options.dockerfile, timeoutMs: options.timeoutMs });
  const hostPort = await freePort();
  const name = await runDetached(janitor, env, label, {
    image: tag,
    flags: options.flags,
    publish: { containerPort: options.containerPort, hostPort },
  });
  const answer = await waitForHttp(hostPort, options.path ?? '/', PORT_WAIT_TIMEOUT_MS * 4);
  if (options.waitHealthy) await waitForHealthy(env, name);
  return { tag, name, hostPort, answer };
}
