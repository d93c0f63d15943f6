/**
 * Class changes that restyle only what changes. Cytoscape's `toggleClass(cls, on)`,
 * `addClass` and `removeClass` (3.34) mark every element they are given as changed, whether
 * or not it had the class, and restyle each one: on a ring of 9,000 elements a label pass
 * that toggled `labelled` on all of them restyled all of them.
 */
import type cytoscape from 'cytoscape';

/** Gives `cls` to the elements of `eles` where `want` holds and takes it from the others. */
export function setClassWhere<E extends cytoscape.SingularElementArgument>(
  cy: cytoscape.Core,
  eles: readonly E[],
  cls: string,
  want: (ele: E) => boolean,
): void {
  const add: E[] = [];
  const remove: E[] = [];
  for (const e of eles) {
    const on = want(e);
    if (on !== e.hasClass(cls)) (on ? add : remove).push(e);
  }
  // An array of elements makes a collection (the typings only list definitions).
  const of = (x: E[]) => cy.collection(x as unknown as cytoscape.CollectionArgument);
  if (add.length) of(add).addClass(cls);
  if (remove.length) of(remove).removeClass(cls);
}

/** The classes the ring graph's style sheet hides with `display: none` (visual-language.ts). */
export const HIDING_CLASSES = ['hidden', 'hidden-type', 'photo-folded'] as const;

const hides = (e: cytoscape.SingularElementArgument) => HIDING_CLASSES.some((c) => e.hasClass(c));

/**
 * Whether an element is drawn, read from its classes, its group's and (for a link) its
 * ends': the same answer as
 * Cytoscape's `:visible` for the ring graph's style sheet, without computing any style.
 */
export function drawn(e: cytoscape.SingularElementArgument): boolean {
  if (hides(e)) return false;
  if (e.isEdge()) return drawn(e.source()) && drawn(e.target());
  return !e.isChild() || !e.ancestors().toArray().some(hides);
}
