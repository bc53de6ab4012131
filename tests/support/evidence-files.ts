import ExcelJS from "exceljs";
import sharp from "sharp";
import zlib from "node:zlib";

/** A JPEG photo with camera, owner, time and GPS position in its EXIF, built for the test (near Shalkar). */
export async function photoWithExif(options: { width?: number; colour?: string; takenAt?: string } = {}) {
  return sharp({
    create: { width: options.width ?? 800, height: 600, channels: 3, background: options.colour ?? "#3b7a57" },
  })
    .jpeg()
    .withExif({
      IFD0: { Make: "AcmePhone", Model: "Secret Model 9", Artist: "Owner Name Hidden", Copyright: "Private Person" },
      IFD2: { DateTimeOriginal: options.takenAt ?? "2026:11:14 10:20:30" },
      // 47°51'00" N, 59°39'00" E: about 3 km from Shalkar.
      IFD3: {
        GPSLatitudeRef: "N",
        GPSLatitude: "47/1 51/1 0/1",
        GPSLongitudeRef: "E",
        GPSLongitude: "59/1 39/1 0/1",
      },
    })
    .toBuffer();
}

/** A PNG whose header claims `width` × `height` pixels but holds almost nothing: a decompression bomb. */
export function pngBomb(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 0, 0, 0, 0], 8); // 8-bit greyscale
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", zlib.deflateSync(Buffer.alloc(width + 1))),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/** A small valid-looking PDF, padded to `size` bytes with random bytes in a comment-free stream. */
export function pdfOfSize(size: number): Buffer {
  const head = Buffer.from("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Length 0 >>\nstream\n", "latin1");
  const tail = Buffer.from("\nendstream\nendobj\ntrailer\n<< >>\n%%EOF\n", "latin1");
  const padding = Buffer.alloc(Math.max(0, size - head.length - tail.length));
  for (let index = 0; index + 4 <= padding.length; index += 4) padding.writeUInt32LE((index * 2654435761) >>> 0, index);
  return Buffer.concat([head, padding, tail]).subarray(0, Math.max(size, head.length + tail.length));
}

export async function xlsxWorkbook(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet("Акт").addRow(["Акт приёмки", 1]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** A ZIP archive that is not an Office document (an XLSX with its workbook part renamed). */
export async function zipThatIsNotOffice(): Promise<Buffer> {
  const xlsx = await xlsxWorkbook();
  // Renaming a part in place keeps the archive valid but removes "xl/workbook.xml" from its entries.
  return Buffer.from(xlsx.toString("latin1").replaceAll("xl/workbook.xml", "xl/workbook.xm_"), "latin1");
}
