import type { PhpStack } from '../stack.js';
import { obj, parseJsonFile, str } from './errors.js';
import { projectName } from './names.js';
import type { ProjectDir } from './project-dir.js';
import { procfileWeb } from './source-hints.js';
import { factFields } from './facts/apply.js';
import { phpFacts } from './facts/php.js';
import { runtimeVersion } from './runtime-version.js';

export async function detectPhp(dir: ProjectDir): Promise<PhpStack | undefined> {
  const text = await dir.read('composer.json');
  const hasIndex = (await dir.has('index.php')) || (await dir.has('public/index.php'));
  if (text === undefined && !hasIndex) return undefined;
  const composer = text === undefined ? {} : parseJsonFile(text, 'composer.json');
  dir.note(text === undefined ? 'index.php' : 'composer.json', 'PHP project');

  let version: string | undefined;
  const spec = str(composer, 'require', 'php') ?? str(composer, 'config', 'platform', 'php');
  if (spec) {
    version = runtimeVersion('php', spec);
    if (version) dir.note('composer.json', `require.php "${spec}" -> ${version}`);
  }
  const requires = Object.keys(obj(composer, 'require') ?? {});
  const framework = requires.includes('laravel/framework') ? 'laravel'
    : requires.some((r) => r.startsWith('symfony/framework-bundle')) ? 'symfony'
      : requires.includes('slim/slim') ? 'slim' : undefined;
  if (framework) dir.note('composer.json', `framework: ${framework}`);
  const documentRoot = await webRoot(dir);
  const index = documentRoot ? `${documentRoot}/index.php` : 'index.php';
  const htaccess = (await dir.readHint(documentRoot ? `${documentRoot}/.htaccess` : '.htaccess')) ?? '';
  const rewrite = /^\s*RewriteEngine\s+On/im.test(htaccess) ? 'htaccess' as const
    : framework || /\$_SERVER\[['"](REQUEST_URI|PATH_INFO)['"]\]/.test((await dir.readHint(index)) ?? '') ? 'front-controller' as const : undefined;
  if (rewrite) dir.note(rewrite === 'htaccess' ? `${documentRoot || '.'}/.htaccess` : index, rewrite === 'htaccess' ? 'rewrite rules in .htaccess: mod_rewrite and AllowOverride All' : 'a front controller: every path falls back to index.php');
  const hasLock = await dir.has('composer.lock');
  const facts = await phpFacts(dir, documentRoot, framework);
  const fields = factFields(dir, facts, 8080);
  return {
    language: 'php',
    packageManager: 'composer',
    name: projectName(str(composer, 'name'), dir.root),
    appVersion: str(composer, 'version'),
    version,
    lockfile: hasLock ? 'composer.lock' : undefined,
    entrypoint: documentRoot ? 'public/index.php' : 'index.php',
    // Apache is reconfigured to listen here: a non-root user cannot bind port 80.
    port: 8080,
    ...fields,
    startCommand: ['apache2-foreground'],
    framework,
    isService: true,
    documentRoot,
    rewrite,
    hasComposerJson: text !== undefined,
    evidence: dir.evidence,
  };
}

/** The web root: the Procfile's `heroku-php-apache2 web/` argument, else public/, web/, htdocs/ or www/ with an index.php. */
async function webRoot(dir: ProjectDir): Promise<string> {
  const procfile = await procfileWeb(dir);
  const fromProcfile = procfile && /heroku-php-(?:apache2|nginx)((?:\s+-\w\s+\S+)*)\s+([\w.][\w./-]*)\/?\s*$/.exec(procfile)?.[2];
  if (fromProcfile && (await dir.has(fromProcfile))) {
    const root = fromProcfile.replace(/\/+$/, '').replace(/^\.\/?/, '');
    dir.note('Procfile', `web root ${root || '.'} (heroku-php buildpack)`);
    return root;
  }
  for (const d of ['public', 'web', 'htdocs', 'www', 'public_html']) {
    if (await dir.has(`${d}/index.php`)) {
      dir.note(`${d}/index.php`, `web root: ${d}`);
      return d;
    }
  }
  dir.note('index.php', 'web root: the project folder');
  return '';
}
