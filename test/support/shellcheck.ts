import { locateShellcheck } from '../../tools/analyzers/dockerfile/shellcheck/locate.js';

/** CI sets it to 1 (it installs shellcheck): there a missing binary fails the suites that need it instead of skipping them. */
export const REQUIRE_SHELLCHECK_ENV = 'DOCKER_EXPERT_REQUIRE_SHELLCHECK';

/**
 * For the top of a test file that needs the real `shellcheck` binary (found as the analyzer finds it: PATH or
 * DOCKER_EXPERT_SHELLCHECK): `const { binary, skip, title } = shellcheckForTests('what is tested')`, then
 * `describe.skipIf(skip !== undefined)(title, ...)`. The title says why a suite was skipped.
 */
export function shellcheckForTests(subject: string): { binary: string; skip: string | undefined; title: string } {
  const found = locateShellcheck({ env: process.env });
  const skip = found.kind === 'found' ? undefined : found.kind === 'off' ? 'DOCKER_EXPERT_SHELLCHECK=off' : found.reason;
  if (skip && process.env[REQUIRE_SHELLCHECK_ENV] === '1') {
    throw new Error(`${REQUIRE_SHELLCHECK_ENV}=1 but "${subject}" cannot run: ${skip}`);
  }
  return { binary: found.kind === 'found' ? found.binary : '', skip, title: skip ? `${subject} (skipped: ${skip})` : subject };
}
