//! What a tar stream may be compressed with (a layer blob, an archive that
//! `ADD` extracts, a tarball given to `import`), and a streaming decoder
//! for each: gzip, zstd, bzip2 and xz.

use std::io::{self, BufRead, Read};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Compression {
    None,
    Gzip,
    Zstd,
    Bzip2,
    Xz,
}

impl Compression {
    /// By the stream's first bytes.
    pub fn sniff(head: &[u8]) -> Compression {
        match head {
            [0x1f, 0x8b, ..] => Compression::Gzip,
            [0x28, 0xb5, 0x2f, 0xfd, ..] => Compression::Zstd,
            [b'B', b'Z', b'h', ..] => Compression::Bzip2,
            [0xfd, b'7', b'z', b'X', b'Z', 0, ..] => Compression::Xz,
            _ => Compression::None,
        }
    }

    /// By a layer's media type (`…tar`, `…tar+gzip`, `…tar+zstd`, docker's
    /// `…diff.tar.gzip`); `None` when it is no tar layer at all.
    pub fn of_layer(media_type: &str) -> Option<Compression> {
        if crate::oci::is_layer_gzip(media_type) {
            Some(Compression::Gzip)
        } else if media_type.ends_with("+zstd") {
            Some(Compression::Zstd)
        } else if media_type.ends_with(".tar") || media_type.ends_with("diff.tar") {
            Some(Compression::None)
        } else {
            None
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Compression::None => "none",
            Compression::Gzip => "gzip",
            Compression::Zstd => "zstd",
            Compression::Bzip2 => "bzip2",
            Compression::Xz => "xz",
        }
    }

    /// The decompressed stream of `r` (every concatenated member or frame).
    pub fn decoder<'a>(self, r: impl BufRead + Send + 'a) -> io::Result<Box<dyn Read + Send + 'a>> {
        Ok(match self {
            Compression::None => Box::new(r),
            Compression::Gzip => Box::new(flate2::bufread::MultiGzDecoder::new(r)),
            Compression::Zstd => Box::new(zstd::stream::read::Decoder::with_buffer(r)?),
            Compression::Bzip2 => Box::new(bzip2::bufread::MultiBzDecoder::new(r)),
            Compression::Xz => Box::new(liblzma::bufread::XzDecoder::new_multi_decoder(r)),
        })
    }
}

/// Reads until `buf` is full or the input ends; returns how much was read.
pub fn read_full(r: &mut impl Read, buf: &mut [u8]) -> io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match r.read(&mut buf[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn every_format_round_trips_through_its_decoder() {
        let data: Vec<u8> = (0..200_000u32)
            .flat_map(|i| (i % 251).to_le_bytes())
            .collect();
        let two = |a: Vec<u8>, b: Vec<u8>| [a, b].concat();
        let gz = |d: &[u8]| {
            let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
            e.write_all(d).unwrap();
            e.finish().unwrap()
        };
        let zst = |d: &[u8]| zstd::stream::encode_all(d, 3).unwrap();
        let bz = |d: &[u8]| {
            let mut e = bzip2::write::BzEncoder::new(Vec::new(), bzip2::Compression::fast());
            e.write_all(d).unwrap();
            e.finish().unwrap()
        };
        let xz = |d: &[u8]| {
            let mut e = liblzma::write::XzEncoder::new(Vec::new(), 1);
            e.write_all(d).unwrap();
            e.finish().unwrap()
        };
        let (half1, half2) = data.split_at(data.len() / 2);
        for (kind, compressed) in [
            (Compression::Gzip, two(gz(half1), gz(half2))),
            (Compression::Zstd, two(zst(half1), zst(half2))),
            (Compression::Bzip2, two(bz(half1), bz(half2))),
            (Compression::Xz, two(xz(half1), xz(half2))),
            (Compression::None, data.clone()),
        ] {
            assert_eq!(Compression::sniff(&compressed[..8]), kind);
            let mut out = Vec::new();
            kind.decoder(&compressed[..])
                .unwrap()
                .read_to_end(&mut out)
                .unwrap();
            assert!(out == data, "{} did not round trip", kind.name());
            // A corrupted stream is an error, not short output.
            if kind != Compression::None {
                let mut bad = compressed.clone();
                let mid = bad.len() / 3;
                bad[mid] ^= 0xff;
                bad.truncate(bad.len() - 7);
                let r = kind.decoder(&bad[..]).unwrap().read_to_end(&mut Vec::new());
                assert!(r.is_err(), "{} accepted a corrupted stream", kind.name());
            }
        }
        assert_eq!(
            Compression::of_layer("application/vnd.oci.image.layer.v1.tar+zstd"),
            Some(Compression::Zstd)
        );
        assert_eq!(
            Compression::of_layer("application/vnd.docker.image.rootfs.diff.tar.gzip"),
            Some(Compression::Gzip)
        );
        assert_eq!(
            Compression::of_layer("application/vnd.oci.image.layer.v1.tar"),
            Some(Compression::None)
        );
        assert_eq!(
            Compression::of_layer("application/vnd.oci.image.config.v1+json"),
            None
        );
    }
}
