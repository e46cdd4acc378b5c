//! `build -o`: the built image written out, as BuildKit's `--output`
//! does: its file system as a directory (`-o DIR`, `type=local,dest=DIR`)
//! or a tar archive (`type=tar,dest=FILE`, `-o -` for standard output), or
//! the image itself as an OCI layout archive (`type=oci` and `type=docker`,
//! which ccr writes alike: the layout with docker's `manifest.json`).

use crate::outfile::AtomicOutput;
use std::path::{Path, PathBuf};

use super::Context;
use crate::error::Error;
use crate::oci::Descriptor;
use crate::unpack::snapshot::Snapshots;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Output {
    Dir(PathBuf),
    Tar(PathBuf),
    TarStdout,
    /// The image as `ccr save` writes it, to a file or standard output.
    Image(Option<PathBuf>),
}

impl Output {
    /// BuildKit's `-o` forms: `DIR`, `-`, `type=local,dest=DIR`,
    /// `type=tar,dest=FILE|-`.
    pub fn parse(s: &str) -> Result<Output, Error> {
        if s == "-" {
            return Ok(Output::TarStdout);
        }
        if !s.contains('=') {
            return Ok(Output::Dir(s.into()));
        }
        let mut kind = None;
        let mut dest = None;
        for part in s.split(',') {
            match part.split_once('=') {
                Some(("type", v)) => kind = Some(v),
                Some(("dest", v)) => dest = Some(v),
                _ => {
                    return Err(Error::Usage(format!(
                        "--output {s}: use DIR, -, type=local,dest=DIR or type=tar,dest=FILE"
                    )));
                }
            }
        }
        match (kind, dest) {
            (Some("local"), Some(d)) => Ok(Output::Dir(d.into())),
            (Some("tar"), Some("-")) => Ok(Output::TarStdout),
            (Some("tar"), Some(d)) => Ok(Output::Tar(d.into())),
            (Some("oci" | "docker"), Some("-")) => Ok(Output::Image(None)),
            (Some("oci" | "docker"), Some(d)) => Ok(Output::Image(Some(d.into()))),
            (Some(k), _) if !["local", "tar", "oci", "docker"].contains(&k) => {
                Err(Error::Usage(format!(
                    "--output type={k}: ccr writes local, tar, oci and docker outputs (the image itself is stored as with -t)"
                )))
            }
            _ => Err(Error::Usage(format!("--output {s}: name a dest"))),
        }
    }
}

/// Writes `target` (a built image, stored as `name`) to `out`.
pub fn write(ctx: &Context, name: &str, target: &Descriptor, out: &Output) -> Result<(), Error> {
    let img = ctx
        .images
        .platform_images(target)?
        .into_iter()
        .next()
        .ok_or_else(|| Error::Usage("the build made no image".into()))?;
    let snapshots = Snapshots::open(&ctx.layout)?.with_expansion(ctx.opts.config.expansion()?);
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| Error::Io { path, source }
    };
    match out {
        Output::Dir(dir) => {
            std::fs::create_dir_all(dir).map_err(io(dir))?;
            snapshots.flatten_into(&ctx.images.store, &img, dir)?;
        }
        Output::Image(dest) => {
            let names = [name.to_string()];
            match dest {
                Some(f) => {
                    let mut file = AtomicOutput::create(f, 0o666).map_err(io(f))?;
                    ctx.images
                        .save(&names, std::io::BufWriter::new(&mut file))?;
                    file.commit().map_err(io(f))?;
                }
                None => ctx.images.save(&names, std::io::stdout().lock())?,
            }
        }
        Output::Tar(_) | Output::TarStdout => {
            let scratch = ctx.layout.build_scratch();
            std::fs::create_dir_all(&scratch).map_err(io(&scratch))?;
            let root = tempfile::Builder::new()
                .prefix("output-")
                .tempdir_in(&scratch)
                .map_err(io(&scratch))?;
            snapshots.flatten_into(&ctx.images.store, &img, root.path())?;
            let mut file = match out {
                Output::Tar(f) => Some(AtomicOutput::create(f, 0o666).map_err(io(f))?),
                _ => None,
            };
            {
                let sink: Box<dyn std::io::Write + '_> = match &mut file {
                    Some(f) => Box::new(f),
                    None => Box::new(std::io::stdout().lock()),
                };
                let mut tar = tar::Builder::new(sink);
                tar.follow_symlinks(false);
                tar.append_dir_all(".", root.path())
                    .map_err(io(root.path()))?;
                tar.finish().map_err(io(root.path()))?;
            }
            if let (Some(file), Output::Tar(f)) = (file, out) {
                file.commit().map_err(io(f))?;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buildkit_output_forms() {
        assert_eq!(Output::parse("out").unwrap(), Output::Dir("out".into()));
        assert_eq!(Output::parse("-").unwrap(), Output::TarStdout);
        assert_eq!(
            Output::parse("type=tar,dest=a.tar").unwrap(),
            Output::Tar("a.tar".into())
        );
        assert_eq!(
            Output::parse("type=local,dest=d").unwrap(),
            Output::Dir("d".into())
        );
        assert_eq!(
            Output::parse("type=oci,dest=-").unwrap(),
            Output::Image(None)
        );
        assert_eq!(
            Output::parse("type=docker,dest=i.tar").unwrap(),
            Output::Image(Some("i.tar".into()))
        );
        assert!(Output::parse("type=registry,dest=x").is_err());
        assert!(Output::parse("type=tar").is_err());
    }
}
