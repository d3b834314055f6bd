import type { ContainerPlan } from '../plan.js';
import { DEFAULT_RUNTIME_VERSIONS } from '../runtime-defaults.js';
import type { RubyStack } from '../stack.js';
import { planOf, writableSetup, type PlanContext } from './context.js';
import { dockerfileText, envLine, header, labels, runWithCaches, runtimeTail } from './instructions.js';

/** Folders Rails writes at run time (pids, cache, logs when not on stdout). */
const RAILS_WRITABLE = ['/app/tmp', '/app/log'];

export function rubyPlan(stack: RubyStack, ctx: PlanContext): ContainerPlan {
  const version = stack.version ?? DEFAULT_RUNTIME_VERSIONS.ruby;
  const description = `a Ruby (Bundler${stack.rails ? ', Rails' : ''}) project`;
  const bundleEnv: Record<string, string> = {
    BUNDLE_PATH: '/usr/local/bundle',
    BUNDLE_WITHOUT: 'development:test',
    ...(stack.lockfile ? { BUNDLE_DEPLOYMENT: '1' } : {}),
  };
  // The full image has compilers for native gems; only the installed bundle reaches the slim runtime.
  const build = [
    `FROM ${ctx.buildImage(`ruby:${version}-bookworm`)} AS build`,
    'WORKDIR /app',
    envLine(bundleEnv),
    `COPY Gemfile${stack.lockfile ? ` ${stack.lockfile}` : ''} ./`,
    runWithCaches(['/root/.bundle/cache'], 'bundle install --jobs 4 && rm -rf /usr/local/bundle/ruby/*/cache'),
    'COPY . .',
    ...(stack.rails ? ['RUN SECRET_KEY_BASE_DUMMY=1 bundle exec rails assets:precompile'] : []),
  ];
  const env: Record<string, string> = { ...bundleEnv };
  if (stack.rails) Object.assign(env, { RAILS_ENV: 'production', RAILS_LOG_TO_STDOUT: '1', RAILS_SERVE_STATIC_FILES: '1' });
  if (ctx.port !== undefined) env.PORT = String(ctx.port);
  Object.assign(env, ctx.appEnv);
  const probe = ctx.probe('bash');
  const start = [...(stack.startCommand ?? ['bundle', 'exec', 'ruby', 'app.rb']), ...ctx.startArgs];
  const writable = stack.rails ? RAILS_WRITABLE : [];
  const runtime = [
    `FROM ${ctx.runtimeImage(`ruby:${version}-slim-bookworm`)} AS runtime`,
    labels(stack, description),
    'WORKDIR /app',
    envLine(env),
    'COPY --from=build /usr/local/bundle /usr/local/bundle',
    'COPY --from=build /app /app',
    ...(writable.length ? [`RUN mkdir -p ${writable.join(' ')} && chown -R ${ctx.uid}:${ctx.uid} ${writable.join(' ')}`] : []),
    writableSetup(ctx, '/app'),
    ...runtimeTail({ uid: ctx.uid, port: ctx.port, probe, startSeconds: 20, start }),
  ];
  const notes: string[] = [];
  if (!stack.startCommand) notes.push(`No start command found: CMD runs ${start.join(' ')}; adjust it.`);
  if (stack.rails) notes.push('Rails needs SECRET_KEY_BASE (or RAILS_MASTER_KEY) at run time: pass it as a secret, never in the image.');
  notes.push('Gems with native extensions may need their shared libraries (libpq5, libyaml...) in the slim runtime stage.');
  return planOf(stack, ctx, {
    dockerfile: dockerfileText([header(stack, description), build, runtime]),
    ignore: ['**/.bundle', 'vendor/bundle', 'log/*', 'tmp/*', '**/node_modules', 'public/assets', 'storage/*', 'coverage'],
    healthcheck: probe,
    writablePaths: ['/tmp', ...writable],
    env,
    memoryMiB: 512,
    startSeconds: 20,
    notes,
  });
}
