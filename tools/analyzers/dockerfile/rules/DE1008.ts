import { hitInRun } from '../rule.js';
import type { Rule } from '../rule.js';
import { isCall } from '../lib/commands.js';

export const DE1008: Rule = {
  id: 'DE1008',
  severity: 'warning',
  description: 'A package index update in a RUN that installs nothing: a cached layer keeps a stale index for later installs.',
  aliases: ['CKV_DOCKER_5', 'DS-0017', 'AVD-DS-0017'],
  check({ model }) {
    return model
      .runs()
      .flatMap((run) => {
        const cmds = run.analysis.commands;
        const update = cmds.find((c) => isCall(c, ['apt-get', 'apt', 'apk', 'zypper'], ['update', 'refresh', 'ref']) || isCall(c, ['yum', 'dnf'], ['makecache']));
        if (!update) return [];
        const installs = cmds.some((c) => isCall(c, ['apt-get', 'apt', 'apk', 'yum', 'dnf', 'zypper', 'microdnf'], ['install', 'add', 'upgrade', 'dist-upgrade', 'full-upgrade', 'in', 'update', 'groupinstall']) && c !== update);
        return installs ? [] : [hitInRun(run, update, `${update.name} ${update.args[0]?.value ?? ''} alone in a RUN: update and install in the same RUN`.replace(/\s+:/, ':'))];
      });
  },
};
