/** What stack detection found in a project: the input of every generator. */
import type { AppFacts, HealthProbeChoice, SourceRef } from './detect/facts/types.js';

export const LANGUAGES = ['node', 'python', 'go', 'java', 'rust', 'dotnet', 'php', 'ruby'] as const;
export type Language = (typeof LANGUAGES)[number];

export type PackageManager =
  | 'npm' | 'yarn' | 'pnpm'
  | 'pip' | 'poetry' | 'uv'
  | 'go'
  | 'maven' | 'gradle'
  | 'cargo'
  | 'dotnet'
  | 'composer'
  | 'bundler';

/** One fact and the file it came from, so a report can say why the generator chose what it chose. */
export interface Evidence {
  /** Path relative to the project root. */
  file: string;
  what: string;
}

interface StackBase {
  language: Language;
  packageManager: PackageManager;
  /** Lowercase DNS-label-safe name for images, services and Kubernetes objects. */
  name: string;
  /** The application's own version when the project declares one (package.json, pom.xml, Cargo.toml...). */
  appVersion?: string;
  /** Language/runtime version the project asks for, as declared (`20`, `3.11.4`, `1.22`, `21`, `8.0`). */
  version?: string;
  /** Relative path of the lockfile, when there is one. */
  lockfile?: string;
  /** What the container runs: a file, module, package or artifact (per stack, see the subtypes). */
  entrypoint?: string;
  /** Port the app listens on, when the code, config or framework says so. */
  port?: number;
  /** HTTP path the health probe asks for: a health route the code serves, else `/` when served (see healthProbe). */
  healthPath?: string;
  /** The probe chosen from the app facts: an HTTP path the app serves, or a TCP connect; never an invented path. */
  healthProbe?: HealthProbeChoice;
  /** Routes, listen address, run-time files, read from the code (file:line each). */
  facts?: AppFacts;
  /**
   * How the container is made to listen on every interface when the code binds loopback by default: environment
   * to set (the app's own switch) or arguments to add. Absent when no switch exists: then `localOnly` is reported.
   */
  bindFix?: { env?: Record<string, string>; args?: string[]; why: string };
  /** Set when the app binds loopback only and no switch could be found: a warning with the place in the code. */
  localOnly?: SourceRef & { why: string };
  /** Project folders the server writes at run time (made writable for the container user). */
  writableDirs?: string[];
  /** Shell command that builds the project, when there is a build step. */
  buildCommand?: string;
  /** argv of the process to start (exec form), when it could be derived. */
  startCommand?: string[];
  /** Framework hint (`express`, `next`, `flask`, `django`, `fastapi`, `spring-boot`, `aspnetcore`, `rails`, `laravel`...). */
  framework?: string;
  /** False for a CLI or worker with nothing listening (no EXPOSE, no HEALTHCHECK, no Service). */
  isService: boolean;
  evidence: Evidence[];
}

export interface NodeStack extends StackBase {
  language: 'node';
  packageManager: 'npm' | 'yarn' | 'pnpm';
  /** Yarn 1 (`classic`) or Yarn 2+ (`berry`); set only for yarn. */
  yarnFlavor?: 'classic' | 'berry';
  /** `packageManager` field of package.json (`pnpm@9.12.0`), used with corepack. */
  packageManagerSpec?: string;
  /**
   * A root lifecycle script (postinstall, prepare...) that runs a development tool (lefthook, husky): it cannot run in a
   * production install or without .git, so installs skip scripts and then rebuild the dependencies' own.
   */
  devLifecycleScript?: { name: string; command: string };
  /** pnpm major matching the lockfile's format (`lockfileVersion: '6.0'` -> 8), when there is no packageManager field. */
  pnpmMajor?: number;
  hasBuildScript: boolean;
  /** package.json `"type": "module"`. */
  esm: boolean;
  /** Dependencies (direct or in the lockfile) that compile native code at install time when no prebuilt binary is fetched. */
  nativeAddons?: string[];
}

export interface PythonStack extends StackBase {
  language: 'python';
  packageManager: 'pip' | 'poetry' | 'uv';
  /** Requirements file for pip (`requirements.txt`). */
  requirementsFile?: string;
  /** Dependencies are declared in a Pipfile (pipenv) and no requirements.txt exists. */
  pipfile?: boolean;
  /** WSGI/ASGI target (`app:app`, `mysite.wsgi:application`) when one was found. */
  appModule?: string;
  /** Django settings with STATIC_ROOT and WhiteNoise's manifest storage: `collectstatic` must run at build time. */
  collectStatic?: boolean;
}

export interface GoStack extends StackBase {
  language: 'go';
  packageManager: 'go';
  modulePath: string;
  /** Package to build, relative (`.` or `./cmd/server`). */
  mainPackage: string;
  binaryName: string;
  hasGoSum: boolean;
}

export interface JavaStack extends StackBase {
  language: 'java';
  packageManager: 'maven' | 'gradle';
  /** File name of the runnable jar the build produces, when it can be predicted. */
  jarName?: string;
  /** `mvnw` / `gradlew` found next to the build file. */
  hasWrapper: boolean;
  /** build.gradle.kts rather than build.gradle. */
  kotlinDsl?: boolean;
  /** Build files and wrapper parts present in the root (`pom.xml`, `.mvn`, `settings.gradle`, `gradle`...). */
  buildFiles?: string[];
}

export interface RustStack extends StackBase {
  language: 'rust';
  packageManager: 'cargo';
  binaryName: string;
  edition?: string;
  hasCargoLock: boolean;
}

export interface DotnetStack extends StackBase {
  language: 'dotnet';
  packageManager: 'dotnet';
  /** Relative path of the .csproj to publish. */
  projectFile: string;
  assemblyName: string;
  /** `net8.0` */
  targetFramework: string;
  /** Sdk="Microsoft.NET.Sdk.Web": needs the ASP.NET Core runtime. */
  isWeb: boolean;
}

export interface PhpStack extends StackBase {
  language: 'php';
  packageManager: 'composer';
  /** Web root relative to the project (`public` for Laravel/Symfony, `web` from a Procfile, `` for the project root). */
  documentRoot: string;
  /**
   * How requests reach a front controller: the web root's `.htaccess` rewrite rules (Apache needs mod_rewrite and
   * AllowOverride), or a framework router with no .htaccess (FallbackResource to index.php).
   */
  rewrite?: 'htaccess' | 'front-controller';
  hasComposerJson: boolean;
}

export interface RubyStack extends StackBase {
  language: 'ruby';
  packageManager: 'bundler';
  rails: boolean;
  rack: boolean;
}

export type StackInfo =
  | NodeStack | PythonStack | GoStack | JavaStack | RustStack | DotnetStack | PhpStack | RubyStack;
