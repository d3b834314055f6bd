import { existsSync } from 'node:fs';
import { readRegularFile } from '../read-regular.js';
import path from 'node:path';
import { resolvePath } from '../paths.js';
import { defineOptions, parseOptions, valuesOf } from './flags.js';
import { checkComposeProject, parseManifests, readManifestSources } from './manifest.js';
import { checkRunOptions } from './run-options.js';
import type { Classification, HostContext, ReachFinding } from './types.js';
import { checkHostPath, classification, DEFAULT_FIREWALL_LIMITS, limitsOf } from './types.js';

/** How deep `include:` chains are followed before the command is refused. */
export const MAX_COMPOSE_INCLUDE_DEPTH = DEFAULT_FIREWALL_LIMITS.maxIncludeDepth;

const COMPOSE_GLOBAL = defineOptions(
  'f|file= p|project-name= project-directory= env-file= profile= ansi= progress= parallel= compatibility dry-run all-resources',
  'verbose log-level= h|help v|version no-ansi',
);

const DEFAULT_FILES = ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml'];
const OVERRIDE_FILES = ['compose.override.yaml', 'compose.override.yml', 'docker-compose.override.yaml', 'docker-compose.override.yml'];

const READ = new Set(['config', 'convert', 'ps', 'logs', 'ls', 'images', 'top', 'version', 'port', 'events', 'wait', 'help', 'volumes', 'stats']);
/** Subcommands that start containers from the compose files: their contents are checked. */
const STARTS_CONTAINERS = new Set(['up', 'run', 'create', 'watch', 'scale', 'start', 'restart']);
const CHANGE = new Set(['up', 'down', 'rm', 'exec', 'run', 'start', 'stop', 'restart', 'kill', 'pause', 'unpause', 'create', 'pull', 'push', 'cp', 'scale', 'watch', 'attach', 'commit', 'export', 'publish']);

const COMPOSE_RUN_OPTIONS = defineOptions(
  'build cap-add= cap-drop= d|detach entrypoint= e|env= env-from-file= i|interactive l|label= name= T|no-TTY no-deps p|publish=',
  'pull= quiet-build quiet-pull remove-orphans rm service-ports t|tty use-aliases u|user= v|volume= w|workdir=',
);
const COMPOSE_EXEC_OPTIONS = defineOptions('d|detach e|env= index= T|no-TTY privileged u|user= w|workdir= i|interactive t|tty');

/** Classifies `docker compose ...`, `podman compose ...` (argv starts with program, 'compose') or `docker-compose ...`. */
export function classifyCompose(argv: readonly string[], ctx: HostContext): Classification {
  const program = argv[0];
  const lead = program === 'docker-compose' || program === 'podman-compose' ? [program] : [program, 'compose'];
  const global = parseOptions(argv.slice(lead.length), COMPOSE_GLOBAL, false);
  if (global.error) return classification(program, ['compose'], [{ reach: 'refuse', reason: `compose: ${global.error}` }], [...argv]);
  const [sub, ...args] = global.positionals;
  const words = [...lead.slice(1), sub ?? ''];
  const canonicalArgv = [...lead, ...(sub ? [sub] : []), ...args, ...global.options.flatMap((o) => o.raw.split(' '))];
  if (!sub) {
    const info = global.options.some((o) => o.name === 'version' || o.name === 'help');
    return classification(program, words, [info ? { reach: 'read', reason: 'compose --version' } : { reach: 'refuse', reason: 'compose without a subcommand' }], canonicalArgv);
  }
  const findings: ReachFinding[] = [];
  const projectDir = valuesOf(global, 'project-directory')[0];
  if (projectDir !== undefined) pushIf(findings, checkHostPath(projectDir, 'read', ctx, ['--project-directory']));
  for (const f of valuesOf(global, 'env-file')) pushIf(findings, checkHostPath(f, 'read', ctx, ['--env-file']));
  if (READ.has(sub)) {
    if (sub === 'stats' && !args.includes('--no-stream')) findings.push({ reach: 'refuse', reason: 'compose stats streams forever; add --no-stream' });
    findings.push({ reach: 'read', reason: `compose ${sub} only looks` });
  } else if (global.options.some((o) => o.name === 'dry-run')) findings.push({ reach: 'read', reason: `compose --dry-run ${sub} changes nothing` });
  else if (sub === 'build') findings.push({ reach: 'read', reason: 'compose build builds images from the project', mutates: true });
  else if (CHANGE.has(sub)) findings.push({ reach: 'change', reason: `compose ${sub} changes containers` });
  else findings.push({ reach: 'refuse', reason: `compose ${sub}: not a subcommand this firewall knows` });

  if (STARTS_CONTAINERS.has(sub) || sub === 'build') {
    const base = projectDir !== undefined ? resolvePath(projectDir, { cwd: ctx.cwd, home: ctx.home }).canonical : ctx.cwd;
    findings.push(...checkComposeFiles(valuesOf(global, 'file'), base, ctx));
  }
  if (sub === 'run') {
    const parsed = parseOptions(args, COMPOSE_RUN_OPTIONS, false);
    if (parsed.error) findings.push({ reach: 'refuse', reason: `compose run: ${parsed.error}` });
    else findings.push(...checkRunOptions(parsed, ctx));
  }
  if (sub === 'exec') {
    const parsed = parseOptions(args, COMPOSE_EXEC_OPTIONS, false);
    if (parsed.error) findings.push({ reach: 'refuse', reason: `compose exec: ${parsed.error}` });
    else if (parsed.options.some((o) => o.name === 'privileged')) findings.push({ reach: 'escape', reason: 'compose exec --privileged', flags: ['--privileged'] });
  }
  return classification(program, words, findings, canonicalArgv);
}

/** Reads the compose files a command would use (the -f list, else the defaults in the project folder) and checks them. */
function checkComposeFiles(files: string[], baseDir: string, ctx: HostContext): ReachFinding[] {
  const out: ReachFinding[] = [];
  let list = files;
  if (list.length === 0) {
    const envFile = path.join(baseDir, '.env');
    if (existsSync(envFile) && /^\s*(export\s+)?COMPOSE_(FILE|PATH_SEPARATOR)\s*=/m.test(readRegularFile(envFile))) {
      return [{ reach: 'refuse', reason: `${envFile} sets COMPOSE_FILE; pass the files with -f so they can be checked` }];
    }
    const main = DEFAULT_FILES.find((f) => existsSync(path.join(baseDir, f)));
    if (!main) return [{ reach: 'refuse', reason: `no compose file in ${baseDir} (compose would search the parent folders); pass -f` }];
    list = [main, ...OVERRIDE_FILES.filter((f) => existsSync(path.join(baseDir, f)))].map((f) => path.join(baseDir, f));
  }
  for (const f of list) out.push(...checkComposeFile(f, { ...ctx, cwd: baseDir }, 0));
  return out;
}

function checkComposeFile(file: string, ctx: HostContext, depth: number): ReachFinding[] {
  const { maxIncludeDepth } = limitsOf(ctx);
  if (depth > maxIncludeDepth) return [{ reach: 'refuse', reason: `compose include chain deeper than ${maxIncludeDepth} at ${file}` }];
  const { texts, findings } = readManifestSources(file, ctx, ['-f']);
  const out = [...findings];
  for (const t of texts) {
    const { docs, finding } = parseManifests(t.text, t.label);
    if (finding) {
      out.push(finding);
      continue;
    }
    for (const doc of docs) {
      out.push(...checkComposeProject(doc, t.label, ctx));
      const includes = includePaths(doc);
      for (const inc of includes) {
        if (inc.includes('$')) continue; // reported by checkComposeProject
        const dir = t.label === 'stdin' ? ctx.cwd : path.dirname(t.label);
        out.push(...checkComposeFile(path.resolve(dir, inc), { ...ctx, cwd: dir }, depth + 1));
      }
    }
  }
  return out;
}

function includePaths(doc: unknown): string[] {
  if (typeof doc !== 'object' || doc === null) return [];
  const inc = (doc as Record<string, unknown>).include;
  const list = Array.isArray(inc) ? inc : inc === undefined ? [] : [inc];
  return list.flatMap((i) => (typeof i === 'string' ? [i] : typeof i === 'object' && i !== null ? [(i as Record<string, unknown>).path].flat() : [])).filter((p): p is string => typeof p === 'string');
}

function pushIf(out: ReachFinding[], f: ReachFinding | undefined): void {
  if (f) out.push(f);
}

