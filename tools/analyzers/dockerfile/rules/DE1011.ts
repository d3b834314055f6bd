import { hitInRun } from '../rule.js';
import type { Rule, ShellCommand } from '../rule.js';
import { allCommands, flagValue, hasFlag } from '../lib/commands.js';

function skipsSignatures(cmd: ShellCommand): string | undefined {
  if (cmd.name === 'apk' && hasFlag(cmd, 'allow-untrusted')) return 'apk --allow-untrusted';
  if ((cmd.name === 'apt-get' || cmd.name === 'apt') && hasFlag(cmd, 'allow-unauthenticated', 'allow-insecure-repositories', 'force-yes')) return `${cmd.name} --allow-unauthenticated/--force-yes`;
  if ((cmd.name === 'apt-get' || cmd.name === 'apt') && /AllowUnauthenticated|AllowInsecureRepositories|force-yes/i.test(flagValue(cmd, 'o') ?? '')) return `${cmd.name} -o AllowUnauthenticated`;
  if (['yum', 'dnf', 'tdnf', 'microdnf', 'zypper'].includes(cmd.name) && hasFlag(cmd, 'nogpgcheck', 'no-gpg-checks')) return `${cmd.name} --nogpgcheck`;
  if (['yum', 'dnf'].includes(cmd.name) && /gpgcheck=(0|false|no)/i.test(cmd.args.map((a) => a.value).join(' '))) return `${cmd.name} gpgcheck=0`;
  if (cmd.name === 'rpm' && hasFlag(cmd, 'nodigest', 'nosignature', 'noverify', 'nofiledigest')) return 'rpm --nosignature/--nodigest';
  return undefined;
}

export const DE1011: Rule = {
  id: 'DE1011',
  severity: 'error',
  description: 'A package manager is told to skip signature checks (apk --allow-untrusted, apt-get --allow-unauthenticated/--force-yes, --nogpgcheck, rpm --nosignature).',
  aliases: ['CKV2_DOCKER_7', 'CKV2_DOCKER_8', 'CKV2_DOCKER_9', 'CKV2_DOCKER_10', 'CKV2_DOCKER_11'],
  check(ctx) {
    return allCommands(ctx).flatMap(({ run, cmd }) => {
      const why = skipsSignatures(cmd);
      return why ? [hitInRun(run, cmd, `${why} installs packages without verifying signatures`)] : [];
    });
  },
};
