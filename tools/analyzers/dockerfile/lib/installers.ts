import type { ShellCommand } from '../rule.js';
import { isCall } from './commands.js';
import { pipInstallArgs } from './packages.js';

/** Dependency installs that read a manifest (package.json, requirements.txt, go.mod ...). */
export function dependencyInstall(cmd: ShellCommand): string | undefined {
  if (isCall(cmd, 'npm', ['ci', 'install', 'i'])) return `npm ${cmd.args[0]?.value}`;
  if (cmd.name === 'yarn' && (!cmd.args.some((a) => !a.value.startsWith('-')) || isCall(cmd, 'yarn', ['install']))) return 'yarn install';
  if (isCall(cmd, ['pnpm', 'bun'], ['install', 'i'])) return `${cmd.name} install`;
  const pip = pipInstallArgs(cmd);
  if (pip && pip.args.some((a) => a.value === '-r' || a.value.startsWith('--requirement'))) return 'pip install -r';
  if (isCall(cmd, ['poetry', 'pipenv', 'uv'], ['install', 'sync'])) return `${cmd.name} ${cmd.args[0]?.value}`;
  if (isCall(cmd, 'go', ['mod'])) return 'go mod download';
  if (isCall(cmd, ['bundle', 'composer'], ['install'])) return `${cmd.name} install`;
  if (cmd.name === 'bundle' && cmd.args.length === 0) return 'bundle install';
  if (isCall(cmd, 'dotnet', ['restore'])) return 'dotnet restore';
  if (isCall(cmd, 'cargo', ['fetch'])) return 'cargo fetch';
  if ((cmd.name === 'mvn' || cmd.name === 'mvnw') && cmd.args.some((a) => a.value.startsWith('dependency:'))) return 'mvn dependency:go-offline';
  return undefined;
}

/** Package-manager commands and where they cache downloads. */
export const CACHE_DIRS: [RegExp, (c: ShellCommand) => boolean, string][] = [
  [/apt/, (c) => isCall(c, ['apt-get', 'apt'], ['install'], ['o', 'c', 't']), '/var/cache/apt'],
  [/apk/, (c) => isCall(c, 'apk', ['add']), '/var/cache/apk'],
  [/pip|\.cache/, (c) => !!pipInstallArgs(c), '/root/.cache/pip'],
  [/npm/, (c) => isCall(c, 'npm', ['ci', 'install', 'i']), '/root/.npm'],
  [/yarn/, (c) => c.name === 'yarn', '/usr/local/share/.cache/yarn'],
  [/pnpm/, (c) => c.name === 'pnpm', '/root/.local/share/pnpm/store'],
  [/go|mod/, (c) => isCall(c, 'go', ['mod', 'build', 'install']), '/go/pkg/mod'],
  [/m2/, (c) => c.name === 'mvn' || c.name === 'mvnw', '/root/.m2'],
  [/gradle/, (c) => c.name === 'gradle' || c.name === 'gradlew', '/root/.gradle'],
  [/cargo/, (c) => isCall(c, 'cargo', ['build', 'fetch', 'install']), '/usr/local/cargo/registry'],
  [/nuget/, (c) => isCall(c, 'dotnet', ['restore', 'publish', 'build']), '/root/.nuget/packages'],
];
