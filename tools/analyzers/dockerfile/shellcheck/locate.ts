import { accessSync, constants, statSync } from 'node:fs';
import path from 'node:path';
import { SHELLCHECK_ENV } from './options.js';
import type { ShellcheckOptions } from './options.js';

export type Located = { kind: 'found'; binary: string } | { kind: 'off' } | { kind: 'missing'; reason: string };

const OFF = new Set(['off', '0', 'false', 'no']);
/** `PATH` value -> the binary found on it (the lookup is a few stat calls, but `check` asks once per Dockerfile). */
const onPathCache = new Map<string, string | undefined>();

/** Which ShellCheck binary to run: the `binary` option, else `$DOCKER_EXPERT_SHELLCHECK`, else `shellcheck` on `PATH`. */
export function locateShellcheck(opts: ShellcheckOptions = {}): Located {
  const env = opts.env ?? process.env;
  const explicit = opts.binary ?? env[SHELLCHECK_ENV]?.trim();
  if (explicit && OFF.has(explicit.toLowerCase()) && opts.binary === undefined) return { kind: 'off' };
  if (explicit) return isExecutable(explicit) ? { kind: 'found', binary: path.resolve(explicit) } : { kind: 'missing', reason: `${explicit} is not an executable file` };
  const searchPath = env.PATH ?? env.Path ?? '';
  if (!onPathCache.has(searchPath)) onPathCache.set(searchPath, findOnPath(searchPath));
  const binary = onPathCache.get(searchPath);
  return binary ? { kind: 'found', binary } : { kind: 'missing', reason: 'no shellcheck on PATH' };
}

function findOnPath(searchPath: string): string | undefined {
  const names = process.platform === 'win32' ? ['shellcheck.exe', 'shellcheck'] : ['shellcheck'];
  for (const dir of searchPath.split(path.delimiter)) {
    if (!dir || !path.isAbsolute(dir)) continue;
    for (const name of names) {
      const candidate = path.join(dir, name);
      if (isExecutable(candidate)) return candidate;
    }
  }
  return undefined;
}

function isExecutable(file: string): boolean {
  try {
    if (!statSync(file).isFile()) return false;
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
