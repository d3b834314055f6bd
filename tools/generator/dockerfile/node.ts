import type { ContainerPlan } from '../plan.js';
import { DEFAULT_RUNTIME_VERSIONS } from '../runtime-defaults.js';
import type { NodeStack } from '../stack.js';
import { planOf, writableSetup, type PlanContext } from './context.js';
import { dockerfileText, envLine, header, labels, runWithCaches, runtimeTail } from './instructions.js';

interface InstallSteps {
  /** Files the install needs, copied before the source. */
  manifests: string[];
  cache: string;
  prodInstall: string;
  fullInstall: string;
  run: (script: string) => string;
  setup?: string;
}

function installSteps(stack: NodeStack): InstallSteps {
  const lock = stack.lockfile ? [stack.lockfile] : [];
  switch (stack.packageManager) {
    case 'pnpm':
      return {
        manifests: ['package.json', ...lock],
        cache: '/root/.local/share/pnpm/store',
        // With a packageManager field corepack fetches exactly that; without one it would fetch "latest" and verify
        // its signature with keys that an older Node's corepack may not have: npm installs the lockfile's pnpm line.
        setup: stack.packageManagerSpec ? 'RUN corepack enable' : `RUN npm install -g pnpm@${stack.pnpmMajor ?? 9}`,
        prodInstall: `pnpm install ${stack.lockfile ? '--frozen-lockfile ' : ''}--prod`,
        fullInstall: `pnpm install${stack.lockfile ? ' --frozen-lockfile' : ''}`,
        run: (s) => `pnpm run ${s}`,
      };
    case 'yarn':
      if (stack.yarnFlavor === 'berry') {
        return {
          manifests: ['package.json', ...lock],
          cache: '/root/.yarn/berry/cache',
          setup: 'RUN corepack enable',
          prodInstall: 'yarn workspaces focus --all --production',
          fullInstall: `yarn install${stack.lockfile ? ' --immutable' : ''}`,
          run: (s) => `yarn run ${s}`,
        };
      }
      return {
        manifests: ['package.json', ...lock],
        cache: '/usr/local/share/.cache/yarn',
        prodInstall: `yarn install ${stack.lockfile ? '--frozen-lockfile ' : ''}--production`,
        fullInstall: `yarn install${stack.lockfile ? ' --frozen-lockfile' : ''}`,
        run: (s) => `yarn run ${s}`,
      };
    default:
      // npm ci needs a lockfile; without one, npm install still honours package.json ranges.
      return {
        manifests: ['package.json', ...lock],
        cache: '/root/.npm',
        prodInstall: `${stack.lockfile ? 'npm ci' : 'npm install'} --omit=dev --no-audit --no-fund`,
        fullInstall: `${stack.lockfile ? 'npm ci' : 'npm install'} --no-audit --no-fund`,
        run: (s) => `npm run ${s}`,
      };
  }
}

export function nodePlan(stack: NodeStack, ctx: PlanContext): ContainerPlan {
  const version = stack.version ?? DEFAULT_RUNTIME_VERSIONS.node;
  const image = `node:${version}-bookworm-slim`;
  // Native addons compile at install time when no prebuilt binary can be fetched: the full image has python3, make, g++.
  const installImage = stack.nativeAddons?.length ? `node:${version}-bookworm` : image;
  const steps = installSteps(stack);
  const description = `a Node.js (${stack.packageManager}${stack.yarnFlavor ? ` ${stack.yarnFlavor}` : ''}) project`;
  const notes: string[] = [];
  const writablePaths = ['/tmp'];
  if (stack.framework === 'next') writablePaths.push('/app/.next/cache');

  const start = [...(stack.startCommand ?? ['node', stack.entrypoint ?? 'index.js']), ...ctx.startArgs];
  if (!stack.startCommand) notes.push(`No start script or entry file found: CMD runs ${start.join(' ')}; adjust it.`);
  if (start[0] === 'npm') notes.push('The start script uses shell syntax, so CMD runs `npm start`; a direct `node <file>` CMD starts faster and gets signals first-hand.');
  if (installImage !== image) notes.push(`${stack.nativeAddons!.join(', ')} compile${stack.nativeAddons!.length > 1 ? '' : 's'} native code when no prebuilt binary can be downloaded: dependencies install in ${installImage} (python3, make, g++); the runtime stays slim (same Debian release, same glibc).`);
  if (installImage !== image) notes.push(`${stack.nativeAddons!.join(', ')} compile${stack.nativeAddons!.length > 1 ? '' : 's'} native code when no prebuilt binary can be downloaded: dependencies install in ${installImage} (python3, make, g++); the runtime stays slim (same Debian release, same glibc).`);
  if (stack.yarnFlavor === 'berry') {
    notes.push('`yarn workspaces focus --production` is built into Yarn 4; Yarn 2 and 3 need the workspace-tools plugin.');
  }
  if (steps.setup && !stack.packageManagerSpec) {
    notes.push(`corepack picks the ${stack.packageManager} version: pin it with a "packageManager" field in package.json.`);
  }

  const env: Record<string, string> = { NODE_ENV: 'production' };
  if (ctx.port !== undefined) env.PORT = String(ctx.port);
  Object.assign(env, ctx.appEnv);
  const copyManifests = `COPY ${steps.manifests.join(' ')} ./`;

  const deps = [
    `FROM ${ctx.buildImage(installImage)} AS deps`,
    'WORKDIR /app',
    steps.setup,
    copyManifests,
    // A project without dependencies gets no node_modules, and the runtime stage copies it.
    runWithCaches([steps.cache], `${skipScripts(stack, steps.prodInstall)} && mkdir -p node_modules`),
  ];
  const build = stack.hasBuildScript
    ? [
      `FROM ${ctx.buildImage(installImage)} AS build`,
      'WORKDIR /app',
      steps.setup,
      copyManifests,
      runWithCaches([steps.cache], skipScripts(stack, steps.fullInstall)),
      'COPY . .',
      // node_modules here holds dev dependencies: the runtime takes the production set from `deps`.
      `RUN ${steps.run('build')} && rm -rf node_modules`,
    ]
    : undefined;

  const probe = ctx.probe('node');
  const runtime = [
    `FROM ${ctx.runtimeImage(image)} AS runtime`,
    labels(stack, description),
    'WORKDIR /app',
    envLine(env),
    'COPY --from=deps /app/node_modules ./node_modules',
    build ? 'COPY --from=build /app ./' : 'COPY . .',
    ...(stack.framework === 'next' ? [`RUN mkdir -p /app/.next/cache && chown ${ctx.uid}:${ctx.uid} /app/.next/cache`] : []),
    writableSetup(ctx, '/app'),
    ...runtimeTail({ uid: ctx.uid, port: ctx.port, probe, startSeconds: 10, start }),
  ];
  notes.push('Node.js does not reap zombies or forward signals as PID 1 by default: run with `--init` (compose.yaml sets `init: true`) or handle SIGTERM in the app.');

  return planOf(stack, ctx, {
    dockerfile: dockerfileText([header(stack, description), deps, ...(build ? [build] : []), runtime]),
    ignore: ['**/node_modules', '**/npm-debug.log*', '**/yarn-error.log', '**/.npmrc', '**/.yarn/cache', '**/.next', '**/coverage',
      ...(stack.hasBuildScript ? ['dist', 'build'] : [])],
    healthcheck: probe,
    writablePaths,
    env,
    memoryMiB: 512,
    startSeconds: 10,
    notes,
  });
}

/**
 * With a root lifecycle script that runs a development tool, the install skips scripts; the dependencies' own install
 * scripts (native addons) then run through `rebuild`.
 */
function skipScripts(stack: NodeStack, install: string): string {
  if (!stack.devLifecycleScript) return install;
  // Only the native addons are rebuilt, by name: a bare `rebuild` would run the root's lifecycle scripts again.
  const addons = stack.nativeAddons ?? [];
  if (!addons.length) return `${install} --ignore-scripts`;
  const rebuild = stack.packageManager === 'pnpm' ? 'pnpm rebuild' : 'npm rebuild';
  return `${install} --ignore-scripts && ${rebuild} ${addons.join(' ')}`;
}
