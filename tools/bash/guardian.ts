/**
 * Tool processes die with the runtime (issue 14.3). A small watcher process, started before the first command, holds
 * the other end of a pipe from the runtime. Every command the runtime starts carries a marker in its environment
 * (inherited by whatever it starts in turn). When the runtime goes away, even by `kill -9`, the pipe closes: the watcher
 * kills every process that still carries the marker, with its process group, removes the containers the commands were
 * told to start (registered over the pipe), then exits. The marker leaves no gap between a command's start and its
 * registration; a run that ends normally leaves nothing to kill.
 */
import { randomBytes } from 'node:crypto';
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync, writeSync } from 'node:fs';

/** The environment variable that marks a process as started by this runtime's Bash tool. */
export const TOOL_MARKER_VAR = 'DOCKER_EXPERT_TOOL_OF';
/** This runtime's marker value: its pid and a nonce (a recycled pid cannot match). */
export const TOOL_MARKER = `${process.pid}:${randomBytes(8).toString('hex')}`;

/** How long the watcher gives each `docker rm -f` it runs after the runtime died. */
export const GUARDIAN_CLEANUP_TIMEOUT_MS = 15_000;

/**
 * The watcher, as source for `node -e`: lines `+PGID [removal argv as JSON]` and `-PGID` on stdin; at end of input,
 * SIGKILL to each group left, then each removal command.
 */
const WATCHER = `
const { spawnSync } = require('node:child_process');
const groups = new Map();
let buf = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => {
  buf += chunk;
  let nl;
  while ((nl = buf.indexOf('\\n')) >= 0) {
    const line = buf.slice(0, nl);
    buf = buf.slice(nl + 1);
    const m = /^([+-])(\\d+)(?: (.*))?$/.exec(line);
    if (!m) continue;
    if (m[1] === '+') groups.set(Number(m[2]), m[3] ? JSON.parse(m[3]) : undefined);
    else groups.delete(Number(m[2]));
  }
});
const marker = ${JSON.stringify(`${TOOL_MARKER_VAR}=`)} + process.argv[1];
const marked = () => {
  const fs = require('node:fs');
  const out = [];
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\\d+$/.test(name) || Number(name) === process.pid) continue;
    try {
      if (fs.readFileSync('/proc/' + name + '/environ', 'latin1').split('\\0').includes(marker)) out.push(Number(name));
    } catch {}
  }
  return out;
};
const end = () => {
  for (const pgid of groups.keys()) { try { process.kill(-pgid, 'SIGKILL'); } catch {} }
  for (let pass = 0; pass < 3; pass++) {
    const pids = process.platform === 'linux' ? marked() : [];
    if (!pids.length) break;
    for (const pid of pids) {
      try { process.kill(-pid, 'SIGKILL'); } catch {}
      try { process.kill(pid, 'SIGKILL'); } catch {}
    }
  }
  for (const removal of groups.values()) {
    if (removal) spawnSync(removal[0], removal.slice(1), { stdio: 'ignore', timeout: ${GUARDIAN_CLEANUP_TIMEOUT_MS} });
  }
  process.exit(0);
};
process.stdin.on('end', end);
process.stdin.on('error', end);
`;

let watcher: ChildProcess | undefined;

function start(env: NodeJS.ProcessEnv): ChildProcess | undefined {
  try {
    const child = spawn(process.execPath, ['-e', WATCHER, TOOL_MARKER], { stdio: ['pipe', 'ignore', 'ignore'], detached: true, env });
    child.on('error', () => {
      watcher = undefined;
    });
    child.stdin!.on('error', () => undefined);
    // Neither the watcher nor its pipe keeps the runtime alive.
    child.unref();
    (child.stdin as unknown as { unref?: () => void }).unref?.();
    return child;
  } catch {
    return undefined;
  }
}

/**
 * Writes a line to the watcher now, not when the event loop next turns: the runtime may be killed before that (a busy
 * turn), and a registration still in our buffer protects nothing. Lines are far below PIPE_BUF, so each is atomic.
 */
function send(line: string): void {
  const stdin = watcher?.stdin;
  if (!stdin) return;
  const fd = (stdin as unknown as { _handle?: { fd?: number } })._handle?.fd;
  if (typeof fd === 'number' && fd >= 0) {
    try {
      writeSync(fd, line);
      return;
    } catch {
      // a full pipe (the watcher stalled): queue it instead
    }
  }
  stdin.write(line);
}

/**
 * Starts the watcher, before the first command is spawned: starting it takes a fork of the runtime (milliseconds), and
 * a registration must reach it the moment the command exists.
 */
export function prepareGuardian(env: NodeJS.ProcessEnv): void {
  watcher ??= start({ PATH: env.PATH, DOCKER_HOST: env.DOCKER_HOST, DOCKER_CONFIG: env.DOCKER_CONFIG, CONTAINERS_CONF: env.CONTAINERS_CONF, HOME: env.HOME });
}

/** Registers a process group (and the command that removes the container it starts, if any). */
export function guardGroup(pgid: number, removal: string[] | undefined, env: NodeJS.ProcessEnv): void {
  prepareGuardian(env);
  send(`+${pgid}${removal ? ` ${JSON.stringify(removal)}` : ''}\n`);
}

/** The group ended (or was cleaned up by the runtime itself). */
export function releaseGroup(pgid: number): void {
  send(`-${pgid}\n`);
}

/**
 * SIGKILL to every process (and its group) whose environment carries `marker`: what the watcher does when its runtime
 * dies, for a runtime that is a thread (serve's task threads: a thread's end closes no pipe). Linux only (/proc);
 * returns how many processes were found.
 */
export function killMarked(marker: string): number {
  if (process.platform !== 'linux') return 0;
  const entry = `${TOOL_MARKER_VAR}=${marker}`;
  const found = new Set<number>();
  for (let pass = 0; pass < 3; pass++) {
    const pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name) && Number(name) !== process.pid && carries(name, entry));
    if (pids.length === 0) break;
    for (const pid of pids.map(Number)) {
      found.add(pid);
      for (const target of [-pid, pid]) {
        try {
          process.kill(target, 'SIGKILL');
        } catch {
          // gone already, or not a group leader
        }
      }
    }
  }
  return found.size;
}

function carries(pid: string, entry: string): boolean {
  try {
    return readFileSync(`/proc/${pid}/environ`, 'latin1').split('\0').includes(entry);
  } catch {
    return false;
  }
}

/** The watcher's pid, for tests. */
export function guardianPid(): number | undefined {
  return watcher?.pid;
}
