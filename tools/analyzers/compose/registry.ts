// The Compose checks, one module each. Adding a check = adding its module here and its case table
// (test/analyzers-compose/cases/<module>.ts).
//
// Ids are `COMPOSE-<WHAT>`. Aliases name the KICS dockerCompose query (`kics:<query_name>`) and, where the
// risk is the same, the Kubernetes-side Trivy/Checkov id. Non-check rules (COMPOSE-STRUCTURE,
// COMPOSE-SCHEMA-FIELD, COMPOSE-SCHEMA-TYPE, YAML-PARSE) live in ./index.ts.
import { check as capAdd } from './checks/cap-add.js';
import { check as dbPublished } from './checks/db-published.js';
import { check as dependsHealthy } from './checks/depends-healthy.js';
import { check as dockerSock } from './checks/docker-sock.js';
import { check as hostIpc } from './checks/host-ipc.js';
import { check as hostNetwork } from './checks/host-network.js';
import { check as hostPid } from './checks/host-pid.js';
import { check as hostRoot } from './checks/host-root.js';
import { check as hostUserns } from './checks/host-userns.js';
import { check as imageTag } from './checks/image-tag.js';
import { check as noHealthcheck } from './checks/no-healthcheck.js';
import { check as noLimits } from './checks/no-limits.js';
import { check as noNewPrivileges } from './checks/no-new-privileges.js';
import { check as noRestart } from './checks/no-restart.js';
import { check as notReadOnly } from './checks/not-read-only.js';
import { check as obsoleteVersion } from './checks/obsolete-version.js';
import { check as privileged } from './checks/privileged.js';
import { check as secretEnv } from './checks/secret-env.js';
import { check as unconfined } from './checks/unconfined.js';
import type { ComposeCheck } from './types.js';

export const composeChecks: readonly ComposeCheck[] = [
  capAdd,
  dbPublished,
  dependsHealthy,
  dockerSock,
  hostIpc,
  hostNetwork,
  hostPid,
  hostRoot,
  hostUserns,
  imageTag,
  noHealthcheck,
  noLimits,
  noNewPrivileges,
  noRestart,
  notReadOnly,
  obsoleteVersion,
  privileged,
  secretEnv,
  unconfined,
];
