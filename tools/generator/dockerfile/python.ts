import type { ContainerPlan } from '../plan.js';
import { DEFAULT_RUNTIME_VERSIONS } from '../runtime-defaults.js';
import type { PythonStack } from '../stack.js';
import { planOf, writableSetup, type PlanContext } from './context.js';
import { dockerfileText, envLine, header, labels, runWithCaches, runtimeTail } from './instructions.js';
import { safeToken } from './safe-values.js';

/** Pinned installer versions (DL3013: pin what pip installs). */
export const POETRY_VERSION = '2.5.1';
export const UV_VERSION = '0.13.8';
export const PIPENV_VERSION = '2026.10.3';

const PIP_CACHE = '/root/.cache/pip';
const VENV = '/opt/venv';

export function pythonPlan(stack: PythonStack, ctx: PlanContext): ContainerPlan {
  const version = stack.version ?? DEFAULT_RUNTIME_VERSIONS.python;
  // The full image has compilers for packages without wheels; only the venv reaches the slim runtime.
  const buildImage = `python:${version}-bookworm`;
  const runtimeImage = `python:${version}-slim-bookworm`;
  if (stack.requirementsFile) safeToken(stack.requirementsFile, 'requirementsFile');
  const notes: string[] = [];
  const description = `a Python (${stack.pipfile ? 'pipenv' : stack.packageManager}) project`;

  const buildEnv: Record<string, string> = {
    PIP_DISABLE_PIP_VERSION_CHECK: '1',
    PYTHONDONTWRITEBYTECODE: '1',
  };
  const build: (string | undefined)[] = [`FROM ${ctx.buildImage(buildImage)} AS build`];
  switch (stack.packageManager) {
    case 'poetry':
      Object.assign(buildEnv, { POETRY_NO_INTERACTION: '1', POETRY_VIRTUALENVS_CREATE: 'false', VIRTUAL_ENV: VENV, PATH: `${VENV}/bin:$PATH` });
      build.push(
        envLine(buildEnv),
        runWithCaches([PIP_CACHE], `pip install poetry==${POETRY_VERSION} && python -m venv ${VENV}`),
        'WORKDIR /app',
        `COPY pyproject.toml${stack.lockfile ? ` ${stack.lockfile}` : ''} ./`,
        runWithCaches(['/root/.cache/pypoetry'], 'poetry install --only main --no-root'),
      );
      break;
    case 'uv':
      Object.assign(buildEnv, { UV_COMPILE_BYTECODE: '1', UV_LINK_MODE: 'copy', UV_PYTHON_DOWNLOADS: 'never', UV_PROJECT_ENVIRONMENT: VENV });
      build.push(
        envLine(buildEnv),
        runWithCaches([PIP_CACHE], `pip install uv==${UV_VERSION}`),
        'WORKDIR /app',
        `COPY pyproject.toml${stack.lockfile ? ` ${stack.lockfile}` : ''} ./`,
        runWithCaches(['/root/.cache/uv'], `uv sync ${stack.lockfile ? '--frozen ' : ''}--no-dev --no-install-project`),
      );
      break;
    default:
      Object.assign(buildEnv, { VIRTUAL_ENV: VENV, PATH: `${VENV}/bin:$PATH` });
      build.push(
        envLine(buildEnv),
        // Before the venv exists, so pipenv stays in the builder's system Python and out of the runtime.
        ...(stack.pipfile ? [runWithCaches([PIP_CACHE], `pip install pipenv==${PIPENV_VERSION}`)] : []),
        `RUN python -m venv ${VENV}`,
        'WORKDIR /app',
      );
      if (stack.requirementsFile) {
        build.push(`COPY ${stack.requirementsFile} ./`, runWithCaches([PIP_CACHE], `pip install -r ${stack.requirementsFile}`));
      } else if (stack.pipfile) {
        // pipenv only exports the locked set; pip installs it into the venv that the runtime stage takes.
        build.push(
          `COPY Pipfile${stack.lockfile ? ` ${stack.lockfile}` : ''} ./`,
          runWithCaches([PIP_CACHE], 'pipenv requirements > /tmp/requirements.txt && pip install -r /tmp/requirements.txt'),
        );
      } else {
        notes.push('No requirements.txt: the project itself is installed with `pip install .`, so dependencies are not cached apart from the source.');
        build.push('COPY . .', runWithCaches([PIP_CACHE], 'pip install .'));
      }
  }

  const start = [...(stack.startCommand ?? ['python', stack.entrypoint ?? 'main.py']), ...ctx.startArgs];
  if (!stack.startCommand) notes.push(`No entry point found: CMD runs ${start.join(' ')}; adjust it.`);
  if (start.includes('runserver')) notes.push('Django\'s runserver is a development server: add gunicorn to requirements for production.');

  const env: Record<string, string> = {
    PYTHONUNBUFFERED: '1',
    PYTHONDONTWRITEBYTECODE: '1',
    VIRTUAL_ENV: VENV,
    PATH: `${VENV}/bin:$PATH`,
  };
  if (ctx.port !== undefined) env.PORT = String(ctx.port);
  Object.assign(env, ctx.appEnv);
  const probe = ctx.probe('python');
  const runtime = [
    `FROM ${ctx.runtimeImage(runtimeImage)} AS runtime`,
    labels(stack, description),
    envLine(env),
    'WORKDIR /app',
    `COPY --from=build ${VENV} ${VENV}`,
    'COPY . .',
    ...(stack.collectStatic ? ['RUN python manage.py collectstatic --noinput'] : []),
    writableSetup(ctx, '/app'),
    ...runtimeTail({ uid: ctx.uid, port: ctx.port, probe, startSeconds: 10, start }),
  ];
  notes.push('The app runs as PID 1: compose.yaml sets `init: true` so signals and zombies are handled.');

  return planOf(stack, ctx, {
    dockerfile: dockerfileText([header(stack, description), build, runtime]),
    ignore: ['**/__pycache__', '**/*.py[cod]', '**/.venv', '**/venv', '**/.pytest_cache', '**/.mypy_cache', '**/.ruff_cache',
      '**/.tox', '**/*.egg-info', '**/.coverage', '**/htmlcov'],
    healthcheck: probe,
    env,
    memoryMiB: 512,
    startSeconds: 10,
    notes,
  });
}
