import type { OptionSpec, ParsedArgs } from './flags.js';
import { defineOptions, has, parseOptions, valuesOf } from './flags.js';
import { classifyCompose } from './compose.js';
import { DOCKER_RUN_OPTIONS, PODMAN_RUN_OPTIONS, checkRunOptions, checkVolumeSpec } from './run-options.js';
import type { Classification, HostContext, ReachFinding } from './types.js';
import { checkHostPath, classification } from './types.js';

const DOCKER_GLOBAL = defineOptions('config= c|context= D|debug H|host= l|log-level= tls tlscacert= tlscert= tlskey= tlsverify v|version h|help');
const PODMAN_GLOBAL = defineOptions(
  'cgroup-manager= conmon= c|connection= events-backend= hooks-dir= identity= imagestore= log-level= module= network-cmd-path=',
  'network-config-dir= out= r|remote root= runroot= runtime= runtime-flag= ssh= storage-driver= storage-opt= syslog tmpdir=',
  'transient-store url= v|version h|help volumepath= debug',
);

/** Global options that send the command to another daemon or another engine state: always an escape. */
const CONNECTION_GLOBALS: Record<string, string> = {
  host: 'talks to another daemon',
  config: 'uses another client configuration (credentials, contexts)',
  tlscacert: 'sets up a connection to another daemon',
  tlscert: 'sets up a connection to another daemon',
  tlskey: 'sets up a connection to another daemon',
  connection: 'talks to another engine',
  url: 'talks to another engine',
  remote: 'talks to a remote engine',
  identity: 'uses an SSH identity to reach another engine',
  ssh: 'talks to a remote engine over SSH',
  root: 'points the engine at another storage root',
  runroot: 'points the engine at another state folder',
  conmon: 'runs another conmon binary',
  'hooks-dir': 'runs host hooks',
  'network-cmd-path': 'runs another network binary',
  runtime: 'runs another OCI runtime binary',
  'runtime-flag': 'passes flags to the OCI runtime',
  module: 'loads another configuration module',
  imagestore: 'points the engine at another image store',
  volumepath: 'points the engine at another volume folder',
  tmpdir: 'points the engine at another temporary folder',
};

/** Subcommands that only look. Their flags cannot reach the host (global options are checked separately). */
const READ = new Set([
  'version', 'info', 'ps', 'images', 'inspect', 'logs', 'top', 'port', 'diff', 'history', 'search', 'events', 'wait',
  'help', 'image ls', 'image list', 'image inspect', 'image history', 'container ls', 'container list', 'container ps',
  'container inspect', 'container logs', 'container top', 'container port', 'container diff', 'container wait', 'network ls',
  'network list', 'network inspect', 'volume ls', 'volume list', 'volume inspect', 'context ls', 'context list', 'context show',
  'context inspect', 'system df', 'system info', 'system events', 'buildx ls', 'buildx inspect', 'buildx du', 'buildx version',
  'buildx imagetools inspect', 'builder ls', 'builder inspect', 'builder du', 'manifest inspect', 'trust inspect',
  'plugin ls', 'plugin list', 'plugin inspect', 'pod ps', 'pod ls', 'pod list', 'pod inspect', 'pod logs', 'pod top',
  'pod exists', 'image exists', 'container exists', 'volume exists', 'network exists', 'healthcheck run', 'machine list',
  'system connection list', 'secret ls', 'secret list', 'secret inspect', 'config ls', 'config inspect', 'node ls', 'service ls',
  'service ps', 'service inspect', 'service logs', 'stack ls', 'stack ps', 'stack services', 'image tree', 'unshare --help',
]);

/** Subcommands that change containers, images, volumes, registries or the engine: ask, or a rule naming them allows them. */
const CHANGE = new Set([
  'push', 'pull', 'login', 'logout', 'rm', 'rmi', 'kill', 'stop', 'start', 'restart', 'pause', 'unpause', 'rename', 'update',
  'attach', 'commit', 'import', 'export', 'image push', 'image pull', 'image rm', 'image remove', 'image prune', 'image import',
  'container rm', 'container remove', 'container prune', 'container kill', 'container stop', 'container start', 'container restart',
  'container pause', 'container unpause', 'container rename', 'container update', 'container attach', 'container commit',
  'container export', 'network create', 'network rm', 'network remove', 'network prune', 'network connect', 'network disconnect',
  'volume rm', 'volume remove', 'volume prune', 'system prune', 'builder prune', 'buildx prune', 'buildx create', 'buildx use',
  'buildx rm', 'buildx stop', 'buildx bake', 'buildx imagetools create', 'context create', 'context use', 'context rm',
  'context remove', 'context update', 'context import', 'context export', 'plugin install', 'plugin enable', 'plugin disable',
  'plugin rm', 'plugin remove', 'plugin upgrade', 'plugin push', 'plugin create', 'plugin set', 'swarm init', 'swarm join',
  'swarm leave', 'swarm update', 'swarm unlock', 'swarm join-token', 'swarm unlock-key', 'service rm', 'service scale',
  'service rollback', 'stack deploy', 'stack rm', 'secret create', 'secret rm', 'config create', 'config rm', 'node rm',
  'node update', 'node promote', 'node demote', 'manifest create', 'manifest push', 'manifest annotate', 'manifest rm',
  'trust sign', 'trust revoke', 'pod create', 'pod rm', 'pod start', 'pod stop', 'pod kill', 'pod restart', 'pod prune',
  'pod pause', 'pod unpause', 'image untag', 'untag', 'image sign', 'init', 'system reset', 'system migrate', 'system renumber',
  'machine start', 'machine stop', 'machine init', 'machine rm', 'system connection add', 'system connection remove',
  'system connection default', 'auto-update', 'image scp', 'volume import', 'volume export', 'image mount', 'mount', 'unmount',
  'umount', 'image unmount', 'container checkpoint', 'container restore', 'container cleanup', 'container clone', 'kube down',
  'kube play', 'generate kube', 'play kube', 'secret create', 'volume reload',
]);

/** Words that start a two-word subcommand (management commands). */
const MANAGEMENT = new Set([
  'container', 'image', 'network', 'volume', 'system', 'context', 'buildx', 'builder', 'plugin', 'swarm', 'service', 'stack',
  'secret', 'config', 'node', 'manifest', 'trust', 'pod', 'machine', 'kube', 'generate', 'play', 'healthcheck',
]);

const ALIASES: Record<string, string> = {
  'container run': 'run', 'container create': 'create', 'container exec': 'exec', 'container cp': 'cp', 'container stats': 'stats',
  'image build': 'build', 'buildx build': 'build', 'builder build': 'build', 'buildx b': 'build', 'image save': 'save',
  'image load': 'load', 'container logs': 'logs', 'system connection': 'system connection',
};

/**
 * For `docker|podman [globals] run|create ... --name NAME ...`: the command that removes that container
 * (`docker [globals] rm -f NAME`), used to clean up after a timeout. Undefined for anything else.
 */
export function containerRemovalFor(argv: readonly string[]): string[] | undefined {
  const program = argv[0];
  if (program !== 'docker' && program !== 'podman') return undefined;
  const global = parseOptions(argv.slice(1), program === 'podman' ? PODMAN_GLOBAL : DOCKER_GLOBAL, false);
  if (global.error) return undefined;
  const rest = global.positionals;
  const runArgs = rest[0] === 'run' ? rest.slice(1) : rest[0] === 'container' && rest[1] === 'run' ? rest.slice(2) : undefined;
  if (!runArgs) return undefined;
  const parsed = parseOptions(runArgs, program === 'podman' ? PODMAN_RUN_OPTIONS : DOCKER_RUN_OPTIONS, false);
  const name = valuesOf(parsed, 'name')[0];
  if (parsed.error || !name) return undefined;
  return [program, ...global.options.flatMap((o) => (o.value === undefined ? [`--${o.name}`] : [`--${o.name}=${o.value}`])), 'rm', '-f', name];
}

/**
 * `docker|podman [globals] run|create|container run|container create …` with `--label LABEL` added right after the
 * verb; anything else unchanged. `serve` marks each task's containers this way, so that cancelling the task finds and
 * removes them, named or not, attached or detached.
 */
export function withContainerLabel(argv: readonly string[], label: string): string[] {
  const program = argv[0];
  if (program !== 'docker' && program !== 'podman') return [...argv];
  const global = parseOptions(argv.slice(1), program === 'podman' ? PODMAN_GLOBAL : DOCKER_GLOBAL, false);
  if (global.error) return [...argv];
  const rest = global.positionals;
  const verbs = rest[0] === 'container' ? 2 : 1;
  if (rest[verbs - 1] !== 'run' && rest[verbs - 1] !== 'create') return [...argv];
  // Positionals are the tail of argv (globals stop at the first one): the verb ends here.
  const at = argv.length - rest.length + verbs;
  return [...argv.slice(0, at), '--label', label, ...argv.slice(at)];
}

/** Classifies one docker or podman command (argv[0] is `docker` or `podman`). */
export function classifyDocker(argv: readonly string[], ctx: HostContext): Classification {
  const program = argv[0];
  const podman = program === 'podman';
  const global = parseOptions(argv.slice(1), podman ? PODMAN_GLOBAL : DOCKER_GLOBAL, false);
  const findings: ReachFinding[] = [];
  if (global.error) return classification(program, [], [{ reach: 'refuse', reason: `${program}: ${global.error}` }], [...argv]);
  findings.push(...globalFindings(program, global, ctx));
  const rest = global.positionals;
  if (rest.length === 0) {
    const onlyInfo = global.options.every((o) => o.name === 'version' || o.name === 'help' || o.name === 'debug' || o.name === 'log-level');
    findings.push(onlyInfo ? { reach: 'read', reason: `${program} --version/--help` } : { reach: 'refuse', reason: `${program} without a subcommand` });
    return classification(program, [], findings, [...argv]);
  }
  let words = [rest[0]];
  let args = rest.slice(1);
  if (MANAGEMENT.has(rest[0]) && rest.length > 1 && !rest[1].startsWith('-')) {
    words = [rest[0], rest[1]];
    args = rest.slice(2);
    if (rest[0] === 'buildx' && rest[1] === 'imagetools' && rest[2] && !rest[2].startsWith('-')) {
      words = [...words, rest[2]];
      args = rest.slice(3);
    }
    if (rest[0] === 'system' && rest[1] === 'connection' && rest[2] && !rest[2].startsWith('-')) {
      words = [...words, rest[2]];
      args = rest.slice(3);
    }
  }
  const subcommand = words.join(' ');
  const canonicalArgv = [program, ...words, ...args, ...global.options.map((o) => o.raw.split(' ')).flat()];
  const canonical = ALIASES[subcommand] ?? subcommand;
  findings.push(...classifySubcommand(program, canonical, args, ctx));
  return classification(program, words, findings, canonicalArgv);
}

function globalFindings(program: string, global: ParsedArgs, ctx: HostContext): ReachFinding[] {
  const out: ReachFinding[] = [];
  for (const o of global.options) {
    const why = CONNECTION_GLOBALS[o.name];
    if (why) out.push({ reach: 'escape', reason: `${program} ${o.raw} ${why}`, flags: [`--${o.name}`, ...shortOf(o.name)] });
    if (o.name === 'context' && program === 'docker' && o.value !== (ctx.dockerContext ?? 'default')) {
      out.push({ reach: 'escape', reason: `docker --context ${o.value} talks to another daemon than the current context`, flags: ['--context', '-c'] });
    }
    if (o.name === 'storage-driver' || o.name === 'storage-opt' || o.name === 'cgroup-manager' || o.name === 'events-backend') {
      out.push({ reach: 'change', reason: `${program} ${o.raw} changes how the engine stores or manages containers` });
    }
  }
  return out;
}

function shortOf(name: string): string[] {
  return name === 'host' ? ['-H'] : name === 'connection' ? ['-c'] : name === 'remote' ? ['-r'] : [];
}

function classifySubcommand(program: string, sub: string, args: string[], ctx: HostContext): ReachFinding[] {
  const podman = program === 'podman';
  switch (sub) {
    case 'run':
    case 'create':
      return classifyRun(program, sub, args, podman ? PODMAN_RUN_OPTIONS : DOCKER_RUN_OPTIONS, ctx);
    case 'exec':
      return classifyExec(program, args);
    case 'build':
      return classifyBuild(program, args, ctx);
    case 'compose':
      return classifyCompose([program, 'compose', ...args], ctx).findings;
    case 'stats':
    case 'container stats':
      return args.includes('--no-stream')
        ? [{ reach: 'read', reason: `${program} stats --no-stream` }]
        : [{ reach: 'refuse', reason: `${program} stats streams forever; add --no-stream` }];
    case 'cp':
      return classifyCp(program, args, ctx);
    case 'save':
    case 'load':
      return classifySaveLoad(program, sub, args, ctx);
    case 'volume create':
      return classifyVolumeCreate(program, args);
    case 'plugin install':
      if (args.some((a) => a.startsWith('--grant-all-permissions'))) {
        return [{ reach: 'escape', reason: 'plugin install --grant-all-permissions grants a plugin host access', flags: ['--grant-all-permissions'] }];
      }
      return [{ reach: 'change', reason: `${program} plugin install installs code that runs with engine privileges` }];
    case 'export':
    case 'container export':
    case 'import':
    case 'image import':
    case 'context export':
    case 'context import':
    case 'volume export':
    case 'volume import':
      return [{ reach: 'change', reason: `${program} ${sub} moves data between the engine and host files` }, ...checkPathArguments(args, ctx)];
    case 'buildx bake':
      return [{ reach: 'escape', reason: 'buildx bake files can grant build entitlements and read host paths, which this firewall does not check', flags: ['bake'] }];
    case 'service create':
    case 'service update':
      return [{ reach: 'change', reason: `${program} ${sub} changes a swarm service` }, ...classifyServiceOptions(args, ctx)];
  }
  if (READ.has(sub)) return [{ reach: 'read', reason: `${program} ${sub} only looks` }];
  // Reaches nothing outside the engine, but changes what it holds: allowed by `Bash(docker:*)`, refused in plan mode.
  if (sub === 'tag' || sub === 'image tag') return [{ reach: 'read', reason: `${program} ${sub} adds a name to an image in the engine`, mutates: true }];
  if (CHANGE.has(sub)) return [{ reach: 'change', reason: `${program} ${sub} changes containers, images or the engine` }];
  return [{ reach: 'refuse', reason: `${program} ${sub}: not a subcommand this firewall knows (plugins run arbitrary programs)` }];
}

function classifyRun(program: string, sub: string, args: string[], spec: OptionSpec, ctx: HostContext): ReachFinding[] {
  const parsed = parseOptions(args, spec, false);
  if (parsed.error) return [{ reach: 'refuse', reason: `${program} ${sub}: ${parsed.error}` }];
  if (parsed.positionals.length === 0) return [{ reach: 'refuse', reason: `${program} ${sub}: no image given` }];
  const findings = checkRunOptions(parsed, ctx);
  findings.push({ reach: 'read', reason: `${program} ${sub} of ${parsed.positionals[0]} without host-reaching options` });
  findings.push({ reach: 'read', reason: `${program} ${sub} ${sub === 'run' ? 'creates and starts a container' : 'creates a container'}`, mutates: true });
  return findings;
}

const EXEC_OPTIONS = defineOptions('d|detach detach-keys= e|env= env-file= i|interactive privileged t|tty u|user= w|workdir= l|latest preserve-fds= preserve-fd=');

function classifyExec(program: string, args: string[]): ReachFinding[] {
  const parsed = parseOptions(args, EXEC_OPTIONS, false);
  if (parsed.error) return [{ reach: 'refuse', reason: `${program} exec: ${parsed.error}` }];
  const out: ReachFinding[] = [{ reach: 'change', reason: `${program} exec runs a command inside a running container` }];
  if (has(parsed, 'privileged')) out.push({ reach: 'escape', reason: `${program} exec --privileged`, flags: ['--privileged'] });
  return out;
}

const BUILD_OPTIONS = defineOptions(
  'add-host= allow= annotation= attest= build-arg= build-context= builder= cache-from= cache-to= call= cgroup-parent= check',
  'compress cpu-period= cpu-quota= c|cpu-shares= cpuset-cpus= cpuset-mems= debug disable-content-trust f|file= force-rm iidfile=',
  'isolation= label= load m|memory= memory-swap= metadata-file= network= no-cache no-cache-filter= o|output= platform= progress=',
  'provenance= pull push q|quiet rm sbom= secret= security-opt= shm-size= squash ssh= t|tag= target= ulimit= D|debug',
  'layers format= jobs= cap-add= cap-drop= device= v|volume= userns= pid= ipc= uts= from= timestamp= source-date-epoch= omit-history',
  'identity-label inherit-labels skip-unused-stages retry= retry-delay= manifest= authfile= creds= tls-verify sign-by= no-hosts',
  'runtime= os= arch= variant= http-proxy unsetenv= unsetlabel= env= logfile= log-level= iidfile-raw hooks-dir=',
);

function classifyBuild(program: string, args: string[], ctx: HostContext): ReachFinding[] {
  const parsed = parseOptions(args, BUILD_OPTIONS, true);
  if (parsed.error) return [{ reach: 'refuse', reason: `${program} build: ${parsed.error}` }];
  const out: ReachFinding[] = [{ reach: 'read', reason: `${program} build inside the project` }, { reach: 'read', reason: `${program} build builds an image into the engine`, mutates: true }];
  if (parsed.positionals.length > 1) return [{ reach: 'refuse', reason: `${program} build takes one context, got ${parsed.positionals.length}` }];
  const context = parsed.positionals[0] ?? (program === 'podman' ? '.' : undefined);
  if (context === undefined) return [{ reach: 'refuse', reason: `${program} build: no build context given` }];
  if (isRemote(context)) out.push({ reach: 'change', reason: `${program} build fetches a remote context ${context}` });
  else if (context !== '-') pushIf(out, checkHostPath(context, 'read', ctx, ['build context']));
  for (const f of valuesOf(parsed, 'file')) if (f !== '-') pushIf(out, checkHostPath(f, 'read', ctx, ['-f', '--file']));
  for (const f of [...valuesOf(parsed, 'iidfile'), ...valuesOf(parsed, 'metadata-file'), ...valuesOf(parsed, 'logfile')]) {
    pushIf(out, checkHostPath(f, 'write', ctx, ['--iidfile', '--metadata-file']));
  }
  for (const o of valuesOf(parsed, 'output')) out.push(...checkExporter(o, ctx, ['-o', '--output']));
  for (const o of valuesOf(parsed, 'cache-to')) out.push(...checkExporter(o, ctx, ['--cache-to']));
  for (const o of valuesOf(parsed, 'cache-from')) {
    const src = csvField(o, 'src');
    if (csvField(o, 'type') === 'local' && src) pushIf(out, checkHostPath(src, 'read', ctx, ['--cache-from']));
  }
  if (has(parsed, 'push')) out.push({ reach: 'change', reason: `${program} build --push pushes to a registry` });
  for (const s of valuesOf(parsed, 'secret')) {
    const src = csvField(s, 'src') ?? csvField(s, 'source');
    const env = csvField(s, 'env');
    if (src) pushIf(out, checkHostPath(src, 'read', ctx, ['--secret']));
    else if (env) out.push({ reach: 'escape', reason: `--secret ${s} copies the host variable ${env} into the build`, flags: ['--secret'] });
    else out.push({ reach: 'escape', reason: `--secret ${s} reads a host secret by id`, flags: ['--secret'] });
  }
  for (const s of valuesOf(parsed, 'ssh')) {
    const paths = s.includes('=') ? s.slice(s.indexOf('=') + 1).split(',') : [];
    if (paths.length === 0) out.push({ reach: 'escape', reason: `--ssh ${s} forwards the host's SSH agent into the build`, flags: ['--ssh'] });
    for (const p of paths) pushIf(out, checkHostPath(p, 'read', ctx, ['--ssh']));
  }
  for (const c of valuesOf(parsed, 'build-context')) {
    const value = c.slice(c.indexOf('=') + 1);
    if (!isRemote(value) && !value.startsWith('docker-image://') && !value.startsWith('oci-layout://')) {
      pushIf(out, checkHostPath(value, 'read', ctx, ['--build-context']));
    }
  }
  for (const a of valuesOf(parsed, 'build-arg')) {
    if (!a.includes('=')) out.push({ reach: 'escape', reason: `--build-arg ${a} copies the host's ${a} into the build`, flags: ['--build-arg'] });
  }
  for (const a of valuesOf(parsed, 'allow')) {
    out.push({ reach: 'escape', reason: `--allow ${a} grants the build host privileges`, flags: ['--allow'] });
  }
  for (const v of valuesOf(parsed, 'network')) {
    if (v.toLowerCase() === 'host') out.push({ reach: 'escape', reason: `${program} build --network=host`, flags: ['--network'] });
  }
  const runLike = { options: parsed.options.filter((o) => ['cap-add', 'device', 'security-opt', 'userns', 'pid', 'ipc', 'uts', 'cgroup-parent', 'runtime', 'hooks-dir'].includes(o.name)), positionals: [] };
  out.push(...checkRunOptions(runLike, ctx));
  for (const v of valuesOf(parsed, 'volume')) out.push(...checkVolumeSpec(v, ctx, ['-v', '--volume']));
  return out;
}

function checkExporter(value: string, ctx: HostContext, flags: string[]): ReachFinding[] {
  // `-o DIR` is `type=local,dest=DIR`: the image's files, named by whoever wrote the Dockerfile, land in DIR.
  if (!value.includes('=')) return value === '-' ? [] : [checkHostPath(value, 'tree', ctx, flags)].filter(isFinding);
  const type = csvField(value, 'type');
  const dest = csvField(value, 'dest');
  if (type === 'registry' || csvField(value, 'push') === 'true') return [{ reach: 'change', reason: `${flags[0]} ${value} pushes to a registry` }];
  if (dest && dest !== '-') return [checkHostPath(dest, type === 'local' ? 'tree' : 'write', ctx, flags)].filter(isFinding);
  return [];
}

function classifyCp(program: string, args: string[], ctx: HostContext): ReachFinding[] {
  const parsed = parseOptions(args, defineOptions('a|archive L|follow-link q|quiet overwrite'), true);
  if (parsed.error || parsed.positionals.length !== 2) return [{ reach: 'refuse', reason: `${program} cp: ${parsed.error ?? 'expects SRC and DEST'}` }];
  const out: ReachFinding[] = [{ reach: 'change', reason: `${program} cp copies files into or out of a container` }];
  const [src, dest] = parsed.positionals;
  for (const [p, use] of [[src, 'read'], [dest, 'tree']] as const) {
    if (/^[A-Za-z0-9][A-Za-z0-9_.-]*:/.test(p)) continue;
    if (p === '-') continue;
    pushIf(out, checkHostPath(p, use, ctx, ['cp']));
  }
  return out;
}

function classifySaveLoad(program: string, sub: string, args: string[], ctx: HostContext): ReachFinding[] {
  const spec = sub === 'save' ? defineOptions('o|output= platform= q|quiet format= compress multi-image-archive m|uncompressed') : defineOptions('i|input= q|quiet platform=');
  const parsed = parseOptions(args, spec, true);
  if (parsed.error) return [{ reach: 'refuse', reason: `${program} ${sub}: ${parsed.error}` }];
  const files = valuesOf(parsed, sub === 'save' ? 'output' : 'input');
  const out: ReachFinding[] = [{ reach: 'read', reason: `${program} ${sub} inside the project` }, { reach: 'read', reason: sub === 'save' ? `${program} save writes an image archive` : `${program} load loads images into the engine`, mutates: true }];
  for (const f of files) {
    const finding = checkHostPath(f, sub === 'save' ? 'write' : 'read', ctx, [sub === 'save' ? '-o' : '-i']);
    if (finding?.reach === 'refuse') out.push(finding);
    else if (finding) out.push({ reach: 'change', reason: `${program} ${sub}: ${finding.reason}` });
  }
  return out;
}

function classifyVolumeCreate(program: string, args: string[]): ReachFinding[] {
  const parsed = parseOptions(args, defineOptions('d|driver= label= o|opt= ignore'), true);
  if (parsed.error) return [{ reach: 'refuse', reason: `${program} volume create: ${parsed.error}` }];
  const opts = valuesOf(parsed, 'opt');
  if (opts.some((o) => /^(device|o)=/.test(o) && /bind|^device=/.test(o))) {
    return [{ reach: 'escape', reason: `${program} volume create ${opts.join(' ')} backs a volume with a host path`, flags: ['--opt', '-o'] }];
  }
  return [{ reach: 'change', reason: `${program} volume create` }];
}

function classifyServiceOptions(args: string[], ctx: HostContext): ReachFinding[] {
  const out: ReachFinding[] = [];
  for (let i = 0; i < args.length; i++) {
    const [name, inline] = args[i].startsWith('--') ? [args[i].slice(2).split('=')[0], args[i].includes('=') ? args[i].slice(args[i].indexOf('=') + 1) : undefined] : [undefined, undefined];
    if (!name) continue;
    const value = inline ?? args[i + 1] ?? '';
    if (['mount', 'mount-add', 'cap-add', 'network', 'network-add', 'device', 'security-opt'].includes(name)) {
      const parsed: ParsedArgs = { options: [{ name: name.replace(/-add$/, ''), value, raw: args[i] }], positionals: [] };
      out.push(...checkRunOptions(parsed, ctx));
    }
  }
  return out;
}

/** Arguments (option values included) that name host files: absolute, relative with a slash, or `~`. URLs are left alone. */
function checkPathArguments(args: string[], ctx: HostContext): ReachFinding[] {
  const out: ReachFinding[] = [];
  for (const raw of args) {
    const value = raw.startsWith('-') && raw.includes('=') ? raw.slice(raw.indexOf('=') + 1) : raw;
    if (value.startsWith('-') || /^[a-z]+:\/\//i.test(value) || value === '') continue;
    if (value.includes('/') || value.startsWith('.') || value.startsWith('~') || /\.(tar|tgz|gz|zip|json)$/.test(value)) {
      pushIf(out, checkHostPath(value, 'write', ctx, ['-o', '--output']));
    }
  }
  return out;
}

function csvField(value: string, key: string): string | undefined {
  for (const part of value.split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === key) return part.slice(eq + 1);
  }
  return undefined;
}

function isRemote(s: string): boolean {
  return /^(https?|git|ssh):\/\//.test(s) || s.startsWith('git@') || s.startsWith('github.com/');
}

function pushIf(out: ReachFinding[], f: ReachFinding | undefined): void {
  if (f) out.push(f);
}

function isFinding(f: ReachFinding | undefined): f is ReachFinding {
  return f !== undefined;
}
