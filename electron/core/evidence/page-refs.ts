/**
 * Page-dependent text (Bates numbers of exhibits, the cover's Bates range) filled in after
 * one layout pass, so a packet is laid out and rendered once, not twice.
 *
 * pdfmake resolves a `pageReference` at render time: it reads
 * `positions[0].pageNumber` of the node the reference names and prints it in place of a
 * placeholder. A carrier is a tiny real text node placed where an exhibit starts; the
 * footer (which pdfmake lays out after the whole body, before anything is rendered) reads
 * every carrier's real page, then gives each carrier the text to print instead. The text is
 * wider than pdfmake's placeholder, so a reference always ends its line (nothing follows it
 * on the line to overlap) and sits in a column wide enough for it; the margin check on the
 * rendered PDF (pdf-geometry.ts) proves that nothing crossed the page's edge.
 */
type Node = Record<string, unknown> & { positions?: { pageNumber: unknown }[] };

export class PageRefs {
  private readonly carriers = new Map<string, Node>();
  private readonly texts = new Map<string, (pageOf: (id: string) => number) => string>();
  private pages = new Map<string, number>();
  private total = 0;

  /** A node (1 pt high, invisible) whose page is known after layout. */
  carrier(id: string): Record<string, unknown> {
    const node: Node = { text: ' ', fontSize: 1, lineHeight: 1, id };
    this.carriers.set(id, node);
    return node;
  }

  /** Text printed by `ref(id)`, computed from the carriers' pages once layout is done. */
  define(id: string, text: (pageOf: (id: string) => number) => string): void {
    this.texts.set(id, text);
  }

  /**
   * A placeholder that prints the text defined for `id`. Keep it last on its line, and on
   * the first line of its text node: pdfmake resolves references on a node's first line only.
   */
  ref(id: string): Record<string, unknown> {
    return { text: '', pageReference: id };
  }

  /** Called from the footer of page 1, after the body is laid out and before rendering. */
  resolve(pageCount: number): void {
    this.total = pageCount;
    this.pages = new Map();
    for (const [id, node] of this.carriers) {
      const page = node.positions?.[0]?.pageNumber;
      if (typeof page === 'number') this.pages.set(id, page);
    }
    const pageOf = (id: string) => {
      const p = this.pages.get(id);
      if (p === undefined) throw new Error(`page marker ${id} was not laid out`);
      return p;
    };
    for (const [id, text] of this.texts) {
      const node = this.carriers.get(id);
      if (!node) throw new Error(`page reference ${id} has no carrier`);
      const value = text(pageOf);
      // What pdfmake's renderer prints: positions[0].pageNumber.toString().
      node.positions = [{ pageNumber: { toString: () => value } }];
    }
  }

  /** The real page of a carrier (after resolve). */
  pageOf(id: string): number | undefined {
    return this.pages.get(id);
  }

  get pageCount(): number {
    return this.total;
  }
}
