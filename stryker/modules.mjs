/**
 * The modules under mutation testing, each with the test files that exercise it (directly or through the permission
 * gate / the run loop). One Stryker run per module keeps each run short and its score its own.
 */
export const MODULES = {
  paths: {
    mutate: ['agent/permissions/paths.ts'],
    testFiles: ['test/permissions/*.test.ts', 'test/firewall/*.test.ts'],
  },
  'bash-firewall': {
    mutate: ['agent/permissions/bash-firewall.ts'],
    // The Claude Code hook judges container commands through checkContainerStages.
    testFiles: ['test/permissions/*.test.ts', 'test/firewall/*.test.ts', 'test/claude-hook/pre-tool-use.test.ts'],
  },
  'run-options': {
    mutate: ['agent/permissions/container/run-options.ts'],
    testFiles: ['test/permissions/*.test.ts', 'test/firewall/*.test.ts'],
  },
  workflow: {
    mutate: ['handoffs/workflow.ts'],
    testFiles: ['test/workflow/*.test.ts', 'test/sessions/journal.test.ts'],
  },
  rebuild: {
    mutate: ['agent/session/rebuild.ts'],
    testFiles: ['test/sessions/journal.test.ts', 'test/sessions/rebuild.test.ts'],
  },
};
