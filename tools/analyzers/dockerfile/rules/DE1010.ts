import type { Env } from 'dockerfile-ast';
import { hitAt, hitInRun } from '../rule.js';
import type { Rule, RuleHit } from '../rule.js';

/** Environment settings that turn TLS verification off, with the values that do it. */
const INSECURE_ENV: Record<string, (v: string) => boolean> = {
  NODE_TLS_REJECT_UNAUTHORIZED: (v) => v.trim() === '0',
  PYTHONHTTPSVERIFY: (v) => v.trim() === '0',
  // git turns verification off when the variable is set at all, whatever its value.
  GIT_SSL_NO_VERIFY: () => true,
  NPM_CONFIG_STRICT_SSL: (v) => /^(false|0|no)$/i.test(v.trim()),
  npm_config_strict_ssl: (v) => /^(false|0|no)$/i.test(v.trim()),
  PIP_TRUSTED_HOST: (v) => v.trim() !== '',
  CURL_CA_BUNDLE: (v) => v.trim() === '',
  REQUESTS_CA_BUNDLE: (v) => v.trim() === '',
};

export const DE1010: Rule = {
  id: 'DE1010',
  severity: 'error',
  description: 'An environment variable turns off TLS verification (NODE_TLS_REJECT_UNAUTHORIZED=0, PYTHONHTTPSVERIFY=0, GIT_SSL_NO_VERIFY, NPM_CONFIG_STRICT_SSL=false, PIP_TRUSTED_HOST).',
  aliases: ['CKV2_DOCKER_5', 'CKV2_DOCKER_6', 'CKV2_DOCKER_12', 'CKV2_DOCKER_14', 'CKV2_DOCKER_16'],
  check({ model }) {
    const hits: RuleHit[] = [];
    for (const instr of model.all) {
      if (instr.keyword !== 'ENV' && instr.keyword !== 'ARG') continue;
      for (const p of (instr.node as Env).getProperties()) {
        const test = INSECURE_ENV[p.getName()];
        if (test && test(p.getValue() ?? '')) hits.push(hitAt(instr, `${p.getName()}=${p.getValue() ?? ''} turns off TLS verification`));
      }
    }
    for (const run of model.runs()) {
      for (const a of run.analysis.assignments) {
        const test = INSECURE_ENV[a.name];
        if (test && test(a.value)) hits.push(hitInRun(run, a, `${a.name}=${a.value} turns off TLS verification`));
      }
    }
    return hits;
  },
};
