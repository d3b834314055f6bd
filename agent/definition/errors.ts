/** A definition file that cannot be used; the message names the file and the line. */
export class DefinitionError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly detail: string,
  ) {
    super(`${file}:${line}: ${detail}`);
    this.name = 'DefinitionError';
  }
}
