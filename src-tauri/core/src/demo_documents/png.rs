//! A grey-scale PNG of a scanned paper, written by hand (stored deflate blocks, no
//! compression crate needed).

const W: usize = 124;
const H: usize = 175;

/// A page: white paper with a border, a dark letterhead, lines of "text" whose
/// lengths follow `seed`, and a signature box.
pub(crate) fn scan(seed: u32) -> Vec<u8> {
    let mut px = vec![246u8; W * H];
    let mut set = |x: usize, y: usize, v: u8| px[y * W + x] = v;
    for x in 0..W {
        set(x, 0, 150);
        set(x, H - 1, 150);
    }
    for y in 0..H {
        set(0, y, 150);
        set(W - 1, y, 150);
    }
    for y in 10..16 {
        for x in 10..60 {
            set(x, y, 40);
        }
    }
    let mut r = seed.wrapping_mul(2_654_435_761).wrapping_add(12_345);
    let mut y = 28;
    while y < H - 40 {
        r = r.wrapping_mul(1_103_515_245).wrapping_add(12_345);
        let len = 40 + (r >> 16) as usize % (W - 60);
        for x in 10..10 + len {
            set(x, y, if (x / 5) % 4 == 3 { 246 } else { 90 });
            set(x, y + 1, if (x / 5) % 4 == 3 { 246 } else { 120 });
        }
        y += if (r >> 8) % 5 == 0 { 9 } else { 5 };
    }
    for x in 70..114 {
        set(x, H - 22, 60);
    }
    for i in 0..40 {
        let x = 72 + i;
        let wave = [0, 1, 2, 3, 2, 1, 0, 1][i % 8];
        set(x, H - 28 - wave, 30);
    }
    encode(&px)
}

/// PNG of 8-bit grey pixels, `W` × `H`.
fn encode(px: &[u8]) -> Vec<u8> {
    let mut raw = Vec::with_capacity((W + 1) * H);
    for row in px.chunks(W) {
        raw.push(0); // filter: none
        raw.extend_from_slice(row);
    }
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = Vec::with_capacity(13);
    ihdr.extend_from_slice(&(W as u32).to_be_bytes());
    ihdr.extend_from_slice(&(H as u32).to_be_bytes());
    ihdr.extend_from_slice(&[8, 0, 0, 0, 0]); // 8 bits, grey, deflate, adaptive, no interlace
    chunk(&mut out, b"IHDR", &ihdr);
    chunk(&mut out, b"IDAT", &zlib_stored(&raw));
    chunk(&mut out, b"IEND", &[]);
    out
}

fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    out.extend_from_slice(&(data.len() as u32).to_be_bytes());
    let start = out.len();
    out.extend_from_slice(kind);
    out.extend_from_slice(data);
    let crc = crc32(&out[start..]);
    out.extend_from_slice(&crc.to_be_bytes());
}

/// A zlib stream of uncompressed ("stored") deflate blocks.
fn zlib_stored(data: &[u8]) -> Vec<u8> {
    let mut out = vec![0x78, 0x01];
    let blocks: Vec<&[u8]> = data.chunks(65_535).collect();
    for (i, block) in blocks.iter().enumerate() {
        out.push(u8::from(i + 1 == blocks.len()));
        let len = block.len() as u16;
        out.extend_from_slice(&len.to_le_bytes());
        out.extend_from_slice(&(!len).to_le_bytes());
        out.extend_from_slice(block);
    }
    let (mut a, mut b) = (1u32, 0u32);
    for &byte in data {
        a = (a + u32::from(byte)) % 65_521;
        b = (b + a) % 65_521;
    }
    out.extend_from_slice(&((b << 16) | a).to_be_bytes());
    out
}

pub(crate) fn crc32(data: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &byte in data {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_png_is_well_formed() {
        // The CRC of an empty IEND chunk, as every PNG ends.
        assert_eq!(crc32(b"IEND"), 0xAE42_6082);
        let png = scan(1);
        assert!(png.ends_with(&[0, 0, 0, 0, b'I', b'E', b'N', b'D', 0xAE, 0x42, 0x60, 0x82]));
        assert_eq!(&png[12..16], b"IHDR");
        assert_eq!(
            u32::from_be_bytes([png[16], png[17], png[18], png[19]]),
            W as u32
        );
        assert_eq!(
            crate::document::media::sniff(&png, &png, png.len() as u64).ok(),
            Some(crate::document::MediaType::Png)
        );
        assert_eq!(scan(1), png, "the same seed draws the same page");
    }
}
