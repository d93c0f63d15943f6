/**
 * Screen or model boxes bucketed in a square grid, so placing a label tests only the boxes
 * in its cells: the map-label placement of the ring graph (labels.ts) and of the overview
 * (overview-labels.ts).
 */
export interface Box {
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
  /** The node a box belongs to, if any: a label never collides with its own node. */
  readonly owner?: string;
}

export class BoxGrid {
  private readonly cells = new Map<string, Box[]>();
  /** `cell`: the grid's pitch, in the boxes' units (about a label's height or more). */
  constructor(private readonly cell: number) {}

  private keys(b: Box): string[] {
    const out: string[] = [];
    for (let gx = Math.floor(b.x1 / this.cell); gx <= Math.floor(b.x2 / this.cell); gx++)
      for (let gy = Math.floor(b.y1 / this.cell); gy <= Math.floor(b.y2 / this.cell); gy++)
        out.push(`${gx},${gy}`);
    return out;
  }

  add(b: Box): void {
    for (const k of this.keys(b)) (this.cells.get(k) ?? this.cells.set(k, []).get(k)!).push(b);
  }

  /** Whether `b` overlaps a box already added (other than one of its own owner). */
  hits(b: Box): boolean {
    const own = (o: Box) => o.owner !== undefined && o.owner === b.owner;
    return this.keys(b).some((k) =>
      (this.cells.get(k) ?? []).some(
        (o) => !own(o) && b.x1 < o.x2 && o.x1 < b.x2 && b.y1 < o.y2 && o.y1 < b.y2,
      ),
    );
  }
}
