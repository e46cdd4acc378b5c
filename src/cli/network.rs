//! `ccr network`: user-defined networks, as docker has them.

use std::collections::BTreeMap;

use clap::{Args, Subcommand};
use serde_json::json;

use crate::engine::Context;
use crate::engine::containers::Containers;
use crate::engine::types::{NetworkRecord, NetworkSpec};
use crate::error::Error;
use crate::format::Format;

#[derive(Subcommand, Debug)]
pub enum NetworkCommand {
    /// Create a network (its own bridge and subnet)
    Create(CreateArgs),
    /// List networks
    #[command(alias = "list")]
    Ls(LsArgs),
    /// Display detailed information on one or more networks
    Inspect {
        /// Format the output using a template
        #[arg(short, long)]
        format: Option<String>,
        #[arg(required = true)]
        #[arg(add = super::complete::network())]
        names: Vec<String>,
    },
    /// Remove one or more networks
    #[command(alias = "remove")]
    Rm {
        #[arg(required = true)]
        #[arg(add = super::complete::network())]
        names: Vec<String>,
    },
    /// Connect a container to a network
    Connect {
        /// Add a network-scoped alias for the container (repeatable)
        #[arg(long)]
        alias: Vec<String>,
        #[arg(add = super::complete::network())]
        network: String,
        #[arg(add = super::complete::container())]
        container: String,
    },
    /// Disconnect a container from a network
    Disconnect { network: String, container: String },
    /// Remove all networks no container uses
    Prune {
        /// Do not prompt for confirmation
        #[arg(short, long)]
        force: bool,
        /// Only networks that match: until=TIME|DURATION, label=KEY[=VALUE], label!=KEY[=VALUE]
        #[arg(long)]
        filter: Vec<String>,
    },
}

#[derive(Args, Debug)]
pub struct CreateArgs {
    /// Driver to manage the network (only bridge)
    #[arg(short, long, default_value = "bridge", value_parser = ["bridge"])]
    pub driver: String,
    /// Subnet in CIDR format (default: a free /24 of 10.90.0.0/16)
    #[arg(long)]
    pub subnet: Option<String>,
    /// Gateway of the subnet (default: its first address)
    #[arg(long)]
    pub gateway: Option<String>,
    /// Restrict external access to the network
    #[arg(long)]
    pub internal: bool,
    /// Set metadata: KEY=VALUE (repeatable)
    #[arg(long)]
    pub label: Vec<String>,
    pub name: String,
}

#[derive(Args, Debug)]
pub struct LsArgs {
    /// Only display network IDs
    #[arg(short, long)]
    pub quiet: bool,
    /// Format the output: table, json, or a template such as '{{.Name}}'
    #[arg(long)]
    pub format: Option<String>,
    /// Filter: name=NAME, label=KEY[=VALUE]
    #[arg(short, long)]
    pub filter: Vec<String>,
}

fn labels(given: &[String]) -> BTreeMap<String, String> {
    given
        .iter()
        .map(|l| {
            let (k, v) = l.split_once('=').unwrap_or((l, ""));
            (k.to_string(), v.to_string())
        })
        .collect()
}

/// docker's `network ls` row and `--format` fields.
fn row(n: &NetworkRecord) -> serde_json::Value {
    let labels: Vec<String> = n.labels.iter().map(|(k, v)| format!("{k}={v}")).collect();
    json!({
        "ID": &n.id[..12],
        "Name": n.name,
        "Driver": n.driver,
        "Scope": "local",
        "IPv6": "false",
        "Internal": n.internal.to_string(),
        "Labels": labels.join(","),
        "CreatedAt": n.created,
    })
}

fn matches(n: &NetworkRecord, filters: &[String]) -> Result<bool, Error> {
    for f in filters {
        let (k, v) = f
            .split_once('=')
            .ok_or_else(|| Error::Usage(format!("invalid filter {f:?}: use KEY=VALUE")))?;
        let ok = match k {
            "name" => n.name.contains(v),
            "id" => n.id.starts_with(v),
            "driver" => n.driver == v,
            "label" => crate::filters::label_matches(|k| n.labels.get(k).map(String::as_str), v),
            _ => {
                return Err(Error::Usage(format!(
                    "invalid filter {k:?}: use name, id, driver or label"
                )));
            }
        };
        if !ok {
            return Ok(false);
        }
    }
    Ok(true)
}

/// docker's `network inspect` document for `n`.
fn inspect(rt: &Containers, n: &NetworkRecord) -> Result<serde_json::Value, Error> {
    let mut containers = serde_json::Map::new();
    for (c, a) in rt.network_members(&n.name)? {
        let prefix = n.subnet.split('/').nth(1).unwrap_or("24");
        containers.insert(
            c.id.clone(),
            json!({
                "Name": c.name,
                "EndpointID": "",
                "MacAddress": "",
                "IPv4Address": a.address.map(|ip| format!("{ip}/{prefix}")).unwrap_or_default(),
                "IPv6Address": "",
            }),
        );
    }
    Ok(json!({
        "Name": n.name,
        "Id": n.id,
        "Created": n.created,
        "Scope": "local",
        "Driver": n.driver,
        "EnableIPv6": false,
        "IPAM": {"Driver": "default", "Options": {}, "Config": [{"Subnet": n.subnet, "Gateway": n.gateway}]},
        "Internal": n.internal,
        "Attachable": false,
        "Ingress": false,
        "ConfigFrom": {"Network": ""},
        "ConfigOnly": false,
        "Containers": containers,
        "Options": {"com.docker.network.bridge.name": n.bridge},
        "Labels": n.labels,
    }))
}

pub fn run(ctx: &Context, c: NetworkCommand) -> Result<i32, Error> {
    let rt = Containers::new(ctx);
    match c {
        NetworkCommand::Create(a) => {
            let rec = rt.network_create(&NetworkSpec {
                name: a.name,
                subnet: a.subnet,
                gateway: a.gateway,
                internal: a.internal,
                labels: labels(&a.label),
            })?;
            println!("{}", rec.id);
            Ok(0)
        }
        NetworkCommand::Ls(a) => {
            let format = Format::parse(a.format.as_deref())?;
            let mut shown = Vec::new();
            for n in rt.networks() {
                if matches(&n, &a.filter)? {
                    shown.push(n);
                }
            }
            if a.quiet {
                for n in &shown {
                    println!("{}", &n.id[..12]);
                }
            } else if format != Format::Table {
                let rows: Vec<_> = shown.iter().map(row).collect();
                for l in format.lines_named(&rows, &[("ID", "NETWORK ID")])? {
                    println!("{l}");
                }
            } else {
                let mut table = vec![vec![
                    "NETWORK ID".to_string(),
                    "NAME".into(),
                    "DRIVER".into(),
                    "SCOPE".into(),
                ]];
                table.extend(shown.iter().map(|n| {
                    vec![
                        n.id[..12].to_string(),
                        n.name.clone(),
                        n.driver.clone(),
                        "local".into(),
                    ]
                }));
                super::print_table(&mut std::io::stdout().lock(), &table);
            }
            Ok(0)
        }
        NetworkCommand::Inspect { format, names } => {
            let format = Format::parse(format.as_deref())?;
            let mut all = Vec::new();
            for n in &names {
                let rec = rt.network(n)?;
                all.push(inspect(&rt, &rec)?);
            }
            super::print_json(&format, &all)
        }
        NetworkCommand::Rm { names } => {
            super::container::each(&names, |n| rt.network_remove(n).map(|_| ()))
        }
        NetworkCommand::Connect {
            alias,
            network,
            container,
        } => {
            rt.network_connect(&network, &container, &alias)?;
            Ok(0)
        }
        NetworkCommand::Disconnect { network, container } => {
            rt.network_disconnect(&network, &container)?;
            Ok(0)
        }
        NetworkCommand::Prune { force, filter } => {
            let filter = crate::filters::PruneFilter::parse(&filter)?;
            if !force
                && !super::confirm(&["all custom networks not used by at least one container"])
            {
                return Ok(0);
            }
            let removed = rt.network_prune(&filter)?;
            super::print_deleted("Networks", removed.iter());
            Ok(0)
        }
    }
}
