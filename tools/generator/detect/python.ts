import { DEFAULT_PORTS, FRAMEWORK_PORTS } from '../runtime-defaults.js';
import type { PythonStack } from '../stack.js';
import { obj, parseTomlFile, str } from './errors.js';
import { projectName } from './names.js';
import type { ProjectDir } from './project-dir.js';
import { procfileWeb, scanSourceHints, simpleArgv } from './source-hints.js';
import { runtimeVersion } from './runtime-version.js';

const MARKERS = ['pyproject.toml', 'requirements.txt', 'poetry.lock', 'uv.lock', 'setup.py', 'Pipfile'];
const ENTRY_CANDIDATES = ['app.py', 'main.py', 'server.py', 'wsgi.py', 'asgi.py', 'run.py', 'app/main.py', 'src/main.py', 'src/app.py'];
/** Requirement name -> framework hint, first match wins. */
const FRAMEWORKS = ['django', 'fastapi', 'flask', 'starlette', 'aiohttp'];

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

  const entrypoint = await firstExisting(dir, (await dir.has('manage.py')) ? ['manage.py'] : ENTRY_CANDIDATES);
  if (entrypoint) dir.note(entrypoint, 'entry point');
  const hints = await scanSourceHints(dir, ['.py'], entrypoint ? [entrypoint] : []);
  let port = hints.port?.value;
  if (port === undefined && framework && FRAMEWORK_PORTS[framework]) {
    port = FRAMEWORK_PORTS[framework];
    dir.note(requirementsFile ?? 'pyproject.toml', `${framework} listens on ${port} by default`);
  }
  const listenPort = port ?? DEFAULT_PORTS.python;

  const appModule = await appModuleOf(dir, framework, entrypoint);
  const startCommand = await startOf(dir, { framework, requirements, appModule, entrypoint, port: listenPort });

  return {
    language: 'python',
    packageManager,
    name: projectName(str(pyproject, 'project', 'name') ?? str(poetry, 'name'), dir.root),
    appVersion: str(pyproject, 'project', 'version') ?? str(poetry, 'version'),
    version,
    lockfile,
    entrypoint,
    port,
    healthPath: hints.healthPath?.value,
    startCommand,
    framework,
    isService: Boolean(framework || port !== undefined || requirements.has('gunicorn') || requirements.has('uvicorn')
      || hints.healthPath),
    requirementsFile,
    pipfile: pipfile || undefined,
    appModule,
    evidence: dir.evidence,
  };
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
  const reqText = (await dir.readHint(requirementsFile ?? 'requirements.txt')) ?? '';
  for (const line of reqText.split(/\r?\n/)) if (!line.trim().startsWith('#') && !line.trim().startsWith('-')) add(line);
  const projectDeps = (pyproject.project as Record<string, unknown> | undefined)?.dependencies;
  if (Array.isArray(projectDeps)) for (const d of projectDeps) if (typeof d === 'string') add(d);
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

/** `module:app` for a Flask/FastAPI app object, `project.wsgi:application` for Django. */
async function appModuleOf(
  dir: ProjectDir,
  framework: string | undefined,
  entrypoint: string | undefined,
): Promise<string | undefined> {
  if (framework === 'django') {
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
  if (!entrypoint || !framework) return undefined;
  const text = (await dir.readHint(entrypoint)) ?? '';
  const m = /^(\w+)\s*=\s*(?:Flask|FastAPI|Starlette)\(/m.exec(text);
  if (!m) return undefined;
  const mod = `${entrypoint.replace(/\.py$/, '').replace(/\//g, '.')}:${m[1]}`;
  dir.note(entrypoint, `application object ${mod}`);
  return mod;
}

async function startOf(
  dir: ProjectDir,
  p: { framework?: string; requirements: Set<string>; appModule?: string; entrypoint?: string; port: number },
): Promise<string[] | undefined> {
  const procfile = await procfileWeb(dir);
  const fromProcfile = procfile && simpleArgv(procfile.replace(/\$\{?PORT\}?/g, String(p.port)));
  if (fromProcfile) return fromProcfile;
  const bind = `0.0.0.0:${p.port}`;
  if (p.appModule && p.requirements.has('gunicorn')) {
    const worker = p.framework === 'fastapi' && p.requirements.has('uvicorn') ? ['--worker-class', 'uvicorn.workers.UvicornWorker'] : [];
    return ['gunicorn', '--bind', bind, ...worker, p.appModule];
  }
  if (p.appModule && (p.framework === 'fastapi' || p.framework === 'starlette') && p.requirements.has('uvicorn')) {
    return ['uvicorn', p.appModule, '--host', '0.0.0.0', '--port', String(p.port)];
  }
  if (p.entrypoint === 'manage.py') return ['python', 'manage.py', 'runserver', bind, '--noreload'];
  if (p.entrypoint) return ['python', p.entrypoint];
  return undefined;
}
