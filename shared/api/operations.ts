/**
 * Long actions (imports, exports) run as operations, in the manner of the Language Server
 * Protocol's `$/cancelRequest` and `$/progress`: the UI names each long call with an id it
 * chose, the engine reports progress under that id, and `operation.cancel` stops it at the
 * engine's next checkpoint. A cancelled import rolls back, so the case is as it was; a
 * cancelled export leaves no file behind.
 */
import { z } from 'zod';

export const OperationId = z
  .string()
  .regex(/^op-[A-Za-z0-9-]{1,64}$/, 'operation ids look like op-1b2c');
export type OperationId = z.infer<typeof OperationId>;

export const OperationProgress = z.object({
  operation: OperationId,
  /** What the engine is doing now, in words: "reading entities", "drawing the PDF". */
  phase: z.string(),
  /** Units done and in all (rows, bytes, pages) where the engine can count them. */
  done: z.number().nonnegative().optional(),
  total: z.number().nonnegative().optional(),
});
export type OperationProgress = z.infer<typeof OperationProgress>;
