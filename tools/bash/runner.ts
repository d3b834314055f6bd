import { closeSync, constants, fstatSync, openSync } from 'node:fs';
import { constants as osConstants } from 'node:os';
import path from 'node:path';
import type { Readable, Writable } from 'node:stream';
import type { execa as Execa, Options as ExecaOptions } from 'execa';
import { realPathOf } from '../../permissions/paths.js';
import type { CommandPlan, OutputTarget, Pipeline, SimpleCommand } from '../../shell/plan.js';
import { guardGroup, prepareGuardian, releaseGroup, TOOL_MARKER, TOOL_MARKER_VAR } from './guardian.js';

// execa is some 150 modules, the container checks some 90 KB: imported by the first command run, not by every start.
let execaModule: Promise<typeof import('execa')> | undefined;
const loadExeca = async (): Promise<typeof Execa> => (await (execaModule ??= import('execa'))).execa;
let containerModule: Promise<typeof import('../../permissions/container/index.js')> | undefined;
const loadContainerChecks = () => (containerModule ??= import('../../permissions/container/index.js'));

/** Default time a Bash call may take. */
export const DEFAULT_TIMEOUT_MS = 120_000;
/** Longest timeout a call may ask for. */
export const MAX_TIMEOUT_MS = 600_000;
/** `KEY=VALUE` added as `--label` to every `docker|podman run|create` the tool runs (serve sets it per task). */
export const CONTAINER_LABEL_VAR = 'DOCKER_EXPERT_CONTAINER_LABEL';
/** How long the `docker rm -f NAME` run after a timed-out `docker run --name NAME` may take. */
export const CONTAINER_CLEANUP_TIMEOUT_MS = 15_000;
/** After SIGTERM, how long a process group gets before SIGKILL. */
export const KILL_GRACE_MS = 2_000;
/**
 * Most output characters kept in memory. The model sees at most the loop's cap (30,000); the loop keeps the whole text
 * in the session folder, so this is only a memory guard against a command that floods its output.
 */
export const MAX_CAPTURE_CHARS = 5_000_000;

export interface RunOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  timeoutMs: number;
  signal?: AbortSignal;
  killGraceMs?: number;
  maxCaptureChars?: number;
}

export interface RunResult {
  /** stdout and stderr interleaved as they arrived (what a terminal would show). */
  output: string;
  /** Characters dropped past maxCaptureChars. */
  droppedChars: number;
  exitCode: number;
  timedOut: boolean;
  aborted: boolean;
}

class OutputCollector {
  text = '';
  dropped = 0;
  constructor(private readonly max: number) {}
  add(chunk: Buffer | string): void {
    const s = chunk.toString();
    const room = this.max - this.text.length;
    if (room >= s.length) this.text += s;
    else {
      if (room > 0) this.text += s.slice(0, room);
      this.dropped += s.length - Math.max(room, 0);
    }
  }
}

/**
 * Runs a plan without a shell: each simple command is an argv handed to execa, in its own process group, with pipes and
 * redirections wired here and `;` / `&&` / `||` applied with bash's rules. On timeout or abort every group is killed.
 */
export async function runPlan(plan: CommandPlan, options: RunOptions): Promise<RunResult> {
  const collector = new OutputCollector(options.maxCaptureChars ?? MAX_CAPTURE_CHARS);
  const live = new Set<number>();
  /** Named containers started by `docker|podman run --name` stages still running, by the pid of their client. */
  const containers = new Map<number, string[]>();
  const cleanups: Promise<void>[] = [];
  let timedOut = false;
  let aborted = false;
  let stopping = false;
  const stopAll = (): void => {
    stopping = true;
    for (const pid of live) signalGroup(pid, 'SIGTERM');
    // A killed docker client leaves its container running: remove the containers these stages named.
    for (const [pid, removal] of containers) if (live.has(pid)) cleanups.push(removeContainer(removal, options));
    setTimeout(() => {
      for (const pid of live) signalGroup(pid, 'SIGKILL');
    }, options.killGraceMs ?? KILL_GRACE_MS).unref();
  };
  const timer = setTimeout(() => {
    timedOut = true;
    stopAll();
  }, options.timeoutMs);
  const onAbort = (): void => {
    aborted = true;
    stopAll();
  };
  options.signal?.addEventListener('abort', onAbort, { once: true });
  if (options.signal?.aborted) onAbort();

  let status = 0;
  try {
    for (const step of plan.steps) {
      if (stopping) break;
      if (step.connector === '&&' && status !== 0) continue;
      if (step.connector === '||' && status === 0) continue;
      status = await runPipeline(step.pipeline, options, collector, live, containers);
    }
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
  }
  await Promise.all(cleanups);
  if (timedOut || aborted) status = status === 0 ? 124 : status;
  return { output: collector.text, droppedChars: collector.dropped, exitCode: status, timedOut, aborted };
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // the group is already gone
  }
}

/**
 * The path a redirection opens, refusing when a folder on the way is a symbolic link: the gate checked the path before the
 * command ran, and a link swapped in since (by a container writing into a mounted project) must not redirect the write.
 */
function openablePath(cwd: string, target: string): string {
  const lexical = path.resolve(cwd, target);
  const dir = path.dirname(lexical);
  const real = realPathOf(dir);
  const expected = path.resolve(realPathOf(cwd), path.relative(cwd, dir));
  if (real !== expected) throw new Error(`${target}: ${dir} leads through a symbolic link to ${real}; refusing`);
  return path.join(real, path.basename(lexical));
}

/** Redirections go to regular files only: opening a FIFO would block the whole runtime (opened non-blocking, then checked). */
function requireRegular(fd: number, shown: string): void {
  if (!fstatSync(fd).isFile()) throw new Error(`${shown} is not a regular file`);
}

/** Opens redirection files once per target (so `>f 2>&1` shares one descriptor); writes never follow a final symlink. */
function openTargets(stage: SimpleCommand, cwd: string, opened: number[]): { stdout: OutputTarget | number; stderr: OutputTarget | number; stdin?: number } {
  const fds = new Map<OutputTarget, number>();
  const open = (t: OutputTarget): OutputTarget | number => {
    if (t.kind !== 'file') return t;
    let fd = fds.get(t);
    if (fd === undefined) {
      const flags = constants.O_WRONLY | constants.O_CREAT | constants.O_NOFOLLOW | constants.O_NONBLOCK | (t.append ? constants.O_APPEND : constants.O_TRUNC);
      fd = openSync(openablePath(cwd, t.path), flags, 0o644);
      opened.push(fd);
      requireRegular(fd, t.path);
      fds.set(t, fd);
    }
    return fd;
  };
  const r = stage.redirections;
  let stdin: number | undefined;
  if (r.stdin?.kind === 'file') {
    stdin = openSync(openablePath(cwd, r.stdin.path), constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
    opened.push(stdin);
    requireRegular(stdin, r.stdin.path);
  }
  return { stdout: open(r.stdout), stderr: open(r.stderr), stdin };
}

async function removeContainer(argv: string[], options: RunOptions): Promise<void> {
  const execa = await loadExeca();
  await execa(argv[0], argv.slice(1), {
    cwd: options.cwd,
    env: options.env,
    extendEnv: false,
    stdin: 'ignore',
    reject: false,
    timeout: CONTAINER_CLEANUP_TIMEOUT_MS,
  });
}

async function runPipeline(
  pipeline: Pipeline,
  options: RunOptions,
  collector: OutputCollector,
  live: Set<number>,
  containers: Map<number, string[]>,
): Promise<number> {
  const execa = await loadExeca();
  const { containerRemovalFor, withContainerLabel } = await loadContainerChecks();
  const opened: number[] = [];
  const procs: ReturnType<typeof Execa<ExecaOptions>>[] = [];
  const exits: Promise<number>[] = [];
  const stages = pipeline.stages;
  try {
    let targets;
    try {
      targets = stages.map((s) => openTargets(s, options.cwd, opened));
    } catch (err) {
      collector.add(`docker-expert: redirection failed: ${(err as Error).message}\n`);
      return 1;
    }
    for (let i = 0; i < stages.length; i++) {
      const stage = stages[i];
      const t = targets[i];
      const text = stage.redirections.stdin?.kind === 'text' ? stage.redirections.stdin.text : undefined;
      const stdin = t.stdin ?? (text !== undefined ? 'pipe' : i > 0 ? 'pipe' : 'ignore');
      const io = (x: OutputTarget | number) => (typeof x === 'number' ? x : x.kind === 'null' ? 'ignore' : 'pipe');
      const env: NodeJS.ProcessEnv = { ...options.env, [TOOL_MARKER_VAR]: TOOL_MARKER };
      for (const a of stage.assignments) env[a.name] = a.value;
      prepareGuardian(env);
      const label = options.env[CONTAINER_LABEL_VAR];
      const argv = label ? withContainerLabel(stage.argv, label) : stage.argv;
      const proc = execa(argv[0], argv.slice(1), {
        cwd: options.cwd,
        env,
        extendEnv: false,
        stdin,
        stdout: io(t.stdout),
        stderr: io(t.stderr),
        detached: true,
        buffer: false,
        reject: false,
        stripFinalNewline: false,
      } as ExecaOptions);
      procs.push(proc);
      if (proc.pid !== undefined) {
        live.add(proc.pid);
        const removal = containerRemovalFor(argv);
        if (removal) containers.set(proc.pid, removal);
        // If the runtime dies (kill -9), the watcher kills this group and removes the container it started.
        guardGroup(proc.pid, removal, env);
      }
      if (text !== undefined && proc.stdin) {
        proc.stdin.on('error', () => {});
        proc.stdin.end(text);
      }
      exits.push(
        new Promise<number>((resolve) => {
          proc.once('error', (err: NodeJS.ErrnoException) => {
            if (err.code === 'ENOENT') collector.add(`docker-expert: ${stage.argv[0]}: command not found\n`);
            resolve(127);
          });
          proc.once('exit', (code, signal) => {
            // Anything the command left behind in its group goes with it.
            if (proc.pid !== undefined) {
              signalGroup(proc.pid, 'SIGKILL');
              releaseGroup(proc.pid);
            }
            resolve(code ?? 128 + (signal ? signalNumber(signal) : 0));
          });
        }),
      );
    }
    for (let i = 0; i < stages.length; i++) {
      const proc = procs[i];
      const next = i + 1 < stages.length && stages[i + 1].redirections.stdin === undefined ? procs[i + 1].stdin : undefined;
      const streams: Readable[] = [];
      if (proc.stdout) streams.push(proc.stdout);
      if (proc.stderr) {
        const stderrToPipe = pipeline.pipeStderr[i] === true || stages[i].redirections.stderr === stages[i].redirections.stdout;
        if (stderrToPipe) streams.push(proc.stderr);
        else proc.stderr.on('data', (c: Buffer) => collector.add(c));
      }
      if (i + 1 < stages.length) wire(streams, next ?? undefined);
      else for (const s of streams) s.on('data', (c: Buffer) => collector.add(c));
    }
    const codes = await Promise.all(exits);
    await Promise.all(procs.map((p) => p.catch(() => undefined)));
    for (const p of procs) {
      if (p.pid !== undefined) {
        live.delete(p.pid);
        containers.delete(p.pid);
      }
    }
    return codes[codes.length - 1];
  } finally {
    for (const fd of opened) closeSync(fd);
  }
}

/** Feeds one or two output streams into the next stage's stdin, closing it when all have ended. */
function wire(streams: Readable[], next: Writable | undefined): void {
  if (!next) {
    for (const s of streams) s.resume();
    return;
  }
  next.on('error', () => {});
  let open = streams.length;
  if (open === 0) next.end();
  for (const s of streams) {
    s.on('data', (c: Buffer) => next.write(c));
    s.on('end', () => {
      if (--open === 0) next.end();
    });
  }
}

function signalNumber(signal: NodeJS.Signals): number {
  return osConstants.signals[signal] ?? 0;
}
