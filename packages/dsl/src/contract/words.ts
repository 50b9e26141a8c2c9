/**
 * The words of every parameter problem, shared by the language (lower/args.ts, on the text) and the engine
 * (contract/resolve.ts, on the IR), so one mistake reads the same wherever it is caught. `what` names the construct,
 * e.g. "intervention `redo`"; `subject` a parameter of it, e.g. "`tau` of intervention `redo`".
 */
import { describeRange, type NumberRange, type ParamSchema } from '../catalog/schema.ts';

export const words = {
  subject: (param: string, what: string): string => `\`${param}\` of ${what}`,
  noParams: (what: string): string => `${what} takes no parameters`,
  unknownParam: (what: string, key: string): string => `${what} has no parameter \`${key}\``,
  missingParam: (what: string, p: Pick<ParamSchema, 'name' | 'doc'>): string => `${what} needs \`${p.name}\` (${p.doc})`,
  outOfRange: (subject: string, range: NumberRange, got: string): string => `${subject} must be ${describeRange(range)}, got ${got}`,
  mismatch: (subject: string, expected: string, got: string): string => `${subject} must be ${expected}, not ${got}`,
  notAllowed: (word: string, subject: string): string => `\`${word}\` is not allowed for ${subject}`,
  elementOutOfRange: (subject: string, range: NumberRange, got: number): string =>
    `every element of ${subject} must be ${describeRange(range)}, got ${got}`,
  empty: (subject: string): string => `${subject} must not be empty`,
};
