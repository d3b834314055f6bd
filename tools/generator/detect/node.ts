import path from 'node:path';
import { FRAMEWORK_PORTS } from '../runtime-defaults.js';
import type { NodeStack } from '../stack.js';
import { obj, parseJsonFile, str } from './errors.js';
import { projectName } from './names.js';
import type { ProjectDir } from './project-dir.js';
import { procfileWeb, scanSourceHints, simpleArgv } from './source-hints.js';
import { factFields } from './facts/apply.js';
import { nodeFacts } from './facts/node.js';
import { runtimeVersion } from './runtime-version.js';

/** Dependency name -> framework hint, first match wins. */
const FRAMEWORKS: [string, string][] = [
  ['next', 'next'],
  ['nuxt', 'nuxt'],
  ['@nestjs/core', 'nestjs'],
  ['fastify', 'fastify'],
  ['koa', 'koa'],
  ['@hapi/hapi', 'hapi'],
  ['hono', 'hono'],
  ['express', 'express'],
];

/** Frameworks whose start command is their own CLI (`next start`), resolved from node_modules/.bin. */
const FRAMEWORK_CLIS = new Set(['next', 'nuxt', 'nest', 'fastify']);
/** Development runners whose argument is a plain JavaScript file `node` can run itself. */
const DEV_RUNNERS = new Set(['nodemon', 'node-dev', 'supervisor', 'forever']);

const ENTRY_CANDIDATES = ['server.js', 'index.js', 'app.js', 'main.js', 'server.mjs', 'index.mjs', 'src/server.js', 'src/index.js'];

/**
 * Packages that compile C/C++ at install time unless they can download a prebuilt binary (from GitHub, which a
 * closed network may not reach): their install needs python3, make and g++ (the full node:*-bookworm image).
 */
export const NATIVE_ADDONS = ['sqlite3', 'better-sqlite3', 'bcrypt', 'argon2', 'canvas', 'node-sass', 'leveldown', 'libxmljs', 'libxmljs2', 'deasync', 'microtime', 're2', 'isolated-vm', 'ffi-napi', 'ref-napi', 'cpu-features'];

const LOCKFILES: [string, NodeStack['packageManager']][] = [
  ['pnpm-lock.yaml', 'pnpm'],
  ['yarn.lock', 'yarn'],
  ['package-lock.json', 'npm'],
  ['npm-shrinkwrap.json', 'npm'],
];

export async function detectNode(dir: ProjectDir): Promise<NodeStack | undefined> {
  const text = await dir.read('package.json');
  if (text === undefined) return undefined;
  const pkg = parseJsonFile(text, 'package.json');
  dir.note('package.json', 'Node.js project');

  const deps = { ...obj(pkg, 'devDependencies'), ...obj(pkg, 'dependencies') };
  const scripts = obj(pkg, 'scripts') ?? {};

  let packageManager: NodeStack['packageManager'] = 'npm';
  let lockfile: string | undefined;
  for (const [file, pm] of LOCKFILES) {
    if (await dir.has(file)) {
      packageManager = pm;
      lockfile = file;
      dir.note(file, `${pm} lockfile`);
      break;
    }
  }
  const packageManagerSpec = str(pkg, 'packageManager');
  if (!lockfile && packageManagerSpec) {
    const pm = packageManagerSpec.split('@')[0];
    if (pm === 'yarn' || pm === 'pnpm' || pm === 'npm') packageManager = pm;
    dir.note('package.json', `packageManager field: ${packageManagerSpec}`);
  }
  let yarnFlavor: NodeStack['yarnFlavor'];
  if (packageManager === 'yarn') {
    const lock = lockfile ? await dir.readHint(lockfile) : undefined;
    const berry = (lock?.includes('__metadata:') ?? false) || (await dir.has('.yarnrc.yml'))
      || /^yarn@[2-9]/.test(packageManagerSpec ?? '');
    yarnFlavor = berry ? 'berry' : 'classic';
    dir.note(lockfile ?? 'package.json', `yarn ${yarnFlavor}`);
  }

  const version = await nodeVersion(dir, pkg);
  const devLifecycleScript = devLifecycle(dir, scripts, obj(pkg, 'devDependencies') ?? {}, obj(pkg, 'dependencies') ?? {});
  const pnpmMajor = packageManager === 'pnpm' && !packageManagerSpec ? await pnpmMajorOf(dir, lockfile) : undefined;

  const framework = FRAMEWORKS.find(([dep]) => dep in deps)?.[1];
  if (framework) dir.note('package.json', `framework: ${framework}`);

  const buildScript = str(scripts, 'build');
  // A separate production start (`start:prod`: `node dist/main` in Nest starters) beats a development `start`.
  const startScript = str(scripts, 'start:prod') ?? str(scripts, 'start');
  if (buildScript) dir.note('package.json', `build script: ${buildScript}`);
  if (startScript) dir.note('package.json', `start script: ${startScript}`);

  const { entrypoint, startCommand } = await startOf(dir, startScript, str(pkg, 'main'));

  const facts = await nodeFacts(dir, {
    entry: entrypoint,
    framework,
    startArgs: startCommand?.[0]?.startsWith('node_modules/.bin/') ? [startCommand[0].slice('node_modules/.bin/'.length), ...startCommand.slice(1)] : startCommand,
    autoload: '@fastify/autoload' in deps || 'fastify-autoload' in deps,
  });
  const hints = facts.listen?.port === undefined ? await scanSourceHints(dir, ['.js', '.mjs', '.cjs', '.ts'], entrypoint ? [entrypoint] : []) : {};
  let port = facts.listen?.port ?? hints.port?.value;
  if (port === undefined && framework && FRAMEWORK_PORTS[framework]) {
    port = FRAMEWORK_PORTS[framework];
    dir.note('package.json', `${framework} listens on ${port} by default`);
  }
  const isCli = 'bin' in pkg && !framework && port === undefined && !facts.listen && facts.routes.length === 0;
  const fields = factFields(dir, facts, port ?? FRAMEWORK_PORTS.express);

  return {
    language: 'node',
    packageManager,
    name: projectName(str(pkg, 'name'), dir.root),
    appVersion: str(pkg, 'version'),
    version,
    lockfile,
    entrypoint,
    port,
    ...fields,
    buildCommand: buildScript ? `${packageManager === 'npm' ? 'npm run' : packageManager} build` : undefined,
    startCommand,
    framework,
    isService: !isCli,
    yarnFlavor,
    packageManagerSpec,
    pnpmMajor,
    devLifecycleScript,
    hasBuildScript: Boolean(buildScript),
    esm: str(pkg, 'type') === 'module',
    nativeAddons: await nativeAddons(dir, deps, lockfile),
    evidence: dir.evidence,
  };
}

async function nodeVersion(dir: ProjectDir, pkg: Record<string, unknown>): Promise<string | undefined> {
  for (const file of ['.nvmrc', '.node-version']) {
    const line = await dir.readFirstLine(file);
    if (!line) continue;
    const v = runtimeVersion('node', line.replace(/^v/, ''));
    if (v) {
      dir.note(file, `Node.js ${line}`);
      return v;
    }
  }
  const volta = str(pkg, 'volta', 'node');
  if (volta) {
    dir.note('package.json', `volta node ${volta}`);
    return volta;
  }
  const engines = str(pkg, 'engines', 'node');
  if (engines) {
    const v = runtimeVersion('node', engines);
    if (v) {
      dir.note('package.json', `engines.node "${engines}" -> ${v}`);
      return v;
    }
  }
  return undefined;
}

/** `NODE_ENV=production node x` and `cross-env NODE_ENV=production node x` -> `node x` (the env goes in ENV). */
function withoutEnvPrefix(argv: string[] | undefined): string[] | undefined {
  if (!argv) return undefined;
  let i = argv[0] === 'cross-env' ? 1 : 0;
  while (i < argv.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(argv[i])) i++;
  return i < argv.length ? argv.slice(i) : undefined;
}

async function startOf(
  dir: ProjectDir,
  startScript: string | undefined,
  main: string | undefined,
): Promise<{ entrypoint?: string; startCommand?: string[] }> {
  const procfile = startScript ? undefined : await procfileWeb(dir);
  const argv = withoutEnvPrefix(simpleArgv(startScript ?? procfile ?? ''));
  if (argv && DEV_RUNNERS.has(argv[0])) {
    const file = argv.slice(1).find((a) => !a.startsWith('-') && /\.(c|m)?js$|^[^.]+$/.test(a));
    if (file && (await dir.has(file))) {
      dir.note('package.json', `start script runs ${argv[0]}: the image runs node ${file} directly`);
      return { entrypoint: path.posix.normalize(file), startCommand: ['node', file] };
    }
  }
  if (argv?.[0] === 'node') {
    const entry = argv.slice(1).find((a) => !a.startsWith('-'));
    return { entrypoint: entry && path.posix.normalize(entry), startCommand: argv };
  }
  if (argv && FRAMEWORK_CLIS.has(argv[0])) {
    return { startCommand: [`node_modules/.bin/${argv[0]}`, ...argv.slice(1)] };
  }
  for (const candidate of [main, ...ENTRY_CANDIDATES]) {
    if (candidate && (await dir.has(candidate))) {
      dir.note(candidate, 'entry point');
      return { entrypoint: candidate, startCommand: ['node', candidate] };
    }
  }
  // A start script we cannot turn into argv: npm runs it (npm forwards SIGTERM to its child).
  if (startScript) return { startCommand: ['npm', 'start'] };
  return {};
}

/** Native addons among the dependencies or anywhere in the lockfile. */
async function nativeAddons(dir: ProjectDir, deps: Record<string, unknown>, lockfile: string | undefined): Promise<string[] | undefined> {
  const lock = lockfile ? (await dir.readHint(lockfile)) ?? '' : '';
  const found = NATIVE_ADDONS.filter((name) => name in deps
    || new RegExp(String.raw`(?:"node_modules/${name}"|^"?${name}@|^  /?${name}@|\n${name}@)`, 'm').test(lock));
  if (!found.length) return undefined;
  dir.note(found.some((n) => n in deps) ? 'package.json' : lockfile!, `native addons: ${found.join(', ')} (compiled at install when no prebuilt binary can be fetched)`);
  return found;
}

/** pnpm's lockfile format names the release line that wrote it: 9.0 -> pnpm 9, 6.x -> 8, 5.4 -> 7, older -> 6. */
async function pnpmMajorOf(dir: ProjectDir, lockfile: string | undefined): Promise<number> {
  const text = lockfile ? (await dir.readHint(lockfile)) ?? '' : '';
  const v = Number(/^lockfileVersion:\s*'?([\d.]+)'?/m.exec(text)?.[1] ?? 9);
  const major = v >= 9 ? 9 : v >= 6 ? 8 : v >= 5.4 ? 7 : 6;
  if (lockfile) dir.note(lockfile, `lockfileVersion ${v}: pnpm ${major}`);
  return major;
}

/** Git-hook installers and other tools that only make sense on a developer's machine. */
const DEV_TOOLS = new Set(['husky', 'lefthook', 'simple-git-hooks', 'yorkie', 'pre-commit', 'git-hooks', 'is-ci', 'ghooks']);
const LIFECYCLE = ['preinstall', 'install', 'postinstall', 'prepare'];

function devLifecycle(dir: ProjectDir, scripts: Record<string, unknown>, dev: Record<string, unknown>, prod: Record<string, unknown>): NodeStack['devLifecycleScript'] {
  for (const name of LIFECYCLE) {
    const command = str(scripts, name);
    const first = command?.trim().split(/\s+/).find((w) => !/^[A-Za-z_][A-Za-z0-9_]*=/.test(w));
    if (!command || !first) continue;
    if ((first in dev && !(first in prod)) || DEV_TOOLS.has(first)) {
      dir.note('package.json', `the ${name} script runs ${first}, a development tool: installs skip scripts, then rebuild the dependencies`);
      return { name, command };
    }
  }
  return undefined;
}
