/**
 * A statement of data integrity for a referral to a jurisdiction whose law of evidence has
 * no self-authentication rule of the FRE 902(11)/(13)/(14) kind (Germany, and any other
 * jurisdiction without a record of its own here). It says the same facts as the US
 * declarations (who produced the packet, when and with what; that each exhibit's digest
 * equals the one its source recorded; how the packet is signed; which sources were
 * unsigned) but invokes no rule of evidence and no oath under another country's law: the
 * receiving authority weighs the evidence under its own (in Germany freely, § 261 StPO).
 * German referrals get the text in German first, with the English beneath it.
 */
import { sha256Hex } from '../../util/hash';
import { CODE_VERSION } from '../../version';
import { grid, hash, heading, para, signatureLine, sub, type Block } from './blocks';
import { declarant, unsignedBundles, type CertificationInput } from './input';

/** One statement in the packet's languages: German above English for DE, else English. */
type Bilingual = { readonly de: string; readonly en: string };

export function integrityStatement(input: CertificationInput, jurisdiction: string): Block[] {
  const german = jurisdiction === 'DE';
  const say = (t: Bilingual): Block =>
    german
      ? { stack: [para(t.de), { text: t.en, italics: true, color: '#566573', fontSize: 8 }] }
      : para(t.en);
  const label = (t: Bilingual) => (german ? `${t.de} / ${t.en}` : t.en);
  const c = input.content;
  const o = c.options;
  const e = declarant(input);
  const name = o.preparer ?? '________________________';
  const role = [e?.title, e?.organisation].filter(Boolean).join(', ');
  const unsigned = unsignedBundles(input);
  const k = input.custodian;
  const issuers = [...new Set(c.bundles.map((b) => b.issuer))].join(', ') || '________________';

  return [
    heading(
      label({
        de: '10. Erklärung zur Integrität der elektronischen Daten',
        en: '10. Statement on the integrity of the electronic data',
      }),
    ),
    say({
      de: `1. Ich, ${name}${role ? ` (${role})` : ''}, habe dieses Beweispaket erstellt und gebe die folgenden Tatsachen aus eigener Kenntnis an.${e?.qualifications ? ` ${e.qualifications}` : ''}`,
      en: `1. I, ${name}${role ? ` (${role})` : ''}, produced this evidence packet and state the following facts from my own knowledge.${e?.qualifications ? ` ${e.qualifications}` : ''}`,
    }),
    say({
      de: `2. Das Paket wurde am ${o.date} mit Ringlens ${CODE_VERSION} aus dem verschlüsselten Fall „${c.caseName}“ erzeugt. Ringlens verzeichnet jeden Import, jede Änderung und jeden Export in einem hashverketteten Protokoll (Protokollkopf beim Export: ${input.auditHead}).`,
      en: `2. The packet was produced on ${o.date} with Ringlens ${CODE_VERSION} from the encrypted case "${c.caseName}". Ringlens records every import, edit and export in a hash-chained audit log (head at export: ${input.auditHead}).`,
    }),
    say({
      de: '3. Jedes Beweisstück stammt aus dem in seiner Beweismittelkette genannten Datenpaket. Ich habe den SHA-256-Hashwert (FIPS 180-4), den die Quelle für das Original angegeben hat, mit dem Hashwert der Kopie in exhibits/ verglichen; das Ergebnis steht in der folgenden Tabelle. Gleiche Hashwerte bedeuten, dass die Kopie dem Original bitgenau entspricht.',
      en: '3. Each exhibit came in the lead bundle named in its chain of custody. I compared the SHA-256 (FIPS 180-4) digest the source recorded for the original with the digest of the copy in exhibits/; the result is in the table below. Identical digests mean the copy is a bit-for-bit duplicate of the original.',
    }),
    grid(
      [
        label({ de: 'Beweisstück', en: 'Exhibit' }),
        label({
          de: 'SHA-256 des Originals (laut Quelle), dann der Kopie',
          en: 'SHA-256 of the original (as the source recorded it), then of the copy',
        }),
        label({ de: 'Ergebnis', en: 'Result' }),
      ],
      c.exhibits.map((x) => {
        const copy = sha256Hex(x.data);
        const same = copy === x.sha256;
        return [
          x.number,
          hash(`original ${x.sha256}\ncopy ${copy}`),
          german
            ? same
              ? 'identisch / identical'
              : 'ABWEICHEND / DIFFERENT'
            : same
              ? 'identical'
              : 'DIFFERENT',
        ];
      }),
      [60, '*', 60],
    ),
    say({
      de: `4. Alle Dateien des Pakets (data/, dieses PDF und alle übrigen) sind mit SHA-256-Hashwert und Größe in manifest.json und SHA256SUMS aufgeführt. manifest.json ist mit meinem Schlüssel nach Ed25519 (RFC 8032) signiert, Fingerabdruck ${input.examinerFingerprint}. VERIFY.txt beschreibt, wie jeder diese Prüfungen mit gängigen Werkzeugen (sha256sum, openssl) wiederholen kann.`,
      en: `4. Every file of the packet (data/, this PDF and the rest) is listed with its SHA-256 digest and size in manifest.json and SHA256SUMS. manifest.json is signed with my Ed25519 (RFC 8032) key, fingerprint ${input.examinerFingerprint}. VERIFY.txt describes how anyone can repeat these checks with standard tools (sha256sum, openssl).`,
    }),
    ...(input.dataFiles?.length
      ? [
          grid(
            [label({ de: 'Datendatei', en: 'Data file' }), 'SHA-256'],
            input.dataFiles.map((f) => [f.name, hash(f.sha256)]),
            [200, '*'],
          ),
        ]
      : []),
    sub(label({ de: 'Herkunft der Quelldaten', en: 'Origin of the source data' })),
    say({
      de: `5. Die Quelldaten sind Datenpakete (Lead-Bundles) von ${issuers}, beim Import anhand ihres Hashwerts und ihrer Signatur geprüft:`,
      en: `5. The source data are lead bundles issued by ${issuers}, checked on import against their digest and signature:`,
    }),
    grid(
      [
        label({ de: 'Datenpaket', en: 'Lead bundle' }),
        label({ de: 'Herausgeber', en: 'Issuer' }),
        label({ de: 'SHA-256 des Pakets', en: 'SHA-256 of the bundle' }),
        label({ de: 'Signatur', en: 'Signature' }),
      ],
      c.bundles.map((b) => [
        b.bundleId,
        b.issuer,
        hash(b.sha256),
        b.signature === 'trusted'
          ? german
            ? 'vertrauenswürdig signiert / signed (trusted key)'
            : 'signed (trusted key)'
          : `${german ? 'UNSIGNIERT oder nicht vertrauenswürdig / ' : ''}UNSIGNED or untrusted (${b.signature})`,
      ]),
      [70, 60, 235, '*'],
    ),
    say(
      unsigned.length
        ? {
            de: `Die folgenden Datenpakete trugen keine vertrauenswürdige Signatur: ${unsigned.map((b) => b.bundleId).join(', ')}. Ihre Herkunft stützt sich auf die Beweismittelkette und den Hashwert des Pakets, nicht auf eine Signatur des Herausgebers.`,
            en: `The following bundles carried no trusted signature: ${unsigned.map((b) => b.bundleId).join(', ')}. Their origin rests on the chain of custody and the bundle's digest, not on a signature by their issuer.`,
          }
        : {
            de: 'Jedes Datenpaket trug die Signatur eines Schlüssels, dem der Fall vertraut.',
            en: 'Every bundle carried a signature by a key the case trusts.',
          },
    ),
    say({
      de: `6. Diese Erklärung beruft sich auf keine Beweisregel eines anderen Staates; die Beweise sind nach dem Recht der empfangenden Behörde zu würdigen${german ? ' (§ 261 StPO)' : ''}. Wie ${issuers} die Daten erhebt und aufbewahrt, kann eine Person bestätigen, die dort dafür zuständig ist (unten).`,
      en: `6. This statement invokes no rule of evidence of another country; the evidence is for the receiving authority to weigh under its own law${german ? ' (§ 261 StPO)' : ''}. How ${issuers} collects and keeps these records can be confirmed by a person responsible for them there (below).`,
    }),
    say({
      de: '7. Ich versichere, dass die vorstehenden Angaben nach bestem Wissen richtig und vollständig sind.',
      en: '7. I affirm that the statements above are true and complete to the best of my knowledge.',
    }),
    para(`${german ? 'Ort, Datum / Place, date' : 'Place, date'}: ________________, ${o.date}`),
    signatureLine(
      german ? 'Unterschrift / Signature:' : 'Signature:',
      [name, role].filter(Boolean).join(', '),
    ),
    sub(label({ de: 'Bestätigung des Datenbereitstellers', en: "Data provider's confirmation" })),
    say({
      de: `Ich bestätige, dass die oben aufgeführten Datenpakete mit den genannten Hashwerten von ${issuers} im Rahmen ihrer regelmäßigen Geschäftstätigkeit erstellt und unverändert bereitgestellt wurden.`,
      en: `I confirm that the lead bundles listed above, with the digests given, were made by ${issuers} in the course of its regular business and provided unaltered.`,
    }),
    signatureLine(
      german ? 'Unterschrift / Signature:' : 'Signature:',
      k
        ? [k.name, k.title, k.organisation].filter(Boolean).join(', ')
        : german
          ? 'Name, Funktion und Arbeitgeber / name, title and employer'
          : 'Name, title and employer',
    ),
  ];
}
