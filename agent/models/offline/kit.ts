import type { Finding, FileKind } from '../../../tools/analyzers/types.js';
import type { StackInfo } from '../../../tools/generator/stack.js';
import type { GenerateOptions } from '../../../tools/generator/options.js';

/** The parts of the container plan the verify loop needs. */
export interface PlanSummary {
  port?: number;
  uid: number;
  healthPath?: string;
  healthcheck?: string[];
  startSeconds: number;
}

export interface GeneratedFile {
  /** Path relative to the project. */
  path: string;
  content: string;
}

/**
 * The offline expert's instruments: stack detection, the generator and the analyzers, called in-process as its
 * reasoning. Everything it does to the project goes through the agent's tools instead.
 */
export interface ExpertKit {
  detectStack(dir: string): Promise<StackInfo | undefined>;
  /** When the root is not a project: the subfolder that is the service, and why. */
  detectService(dir: string): Promise<{ dir: string; stack: StackInfo; why: string } | undefined>;
  /** Dockerfile and .dockerignore for the stack; `overrides` are what the verify loop learned (port, probe). */
  containerFiles(stack: StackInfo, overrides?: GenerateOptions): Promise<{ files: GeneratedFile[]; notes: string[]; plan: PlanSummary }>;
  composeFiles(stack: StackInfo, overrides?: GenerateOptions): Promise<GeneratedFile[]>;
  kubernetesFiles(stack: StackInfo, overrides?: GenerateOptions): Promise<GeneratedFile[]>;
  analyze(text: string, file: string, kind: FileKind): Promise<Finding[]>;
  fixDockerfile(text: string, file: string): Promise<{ text: string; changes: { rule: string; line: number; description: string }[] }>;
  kindOf(file: string, text: string): FileKind;
}

/** `generate` passes generator options through (base images for local engines, uid, port...). */
export async function defaultKit(generate: GenerateOptions = {}): Promise<ExpertKit> {
  const [generator, analyzers, dockerfile] = await Promise.all([
    import('../../../tools/generator/index.js'),
    import('../../../tools/analyzers/index.js'),
    import('../../../tools/analyzers/dockerfile/index.js'),
  ]);
  return {
    detectStack: (dir) => generator.detectStack(dir),
    detectService: (dir) => generator.detectService(dir),
    async containerFiles(stack, overrides) {
      const g = generator.generateDockerfile(stack, { ...generate, ...overrides });
      const { port, uid, healthPath, healthcheck, startSeconds } = g.plan;
      return { files: g.files, notes: g.notes, plan: { port, uid, healthPath, healthcheck, startSeconds } };
    },
    async composeFiles(stack, overrides) {
      return generator.generateCompose(stack, { ...generate, ...overrides }).files;
    },
    async kubernetesFiles(stack, overrides) {
      return generator.generateKubernetes(stack, { ...generate, ...overrides }).files;
    },
    analyze: (text, file, kind) => analyzers.checkText(text, { kind, file }),
    async fixDockerfile(text, file) {
      const r = await dockerfile.fixDockerfile(text, { file });
      return { text: r.text, changes: r.changes.map((c) => ({ rule: c.rule, line: c.line, description: c.description })) };
    },
    kindOf: (file, text) => analyzers.detectKind(file, text),
  };
}
