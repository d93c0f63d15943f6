// Writes shared/bundle/json-schema/*.json from the zod schemas the importer validates with.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { Manifest, LinkRow, EntityRowSchemas } from '../shared/bundle/schema';

const out = join(import.meta.dirname, '..', 'shared', 'bundle', 'json-schema');
mkdirSync(out, { recursive: true });
const write = (name: string, schema: z.ZodType) =>
  writeFileSync(
    join(out, `${name}.schema.json`),
    `${JSON.stringify(z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }), null, 2)}\n`,
  );
write('manifest', Manifest);
write('link-row', LinkRow);
write(
  'entity-row',
  z.union(Object.values(EntityRowSchemas) as [z.ZodType, z.ZodType, ...z.ZodType[]]),
);
console.log(`wrote JSON Schemas to ${out}`);
