/**
 * Shared product photos, drawn fully (shop -> listing -> photo <- listing <- shop) or folded
 * into one "shares photo" link between each two shops whose listings carry the same photo.
 * A folded link remembers the rows behind it (the `lists` links and the listings' photo
 * fingerprints), so it stays traceable, and expands back into its listings on click.
 */
import type cytoscape from 'cytoscape';

const FOLDED = 'photo-folded';
/** Above this many shops one photo links each to the first, not every pair to every pair. */
const PAIRWISE_MAX = 8;

/** Folds every photo two or more drawn shops share; returns how many photos were folded. */
export function collapsePhotos(cy: cytoscape.Core): number {
  let folded = 0;
  cy.batch(() => {
    cy.nodes('[type = "image_fingerprint"]').forEach((photo) => {
      if (photo.hasClass(FOLDED) || photo.hasClass('hidden')) return;
      // Each listing with this photo, the shop that lists it, and the edges between them.
      const byShop = new Map<string, { shop: cytoscape.NodeSingular; via: string[] }>();
      const listings: cytoscape.NodeSingular[] = [];
      photo.connectedEdges().forEach((pe) => {
        const listing = pe.connectedNodes().not(photo)[0];
        if (!listing || listing.data('type') !== 'listing') return;
        listing
          .connectedEdges('[type = "lists"]')
          .filter((le) => le.target().same(listing) && le.source().data('type') === 'shop')
          .forEach((le) => {
            const shop = le.source();
            const entry = byShop.get(shop.id()) ?? { shop, via: [] };
            entry.via.push(le.id(), pe.id());
            byShop.set(shop.id(), entry);
            listings.push(listing);
          });
      });
      const shops = [...byShop.values()];
      if (shops.length < 2) return;
      const pairs: [number, number][] = [];
      for (let i = 0; i < shops.length; i++)
        for (let j = i + 1; j < shops.length; j++)
          if (shops.length <= PAIRWISE_MAX || i === 0) pairs.push([i, j]);
      for (const [i, j] of pairs) {
        const a = shops[i]!;
        const b = shops[j]!;
        cy.add({
          group: 'edges',
          data: {
            id: `sp_${photo.id()}_${a.shop.id()}_${b.shop.id()}`,
            source: a.shop.id(),
            target: b.shop.id(),
            type: 'shares_photo',
            display: 'shares photo',
            photo: photo.id(),
            via: [...a.via, ...b.via],
          },
          classes: 'shares-photo',
        });
      }
      photo.addClass(FOLDED);
      // A listing is folded away only when the photo is all it is drawn for.
      for (const l of listings) {
        const others = l
          .neighborhood('node')
          .filter((n) => n.data('type') !== 'image_fingerprint' && !byShop.has(n.id()));
        if (others.empty()) l.addClass(FOLDED);
      }
      folded++;
    });
    // A listing that also carries a photo left drawn stays, so that photo keeps its chain.
    cy.nodes('[type = "image_fingerprint"]')
      .not(`.${FOLDED}`)
      .neighborhood('node[type = "listing"]')
      .removeClass(FOLDED);
  });
  return folded;
}

/** Unfolds one photo (the photo of a "shares photo" link) back into its listings. */
export function expandPhoto(cy: cytoscape.Core, photoId: string): void {
  cy.batch(() => {
    cy.edges(`.shares-photo[photo = "${photoId}"]`).remove();
    const photo = cy.getElementById(photoId);
    photo.removeClass(FOLDED);
    photo.neighborhood('node[type = "listing"]').removeClass(FOLDED);
  });
}

/** Unfolds every photo. */
export function expandAllPhotos(cy: cytoscape.Core): void {
  cy.batch(() => {
    cy.edges('.shares-photo').remove();
    cy.nodes(`.${FOLDED}`).removeClass(FOLDED);
  });
}

/** The ids of the graph edges behind an edge: its own, or a folded link's rows. */
export function sourceEdgeIds(edge: cytoscape.EdgeSingular): string[] {
  const via = edge.data('via') as string[] | undefined;
  return via?.length ? [...new Set(via)] : [edge.id()];
}
