import type { Finding, FileKind } from '../../../tools/analyzers/types.js';
import type { StackInfo } from '../../../tools/generator/stack.js';
import type { GenerateOptions } from '../../../tools/generator/options.js';

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
  /** Dockerfile and .dockerignore for the stack. */
  containerFiles(stack: StackInfo): Promise<{ files: GeneratedFile[]; notes: string[] }>;
  composeFiles(stack: StackInfo): Promise<GeneratedFile[]>;
  kubernetesFiles(stack: StackInfo): Promise<GeneratedFile[]>;
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
    async containerFiles(stack) {
      const g = generator.generateDockerfile(stack, generate);
      return { files: g.files, notes: g.notes };
    },
    async composeFiles(stack) {
      return generator.generateCompose(stack, generate).files;
    },
    async kubernetesFiles(stack) {
      return generator.generateKubernetes(stack, generate).files;
    },
    analyze: (text, file, kind) => analyzers.checkText(text, { kind, file }),
    async fixDockerfile(text, file) {
      const r = await dockerfile.fixDockerfile(text, { file });
      return { text: r.text, changes: r.changes.map((c) => ({ rule: c.rule, line: c.line, description: c.description })) };
    },
    kindOf: (file, text) => analyzers.detectKind(file, text),
  };
}
