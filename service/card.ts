/** The agent card at `/.well-known/agent-card.json`, built from the loaded definition. */
import { A2A_LEGACY_PROTOCOL_VERSION } from '@a2a-js/sdk/compat/v0_3';
import { A2A_PROTOCOL_VERSION, type AgentCard, type AgentSkill } from '@a2a-js/sdk';
import type { AgentDefinition } from '../agent/definition/types.js';

export const JSONRPC_PATH = '/a2a/jsonrpc';
export const REST_PATH = '/a2a/rest';
export const BEARER_SCHEME = 'bearer';

/** MIME type of a workspace archive part. */
export const TAR_GZ_MEDIA_TYPE = 'application/gzip';

const IN = ['text/plain', 'application/json', TAR_GZ_MEDIA_TYPE];
const OUT = ['text/plain', 'application/json', 'text/x-diff', 'application/octet-stream'];

const SKILLS: { id: string; name: string; description: string; tags: string[]; examples: string[] }[] = [
  {
    id: 'containerize',
    name: 'Containerize a project',
    description: 'Writes a production Dockerfile (multi-stage, non-root, pinned base, health check) and .dockerignore for the project sent.',
    tags: ['docker', 'dockerfile', 'containerize'],
    examples: ['Containerize this Node.js app', 'Write a Dockerfile for this Python service with a non-root user'],
  },
  {
    id: 'review',
    name: 'Review container files',
    description: 'Reviews Dockerfiles, Compose files and Kubernetes manifests for security, size and reliability problems.',
    tags: ['review', 'security', 'hadolint'],
    examples: ['Review the Dockerfile for security problems', 'What is wrong with this docker-compose.yml?'],
  },
  {
    id: 'fix',
    name: 'Fix container files',
    description: 'Fixes what the review finds, in place, and reports each change.',
    tags: ['fix', 'dockerfile'],
    examples: ['Fix the findings in this Dockerfile', 'Make this image run as a non-root user'],
  },
  {
    id: 'compose',
    name: 'Docker Compose',
    description: 'Writes or improves a Compose file: services, health checks, dependencies, volumes and networks.',
    tags: ['compose', 'docker-compose'],
    examples: ['Add a docker-compose.yml with the app and a PostgreSQL database', 'Add health checks to the compose services'],
  },
  {
    id: 'kubernetes',
    name: 'Kubernetes manifests',
    description: 'Writes or reviews Kubernetes manifests: Deployments, Services, probes, resources and security contexts.',
    tags: ['kubernetes', 'k8s', 'manifests'],
    examples: ['Write Kubernetes manifests for this app', 'Add probes and resource limits to deployment.yaml'],
  },
];

export function buildAgentCard(definition: AgentDefinition, baseUrl: string, version: string): AgentCard {
  const skills: AgentSkill[] = SKILLS.map((s) => ({ ...s, inputModes: IN, outputModes: OUT, securityRequirements: [] }));
  return {
    name: definition.name,
    description: firstParagraph(definition) ?? definition.description,
    supportedInterfaces: [
      { url: `${baseUrl}${JSONRPC_PATH}`, protocolBinding: 'JSONRPC', tenant: '', protocolVersion: A2A_PROTOCOL_VERSION },
      { url: `${baseUrl}${REST_PATH}`, protocolBinding: 'HTTP+JSON', tenant: '', protocolVersion: A2A_PROTOCOL_VERSION },
      // The SDK's v0.3 compatibility layer answers v0.3 clients on the same endpoints.
      { url: `${baseUrl}${JSONRPC_PATH}`, protocolBinding: 'JSONRPC', tenant: '', protocolVersion: A2A_LEGACY_PROTOCOL_VERSION },
      { url: `${baseUrl}${REST_PATH}`, protocolBinding: 'HTTP+JSON', tenant: '', protocolVersion: A2A_LEGACY_PROTOCOL_VERSION },
    ],
    provider: { organization: 'docker-expert', url: 'https://github.com/docker-expert' },
    version,
    capabilities: { streaming: true, pushNotifications: true, extensions: [], extendedAgentCard: false },
    securitySchemes: {
      [BEARER_SCHEME]: {
        scheme: {
          $case: 'httpAuthSecurityScheme',
          value: { description: 'An API key made by `docker-expert keys create NAME`', scheme: 'bearer', bearerFormat: 'docker-expert key' },
        },
      },
    },
    securityRequirements: [{ schemes: { [BEARER_SCHEME]: { list: [] } } }],
    defaultInputModes: IN,
    defaultOutputModes: OUT,
    skills,
    signatures: [],
  };
}

/** The definition's "# Purpose" paragraph, which says what the agent is better than its routing lines do. */
function firstParagraph(definition: AgentDefinition): string | undefined {
  const m = /#\s*Purpose\s*\n+([^\n#][^\n]*(?:\n[^\n#][^\n]*)*)/.exec(definition.body);
  return m?.[1]?.trim();
}
