/** Media types come from the bytes; the exhibit page decides picture or placeholder from them. */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { displayableImageType, sniffMediaType } from '../../../../electron/core/media/sniff';
import { exhibitPicture } from '../../../../electron/core/media/exhibit-picture';

const MEDIA = join(import.meta.dirname, '..', '..', '..', 'fixtures', 'media');
const png = readFileSync(join(MEDIA, 'photo.png'));
const jpeg = readFileSync(join(MEDIA, 'photo.jpg'));

describe('sniffMediaType', () => {
  it('names each type by its magic number, whatever a manifest claims', () => {
    expect(sniffMediaType(png)).toBe('image/png');
    expect(sniffMediaType(jpeg)).toBe('image/jpeg');
    expect(sniffMediaType(Buffer.from('GIF89a\x01\x00'))).toBe('image/gif');
    expect(sniffMediaType(Buffer.from('RIFF\x10\x00\x00\x00WEBPVP8 '))).toBe('image/webp');
    expect(sniffMediaType(Buffer.from('%PDF-1.7\n'))).toBe('application/pdf');
    expect(sniffMediaType(Buffer.from('  <!DOCTYPE html><p>x'))).toBe('text/html');
    expect(sniffMediaType(Buffer.from('<svg onload=alert(1)>'))).toBe('text/html');
    expect(sniffMediaType(Buffer.from('order 17 received\n'))).toBe('text/plain');
    expect(sniffMediaType(Buffer.from([0, 1, 2, 3]))).toBe('application/octet-stream');
  });
  it('lets a screen show only PNG, JPEG, GIF and WebP', () => {
    expect(displayableImageType(png)).toBe('image/png');
    expect(displayableImageType(Buffer.from('<svg onload=alert(1)>'))).toBeUndefined();
    expect(displayableImageType(Buffer.from('%PDF-1.7'))).toBeUndefined();
  });
});

describe('exhibitPicture', () => {
  it('shows a PNG with bytes after IEND, saying so', () => {
    const p = exhibitPicture('image/png', Buffer.concat([png, Buffer.from('maker notes')]));
    expect(p.kind).toBe('image');
    expect(p.kind === 'image' && p.note).toContain('11 bytes after the end of its image');
  });
  it('refuses to picture HTML declared as PNG, a truncated JPEG or a truncated PNG', () => {
    const html = exhibitPicture('image/png', Buffer.from('<html><body>x</body></html>'));
    expect(html).toMatchObject({ kind: 'placeholder', detected: 'text/html' });
    const cut = exhibitPicture('image/jpeg', jpeg.subarray(0, jpeg.length - 200));
    expect(cut).toMatchObject({ kind: 'placeholder', detected: 'image/jpeg' });
    expect(cut.kind === 'placeholder' && cut.reason).toContain('truncated');
    const cutPng = exhibitPicture('image/png', png.subarray(0, png.length - 20));
    expect(cutPng).toMatchObject({ kind: 'placeholder', detected: 'image/png' });
  });
  it('shows a JPEG declared as something else, naming both types', () => {
    const p = exhibitPicture('application/octet-stream', jpeg);
    expect(p.kind).toBe('image');
    expect(p.kind === 'image' && p.note).toContain('Declared as application/octet-stream');
  });
});
