//! Generated images: small, real PNG files that any image viewer opens.
//!
//! The picture is a 64×64 RGB gradient whose corner colours come from a SHA-256 of the seed, so
//! the same run and prompt always give the same bytes and different prompts look different.

use sha2::{Digest, Sha256};

/// Side of every generated image, in pixels.
pub const SIDE: u32 = 64;

/// The 8-byte signature every PNG file starts with.
pub const SIGNATURE: [u8; 8] = [0x89, b'P', b'N', b'G', b'\r', b'\n', 0x1a, b'\n'];

/// Encodes a deterministic 64×64 gradient picked by `seed`.
pub fn gradient_png(seed: &[u8]) -> Vec<u8> {
    let digest = Sha256::digest(seed);
    let (from, to) = (
        [digest[0], digest[1], digest[2]],
        [digest[3], digest[4], digest[5]],
    );
    let pixels = gradient_pixels(from, to);
    let mut out = Vec::with_capacity(pixels.len() / 4);
    let mut encoder = ::png::Encoder::new(&mut out, SIDE, SIDE);
    encoder.set_color(::png::ColorType::Rgb);
    encoder.set_depth(::png::BitDepth::Eight);
    // Encoding into a Vec with a valid header cannot fail; an empty image would still be
    // a harmless result, so errors degrade instead of panicking.
    if let Ok(mut writer) = encoder.write_header() {
        let _ = writer.write_image_data(&pixels);
        let _ = writer.finish();
    }
    out
}

/// RGB bytes blending `from` (top left) into `to` (bottom right).
fn gradient_pixels(from: [u8; 3], to: [u8; 3]) -> Vec<u8> {
    let side = SIDE as usize;
    let mut pixels = Vec::with_capacity(side * side * 3);
    let span = (2 * (side - 1)) as u32;
    for y in 0..side {
        for x in 0..side {
            let w = (x + y) as u32;
            for c in 0..3 {
                let (a, b) = (u32::from(from[c]), u32::from(to[c]));
                pixels.push(((a * (span - w) + b * w) / span) as u8);
            }
        }
    }
    pixels
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gradient_png_is_a_decodable_64x64_image() {
        let bytes = gradient_png(b"seed");
        assert_eq!(bytes[..8], SIGNATURE);
        let decoder = ::png::Decoder::new(std::io::Cursor::new(&bytes));
        let reader = decoder.read_info().expect("decodable");
        assert_eq!(reader.info().width, SIDE);
        assert_eq!(reader.info().height, SIDE);
    }

    #[test]
    fn gradient_png_is_deterministic_per_seed() {
        assert_eq!(gradient_png(b"a"), gradient_png(b"a"));
        assert_ne!(gradient_png(b"a"), gradient_png(b"b"));
    }
}
