import { looksLikeLiteralSecret } from '../../kubernetes/checks/sensitive.js';
import { environmentOf } from '../model.js';
import type { ComposeCheck, ComposeIssue } from '../types.js';

export const check: ComposeCheck = {
  id: 'COMPOSE-SECRET-ENV',
  severity: 'error',
  title: 'Credential written in environment',
  aliases: ['kics:passwords_and_secrets', 'CKV_SECRET_6'],
  helpUri: 'https://docs.docker.com/compose/how-tos/use-secrets/',
  check: (ctx) => {
    const out: ComposeIssue[] = [];
    for (const s of ctx.services) {
      for (const e of environmentOf(s)) {
        if (e.value !== undefined && looksLikeLiteralSecret(e.name, e.value)) {
          out.push({ path: e.path, message: `service "${s.name}" has a credential in plain text in ${e.name}: use secrets: (or ${e.name}_FILE) or an env_file kept out of the repository` });
        }
      }
    }
    return out;
  },
};
