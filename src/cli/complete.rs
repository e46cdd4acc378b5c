//! Completions that know the machine: container, image, network and
//! volume names (from `engine::names`) as the shell asks, through
//! clap_complete's dynamic completion (the shell calls
//! `COMPLETE=<shell> ccr -- <words>`).

use clap_complete::engine::{ArgValueCandidates, CompletionCandidate};

use crate::engine::names;

fn containers() -> Vec<CompletionCandidate> {
    names::containers()
        .into_iter()
        .map(|(name, image)| CompletionCandidate::new(name).help(Some(image.into())))
        .collect()
}

fn images() -> Vec<CompletionCandidate> {
    names::images()
        .into_iter()
        .map(CompletionCandidate::new)
        .collect()
}

pub fn container() -> ArgValueCandidates {
    ArgValueCandidates::new(containers)
}

pub fn image() -> ArgValueCandidates {
    ArgValueCandidates::new(images)
}

/// Containers and images (`inspect`).
pub fn object() -> ArgValueCandidates {
    ArgValueCandidates::new(|| {
        let mut all = containers();
        all.extend(images());
        all
    })
}

pub fn network() -> ArgValueCandidates {
    ArgValueCandidates::new(|| {
        names::networks()
            .into_iter()
            .map(CompletionCandidate::new)
            .collect()
    })
}

pub fn volume() -> ArgValueCandidates {
    ArgValueCandidates::new(|| {
        names::volumes()
            .into_iter()
            .map(CompletionCandidate::new)
            .collect()
    })
}
