import { hitInRun } from '../rule.js';
import type { Rule, ShellCommand } from '../rule.js';
import { allCommands, flagValue, hasFlag } from '../lib/commands.js';
import { pipInstallArgs } from '../lib/packages.js';

/** Why a command turns TLS certificate checks off, or undefined. */
function disablesTls(cmd: ShellCommand): string | undefined {
  const values = cmd.args.map((a) => a.value);
  const joined = values.join(' ');
  if (cmd.name === 'curl' && (hasFlag(cmd, 'insecure') || (hasFlag(cmd, 'k') && values.some((v) => /^-[a-zA-Z]*k[a-zA-Z]*$/.test(v))))) return 'curl -k/--insecure';
  if (cmd.name === 'wget' && hasFlag(cmd, 'no-check-certificate')) return 'wget --no-check-certificate';
  if (pipInstallArgs(cmd) && hasFlag(cmd, 'trusted-host')) return 'pip --trusted-host';
  if ((cmd.name === 'pip' || /^pip\d/.test(cmd.name)) && /config set \S*trusted-host/.test(joined)) return 'pip config trusted-host';
  if (cmd.name === 'git' && /http\.sslverify(=|\s+)(false|0|no)/i.test(joined)) return 'git http.sslVerify=false';
  if ((cmd.name === 'npm' || cmd.name === 'yarn' || cmd.name === 'pnpm') && /(config )?set strict-ssl(=|\s+)false/.test(joined)) return `${cmd.name} strict-ssl false`;
  if ((cmd.name === 'npm' || cmd.name === 'yarn') && hasFlag(cmd, 'strict-ssl') && /--strict-ssl(=|\s+)false/.test(joined)) return `${cmd.name} --strict-ssl=false`;
  if (/^(yum-config-manager|dnf-config-manager|dnf|yum)$/.test(cmd.name) && /sslverify=(0|false|no)/i.test(joined)) return `${cmd.name} sslverify=0`;
  if (cmd.name === 'composer' && /config .*secure-http false/.test(joined)) return 'composer secure-http false';
  if (cmd.name === 'gem' && /ssl_verify_mode:?\s*0/.test(joined)) return 'gem ssl_verify_mode 0';
  if (cmd.name === 'go' && flagValue(cmd, 'insecure') !== undefined) return 'go -insecure';
  return undefined;
}

export const DE1009: Rule = {
  id: 'DE1009',
  severity: 'error',
  description: 'A RUN command turns off TLS certificate verification (curl -k, wget --no-check-certificate, pip --trusted-host, strict-ssl false ...).',
  aliases: ['CKV2_DOCKER_2', 'CKV2_DOCKER_3', 'CKV2_DOCKER_4', 'CKV2_DOCKER_13', 'CKV2_DOCKER_15'],
  check(ctx) {
    return allCommands(ctx).flatMap(({ run, cmd }) => {
      const why = disablesTls(cmd);
      return why ? [hitInRun(run, cmd, `${why} turns off certificate verification: downloads can be tampered with`)] : [];
    });
  },
};
