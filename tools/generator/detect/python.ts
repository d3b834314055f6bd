import { DEFAULT_PORTS, FRAMEWORK_PORTS } from '../runtime-defaults.js';
import type { PythonStack } from '../stack.js';
import { obj, parseTomlFile, str } from './errors.js';
import { projectName } from './names.js';
import type { ProjectDir } from './project-dir.js';
import { procfileWeb, scanSourceHints, simpleArgv } from './source-hints.js';
import { factFields } from './facts/apply.js';
import { modulePath, pythonAppObjects, pythonFacts, pythonSources, type PythonAppObject } from './facts/python.js';
import type { AppFacts } from './facts/types.js';
import { runtimeVersion } from './runtime-version.js';

const MARKERS = ['pyproject.toml', 'requirements.txt', 'poetry.lock', 'uv.lock', 'setup.py', 'Pipfile'];
const ENTRY_CANDIDATES = ['app.py', 'main.py', 'server.py', 'wsgi.py', 'asgi.py', 'run.py', 'app/main.py', 'src/main.py', 'src/app.py'];
/** Requirement name -> framework hint, first match wins. */
const FRAMEWORKS = ['django', 'fastapi', 'flask', 'starlette', 'aiohttp', 'quart', 'bottle', 'falcon'];

export async function detectPython(dir: ProjectDir): Promise<PythonStack | undefined> {
  const present: string[] = [];
  for (const m of MARKERS) if (await dir.has(m)) present.push(m);
  if (!present.length) return undefined;
  dir.note(present[0], 'Python project');

  const pyprojectText = await dir.read('pyproject.toml');
  const pyproject = pyprojectText === undefined ? {} : parseTomlFile(pyprojectText, 'pyproject.toml');
  const poetry = obj(pyproject, 'tool', 'poetry');

  let packageManager: PythonStack['packageManager'] = 'pip';
  let lockfile: string | undefined;
  if ((await dir.has('uv.lock')) || obj(pyproject, 'tool', 'uv')) {
    packageManager = 'uv';
    if (await dir.has('uv.lock')) lockfile = 'uv.lock';
  } else if ((await dir.has('poetry.lock')) || poetry) {
    packageManager = 'poetry';
    if (await dir.has('poetry.lock')) lockfile = 'poetry.lock';
  }
  dir.note(lockfile ?? (packageManager === 'pip' ? present[0] : 'pyproject.toml'), `package manager: ${packageManager}`);

  const requirementsFile = packageManager === 'pip' && (await dir.has('requirements.txt')) ? 'requirements.txt' : undefined;
  const pipfile = packageManager === 'pip' && !requirementsFile && (await dir.has('Pipfile'));
  if (pipfile) {
    if (await dir.has('Pipfile.lock')) lockfile = 'Pipfile.lock';
    dir.note('Pipfile', 'dependencies declared for pipenv');
  }
  const requirements = await requirementNames(dir, requirementsFile, pyproject, poetry);

  const version = (await pythonVersion(dir, pyproject, poetry)) ?? (pipfile ? await pipfileVersion(dir) : undefined);
  const framework = FRAMEWORKS.find((f) => requirements.has(f));
  if (framework) dir.note(requirementsFile ?? 'pyproject.toml', `framework: ${framework}`);

  const sources = await pythonSources(dir, ENTRY_CANDIDATES);
  const apps = pythonAppObjects(sources);
  const app = chooseApp(apps, framework);
  const entrypoint = (await dir.has('manage.py')) ? 'manage.py' : app?.file ?? (await firstExisting(dir, ENTRY_CANDIDATES));
  if (entrypoint) dir.note(entrypoint, 'entry point');
  const effectiveFramework = framework ?? app?.framework;
  const facts = await pythonFacts(dir, sources, { framework: effectiveFramework, requirements });
  const hints = await scanSourceHints(dir, ['.py'], entrypoint ? [entrypoint] : []);
  const procfile = await procfileWeb(dir);
  let port = procfilePort(procfile) ?? facts.listen?.port ?? hints.port?.value;
  if (port === undefined && effectiveFramework && FRAMEWORK_PORTS[effectiveFramework]) {
    port = FRAMEWORK_PORTS[effectiveFramework];
    dir.note(requirementsFile ?? 'pyproject.toml', `${effectiveFramework} listens on ${port} by default`);
  }
  const listenPort = port ?? DEFAULT_PORTS.python;

  let appModule: string | undefined;
  if (effectiveFramework === 'django') appModule = await djangoWsgi(dir);
  else if (app) {
    appModule = `${modulePath(app.file).module}:${app.attr}`;
    dir.note(app.file, `application object ${appModule} (${app.framework}, line ${app.line})`);
  }
  const packageFiles = new Set<string>();
  for (const s of sources) if (s.file.includes('/') && (await dir.has(`${s.file.slice(0, s.file.lastIndexOf('/'))}/__init__.py`))) packageFiles.add(s.file);
  const start = startOf(dir, { packageFiles, procfile, framework: effectiveFramework, requirements, app, appModule, entrypoint, port: listenPort, facts });
  // The server is started by our command: the code's own run() bind only matters when the file itself is run.
  const fields = { ...factFields(dir, start.argv?.[0] === 'python' ? facts : { ...facts, listen: undefined }, listenPort), facts };

  return {
    language: 'python',
    packageManager,
    name: projectName(str(pyproject, 'project', 'name') ?? str(poetry, 'name'), dir.root),
    appVersion: str(pyproject, 'project', 'version') ?? str(poetry, 'version'),
    version,
    lockfile,
    entrypoint,
    port,
    ...fields,
    startCommand: start.argv,
    framework: effectiveFramework,
    isService: Boolean(effectiveFramework || port !== undefined || requirements.has('gunicorn') || requirements.has('uvicorn')
      || facts.routes.length),
    requirementsFile,
    pipfile: pipfile || undefined,
    appModule,
    collectStatic: effectiveFramework === 'django' ? needsCollectStatic(dir, sources) : undefined,
    evidence: dir.evidence,
  };
}

function needsCollectStatic(dir: ProjectDir, sources: { file: string; code: string }[]): boolean | undefined {
  const settings = sources.find((s) => /^\s*STATIC_ROOT\s*=/m.test(s.code));
  if (!settings || !/whitenoise/i.test(settings.code)) return undefined;
  dir.note(settings.file, 'STATIC_ROOT with WhiteNoise: collectstatic runs in the image build');
  return true;
}

/** The application object to serve: one in a usual entry file first, then one of the detected framework. */
function chooseApp(apps: PythonAppObject[], framework: string | undefined): PythonAppObject | undefined {
  const fitting = apps.filter((a) => !framework || a.framework === framework || (framework === 'starlette' && a.kind === 'asgi'));
  const pool = fitting.length ? fitting : apps;
  const rank = (a: PythonAppObject) => {
    const i = ENTRY_CANDIDATES.indexOf(a.file);
    return (i < 0 ? ENTRY_CANDIDATES.length + a.file.split('/').length : i) * 2 + (a.attr.endsWith('()') ? 1 : 0);
  };
  return [...pool].sort((a, b) => rank(a) - rank(b))[0];
}

function procfilePort(procfile: string | undefined): number | undefined {
  const m = procfile && /(?:--port[= ]|-p\s+|--bind[= ]\S*:|-b\s+\S*:)(\d{2,5})\b/.exec(procfile);
  return m ? Number(m[1]) : undefined;
}

async function pipfileVersion(dir: ProjectDir): Promise<string | undefined> {
  const text = await dir.read('Pipfile');
  if (text === undefined) return undefined;
  const pipfile = parseTomlFile(text, 'Pipfile');
  const v = str(pipfile, 'requires', 'python_full_version') ?? str(pipfile, 'requires', 'python_version');
  if (!v) return undefined;
  dir.note('Pipfile', `requires python ${v}`);
  return runtimeVersion('python', v);
}

async function firstExisting(dir: ProjectDir, candidates: string[]): Promise<string | undefined> {
  for (const c of candidates) if (await dir.has(c)) return c;
  return undefined;
}

/** Lowercased distribution names from requirements.txt, [project].dependencies and Poetry's table. */
async function requirementNames(
  dir: ProjectDir,
  requirementsFile: string | undefined,
  pyproject: Record<string, unknown>,
  poetry: Record<string, unknown> | undefined,
): Promise<Set<string>> {
  const names = new Set<string>();
  const add = (spec: string) => {
    const m = /^\s*([A-Za-z0-9][A-Za-z0-9._-]*)/.exec(spec);
    if (m) names.add(m[1].toLowerCase().replace(/_/g, '-'));
  };
  const addExtras = (spec: string) => {
    add(spec);
    const extras = /^\s*[A-Za-z0-9._-]+\s*\[([^\]]*)\]/.exec(spec)?.[1] ?? '';
    // fastapi[standard] brings uvicorn and the fastapi CLI; uvicorn[standard] is uvicorn.
    if (/^\s*fastapi\s*\[/i.test(spec) && /\b(standard|all)\b/.test(extras)) names.add('uvicorn');
  };
  const reqText = (await dir.readHint(requirementsFile ?? 'requirements.txt')) ?? '';
  for (const line of reqText.split(/\r?\n/)) if (!line.trim().startsWith('#') && !line.trim().startsWith('-')) addExtras(line);
  const projectDeps = (pyproject.project as Record<string, unknown> | undefined)?.dependencies;
  if (Array.isArray(projectDeps)) for (const d of projectDeps) if (typeof d === 'string') addExtras(d);
  for (const key of Object.keys(obj(poetry, 'dependencies') ?? {})) add(key);
  const pipfileText = await dir.readHint('Pipfile');
  if (pipfileText) for (const key of Object.keys(obj(parseTomlFile(pipfileText, 'Pipfile'), 'packages') ?? {})) add(key);
  return names;
}

async function pythonVersion(
  dir: ProjectDir,
  pyproject: Record<string, unknown>,
  poetry: Record<string, unknown> | undefined,
): Promise<string | undefined> {
  const pinned = await dir.readFirstLine('.python-version');
  if (pinned && runtimeVersion('python', pinned)) {
    dir.note('.python-version', `Python ${pinned}`);
    return runtimeVersion('python', pinned);
  }
  const runtimeTxt = await dir.readFirstLine('runtime.txt');
  const rt = runtimeTxt && /^python-(\d+\.\d+(?:\.\d+)?)$/.exec(runtimeTxt);
  if (rt) {
    dir.note('runtime.txt', `Python ${rt[1]}`);
    return rt[1];
  }
  for (const [spec, where] of [
    [str(pyproject, 'project', 'requires-python'), 'requires-python'],
    [str(poetry, 'dependencies', 'python'), 'tool.poetry.dependencies.python'],
  ] as const) {
    if (!spec) continue;
    const v = runtimeVersion('python', spec);
    if (v) {
      dir.note('pyproject.toml', `${where} "${spec}" -> ${v}`);
      return v;
    }
  }
  return undefined;
}

/** `project.wsgi:application` for Django, from the folder holding wsgi.py. */
async function djangoWsgi(dir: ProjectDir): Promise<string | undefined> {
  for (const f of await dir.sourceFiles(['wsgi.py'])) {
    const parts = f.split('/');
    if (parts.length >= 2) {
      const mod = `${parts.slice(0, -1).join('.')}.wsgi:application`;
      dir.note(f, `Django WSGI module ${mod}`);
      return mod;
    }
  }
  return undefined;
}

interface StartInput {
  procfile?: string;
  framework?: string;
  requirements: Set<string>;
  app?: PythonAppObject;
  appModule?: string;
  entrypoint?: string;
  port: number;
  facts: AppFacts;
  /** Files inside a package (a folder with __init__.py): they must run as `python -m`, for their relative imports. */
  packageFiles: Set<string>;
}

/**
 * The production start command: the Procfile's web line, else a real server (gunicorn, uvicorn) on the application
 * object as a module path (so packages with relative imports load), else the framework's own CLI, else the file.
 */
function startOf(dir: ProjectDir, p: StartInput): { argv?: string[] } {
  const fromProcfile = p.procfile && simpleArgv(p.procfile.replace(/\$\{?PORT\}?/g, String(p.port)));
  if (fromProcfile) return { argv: fromProcfile };
  if (p.procfile) dir.note('Procfile', 'the web line uses shell syntax: not used as it is');
  const bind = `0.0.0.0:${p.port}`;
  const has = (r: string) => p.requirements.has(r);
  const appDir = p.app ? modulePath(p.app.file).appDir : undefined;
  const kind = p.framework === 'django' ? 'wsgi' : p.app?.kind;
  if (p.appModule && kind === 'wsgi' && has('gunicorn')) {
    return { argv: ['gunicorn', '--bind', bind, ...(appDir ? ['--chdir', appDir] : []), p.appModule] };
  }
  if (p.appModule && kind === 'asgi') {
    if (has('gunicorn') && has('uvicorn')) return { argv: ['gunicorn', '--bind', bind, '--worker-class', 'uvicorn.workers.UvicornWorker', ...(appDir ? ['--chdir', appDir] : []), p.appModule] };
    if (has('uvicorn')) return { argv: ['uvicorn', p.appModule, '--host', '0.0.0.0', '--port', String(p.port), ...(appDir ? ['--app-dir', appDir] : [])] };
    if (has('hypercorn')) return { argv: ['hypercorn', '--bind', bind, p.appModule] };
  }
  if (p.entrypoint === 'manage.py') return { argv: ['python', 'manage.py', 'runserver', bind, '--noreload'] };
  const run = p.facts.listen;
  // A file that starts its own server under `if __name__ == "__main__"`: run it, as a module inside a package.
  if (run && (!run.localOnly || run.hostEnv) && (run.file === p.entrypoint || !p.appModule || p.app?.kind === 'aiohttp')) {
    return { argv: p.packageFiles.has(run.file) ? ['python', '-m', modulePath(run.file).module] : ['python', run.file] };
  }
  if (p.appModule && p.app?.framework === 'flask') {
    dir.note(p.app.file, 'no WSGI server in the requirements: started with `flask run` (add gunicorn for production)');
    return { argv: ['flask', '--app', p.appModule, 'run', '--host', '0.0.0.0', '--port', String(p.port)] };
  }
  if (p.entrypoint) return { argv: ['python', p.entrypoint] };
  return {};
}
