import type { Arg, Env } from 'dockerfile-ast';
import { hitAt } from '../rule.js';
import type { Instr, Rule, RuleHit } from '../rule.js';
import { PREDEFINED_ARGS, globalArgs, variableRefs } from '../lib/variables.js';

/** Variables base images commonly set: unknown to us without pulling the image. */
const COMMON_IMAGE_ENV = new Set(['PATH', 'HOME', 'USER', 'HOSTNAME', 'LANG', 'LC_ALL', 'TERM', 'PWD', 'SHELL', 'JAVA_HOME', 'GOPATH', 'GOROOT', 'PYTHONPATH', 'NODE_VERSION', 'PYTHON_VERSION', 'GOLANG_VERSION', 'LD_LIBRARY_PATH', 'PHP_INI_DIR', 'CATALINA_HOME', 'APP_ROOT', 'HOME_DIR', 'CARGO_HOME', 'RUSTUP_HOME', 'GEM_HOME', 'BUNDLE_PATH', 'MAVEN_HOME', 'GRADLE_HOME', 'DOTNET_ROOT', 'CONDA_DIR', 'VIRTUAL_ENV']);
const CHECKED = new Set(['ADD', 'COPY', 'ENV', 'EXPOSE', 'LABEL', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR']);

function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) for (let j = 1; j <= b.length; j++) d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
  return d[a.length][b.length];
}

/**
 * A variable used in an instruction that no ARG or ENV defines. Base images may set variables we cannot see,
 * so outside `FROM scratch` stages only likely typos of a defined name are reported.
 */
export const UndefinedVar: Rule = {
  id: 'UndefinedVar',
  severity: 'warning',
  description: 'A variable is used but never defined by ARG or ENV (likely a typo).',
  aliases: [],
  check({ model }) {
    const hits: RuleHit[] = [];
    const globals = globalArgs(model);
    for (const stage of model.stages) {
      const defined = new Set<string>();
      const lineage = model.lineage(stage).reverse();
      const scratch = lineage[0].image.toLowerCase() === 'scratch';
      const instrs: Instr[] = lineage.flatMap((s) => s.instructions);
      for (const instr of instrs) {
        if (instr.keyword === 'ARG') {
          const p = (instr.node as Arg).getProperty();
          if (p) defined.add(p.getName());
          continue;
        }
        if (CHECKED.has(instr.keyword) && instr.stage === stage) {
          for (const ref of variableRefs(instr.node.getRawArgumentsContent() ?? '')) {
            if (defined.has(ref.name) || COMMON_IMAGE_ENV.has(ref.name) || PREDEFINED_ARGS.has(ref.name) || ref.modifier || (ref.name.length < 3 && !scratch)) continue;
            const near = [...defined, ...globals.keys()].find((d) => distance(d, ref.name) <= 2 && d !== ref.name);
            if (near || scratch) hits.push(hitAt(instr, `$${ref.name} is not defined${near ? ` (did you mean $${near}?)` : ''}`));
          }
        }
        if (instr.keyword === 'ENV') for (const p of (instr.node as Env).getProperties()) defined.add(p.getName());
      }
    }
    return hits;
  },
};
