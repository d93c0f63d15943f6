/** VERIFY.txt: how a stranger checks the packet with standard tools, without Ringlens. */
export function verifyText(packetId: string, fingerprint: string): string {
  return `How to verify evidence packet ${packetId}
==================================================

You need: unzip, sha256sum (GNU coreutils) and OpenSSL 3. Ringlens is not needed.

1. Unpack the packet (the .zip file you received that holds this file; packet id
   ${packetId}) into an empty folder and go there:

     mkdir packet && cd packet && unzip /path/to/the-packet-you-received.zip

2. Check that no file was altered. Every line must end in "OK":

     sha256sum -c SHA256SUMS

   SHA256SUMS lists every file of the packet, manifest.json included.

3. Check the examiner's signature over manifest.json (Ed25519, raw 64-byte signature):

     openssl pkeyutl -verify -pubin -inkey examiner.pub.pem -rawin -in manifest.json -sigfile manifest.sig

   It must print "Signature Verified Successfully".

4. Check that the examiner key is the one you expect. Its fingerprint is the SHA-256 of
   the key in DER form:

     openssl pkey -pubin -in examiner.pub.pem -outform DER | sha256sum

   It must print ${fingerprint}
   Compare it with the fingerprint the examiner gave you by another channel.

5. manifest.json names every file with its SHA-256 and size, the case, the packet type,
   the redaction profile, the source bundles with their hashes and signers, the Bates
   range and the audit-log head of the case at export. packet.pdf repeats the exhibit
   hashes; exhibits/ holds the native files named by exhibit number.

6. data/ holds each table twice. The .json files are exact. In the .csv files, a cell
   that would begin with =, +, -, @, a tab or a carriage return (and is not a plain
   number) starts with an added ' so that a spreadsheet shows it as text instead of
   running it as a formula; remove that one leading ' to get the exact value.
`;
}
