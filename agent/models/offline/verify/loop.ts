/**
 * Build, run and probe what the offline expert wrote, through the Bash tool and its firewall as a model would, then
 * diagnose and repair (regenerating with what was learned), at most `maxRounds` times. Everything it creates is
 * removed. Each round's commands and outcome are returned for the handoff's verification.
 */
import type { StackInfo } from '../../../../tools/generator/stack.js';
import type { GenerateOptions } from '../../../../tools/generator/options.js';
import type { ProbeTool } from '../../../../tools/generator/dockerfile/probes.js';
import { probeFor } from '../../../../tools/generator/dockerfile/probes.js';
import type { CallResult, Turn } from '../replay.js';
import { diagnoseBuild, diagnoseRun, lastLines, listeningSockets, type Diagnosis, type Repair } from './diagnose.js';

import { BUILD_TIMEOUT_MS, DEFAULT_VERIFY_ROUNDS, LISTEN_GRACE_MS, RUN_LABEL, VERIFY_PREFIX } from './constants.js';

export { BUILD_TIMEOUT_MS, DEFAULT_VERIFY_ROUNDS, LISTEN_GRACE_MS, VERIFY_PREFIX } from './constants.js';

export type RoundOutcome = 'healthy' | 'build_failed' | 'run_failed' | 'exited' | 'not_listening' | 'unhealthy' | 'refused';

export interface VerifyRound {
  round: number;
  outcome: RoundOutcome;
  /** What was seen, in a sentence. */
  detail: string;
  /** The change made for the next round, when there is one. */
  repair?: string;
  commands: string[];
}

export interface VerifyOutcome {
  status: 'healthy' | 'failed';
  rounds: VerifyRound[];
  /** The stack and options the last round was generated from (repairs included). */
  stack: StackInfo;
  overrides: GenerateOptions;
}

/** What the loop needs from the expert: the project, the generator, the clock. */
export interface VerifyContext {
  cwd: string;
  /** Lowercase name part for the image and container names. */
  name: string;
  /** Stable per session, so a resumed run names the same things. */
  runId: string;
  stack: StackInfo;
  maxRounds: number;
  /** Regenerates the Dockerfile (and .dockerignore) for a repaired stack. */
  generate(stack: StackInfo, overrides: GenerateOptions): Promise<{ dockerfile: string; port?: number; uid: number; healthPath?: string; healthcheck?: string[]; startSeconds: number }>;
  /** Waits only when the turn is being made for real (not when a past turn is replayed). */
  pause(ms: number): Promise<void>;
  /** Writes the Dockerfile through the Write tool (a call of the expert's). */
  writeCall(content: string): { name: string; input: unknown };
}

type Gen<T> = AsyncGenerator<Turn, T, CallResult[]>;

function bash(command: string, description: string, timeout?: number) {
  return { name: 'Bash', input: { command, description, ...(timeout ? { timeout } : {}) } };
}

/** A word for the Bash tool: bare when plain, else single-quoted. */
export function shellWord(word: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

function probeTool(healthcheck: string[] | undefined): ProbeTool | undefined {
  const tool = healthcheck?.[0];
  return tool === 'node' || tool === 'python' || tool === 'bash' ? tool : tool === 'wget' || tool === 'sh' ? 'wget' : undefined;
}

/** The gate refused the call (the executor's `Permission denied:` result, or the Bash tool's own refusal). */
function refused(r: CallResult | undefined): boolean {
  return !!r && r.isError && /^(Permission denied:|Refused:)/.test(r.content);
}

export async function* verifyLoop(ctx: VerifyContext): Gen<VerifyOutcome> {
  const rounds: VerifyRound[] = [];
  const stack: StackInfo = structuredClone(ctx.stack);
  const overrides: GenerateOptions = {};
  const image = `${VERIFY_PREFIX}-${ctx.name}:${ctx.runId}`;
  let built = false;
  for (let round = 1; round <= ctx.maxRounds; round++) {
    const plan = await ctx.generate(stack, overrides);
    const commands: string[] = [];
    const call = async function* (command: string, description: string, timeout?: number): Gen<CallResult> {
      commands.push(command);
      const [r] = yield { calls: [bash(command, description, timeout)] };
      return r;
    };
    const end = (outcome: RoundOutcome, detail: string, repair?: string) => {
      rounds.push({ round, outcome, detail, repair, commands });
    };

    const build = yield* call(`docker build --force-rm -t ${image} ${shellWord(ctx.cwd)}`, `Build the image (round ${round})`, BUILD_TIMEOUT_MS);
    if (refused(build)) {
      end('refused', `the build was not allowed: ${lastLines(build.content, 2)}`);
      break;
    }
    if (build.isError) {
      const d = diagnoseBuild(build.content);
      const fix = applyRepair(d.repair, stack, overrides);
      end('build_failed', d.cause, fix);
      if (fix) {
        yield { calls: [ctx.writeCall((await ctx.generate(stack, overrides)).dockerfile)] };
        continue;
      }
      break;
    }
    built = true;
    if (plan.port === undefined) {
      end('healthy', 'the image builds; it is not a server, so nothing was started');
      break;
    }
    const container = `${VERIFY_PREFIX}-${ctx.name}-${ctx.runId}-${round}`;
    const run = yield* call(`docker run -d --init --name ${container} --label ${RUN_LABEL}=${ctx.runId} -p 127.0.0.1::${plan.port} ${image}`, 'Start the container, published on 127.0.0.1 only');
    if (refused(run)) {
      end('refused', `starting the container was not allowed: ${lastLines(run.content, 2)}`);
      break;
    }
    if (run.isError) {
      end('run_failed', `the container did not start: ${lastLines(run.content, 3)}`);
      yield* call(`docker rm -f ${container}`, 'Remove the container');
      break;
    }
    const result = yield* watch(ctx, call, container, plan);
    const fix = result.ok ? undefined : applyRepair(result.diagnosis?.repair, stack, overrides);
    const logs = yield* call(`docker logs --tail 40 ${container}`, 'Read the container\'s last log lines');
    yield* call(`docker rm -f ${container}`, 'Remove the container');
    if (result.ok) {
      end('healthy', result.detail);
      break;
    }
    end(result.outcome, `${result.detail}${result.diagnosis ? `: ${result.diagnosis.cause}` : ''}${logs && !logs.isError && !result.diagnosis ? ` (last log lines: ${lastLines(logs.content, 3)})` : ''}`, fix);
    if (!fix) break;
    yield { calls: [ctx.writeCall((await ctx.generate(stack, overrides)).dockerfile)] };
  }
  if (built) {
    const commands = [`docker rmi -f ${image}`];
    yield { calls: [bash(commands[0], 'Remove the image built for verification')] };
    rounds[rounds.length - 1]?.commands.push(...commands);
  }
  return { status: rounds.at(-1)?.outcome === 'healthy' ? 'healthy' : 'failed', rounds, stack, overrides };
}

interface WatchResult {
  ok: boolean;
  outcome: RoundOutcome;
  detail: string;
  diagnosis?: Diagnosis;
}

type CallFn = (command: string, description: string, timeout?: number) => Gen<CallResult>;

/** Waits for the port, then asks the health probe and `/`; on failure reads the logs for a cause. */
async function* watch(ctx: VerifyContext, call: CallFn, container: string, plan: { port?: number; healthPath?: string; healthcheck?: string[]; startSeconds: number }): Gen<WatchResult> {
  const port = plan.port!;
  const deadline = plan.startSeconds * 1000 + LISTEN_GRACE_MS;
  let waited = 0;
  let sockets: ReturnType<typeof listeningSockets> = [];
  let loopbackPolls = 0;
  for (let attempt = 0; waited <= deadline; attempt++) {
    const state = yield* call(`docker inspect --format '{{.State.Status}} {{.State.ExitCode}}' ${container}`, 'Is the container still running?');
    if (!state.isError && /^(exited|dead|stopped)\b/m.test(state.content.trim())) {
      const logs = yield* call(`docker logs --tail 60 ${container}`, 'Why did it exit?');
      const d = diagnoseRun(logs.content, '/app');
      return { ok: false, outcome: 'exited', detail: `the container exited (${state.content.trim().split(/\s+/).slice(0, 2).join(', code ')})`, diagnosis: d ?? { cause: lastLines(logs.content, 3) } };
    }
    const net = yield* call(`docker exec ${container} cat /proc/net/tcp /proc/net/tcp6`, 'Which ports does the server listen on?');
    sockets = net.isError ? [] : listeningSockets(net.content);
    const ours = sockets.filter((s) => s.port === port);
    if (ours.some((s) => !s.loopback)) break;
    // Listening on loopback twice in a row: the bind will not change by waiting longer.
    loopbackPolls = ours.length ? loopbackPolls + 1 : 0;
    if (loopbackPolls >= 2) break;
    if (net.isError && attempt >= 2) break; // no cat in the image: go by the probe alone
    const step = Math.min(1000 * 2 ** Math.min(attempt, 3), 8000);
    await ctx.pause(step);
    waited += step;
  }
  const ours = sockets.filter((s) => s.port === port);
  if (sockets.length && !ours.some((s) => !s.loopback)) {
    const logs = yield* call(`docker logs --tail 60 ${container}`, 'What did the server print?');
    if (ours.length) return { ok: false, outcome: 'not_listening', detail: `the server listens on ${ours.map((s) => s.address).join(', ')}:${port} only: loopback, so the published port answers nothing`, diagnosis: diagnoseRun(logs.content, '/app') };
    const other = sockets.find((s) => !s.loopback);
    if (other) return { ok: false, outcome: 'not_listening', detail: `nothing listens on ${port}; the server listens on ${other.port}`, diagnosis: { cause: `the app listens on port ${other.port}`, repair: { kind: 'port', port: other.port } } };
    return { ok: false, outcome: 'not_listening', detail: `nothing listens on ${port}`, diagnosis: diagnoseRun(logs.content, '/app') };
  }
  if (!sockets.length) {
    // Never listened within the wait (or no way to see sockets): the logs may say why.
    const logs = yield* call(`docker logs --tail 60 ${container}`, 'What did the server print?');
    const d = diagnoseRun(logs.content, '/app');
    if (d) return { ok: false, outcome: 'not_listening', detail: `nothing listened on ${port} within ${Math.round(deadline / 1000)} s`, diagnosis: d };
  }
  const tool = probeTool(plan.healthcheck);
  if (!plan.healthcheck || !tool) return { ok: true, outcome: 'healthy', detail: `listening on ${port}; the image has no health check to run` };
  const health = yield* call(`docker exec ${container} ${plan.healthcheck.map(shellWord).join(' ')}`, 'Run the image\'s own health check');
  const what = plan.healthPath ? `GET ${plan.healthPath}` : 'a TCP connect';
  if (!health.isError) {
    let rootNote = '';
    if (plan.healthPath && plan.healthPath !== '/') {
      const root = yield* call(`docker exec ${container} ${probeFor(tool, port, '/').map(shellWord).join(' ')}`, 'Does / answer too?');
      rootNote = root.isError ? '; / does not answer 2xx/3xx' : '; / answers too';
    }
    return { ok: true, outcome: 'healthy', detail: `listening on 0.0.0.0:${port}; the health check (${what}) passes${rootNote}` };
  }
  // The probe fails. A cause in the logs (a missing file, a folder it cannot write) comes first; else find a path that answers.
  const early = yield* call(`docker logs --tail 60 ${container}`, 'What did the server print?');
  const cause = diagnoseRun(early.content, '/app');
  if (cause?.repair) return { ok: false, outcome: 'unhealthy', detail: `the health check (${what}) fails`, diagnosis: cause };
  for (const candidate of healthCandidates(ctx.stack, plan.healthPath)) {
    const r = yield* call(`docker exec ${container} ${probeFor(tool, port, candidate).map(shellWord).join(' ')}`, `Does ${candidate ?? 'a TCP connect'} answer?`);
    if (!r.isError) {
      return { ok: false, outcome: 'unhealthy', detail: `the health check (${what}) fails; ${candidate ? `GET ${candidate} answers` : 'the port accepts connections'}`, diagnosis: { cause: `${what} does not answer 2xx/3xx`, repair: { kind: 'health', path: candidate } } };
    }
  }
  return { ok: false, outcome: 'unhealthy', detail: `the health check (${what}) fails`, diagnosis: cause ?? { cause: lastLines(early.content, 3) } };
}

/** Other probe paths to try: the app's other parameter-free GET routes (health-like first), `/`, then TCP (undefined). */
function healthCandidates(stack: StackInfo, failed: string | undefined): (string | undefined)[] {
  const routes = (stack.facts?.routes ?? []).filter((r) => (r.method === 'GET' || r.method === 'ANY') && !/[:{}<>*()?$[\]]/.test(r.path)).map((r) => r.path);
  const framework = stack.framework === 'fastapi' ? ['/docs', '/openapi.json'] : [];
  // Health routes, `/`, the framework's own pages, then the app's pages, static files (favicon.ico) last.
  const isFile = (p: string) => /\.[A-Za-z0-9]+$/.test(p);
  const ordered = [...new Set([...routes.filter((p) => /health|ready|live|ping|status|up$/i.test(p)), '/', ...framework, ...routes.filter((p) => !isFile(p)), ...routes.filter(isFile)])];
  return [...ordered.filter((p) => p !== failed).slice(0, 6), undefined];
}

/** Applies a repair to the stack or options; returns what changed, or undefined when nothing can be done. */
function applyRepair(repair: Repair | undefined, stack: StackInfo, overrides: GenerateOptions): string | undefined {
  if (!repair) return undefined;
  switch (repair.kind) {
    case 'copy-runtime-file': {
      const facts = stack.facts;
      if (!facts || facts.runtimeFiles.some((f) => f.path === repair.path)) return undefined;
      facts.runtimeFiles.push({ path: repair.path, via: 'seen missing when the container ran', file: repair.path, line: 1 });
      return `copy ${repair.path} into the final stage`;
    }
    case 'writable': {
      const dirs = stack.writableDirs ?? [];
      if (dirs.includes(repair.path)) return undefined;
      stack.writableDirs = [...dirs, repair.path];
      return `make ${repair.path === '.' ? 'the app folder' : repair.path} writable for the container user`;
    }
    case 'python-module': {
      const argv = ['python', '-m', repair.module];
      if (JSON.stringify(stack.startCommand) === JSON.stringify(argv)) return undefined;
      stack.startCommand = argv;
      return `start it as a module: python -m ${repair.module}`;
    }
    case 'npm-install':
      if (stack.language !== 'node' || !stack.lockfile) return undefined;
      stack.lockfile = undefined;
      return 'install with npm install (the lockfile is out of sync with package.json)';
    case 'port':
      if (overrides.port === repair.port) return undefined;
      overrides.port = repair.port;
      return `use port ${repair.port}, where the app listens`;
    case 'health':
      if (repair.path === undefined) {
        if (overrides.tcpProbe) return undefined;
        overrides.tcpProbe = true;
        overrides.healthPath = undefined;
        return 'probe with a TCP connect (no HTTP path answers)';
      }
      if (overrides.healthPath === repair.path) return undefined;
      overrides.healthPath = repair.path;
      overrides.tcpProbe = undefined;
      return `probe ${repair.path}, which answers`;
  }
}
