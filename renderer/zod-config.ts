/**
 * Imported first by main.tsx, before any schema is used: the CSP forbids eval, and without
 * this zod probes for it with `new Function` (a logged CSP violation) the first time it parses.
 */
import { z } from 'zod';

z.config({ jitless: true });
