import type { Label } from 'dockerfile-ast';
import parseSpdx from 'spdx-expression-parse';
import type { DockerfileModel, Instr } from '../model.js';
import type { LabelSchema, RuleContext, RuleHit } from '../rule.js';
import { hitAt } from '../rule.js';

export interface LabelUse {
  instr: Instr;
  name: string;
  value: string;
}

/** Every LABEL key/value, in file order. */
export function allLabels(model: DockerfileModel): LabelUse[] {
  const out: LabelUse[] = [];
  for (const instr of model.all) {
    if (instr.keyword !== 'LABEL') continue;
    for (const p of (instr.node as Label).getProperties()) out.push({ instr, name: p.getName().replace(/^"|"$/g, ''), value: p.getValue() ?? '' });
  }
  return out;
}

/** Labels the final image carries (final stage and the stages it builds on). */
export function finalImageLabels(model: DockerfileModel): LabelUse[] {
  const final = model.finalStage;
  if (!final) return [];
  const lineage = new Set(model.lineage(final));
  return allLabels(model).filter((l) => l.instr.stage && lineage.has(l.instr.stage) && !l.instr.onbuild);
}

const VALIDATORS: Record<LabelSchema[string], (v: string) => boolean> = {
  text: () => true,
  url: (v) => {
    try {
      const u = new URL(v);
      return /^[a-z][a-z0-9+.-]*:$/.test(u.protocol) && (u.host !== '' || u.protocol === 'mailto:' || u.protocol === 'urn:');
    } catch {
      return false;
    }
  },
  semver: (v) => /^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/.test(v),
  hash: (v) => /^[0-9a-f]{7,40}$|^[0-9a-f]{64}$/.test(v),
  rfc3339: (v) => /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/.test(v) && !Number.isNaN(Date.parse(v)),
  spdx: (v) => {
    try {
      parseSpdx(v);
      return true;
    } catch {
      return false;
    }
  },
  email: (v) => /^[^\s@<>()[\]\\,;:"]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/.test(v),
};

/** Hits for schema labels of one type whose value does not validate. */
export function invalidLabels(ctx: RuleContext, type: LabelSchema[string], what: string): RuleHit[] {
  const schema = ctx.settings.labelSchema;
  return allLabels(ctx.model)
    .filter((l) => schema[l.name] === type && l.value !== '' && !l.value.includes('$') && !VALIDATORS[type](l.value))
    .map((l) => hitAt(l.instr, `label "${l.name}" is not ${what}: "${l.value}"`));
}
