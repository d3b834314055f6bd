import type { ContainerPlan } from '../plan.js';
import { DEFAULT_RUNTIME_VERSIONS } from '../runtime-defaults.js';
import type { PhpStack } from '../stack.js';
import { planOf, writableSetup, type PlanContext } from './context.js';
import { dockerfileText, header, labels, runWithCaches, runtimeTail } from './instructions.js';
import { safeToken } from './safe-values.js';

export const COMPOSER_IMAGE = 'composer:2.8';
const WEB_ROOT = '/var/www/html';

/** Folders Laravel writes at run time. */
const LARAVEL_WRITABLE = ['storage', 'bootstrap/cache'];

export function phpPlan(stack: PhpStack, ctx: PlanContext): ContainerPlan {
  const version = stack.version ?? DEFAULT_RUNTIME_VERSIONS.php;
  const description = 'a PHP project (Apache)';
  const port = ctx.port ?? 8080;
  if (stack.documentRoot) safeToken(stack.documentRoot, 'documentRoot');
  const docRoot = stack.documentRoot ? `${WEB_ROOT}/${stack.documentRoot}` : WEB_ROOT;
  const deps = stack.hasComposerJson
    ? [
      `FROM ${ctx.buildImage(COMPOSER_IMAGE)} AS deps`,
      'WORKDIR /app',
      `COPY composer.json${stack.lockfile ? ` ${stack.lockfile}` : ''} ./`,
      // Extensions are checked against the runtime image, not the composer image's PHP.
      runWithCaches(['/tmp/cache'], 'composer install --no-dev --no-interaction --no-progress --no-scripts --no-autoloader --prefer-dist --ignore-platform-req=\'ext-*\''),
      'COPY . .',
      'RUN composer dump-autoload --no-dev --optimize --classmap-authoritative',
    ]
    : undefined;
  const writable = stack.framework === 'laravel' ? LARAVEL_WRITABLE.map((d) => `${WEB_ROOT}/${d}`) : [];
  // A non-root user cannot bind port 80: Apache moves to the chosen port.
  const configure = [
    'mv "$PHP_INI_DIR/php.ini-production" "$PHP_INI_DIR/php.ini"',
    `sed -ri 's/^Listen 80$/Listen ${port}/' /etc/apache2/ports.conf`,
    `sed -ri 's/<VirtualHost \\*:80>/<VirtualHost *:${port}>/' /etc/apache2/sites-available/000-default.conf`,
    ...(docRoot !== WEB_ROOT ? [`sed -ri 's!${WEB_ROOT}!${docRoot}!g' /etc/apache2/sites-available/*.conf /etc/apache2/apache2.conf`] : []),
    ...rewriteSetup(stack.rewrite, docRoot),
  ];
  const probe = ctx.probe('bash');
  const runtime = [
    `FROM ${ctx.runtimeImage(`php:${version}-apache`)} AS runtime`,
    labels(stack, description),
    `RUN ${configure.join(' \\\n    && ')}`,
    `ENV PORT=${port}`,
    deps ? `COPY --from=deps /app ${WEB_ROOT}` : `COPY . ${WEB_ROOT}`,
    ...(writable.length ? [`RUN chown -R ${ctx.uid}:${ctx.uid} ${writable.join(' ')}`] : []),
    writableSetup(ctx, WEB_ROOT),
    ...runtimeTail({ uid: ctx.uid, port, probe, startSeconds: 10, start: ['apache2-foreground'] }),
  ];
  return planOf(stack, ctx, {
    dockerfile: dockerfileText([header(stack, description), ...(deps ? [deps] : []), runtime]),
    ignore: ['vendor', '**/node_modules', '**/.phpunit.result.cache', 'storage/logs/*', 'storage/framework/cache/*'],
    port,
    healthcheck: probe,
    // Apache's pid and lock files, PHP sessions and uploads.
    writablePaths: ['/tmp', '/var/run/apache2', '/var/lock/apache2', ...writable],
    env: { PORT: String(port) },
    memoryMiB: 512,
    startSeconds: 10,
    notes: [
      'PHP extensions the project needs (pdo_mysql, intl, gd...) go in the runtime stage with `docker-php-ext-install`.',
      `Apache listens on ${port} as uid ${ctx.uid}; its run and lock folders must be writable (tmpfs/emptyDir in the generated compose.yaml and manifests).`,
    ],
  });
}

/** mod_rewrite with the web root's .htaccess honoured, or every unknown path sent to the front controller. */
function rewriteSetup(rewrite: PhpStack['rewrite'], docRoot: string): string[] {
  if (!rewrite) return [];
  const directive = rewrite === 'htaccess' ? 'AllowOverride All' : 'FallbackResource /index.php';
  return [
    ...(rewrite === 'htaccess' ? ['a2enmod rewrite'] : []),
    `printf '<Directory ${docRoot}>\\n    ${directive}\\n</Directory>\\n' > /etc/apache2/conf-available/app.conf`,
    'a2enconf app',
  ];
}
