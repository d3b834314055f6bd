import type { ContainerPlan } from '../plan.js';
import { DEFAULT_RUNTIME_VERSIONS } from '../runtime-defaults.js';
import type { GoStack } from '../stack.js';
import { planOf, runtimeFileCopies, writableSetup, type PlanContext } from './context.js';
import { dockerfileText, envLine, header, labels, runWithCaches, runtimeTail } from './instructions.js';
import { safeToken } from './safe-values.js';

/** Alpine release of the final stage: BusyBox wget for the probe, CA certificates included, ~8 MB. */
export const GO_RUNTIME_IMAGE = 'alpine:3.21';

export function goPlan(stack: GoStack, ctx: PlanContext): ContainerPlan {
  const version = stack.version ?? DEFAULT_RUNTIME_VERSIONS.go;
  const description = 'a Go module';
  safeToken(stack.binaryName, 'binaryName');
  safeToken(stack.mainPackage, 'mainPackage');
  const out = `/out/${stack.binaryName}`;
  const build = [
    `FROM ${ctx.buildImage(`golang:${version}-alpine`)} AS build`,
    'WORKDIR /src',
    // A static binary runs on any final image, including distroless/static or scratch.
    'ENV CGO_ENABLED=0',
    `COPY ${stack.hasGoSum ? 'go.mod go.sum' : 'go.mod'} ./`,
    runWithCaches(['/go/pkg/mod'], 'go mod download'),
    'COPY . .',
    runWithCaches(['/go/pkg/mod', '/root/.cache/go-build'], `go build -trimpath -ldflags="-s -w" -o ${out} ${stack.mainPackage}`),
  ];
  const probe = ctx.probe('wget');
  const env: Record<string, string> = { ...(ctx.port !== undefined ? { PORT: String(ctx.port) } : {}), ...ctx.appEnv };
  const runtime = [
    `FROM ${ctx.runtimeImage(GO_RUNTIME_IMAGE)} AS runtime`,
    labels(stack, description),
    envLine(env),
    'WORKDIR /app',
    `COPY --from=build ${out} /app/${stack.binaryName}`,
    ...runtimeFileCopies(ctx),
    writableSetup(ctx, '/app'),
    ...runtimeTail({ uid: ctx.uid, port: ctx.port, probe, startSeconds: 5, start: [`/app/${stack.binaryName}`, ...ctx.startArgs], useEntrypoint: true }),
  ];
  return planOf(stack, ctx, {
    dockerfile: dockerfileText([header(stack, description), build, runtime]),
    ignore: ['**/*.test', '**/*.out', 'bin', 'coverage.*'],
    healthcheck: probe,
    env,
    memoryMiB: 256,
    startSeconds: 5,
    notes: [
      'CGO is off, so the binary is static: if the module needs cgo, set CGO_ENABLED=1 and use a glibc final image (debian:12-slim).',
      `The final stage is ${GO_RUNTIME_IMAGE} for its BusyBox wget health probe; gcr.io/distroless/static-debian12:nonroot is smaller but has no probe tool (use orchestrator probes then).`,
    ],
  });
}
