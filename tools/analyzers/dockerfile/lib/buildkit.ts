/** `docker build --check` rule names (Dockerfile frontend 1.8+), for `# check=skip=all`. */
export const BUILDKIT_CHECKS = new Set([
  'StageNameCasing', 'FromAsCasing', 'NoEmptyContinuation', 'ConsistentInstructionCasing', 'DuplicateStageName', 'ReservedStageName',
  'JSONArgsRecommended', 'MaintainerDeprecated', 'UndefinedArgInFrom', 'WorkdirRelativePath', 'UndefinedVar', 'MultipleInstructionsDisallowed',
  'LegacyKeyValueFormat', 'InvalidDefaultArgInFrom', 'FromPlatformFlagConstDisallowed', 'RedundantTargetPlatform', 'SecretsUsedInArgOrEnv',
  'InvalidBaseImagePlatform', 'ExposeProtoCasing', 'ExposeInvalidFormat', 'CopyIgnoredFile', 'InvalidDefinitionDescription',
]);
