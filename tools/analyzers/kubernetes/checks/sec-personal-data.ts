import { describe, isRecord } from '../model.js';
import type { K8sCheck, K8sIssue } from '../types.js';

/** Names of personal data. */
const PERSONAL_NAME = /(username|email|phone|iban)/i;
/** `name: value` / `name=value` with a personal name and a value. */
const PERSONAL_ASSIGNMENT = /(username|email|phone|iban)\s*[=:]\s*\S/i;
const EMAIL = /[a-zA-Z0-9_\-.]+@(?:[a-zA-Z0-9-]+\.)+[a-zA-Z]{2,}/;

/**
 * What makes an entry personal: its key, an assignment of a personal name inside its value, or an e-mail address
 * (on a line that assigns it, or as the whole value). Each of these is also a finding of Trivy's KSV-01010, which
 * reports more (any key containing "key", a mention of SHA1 or MD5, and any upper-case word or number, which it
 * takes for an IBAN or passport number).
 */
function personal(key: string, value: unknown): string | undefined {
  if (PERSONAL_NAME.test(key)) return `its key ${key}`;
  if (typeof value !== 'string') return undefined;
  const lines = value.split('\n');
  if (lines.some((l) => PERSONAL_ASSIGNMENT.test(l))) return `an assignment in ${key}`;
  if (lines.some((l) => EMAIL.test(l) && (lines.length === 1 || /[=:]/.test(l)))) return `an e-mail address in ${key}`;
  return undefined;
}

export const check: K8sCheck = {
  id: 'K8S-SEC-PERSONAL-DATA',
  severity: 'info',
  title: 'ConfigMap holds personal data (user names, e-mail addresses, phone numbers, IBANs)',
  aliases: ['KSV-01010'],
  // Names and addresses in configuration are often meant to be there (a sender address, a service user); Trivy
  // reports them by default.
  optional: true,
  check: (ctx) => {
    const out: K8sIssue[] = [];
    for (const o of ctx.objects) {
      if (o.kind !== 'ConfigMap' || !isRecord(o.value.data)) continue;
      for (const [key, value] of Object.entries(o.value.data)) {
        const what = personal(key, value);
        if (what) out.push({ object: o, path: ['data', key], message: `${describe(o)} holds personal data (${what}): ConfigMaps are readable by anyone who can read the namespace's configuration; use a Secret` });
      }
    }
    return out;
  },
};
