// Reading a printed QR code the way a phone camera does: decode the image's pixels into the text it carries.
import jsQR from 'jsqr';
import { PNG } from 'pngjs';

export function decodeQrPng(image: Buffer): string {
  const png = PNG.sync.read(image);
  const decoded = jsQR(new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.byteLength), png.width, png.height);
  if (decoded === null) throw new Error('the image holds no readable QR code');
  return decoded.data;
}

/** A small photo as a phone would attach it: a PNG with a few coloured stripes. */
export function samplePhoto(): Buffer {
  const png = new PNG({ width: 48, height: 32 });
  for (let y = 0; y < png.height; y += 1) {
    for (let x = 0; x < png.width; x += 1) {
      const offset = (png.width * y + x) << 2;
      png.data[offset] = x < 16 ? 220 : 40;
      png.data[offset + 1] = x >= 16 && x < 32 ? 180 : 60;
      png.data[offset + 2] = x >= 32 ? 200 : 80;
      png.data[offset + 3] = 255;
    }
  }
  return PNG.sync.write(png);
}
