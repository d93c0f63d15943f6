/**
 * The picture part of an exhibit page in packet.pdf (pdfmake content): the decoded image, or a
 * boxed placeholder with the reason, the description and the hash, so the page still
 * identifies the evidence when it cannot show it.
 */
import { exhibitPicture } from './exhibit-picture';

type Content = Record<string, unknown>;

export interface ExhibitForPage {
  readonly mediaType: string;
  readonly data: Buffer;
  readonly fileName: string;
  readonly sha256: string;
  readonly description: string;
}

/** pdfmake content for the exhibit's picture or its placeholder. */
export function exhibitPictureContent(x: ExhibitForPage): Content[] {
  const picture = exhibitPicture(x.mediaType, x.data);
  if (picture.kind === 'image') {
    const image: Content = {
      image: `data:${picture.mediaType};base64,${picture.data.toString('base64')}`,
      fit: [480, 420],
      margin: [0, 8, 0, 0],
    };
    return picture.note
      ? [{ text: picture.note, fontSize: 7.5, italics: true, margin: [0, 6, 0, 0] }, image]
      : [image];
  }
  return [
    {
      margin: [0, 10, 0, 0],
      table: {
        widths: ['*'],
        body: [
          [
            {
              margin: [10, 10, 10, 10],
              stack: [
                { text: 'No picture is shown for this exhibit', fontSize: 11, bold: true },
                { text: picture.reason, margin: [0, 6, 0, 0] },
                { text: `Description: ${x.description}`, margin: [0, 6, 0, 0] },
                { text: `SHA-256: ${x.sha256}`, fontSize: 7, margin: [0, 6, 0, 0] },
                {
                  text: `The file is included unchanged as exhibits/${x.fileName}; check its SHA-256 before opening it in a viewer for its type.`,
                  margin: [0, 6, 0, 0],
                },
              ],
            },
          ],
        ],
      },
      layout: { hLineColor: () => '#922b21', vLineColor: () => '#922b21' },
    },
  ];
}
