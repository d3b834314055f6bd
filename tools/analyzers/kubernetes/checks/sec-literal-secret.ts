import { containerIssue, describe, describeContainer, isRecord, withTrivy } from '../model.js';
import type { K8sCheck, K8sIssue } from '../types.js';
import { looksLikeLiteralSecret } from './sensitive.js';

/** `NAME=value` or `name: value` on one line of a ConfigMap value (an env file, a properties or YAML file). */
const ASSIGNMENT = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*[=:]\s*(.*?)\s*$/;

/** A credential assigned inside a ConfigMap value: the name it is assigned to, or undefined. */
function embeddedSecret(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  for (const line of value.split('\n')) {
    const m = ASSIGNMENT.exec(line);
    if (!m) continue;
    const assigned = m[2].replace(/^(["'])(.*)\1$/, '$2');
    // Templates ({{ }}) are filled in elsewhere; looksLikeLiteralSecret skips empty values and $VAR / ${VAR} / $(cmd).
    if (/^\{\{.*\}\}$/.test(assigned)) continue;
    if (looksLikeLiteralSecret(m[1], assigned)) return m[1];
  }
  return undefined;
}

/** Trivy's KSV-0109 names: a key holding one of these, or `<one of these>=value` / `:value` inside a value. */
const TRIVY_NAME = /(pass|pword|secret|aws_access_key_id|pswrd|token|pwd)/i;
const TRIVY_ASSIGNMENT = /(password|pass|pword|passphrase|passwrd|passwd|secret|secretkey|appSecret|clientSecret|aws_access_key_id|pswrd|token|pwd)\s*[=:]/i;

/** Whether Trivy's KSV-0109 reports this ConfigMap entry. */
function trivyReports(key: string, value: unknown): boolean {
  if (TRIVY_NAME.test(key)) return true;
  if (typeof value !== 'string') return false;
  return value.split('\n').some(
    (line) =>
      TRIVY_ASSIGNMENT.test(line) &&
      [':', '='].some((d) => {
        const assigned = line.split(d)[1];
        return assigned !== undefined && assigned !== '' && !/^(\$\{|\$\(|\{\{)/.test(assigned.replace(/^"/, ''));
      }),
  );
}

export const check: K8sCheck = {
  id: 'K8S-SEC-LITERAL-SECRET',
  severity: 'error',
  title: 'Credential written in the manifest',
  aliases: ['KSV-0109', 'polaris:sensitiveContainerEnvVar', 'polaris:sensitiveConfigmapContent', 'CKV_SECRET_6'],
  check: (ctx) => {
    const out: K8sIssue[] = [];
    for (const c of ctx.containers) {
      const env = Array.isArray(c.container.env) ? c.container.env : [];
      // Trivy's KSV-0109 and Polaris's sensitiveConfigmapContent look at ConfigMaps only.
      const aliases = withTrivy(check.aliases, []).filter((a) => a !== 'polaris:sensitiveConfigmapContent');
      env.forEach((e: { name?: unknown; value?: unknown }, i: number) => {
        if (isRecord(e) && typeof e.name === 'string' && looksLikeLiteralSecret(e.name, e.value)) {
          out.push({ ...containerIssue(c, ['env', i, 'value'], `${describeContainer(c)} has a credential in plain text in env ${e.name}: use a Secret (secretKeyRef) or a mounted file`), aliases });
        }
      });
    }
    for (const o of ctx.objects) {
      if (o.kind !== 'ConfigMap' || !isRecord(o.value.data)) continue;
      for (const [key, value] of Object.entries(o.value.data)) {
        const aliases = withTrivy(check.aliases, trivyReports(key, value) ? ['KSV-0109'] : []).filter((a) => a !== 'polaris:sensitiveContainerEnvVar');
        if (looksLikeLiteralSecret(key, value)) {
          out.push({ object: o, path: ['data', key], message: `${describe(o)} holds a credential in ${key}: ConfigMaps are not secret, use a Secret`, aliases });
          continue;
        }
        const name = embeddedSecret(value);
        // Polaris reads the keys (and private keys in values), not assignments inside values.
        if (name) out.push({ object: o, path: ['data', key], message: `${describe(o)} assigns a credential (${name}) inside ${key}: ConfigMaps are not secret, use a Secret`, aliases: aliases.filter((a) => !a.startsWith('polaris:')) });
      }
    }
    return out;
  },
};
