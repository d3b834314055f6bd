/** What stack detection found in a project: the input of every generator. */

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
  /** HTTP path of a health endpoint found in the code (`/health`, `/healthz`, ...). */
  healthPath?: string;
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
  hasBuildScript: boolean;
  /** package.json `"type": "module"`. */
  esm: boolean;
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
  /** Web root relative to the project (`public` for Laravel/Symfony, `` for the project root). */
  documentRoot: string;
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
