/**
 * The modules under mutation testing, each with the test files that exercise it (directly or through the permission
 * gate / the run loop). One Stryker run per module keeps each run short and its score its own.
 *
 * A module too big for one short run has `parts`: each part mutates the lines from the first line that starts with its
 * `from` text up to the next part's (the first part from line 1, the last to the end of the file), so the parts cover
 * the whole file and follow its functions as lines move. A part starts at a top-level declaration: Stryker keeps only
 * the mutants wholly inside a range, so a function cut in two loses the mutants that span the cut. A part marked
 * `inside` starts at a statement inside a function body (its `from` text indented as written): the one mutant that
 * empties that whole body is then in no part (docs/mutation.md counts it). `npm run mutation -- <module>` runs every
 * part.
 */
/**
 * The firewall's test files but benign-run.test.ts, which only runs the benign corpus through the Bash tool (processes:
 * slow per mutant); corpora.test.ts asks the gate about the same commands. (Stryker's testFiles take no `!` patterns.)
 */
const FIREWALL_TESTS = 'test/firewall/{bash-firewall,corpora,modes}.test.ts';

export const MODULES = {
  paths: {
    mutate: ['permissions/paths.ts'],
    testFiles: ['test/permissions/*.test.ts', FIREWALL_TESTS],
  },
  'bash-firewall': {
    mutate: ['permissions/bash-firewall.ts'],
    // The Claude Code hook judges container commands through checkContainerStages.
    testFiles: ['test/permissions/*.test.ts', FIREWALL_TESTS, 'test/claude-hook/pre-tool-use.test.ts'],
    parts: [
      { name: 'entry', from: '' },
      // checkStage is most of the file: three parts, cut between statements of its body (`inside`).
      { name: 'stage', from: 'function checkStage(' },
      { name: 'stage-reach', from: '  // Redirections: files written are edits', inside: true },
      { name: 'stage-verdict', from: '  // Host escapes: denied unless', inside: true },
      { name: 'redirections', from: 'function checkRedirections(' },
      { name: 'helpers', from: 'function namesSubcommand(' },
    ],
  },
  'run-options': {
    mutate: ['permissions/container/run-options.ts'],
    testFiles: ['test/permissions/*.test.ts', FIREWALL_TESTS],
  },
  workflow: {
    mutate: ['handoffs/workflow.ts'],
    testFiles: ['test/workflow/*.test.ts', 'test/sessions/journal.test.ts'],
  },
  rebuild: {
    mutate: ['agent/session/rebuild.ts'],
    testFiles: ['test/sessions/journal.test.ts', 'test/sessions/rebuild.test.ts'],
  },
  // The service (docker-expert serve): API-key checks, and where a task's files come from. Each against its own
  // focused tests (a whole-server test would run a task per mutant).
  'service-auth': {
    mutate: ['service/auth.ts', 'service/keys.ts'],
    testFiles: ['test/service/auth.test.ts'],
  },
  workspace: {
    mutate: ['service/workspace.ts'],
    testFiles: ['test/service/workspace.test.ts'],
  },
  // Against local bare repositories (file://) and a silent port on loopback only: git-workspace.test.ts runs a task per
  // clone (slow per mutant) and names an https:// URL that a weakened check could let git fetch.
  'git-workspace': {
    mutate: ['service/git-workspace.ts'],
    testFiles: ['test/service/git-clone.test.ts'],
  },
};
