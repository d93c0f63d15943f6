/**
 * Evidence as the UI may show it: typed by its bytes, and offered for display only when that
 * type is on the image allow-list. A crafted manifest type (say `image/svg+xml`, or
 * `image/png` on an HTML file) can therefore never choose what the screen renders.
 */
import { displayableImageType, sniffMediaType, type DisplayableImageType } from './sniff';

export interface EvidenceForDisplay {
  readonly mediaType: string;
  readonly declaredMediaType: string;
  readonly displayAs: DisplayableImageType | null;
  readonly base64: string;
}

export function evidenceForDisplay(declared: string, data: Buffer): EvidenceForDisplay {
  return {
    mediaType: sniffMediaType(data),
    declaredMediaType: declared,
    displayAs: displayableImageType(data) ?? null,
    base64: data.toString('base64'),
  };
}
