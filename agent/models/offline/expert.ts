import path from 'node:path';
import type { Finding, FileKind } from '../../../tools/analyzers/types.js';
import type { StackInfo } from '../../../tools/generator/stack.js';
import type { Intent } from './intent.js';
import type { ExpertKit, GeneratedFile } from './kit.js';
import type { CallResult, Script } from './replay.js';
import { verifyLoop, type VerifyOutcome } from './verify/loop.js';
import { lastLines } from './verify/diagnose.js';
import { rewriteCall } from './rewrite-call.js';
import type { GenerateOptions } from '../../../tools/generator/options.js';

export interface ExpertEnv {
  cwd: string;
  task: string;
  intent: Intent;
  /** Names of the tools the agent was given (the expert uses only these). */
  tools: Set<string>;
  handoffTargets: string[];
  kit: ExpertKit;
  /** Build, run and probe what was written when an engine answers (`--verify`); rounds at most. */
  verify: { enabled: boolean; maxRounds: number };
  /** Stable for the session: names the images and containers the verify loop makes. */
  runId: string;
  /** Waits only while a turn is made for real; a replayed turn does not wait again. */
  pause(ms: number): Promise<void>;
}

/** Project files the analyze step reads, by name. */
const MANIFESTS = /(^|\/)(package\.json|requirements[^/]*\.txt|pyproject\.toml|go\.mod|pom\.xml|build\.gradle(\.kts)?|Cargo\.toml|[^/]+\.csproj|composer\.json|Gemfile|\.dockerignore|\.python-version|\.nvmrc)$/;
const CONTAINER = /(^|\/)((Docker|Container)file([.-][^/]*)?|[^/]+\.(docker|container)file|(docker-)?compose[^/]*\.ya?ml|[^/]+\.ya?ml)$/i;
const CONTAINER_GLOB = '**/{Dockerfile,Containerfile,*.Dockerfile,*.dockerfile,Dockerfile.*,*.containerfile,*.yml,*.yaml}';
const MANIFEST_GLOB = '**/{package.json,requirements*.txt,pyproject.toml,go.mod,pom.xml,build.gradle,build.gradle.kts,Cargo.toml,*.csproj,composer.json,Gemfile,.dockerignore,.python-version,.nvmrc}';
/** At most this many files are read in the analyze step. */
export const MAX_FILES_READ = 24;

interface ProjectFile {
  path: string;
  text?: string;
  kind: FileKind;
}

/** The deterministic five-step expert. It yields turns (tool calls) and reads each turn's results. */
export async function* expertScript(env: ExpertEnv): Script {
  const { intent, tools } = env;
  const notes: string[] = [];
  const findingsOut: Finding[] = [];
  const commands: string[] = [];
  const changed: string[] = [];
  const stepsLog: string[] = [];

  // analyze (read-only)
  const probe = tools.has('Bash');
  // Two narrow searches rather than `**/*`: Glob caps its list, and a big tree must not hide the Dockerfile.
  const first = yield {
    calls: [
      { name: 'Glob', input: { pattern: CONTAINER_GLOB, path: env.cwd } },
      { name: 'Glob', input: { pattern: MANIFEST_GLOB, path: env.cwd } },
      ...(probe ? [{ name: 'Bash', input: { command: 'docker version', description: 'Is a container engine reachable?' } }] : []),
    ],
  };
  const listed = [...new Set(first.slice(0, 2).flatMap((r) => (r.isError ? [] : parseGlob(r.content, env.cwd))))];
  let engineProbe = probe ? first[2] : undefined;
  // One more try after a pause: a busy engine may miss the first `docker version`.
  if (engineProbe?.isError && !/^(Permission denied:|Refused:)/.test(engineProbe.content) && intent.containerize) {
    await env.pause(2000);
    [engineProbe] = yield { calls: [{ name: 'Bash', input: { command: 'docker version', description: 'Is a container engine reachable? (second try)' } }] };
  }
  const engine = probe ? (engineProbe?.isError ? `not reachable from here (${lastLines(engineProbe.content, 1)})` : 'reachable') : 'not probed (no Bash tool)';
  const wanted = listed.filter((f) => MANIFESTS.test(f) || CONTAINER.test(f)).slice(0, MAX_FILES_READ);
  const reads = wanted.length > 0 && tools.has('Read') ? yield { calls: wanted.map((f) => ({ name: 'Read', input: { file_path: path.join(env.cwd, f) } })) } : [];
  const files: ProjectFile[] = wanted.map((f, i) => {
    const text = reads[i] && !reads[i].isError ? stripLineNumbers(reads[i].content) : undefined;
    return { path: f, text, kind: text === undefined ? 'unknown' : env.kit.kindOf(f, text) };
  });
  const containerFiles = files.filter((f) => f.kind !== 'unknown');
  let stack = await attempt(() => env.kit.detectStack(env.cwd), undefined, 'Stack detection failed', notes);
  // A repository whose root is not a project (backend/ + frontend/): the subfolder that is the service, said why.
  let serviceDir = '';
  if (!stack && intent.containerize) {
    const service = await attempt(() => env.kit.detectService(env.cwd), undefined, 'Looking for the service failed', notes);
    if (service) {
      stack = service.stack;
      serviceDir = service.dir;
      notes.push(`The repository root is not a project: ${service.why}. The Dockerfile goes into ${service.dir}/, its build context.`);
    }
  }
  const at = (p: string) => (serviceDir ? `${serviceDir}/${p}` : p);
  const contextDir = path.join(env.cwd, serviceDir);
  // The project's own Dockerfile is `Dockerfile` (or `Containerfile`) at its root; one in a subfolder (a sample, another
  // service) or a variant (`Dockerfile.devcontainer`) is not the one `docker build .` uses.
  const hasDockerfile = containerFiles.some((f) => f.kind === 'dockerfile' && [at('dockerfile'), at('containerfile')].includes(f.path.toLowerCase()));
  yield* step(stepsLog, 'analyze', 'done', [
    `Project: ${stack ? describeStack(stack) : 'no supported stack detected'} (${listed.length} manifest and container file candidates).`,
    containerFiles.length ? `Container files: ${containerFiles.map((f) => `${f.path} (${f.kind})`).join(', ')}.` : 'No container files yet.',
    `Container engine: ${engine}.`,
  ].join(' '));

  // design
  const writes: GeneratedFile[] = [];
  let failure: string | undefined;
  if (intent.containerize && !hasDockerfile) {
    if (!stack) failure = 'I could not detect the stack, so I wrote no Dockerfile: supported are Node, Python, Go, Java, Rust, .NET, PHP and Ruby projects (a package.json, requirements.txt/pyproject.toml, go.mod, pom.xml/build.gradle, Cargo.toml, *.csproj, composer.json or Gemfile).';
    else {
      const gen = await attempt(() => env.kit.containerFiles(stack), undefined, 'Generating the Dockerfile failed', notes);
      const exists = new Set(listed);
      if (gen) {
        writes.push(...gen.files.map((f) => ({ ...f, path: at(f.path) })).filter((f) => !exists.has(f.path)));
        notes.push(...gen.notes);
      }
      if (!writes.some((w) => w.path === at('Dockerfile'))) failure ??= gen ? 'The Dockerfile was not written.' : `No Dockerfile was written: ${notes.at(-1)}`;
    }
  } else if (intent.containerize) notes.push('A Dockerfile exists already: I reviewed it instead of replacing it.');
  if (failure) notes.push(failure);
  const designResults = writes.length ? yield { calls: writes.map(writeCall(env)) } : [];
  record(writes, designResults, changed, notes);
  if (intent.containerize && !hasDockerfile && writes.some((w) => w.path === at('Dockerfile')) && !changed.includes(at('Dockerfile'))) failure ??= 'The Dockerfile could not be written (see the notes).';
  yield* writes.length
    ? step(stepsLog, 'design', 'done', `Wrote ${writtenList(writes, designResults)}${stack ? ` for ${describeStack(stack)}` : ''}: multi-stage build, dependencies before source, cache mounts, non-root user, exec-form start, health check.`)
    : step(stepsLog, 'design', 'skipped', intent.containerize ? 'The container files the task asks for exist already; nothing to design from scratch.' : 'The task asks for a review, not new files.');

  // secure: analyze every container file, then apply the safe fixes when asked
  const current = new Map<string, ProjectFile>(containerFiles.map((f) => [f.path, f]));
  writes.forEach((w, i) => designResults[i] && !designResults[i].isError && current.set(w.path, { path: w.path, text: w.content, kind: env.kit.kindOf(w.path, w.content) }));
  const before = await analyzeAll(env, current);
  const fixes: GeneratedFile[] = [];
  const fixNotes: string[] = [];
  if (intent.fix) {
    for (const f of current.values()) {
      if (f.kind !== 'dockerfile' || f.text === undefined) continue;
      const fixed = await attempt(() => env.kit.fixDockerfile(f.text!, f.path), { text: f.text, changes: [] }, `Fixing ${f.path} failed`, notes);
      if (fixed.changes.length === 0) continue;
      fixes.push({ path: f.path, content: fixed.text });
      fixNotes.push(...fixed.changes.map((c) => `${f.path}:${c.line} ${c.rule}: ${c.description}`));
    }
  }
  const fixResults = fixes.length ? yield { calls: fixes.map((f) => rewriteCall(path.join(env.cwd, f.path), current.get(f.path)?.text ?? '', f.content)) } : [];
  record(fixes, fixResults, changed, notes);
  fixes.forEach((f, i) => fixResults[i] && !fixResults[i].isError && current.set(f.path, { ...current.get(f.path)!, text: f.content }));
  const after = fixes.length ? await analyzeAll(env, current) : before;
  findingsOut.push(...after);
  yield* step(stepsLog, 'secure', current.size ? 'done' : 'skipped', current.size
    ? `${countLine(before)} in ${current.size} container file(s)${fixes.length ? `; applied ${fixNotes.length} safe fix(es), ${countLine(after)} remain` : ''}. Security: ${topRules(after, SECURITY_RULES) || 'nothing at warning or above'}.`
    : 'There are no container files to check.');

  // optimize
  const optim = topRules(after, OPTIMIZE_RULES);
  yield* step(stepsLog, 'optimize', current.size ? 'done' : 'skipped', current.size
    ? `Image size and build time: ${optim || 'no layer, cache or size problems found'}.`
    : 'There are no container files to optimize.');

  // deploy: build and run what was written (when an engine answers), then compose and manifests from what ran
  let verified: VerifyOutcome | undefined;
  let finalStack = stack;
  let overrides: GenerateOptions = {};
  const wroteDockerfile = changed.includes(at('Dockerfile')) && writes.some((w) => w.path === at('Dockerfile'));
  let verifyNote: string | undefined;
  if (stack && wroteDockerfile) {
    if (!env.verify.enabled) verifyNote = 'The image was not built: verification is off (--no-verify).';
    else if (!probe) verifyNote = 'The image was not built: this agent has no Bash tool.';
    else if (engine !== 'reachable') verifyNote = `The image was not built: no container engine answers here (\`docker version\`: ${engine.replace(/^not reachable from here \((.*)\)$/, '$1')}). Build and run it with the commands below.`;
    else {
      verified = yield* verifyLoop({
        cwd: contextDir,
        name: stack.name,
        runId: env.runId,
        stack,
        maxRounds: env.verify.maxRounds,
        pause: env.pause,
        generate: async (s, o) => {
          const g = await env.kit.containerFiles(s, o);
          return { dockerfile: g.files.find((f) => f.path === 'Dockerfile')!.content, ...g.plan };
        },
        writeCall: (content) => writeCall(env)({ path: at('Dockerfile'), content }),
      });
      finalStack = verified.stack;
      overrides = verified.overrides;
      const last = verified.rounds.at(-1);
      verifyNote = verified.status === 'healthy'
        ? `Built and ran the image: ${last?.detail} (${verified.rounds.length} round${verified.rounds.length > 1 ? 's' : ''}${verified.rounds.some((r) => r.repair) ? `; repaired: ${verified.rounds.filter((r) => r.repair).map((r) => r.repair).join('; ')}` : ''}).`
        : last?.outcome === 'refused'
          ? `The image was not built: ${last.detail}. Allow it with --verify (the default) or approve the docker commands.`
          : `The image did not become healthy after ${verified.rounds.length} round(s): ${last?.detail}.`;
      if (verified.status !== 'healthy' && last?.outcome !== 'refused') {
        findingsOut.unshift({ rule: 'DE-VERIFY', severity: 'warning', message: verifyNote, file: 'Dockerfile', line: 1, column: 1, aliases: [] });
      }
    }
    notes.push(verifyNote);
  }
  const deployFiles: GeneratedFile[] = [];
  const exists = new Set([...listed, ...changed]);
  if (finalStack && intent.compose && !containerFiles.some((f) => f.kind === 'compose')) deployFiles.push(...(await attempt(() => env.kit.composeFiles(finalStack, overrides), [], 'Generating compose.yaml failed', notes)).map((f) => ({ ...f, path: at(f.path) })).filter((f) => !exists.has(f.path)));
  if (finalStack && intent.kubernetes && !containerFiles.some((f) => f.kind === 'kubernetes')) deployFiles.push(...(await attempt(() => env.kit.kubernetesFiles(finalStack, overrides), [], 'Generating the Kubernetes manifests failed', notes)).map((f) => ({ ...f, path: at(f.path) })).filter((f) => !exists.has(f.path)));
  if ((intent.compose || intent.kubernetes) && !stack) notes.push('Without a detected stack I wrote no compose file or manifests.');
  const deployResults = deployFiles.length ? yield { calls: deployFiles.map(writeCall(env)) } : [];
  record(deployFiles, deployResults, changed, notes);
  const deployChecked = deployFiles.length ? await analyzeAll(env, new Map(deployFiles.map((f) => [f.path, { path: f.path, text: f.content, kind: env.kit.kindOf(f.path, f.content) }]))) : [];
  findingsOut.push(...deployChecked);
  const deploySummary = [
    ...(verified ? [verifyNote!] : []),
    ...(intent.compose || intent.kubernetes
      ? [deployFiles.length ? `Wrote ${writtenList(deployFiles, deployResults)}: health checks, resource limits, read-only root filesystem, dropped capabilities; ${countLine(deployChecked)}.` : 'The compose file or manifests exist already; their findings are in the report.']
      : []),
  ];
  yield* deploySummary.length
    ? step(stepsLog, 'deploy', 'done', deploySummary.join(' '))
    : step(stepsLog, 'deploy', 'skipped', `The task did not ask for compose or Kubernetes files${verifyNote ? `; ${verifyNote.charAt(0).toLowerCase()}${verifyNote.slice(1).replace(/\.$/, '')}` : ''}.`);

  // handoff
  const name = stack?.name ?? path.basename(env.cwd).toLowerCase().replace(/[^a-z0-9-]+/g, '-');
  if (current.size || changed.length) commands.push(`docker build -t ${name}:dev ${quote(contextDir)}`);
  if (stack?.isService) commands.push(`docker run --rm --init -p 127.0.0.1:${stack.port ?? 8080}:${stack.port ?? 8080} ${name}:dev`);
  commands.push(`npx docker-expert check ${quote(env.cwd)}`);
  const manifests = deployFiles.filter((f) => env.kit.kindOf(f.path, f.content) === 'kubernetes');
  if (manifests.length) commands.push(`kubectl apply --dry-run=server ${manifests.map((f) => `-f ${quote(path.join(env.cwd, f.path))}`).join(' ')}`);
  const to = env.handoffTargets.includes('terminal') ? 'terminal' : env.handoffTargets[0];
  const summary = report(env, { stack, changed, findings: findingsOut, fixNotes, notes, steps: stepsLog, commands });
  const handoff = yield {
    calls: [{
      name: 'Handoff',
      input: {
        to, summary, findings: findingsOut.slice(0, 100).map(toModelFinding), commands,
        ...(to === 'terminal' ? {} : { open_tasks: openTasks(findingsOut) }),
        ...(verified ? { runs: verified.rounds.map(({ round, outcome, detail, repair, commands: c }) => ({ round, outcome, detail, ...(repair ? { repair } : {}), commands: c })) } : {}),
        ...(failure ? { outcome: 'failed' } : {}),
      },
    }],
  };
  return handoff[0].isError ? `I could not hand off: ${handoff[0].content}` : summary;
}

/** An instrument that fails becomes a note in the report, never a dead run. */
async function attempt<T>(fn: () => Promise<T>, fallback: T, what: string, notes: string[]): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    notes.push(`${what}: ${(err as Error).message}`);
    return fallback;
  }
}

function* step(log: string[], stepName: string, status: 'done' | 'skipped', summary: string): Generator<{ calls: { name: string; input: unknown }[] }, void, CallResult[]> {
  const [result] = yield { calls: [{ name: 'WorkflowStep', input: { step: stepName, status, summary } }] };
  log.push(`${stepName}: ${result && !result.isError ? status : 'refused'} - ${summary}`);
}

const writeCall = (env: ExpertEnv) => (f: GeneratedFile) => ({ name: 'Write', input: { file_path: path.join(env.cwd, f.path), content: f.content } });

function record(files: GeneratedFile[], results: CallResult[], changed: string[], notes: string[]): void {
  files.forEach((f, i) => {
    if (results[i] && !results[i].isError) changed.push(f.path);
    else notes.push(`Could not write ${f.path}: ${results[i]?.content ?? 'no result'}`);
  });
}

function writtenList(files: GeneratedFile[], results: CallResult[]): string {
  const ok = files.filter((_, i) => results[i] && !results[i].isError).map((f) => f.path);
  return ok.length ? ok.join(', ') : 'nothing (the writes were refused; see the report)';
}

async function analyzeAll(env: ExpertEnv, files: Map<string, ProjectFile>): Promise<Finding[]> {
  const out: Finding[] = [];
  for (const f of files.values()) {
    if (f.text === undefined || f.kind === 'unknown') continue;
    out.push(...(await attempt(() => env.kit.analyze(f.text!, f.path, f.kind), [], `Analyzing ${f.path} failed`, [])));
  }
  return out.sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || a.file.localeCompare(b.file) || a.line - b.line);
}

const SEVERITY_RANK: Record<string, number> = { error: 0, warning: 1, info: 2, style: 3 };
const SECURITY_RULES = /^(DL3002|DL3004|DL3000|DL3007|DL3006|DL3026|DE1|BK-SecretsUsedInArgOrEnv|KUBE|COMPOSE|DL4006)/;
const OPTIMIZE_RULES = /^(DL3008|DL3009|DL3013|DL3015|DL3016|DL3018|DL3019|DL3042|DL3059|DL3060|DL4001|DE1)/;

function topRules(findings: Finding[], which: RegExp): string {
  const counts = new Map<string, number>();
  for (const f of findings) if (which.test(f.rule) && (f.severity === 'error' || f.severity === 'warning')) counts.set(f.rule, (counts.get(f.rule) ?? 0) + 1);
  return [...counts].slice(0, 8).map(([r, n]) => (n > 1 ? `${r} x${n}` : r)).join(', ');
}

function countLine(findings: Finding[]): string {
  const c: Record<string, number> = { error: 0, warning: 0, info: 0, style: 0 };
  for (const f of findings) c[f.severity]++;
  return `${findings.length} finding(s): ${c.error} error, ${c.warning} warning, ${c.info} info, ${c.style} style`;
}

function toModelFinding(f: Finding) {
  return { rule: f.rule, severity: f.severity, message: f.message, file: f.file, line: f.line };
}

function openTasks(findings: Finding[]) {
  const serious = findings.filter((f) => f.severity === 'error' || f.severity === 'warning');
  const tasks = [{ id: 'T001', agent: 'docker-expert', description: serious.length ? `Fix the ${serious.length} remaining container findings at warning or above` : 'Build and smoke-test the image', dependencies: [] as string[], context: serious.slice(0, 10).map((f) => `${f.file}:${f.line} ${f.rule}`).join('; ') }];
  tasks.push({ id: 'T002', agent: 'security-scanner', description: 'Scan the built image for vulnerabilities', dependencies: ['T001'], context: 'The image is built by T001.' });
  return tasks;
}

function report(env: ExpertEnv, r: { stack?: StackInfo; changed: string[]; findings: Finding[]; fixNotes: string[]; notes: string[]; steps: string[]; commands: string[] }): string {
  const lines = [`Offline docker-expert report for ${env.cwd}`, `Task: ${env.task}`];
  if (r.stack) lines.push(`Stack: ${describeStack(r.stack)}.`);
  if (r.changed.length) lines.push(`Files written: ${r.changed.join(', ')}.`);
  if (r.fixNotes.length) lines.push('Fixes applied:', ...r.fixNotes.map((n) => `- ${n}`));
  lines.push('Workflow:', ...r.steps.map((st, i) => `${i + 1}. ${st}`));
  lines.push(r.findings.length ? `Findings (${countLine(r.findings)}):` : 'Findings: none.');
  for (const f of r.findings.slice(0, 40)) lines.push(`- ${f.file}:${f.line} ${f.rule} [${f.severity}] ${f.message}`);
  if (r.findings.length > 40) lines.push(`- … and ${r.findings.length - 40} more (in the handoff's findings).`);
  for (const n of r.notes) lines.push(`Note: ${n}`);
  for (const u of env.intent.unsupported) lines.push(`Not done offline: ${u}.`);
  if (r.commands.length) lines.push('Next commands:', ...r.commands.map((c) => `  ${c}`));
  return lines.join('\n');
}

function describeStack(s: StackInfo): string {
  return [s.language, s.version && `version ${s.version}`, s.packageManager, s.framework, s.port && `port ${s.port}`].filter(Boolean).join(', ');
}

/** Glob's result: one path a line (absolute or relative); anything else (notes on truncation) is ignored. */
function parseGlob(content: string, cwd: string): string[] {
  return content
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !/^(no files|\(|note|results? )/i.test(l))
    .map((l) => (path.isAbsolute(l) ? path.relative(cwd, l) : l))
    .filter((l) => l && !l.startsWith('..'));
}

/** Read numbers lines (`     1\tFROM node`); the analyzers want the text itself. */
function stripLineNumbers(content: string): string | undefined {
  const lines = content.split('\n');
  if (!lines.every((l) => l === '' || /^\s*\d+\t/.test(l))) return undefined;
  return lines.filter((l, i) => !(l === '' && i === lines.length - 1)).map((l) => l.replace(/^\s*\d+\t/, '')).join('\n') + '\n';
}

function quote(p: string): string {
  return /^[\w./-]+$/.test(p) ? p : `'${p.replace(/'/g, `'\\''`)}'`;
}
