/** Stack detection and the Dockerfile / .dockerignore / compose.yaml / Kubernetes generators. */
export { detectStack, StackDetectionError, FileTooLargeError, MAX_PROJECT_FILE_BYTES, MAX_SCAN_DEPTH, MAX_SOURCE_FILES_SCANNED } from './detect-stack.js';
export type { DetectStackOptions, DetectOptions } from './detect-stack.js';
export { generateDockerfile, planContainer } from './generate-dockerfile.js';
export { detectService, MAX_SERVICE_DEPTH } from './detect-service.js';
export type { ServiceChoice } from './detect-service.js';
export type { GeneratedDockerfile } from './generate-dockerfile.js';
export { generateCompose, imageRef, DEFAULT_PUBLISH_ADDRESS, DEFAULT_PIDS_LIMIT } from './compose.js';
export type { ComposeOptions, GeneratedCompose } from './compose.js';
export { generateKubernetes, DEFAULT_REPLICAS, SERVICE_PORT, EMPTYDIR_SIZE_LIMIT } from './kubernetes.js';
export type { KubernetesOptions, GeneratedKubernetes } from './kubernetes.js';
export { DEFAULT_UID, DEFAULT_IMAGE_TAG, DEFAULT_CPU_LIMIT, MIN_MEMORY_MIB } from './options.js';
export type { GenerateOptions } from './options.js';
export type { ContainerPlan, GeneratedFile } from './plan.js';
export { UnsafeValueError } from './dockerfile/safe-values.js';
export * from './stack.js';
