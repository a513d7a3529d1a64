/** Thrown when command output does not have the shape the parser expects (a missing header, a garbled row). */
export class ParseError extends Error {
  constructor(
    readonly command: string,
    message: string,
    readonly line?: string,
  ) {
    super(line === undefined ? `${command}: ${message}` : `${command}: ${message}: ${JSON.stringify(line)}`);
    this.name = 'ParseError';
  }
}
