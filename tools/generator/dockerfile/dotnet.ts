import type { ContainerPlan } from '../plan.js';
import path from 'node:path';
import { DEFAULT_RUNTIME_VERSIONS } from '../runtime-defaults.js';
import type { DotnetStack } from '../stack.js';
import { planOf, writableSetup, type PlanContext } from './context.js';
import { dockerfileText, envLine, header, labels, runWithCaches, runtimeTail } from './instructions.js';
import { safeToken } from './safe-values.js';

const NUGET_CACHE = '/root/.nuget/packages';

export function dotnetPlan(stack: DotnetStack, ctx: PlanContext): ContainerPlan {
  const version = stack.version ?? DEFAULT_RUNTIME_VERSIONS.dotnet;
  const description = `a .NET ${stack.isWeb ? '(ASP.NET Core) ' : ''}project`;
  safeToken(stack.projectFile, 'projectFile');
  safeToken(stack.assemblyName, 'assemblyName');
  const projectDir = path.posix.dirname(stack.projectFile);
  const build = [
    `FROM ${ctx.buildImage(`mcr.microsoft.com/dotnet/sdk:${version}`)} AS build`,
    'WORKDIR /src',
    `COPY ${stack.projectFile} ${projectDir === '.' ? './' : `${projectDir}/`}`,
    runWithCaches([NUGET_CACHE], `dotnet restore ${stack.projectFile}`),
    'COPY . .',
    runWithCaches([NUGET_CACHE], `dotnet publish ${stack.projectFile} -c Release -o /app --no-restore`),
  ];
  const env: Record<string, string> = {};
  if (ctx.port !== undefined) {
    env.PORT = String(ctx.port);
    // .NET 8 containers read ASPNETCORE_HTTP_PORTS; older ones only ASPNETCORE_URLS.
    if (Number.parseFloat(version) >= 8) env.ASPNETCORE_HTTP_PORTS = String(ctx.port);
    else env.ASPNETCORE_URLS = `http://+:${ctx.port}`;
  }
  Object.assign(env, ctx.appEnv);
  const probe = ctx.probe('bash');
  const runtimeImage = `mcr.microsoft.com/dotnet/${stack.isWeb ? 'aspnet' : 'runtime'}:${version}`;
  const runtime = [
    `FROM ${ctx.runtimeImage(runtimeImage)} AS runtime`,
    labels(stack, description),
    envLine(env),
    'WORKDIR /app',
    'COPY --from=build /app ./',
    writableSetup(ctx, '/app'),
    ...runtimeTail({ uid: ctx.uid, port: ctx.port, probe, startSeconds: 15, start: ['dotnet', `${stack.assemblyName}.dll`, ...ctx.startArgs], useEntrypoint: true }),
  ];
  return planOf(stack, ctx, {
    dockerfile: dockerfileText([header(stack, description), build, runtime]),
    ignore: ['**/bin', '**/obj', '**/*.user', '**/.vs', '**/TestResults'],
    healthcheck: probe,
    env,
    memoryMiB: 512,
    startSeconds: 15,
    notes: [
      'Only the project file is copied before `dotnet restore`: add Directory.Build.props, NuGet.config and referenced projects there if the solution has them.',
    ],
  });
}
