import type { ContainerPlan } from '../plan.js';
import { DEFAULT_RUNTIME_VERSIONS } from '../runtime-defaults.js';
import type { RustStack } from '../stack.js';
import { planOf, runtimeFileCopies, writableSetup, type PlanContext } from './context.js';
import { dockerfileText, envLine, header, labels, runWithCaches, runtimeTail } from './instructions.js';
import { safeToken } from './safe-values.js';

/** Same Debian release as the rust:*-bookworm builder, so the binary finds the glibc it was linked against. */
export const RUST_RUNTIME_IMAGE = 'debian:12-slim';

export function rustPlan(stack: RustStack, ctx: PlanContext): ContainerPlan {
  const version = stack.version ?? DEFAULT_RUNTIME_VERSIONS.rust;
  const description = 'a Rust (cargo) project';
  safeToken(stack.binaryName, 'binaryName');
  const locked = stack.hasCargoLock ? ' --locked' : '';
  const registry = '/usr/local/cargo/registry';
  const build = [
    `FROM ${ctx.buildImage(`rust:${version}-slim-bookworm`)} AS build`,
    'WORKDIR /src',
    `COPY Cargo.toml${stack.hasCargoLock ? ' Cargo.lock' : ''} ./`,
    // Placeholder targets let cargo resolve and download the dependencies before the source is copied.
    runWithCaches([registry], `mkdir -p src && echo 'fn main() {}' > src/main.rs && touch src/lib.rs && cargo fetch${locked} && rm src/main.rs src/lib.rs`),
    'COPY . .',
    runWithCaches([registry, '/src/target'],
      `cargo build --release${locked} --bin ${stack.binaryName} && mkdir -p /out && cp target/release/${stack.binaryName} /out/`),
  ];
  const env: Record<string, string> = { ...(ctx.port !== undefined ? { PORT: String(ctx.port) } : {}), ...ctx.appEnv };
  const probe = ctx.probe('bash');
  const runtime = [
    `FROM ${ctx.runtimeImage(RUST_RUNTIME_IMAGE)} AS runtime`,
    labels(stack, description),
    envLine(env),
    'WORKDIR /app',
    `COPY --from=build /out/${stack.binaryName} /app/${stack.binaryName}`,
    ...runtimeFileCopies(ctx),
    writableSetup(ctx, '/app'),
    ...runtimeTail({ uid: ctx.uid, port: ctx.port, probe, startSeconds: 5, start: [`/app/${stack.binaryName}`, ...ctx.startArgs], useEntrypoint: true }),
  ];
  return planOf(stack, ctx, {
    dockerfile: dockerfileText([header(stack, description), build, runtime]),
    ignore: ['target', '**/*.rs.bk'],
    healthcheck: probe,
    env,
    memoryMiB: 256,
    startSeconds: 5,
    notes: [
      `The final stage is ${RUST_RUNTIME_IMAGE} (bash for the health probe). Crates that link OpenSSL or other C libraries need those libraries there too; gcr.io/distroless/cc-debian12:nonroot is smaller but has no probe tool.`,
    ],
  });
}
