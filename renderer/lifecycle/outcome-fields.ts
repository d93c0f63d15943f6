/**
 * The fields of each kind of outcome, read from the shared schema, so the form asks for
 * exactly what the engine will check (and nothing is written down twice).
 */
import { z } from 'zod';
import {
  OUTCOME_NUMBER_COLUMNS,
  OutcomeInput,
  type OutcomeKind,
} from '../../shared/lifecycle/schemas';

export interface OutcomeField {
  readonly name: string;
  readonly required: boolean;
  readonly kind: 'text' | 'number' | 'choice';
  readonly choices: readonly string[];
}

const COMMON = new Set(['id', 'subject', 'kind', 'date', 'note']);

export const OUTCOME_FIELDS: Record<OutcomeKind, readonly OutcomeField[]> = Object.fromEntries(
  OutcomeInput.options.map((option) => {
    const fields = Object.entries(option.shape as Record<string, z.ZodType>)
      .filter(([name]) => !COMMON.has(name))
      .map(([name, schema]): OutcomeField => {
        const required = !schema.safeParse(undefined).success;
        const inner = schema instanceof z.ZodOptional ? (schema.unwrap() as z.ZodType) : schema;
        const choices = inner instanceof z.ZodEnum ? (inner.options as string[]) : [];
        return {
          name,
          required,
          kind: choices.length ? 'choice' : OUTCOME_NUMBER_COLUMNS.has(name) ? 'number' : 'text',
          choices,
        };
      });
    return [option.shape.kind.value, fields];
  }),
) as unknown as Record<OutcomeKind, readonly OutcomeField[]>;

/** "packetSha256" -> "packet sha256", for labels. */
export const fieldLabel = (name: string): string => name.replace(/([A-Z])/g, ' $1').toLowerCase();
