//! `ccr manifest`: local multi-platform indexes.

use clap::Subcommand;

use crate::engine::Context;
use crate::engine::types::ImageRef;
use crate::error::Error;

#[derive(Subcommand, Debug)]
pub enum ManifestCommand {
    /// Create a local manifest list (image index) from local images
    Create {
        /// Add to an existing list instead of replacing it
        #[arg(short, long)]
        amend: bool,
        list: String,
        #[arg(required = true)]
        images: Vec<String>,
    },
    /// Print a local image's manifest or index
    Inspect { image: String },
}

pub fn run(ctx: &Context, cmd: ManifestCommand) -> Result<i32, Error> {
    match cmd {
        ManifestCommand::Create {
            amend,
            list,
            images,
        } => {
            let r = ImageRef::parse(&list)?;
            let d = crate::engine::images::create_index(ctx, &r, &images, amend)?;
            println!("Created manifest list {r}");
            println!("{}", d.digest);
            Ok(0)
        }
        ManifestCommand::Inspect { image } => {
            let v = crate::engine::images::manifest(ctx, &image)?;
            println!("{}", serde_json::to_string_pretty(&v).expect("serialises"));
            Ok(0)
        }
    }
}
