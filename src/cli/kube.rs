//! `ccr kube`: Kubernetes manifests played on this machine, and running
//! containers generated into manifests; the options `compose convert
//! --kubernetes` shares.

use std::path::PathBuf;

use clap::{Args, Subcommand};

use crate::engine::Context;
use crate::engine::compose::Plain;
use crate::engine::types::ConvertOptions;
use crate::error::Error;

/// Where the objects go and how they run on the cluster.
#[derive(Args, Debug, Clone)]
pub struct KubeOutputArgs {
    /// Write here: a directory (a file per object), a .yaml file, or - for standard output
    #[arg(short, long, value_name = "DIR|FILE|-", default_value = "-")]
    pub output: PathBuf,
    /// The runtime class of every pod (e.g. kata-qemu-coco-dev, kata-qemu-tdx, kata-qemu-snp; a service's x-ccr-runtime-class wins)
    #[arg(long, value_name = "NAME")]
    pub runtime_class: Option<String>,
    /// The namespace of every object
    #[arg(long, value_name = "NS")]
    pub namespace: Option<String>,
    /// The initdata TOML confidential pods boot with (what cvm provision -o wrote), embedded as their cc_init_data annotation
    #[arg(long, value_name = "FILE")]
    pub cc_init_data: Option<PathBuf>,
    /// The image of the init containers that wait for a Service to answer (pinned like the services')
    #[arg(
        long,
        value_name = "IMAGE",
        default_value = "docker.io/library/busybox:1.37"
    )]
    pub wait_image: String,
    /// The image of the init containers that wait for a Job to complete (pinned like the services')
    #[arg(
        long,
        value_name = "IMAGE",
        default_value = "registry.k8s.io/kubectl:v1.34.0"
    )]
    pub kubectl_image: String,
    /// Pin every image by its registry digest (=false: keep the references as written, e.g. offline; refused where a service verifies its image or in CVM mode)
    #[arg(long, value_name = "BOOL", default_value_t = true, action = clap::ArgAction::Set)]
    pub resolve_image_digests: bool,
}

impl KubeOutputArgs {
    pub fn options(&self) -> Result<ConvertOptions, Error> {
        let initdata = match &self.cc_init_data {
            Some(p) => Some(crate::engine::kube::read_initdata(p)?),
            None => None,
        };
        Ok(ConvertOptions {
            namespace: self.namespace.clone(),
            runtime_class: self.runtime_class.clone(),
            initdata,
            wait_image: self.wait_image.clone(),
            kubectl_image: self.kubectl_image.clone(),
            pin: self.resolve_image_digests,
        })
    }
}

/// Prints the conversion's warnings and writes its objects.
pub fn emit(done: &crate::engine::types::Converted, out: &KubeOutputArgs) -> Result<i32, Error> {
    for w in &done.warnings {
        eprintln!("WARN[0000] {w}");
    }
    for p in crate::engine::kube::write(&done.objects, &out.output)? {
        eprintln!("Wrote {}", p.display());
    }
    Ok(0)
}

#[derive(Subcommand, Debug)]
pub enum KubeCommand {
    /// Run the Pods, Deployments and Jobs of a Kubernetes manifest here (Services as names, ConfigMaps, Secrets, claims as volumes)
    Play(PlayArgs),
    /// Remove what kube play made of a manifest
    Down(DownArgs),
    /// Print Kubernetes objects for containers (a Pod each, a Service for published ports)
    Generate(GenerateArgs),
}

#[derive(Args, Debug)]
pub struct PlayArgs {
    /// Remove what an earlier play of this manifest made instead
    #[arg(long)]
    pub down: bool,
    /// The project its containers belong to (default: the file's name)
    #[arg(short = 'p', long = "project-name")]
    pub project_name: Option<String>,
    /// The manifest (- reads standard input)
    pub file: PathBuf,
}

#[derive(Args, Debug)]
pub struct DownArgs {
    /// The project its containers belong to (default: the file's name)
    #[arg(short = 'p', long = "project-name")]
    pub project_name: Option<String>,
    /// The manifest played
    pub file: PathBuf,
}

#[derive(Args, Debug)]
pub struct GenerateArgs {
    #[command(flatten)]
    pub out: KubeOutputArgs,
    /// Containers (names or ids)
    #[arg(required = true)]
    #[arg(add = super::complete::container())]
    pub containers: Vec<String>,
}

pub fn run(ctx: &Context, c: KubeCommand) -> Result<i32, Error> {
    match c {
        KubeCommand::Play(a) => play(ctx, &a.file, a.project_name.as_deref(), a.down),
        KubeCommand::Down(a) => play(ctx, &a.file, a.project_name.as_deref(), true),
        KubeCommand::Generate(a) => {
            let done = crate::engine::kube::generate(ctx, &a.containers, &a.out.options()?)?;
            emit(&done, &a.out)
        }
    }
}

fn play(
    ctx: &Context,
    file: &std::path::Path,
    name: Option<&str>,
    down: bool,
) -> Result<i32, Error> {
    let text = crate::engine::kube::read_manifest(file)?;
    let project = crate::engine::kube::project_name(file, name);
    let (model, warnings) = crate::engine::kube::played(&text, file, &project)?;
    if down {
        crate::engine::kube::down(ctx, &model, &Plain)?;
        return Ok(0);
    }
    for w in &warnings {
        eprintln!("WARN[0000] {w}");
    }
    let started =
        crate::engine::kube::play(ctx, &model, &crate::progress::Progress::new(true), &Plain)?;
    for c in started {
        println!("{}", c.id);
    }
    Ok(0)
}
