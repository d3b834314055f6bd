import path from 'node:path';
import type { DotnetStack } from '../stack.js';
import { StackDetectionError, str } from './errors.js';
import { parseXmlFile } from './java.js';
import { projectName } from './names.js';
import type { ProjectDir } from './project-dir.js';
import { scanSourceHints } from './source-hints.js';
import { factFields } from './facts/apply.js';
import { dotnetFacts } from './facts/dotnet.js';

export async function detectDotnet(dir: ProjectDir): Promise<DotnetStack | undefined> {
  const projects = (await dir.sourceFiles(['.csproj'])).filter((f) => !/(^|\/)(tests?|.*\.Tests?)\//i.test(f) && !/Tests?\.csproj$/i.test(f));
  const projectFile = projects[0];
  if (!projectFile) return undefined;
  const text = (await dir.read(projectFile)) ?? '';
  const xml = parseXmlFile(text, projectFile);
  const project = xml.Project as Record<string, unknown> | undefined;
  if (!project) throw new StackDetectionError(projectFile, 'no <Project> element', 1);
  const sdk = str(project, '@Sdk') ?? '';
  const groups = ([] as unknown[]).concat(project.PropertyGroup ?? []);
  const prop = (name: string) => groups.map((g) => str(g, name)).find(Boolean);
  const targetFramework = prop('TargetFramework') ?? prop('TargetFrameworks')?.split(';')[0];
  if (!targetFramework) throw new StackDetectionError(projectFile, 'no <TargetFramework> in any <PropertyGroup>');
  const assemblyName = prop('AssemblyName') ?? path.basename(projectFile, '.csproj');
  dir.note(projectFile, `.NET project (${sdk || 'no Sdk attribute'}), ${targetFramework}, assembly ${assemblyName}`);
  const version = /^net(?:coreapp)?(\d+\.\d+)/.exec(targetFramework)?.[1];
  const isWeb = sdk === 'Microsoft.NET.Sdk.Web';
  const facts = await dotnetFacts(dir, path.posix.dirname(projectFile));
  const hints = await scanSourceHints(dir, ['.cs'], ['Program.cs']);
  let port = facts.listen?.port ?? (facts.listen ? undefined : hints.port?.value);
  if (port === undefined && isWeb) {
    port = 8080;
    dir.note(projectFile, 'ASP.NET Core in containers listens on 8080 (ASPNETCORE_HTTP_PORTS)');
  }
  return {
    language: 'dotnet',
    packageManager: 'dotnet',
    name: projectName(assemblyName, dir.root),
    appVersion: prop('Version'),
    version,
    lockfile: (await dir.has('packages.lock.json')) ? 'packages.lock.json' : undefined,
    entrypoint: `${assemblyName}.dll`,
    port,
    ...factFields(dir, facts, port),
    buildCommand: `dotnet publish ${projectFile} -c Release -o /app`,
    startCommand: ['dotnet', `/app/${assemblyName}.dll`],
    framework: isWeb ? 'aspnetcore' : undefined,
    isService: isWeb || hints.port !== undefined,
    projectFile,
    assemblyName,
    targetFramework,
    isWeb,
    evidence: dir.evidence,
  };
}
