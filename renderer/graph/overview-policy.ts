/**
 * Up to this many elements the overview is drawn as soon as Rings opens (the demo's is about
 * 200). A bigger one waits to be asked for: Cytoscape draws its first frame in one piece, and
 * on a two-core laptop 6,473 elements kept the window busy for 0.9 s, so a ring clicked in
 * the list meanwhile opened that much later.
 */
export const OVERVIEW_AUTO_DRAW_MAX = 2500;
