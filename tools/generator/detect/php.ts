import type { PhpStack } from '../stack.js';
import { obj, parseJsonFile, str } from './errors.js';
import { projectName } from './names.js';
import type { ProjectDir } from './project-dir.js';
import { scanSourceHints } from './source-hints.js';
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
  const documentRoot = (await dir.has('public/index.php')) ? 'public' : '';
  dir.note(documentRoot ? 'public/index.php' : 'index.php', `web root: ${documentRoot || '.'}`);
  const hasLock = await dir.has('composer.lock');
  const hints = await scanSourceHints(dir, ['.php'], [documentRoot ? 'public/index.php' : 'index.php']);
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
    healthPath: hints.healthPath?.value,
    startCommand: ['apache2-foreground'],
    framework,
    isService: true,
    documentRoot,
    hasComposerJson: text !== undefined,
    evidence: dir.evidence,
  };
}
