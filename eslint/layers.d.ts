import type { ESLint } from 'eslint';

export const CORE_PUBLIC_ENTRY_POINTS: readonly string[];
declare const plugin: ESLint.Plugin & { rules: NonNullable<ESLint.Plugin['rules']> };
export default plugin;
