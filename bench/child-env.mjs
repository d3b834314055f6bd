// The environment the measured processes get: this one without NODE_EXTRA_CA_CERTS. With it, Node reads and parses the
// named bundle at start, before any of our code (with this machine's /etc/ssl/certs/ca-certificates.crt, about 100 ms
// a process). That is the environment's cost, not the CLI's, and a user who sets it pays it in every Node program;
// bench/vs-claude-code.mjs gives both tools a clean environment for the same reason.
const { NODE_EXTRA_CA_CERTS: extraCaCerts, ...env } = process.env;

export const childEnv = env;

/** A line saying the runs went without NODE_EXTRA_CA_CERTS, when it is set here; else undefined. */
export function extraCaCertsNote() {
  return extraCaCerts ? `  (measured without NODE_EXTRA_CA_CERTS=${extraCaCerts}: Node parses it at every start)` : undefined;
}
