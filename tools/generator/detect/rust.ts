import type { RustStack } from '../stack.js';
import { StackDetectionError, obj, parseTomlFile, str } from './errors.js';
import { projectName } from './names.js';
import type { ProjectDir } from './project-dir.js';
import { scanSourceHints } from './source-hints.js';
import { factFields } from './facts/apply.js';
import { rustFacts } from './facts/rust.js';
import { runtimeVersion } from './runtime-version.js';
import { exactVersion, truncateVersion } from './version-spec.js';

/** Crates that make a binary an HTTP service. */
const WEB_CRATES = ['axum', 'actix-web', 'rocket', 'warp', 'hyper', 'poem', 'tide', 'salvo'];

export async function detectRust(dir: ProjectDir): Promise<RustStack | undefined> {
  const text = await dir.read('Cargo.toml');
  if (text === undefined) return undefined;
  const cargo = parseTomlFile(text, 'Cargo.toml');
  const pkg = obj(cargo, 'package');
  if (!pkg) {
    if (obj(cargo, 'workspace')) throw new StackDetectionError('Cargo.toml', 'a workspace without [package]: run the generator in the member crate to containerize');
    throw new StackDetectionError('Cargo.toml', 'no [package] table');
  }
  const crateName = str(pkg, 'name');
  if (!crateName) throw new StackDetectionError('Cargo.toml', 'package.name is missing');
  dir.note('Cargo.toml', `Rust crate ${crateName}`);

  const bins = Array.isArray(cargo.bin) ? (cargo.bin as Record<string, unknown>[]) : [];
  const binaryName = str(bins[0], 'name') ?? crateName;
  if (bins.length) dir.note('Cargo.toml', `[[bin]] ${binaryName}`);
  const edition = str(pkg, 'edition');
  if (edition) dir.note('Cargo.toml', `edition ${edition}`);

  let version: string | undefined;
  const toolchainText = (await dir.readHint('rust-toolchain.toml')) ?? '';
  const channel = /channel\s*=\s*"([^"]+)"/.exec(toolchainText)?.[1] ?? (await dir.readFirstLine('rust-toolchain'));
  if (channel && exactVersion(channel)) {
    version = truncateVersion(channel, 2);
    dir.note('rust-toolchain.toml', `toolchain ${channel}`);
  } else {
    const msrv = str(pkg, 'rust-version');
    if (msrv) {
      version = runtimeVersion('rust', `>=${msrv}`);
      dir.note('Cargo.toml', `rust-version ${msrv} -> ${version}`);
    }
  }

  const deps = Object.keys(obj(cargo, 'dependencies') ?? {});
  const framework = WEB_CRATES.find((c) => deps.includes(c));
  if (framework) dir.note('Cargo.toml', `framework: ${framework}`);
  const hasCargoLock = await dir.has('Cargo.lock');
  const facts = await rustFacts(dir, framework);
  const hints = facts.listen?.port === undefined ? await scanSourceHints(dir, ['.rs'], ['src/main.rs']) : {};
  const port = facts.listen?.port ?? hints.port?.value;
  const fields = factFields(dir, facts, port ?? 8080);

  return {
    language: 'rust',
    packageManager: 'cargo',
    name: projectName(crateName, dir.root),
    appVersion: str(pkg, 'version'),
    version,
    lockfile: hasCargoLock ? 'Cargo.lock' : undefined,
    entrypoint: binaryName,
    port,
    ...fields,
    buildCommand: 'cargo build --release --locked',
    startCommand: [`/app/${binaryName}`],
    framework,
    isService: Boolean(framework || port || facts.listen),
    binaryName,
    edition,
    hasCargoLock,
    evidence: dir.evidence,
  };
}
