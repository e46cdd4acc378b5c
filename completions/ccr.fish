# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_ccr_global_optspecs
    string join \n data-root= insecure-registry= debug cvm initdata= snapshotter= h/help V/version
end

function __fish_ccr_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_ccr_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_ccr_using_subcommand
    set -l cmd (__fish_ccr_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c ccr -n "__fish_ccr_needs_command" -l data-root -d 'Root directory of persistent ccr state (default /var/lib/ccr as root, else $XDG_DATA_HOME/ccr)' -r -F
complete -c ccr -n "__fish_ccr_needs_command" -l insecure-registry -d 'Allow plain HTTP and unverified TLS for the named registry (repeatable); bare, for every registry' -r
complete -c ccr -n "__fish_ccr_needs_command" -l initdata -d 'The initdata TOML the guest booted with (default /run/confidential-containers/initdata/initdata.toml when present)' -r -F
complete -c ccr -n "__fish_ccr_needs_command" -l snapshotter -d 'How container root file systems are made: overlayfs (over shared layer snapshots) or native (a copy)' -r -f -a "overlayfs\t''
native\t''"
complete -c ccr -n "__fish_ccr_needs_command" -l debug -d 'Print debug output'
complete -c ccr -n "__fish_ccr_needs_command" -l cvm -d 'Confidential-VM mode (see `ccr cvm status`; also mode = "cvm" in ccr.toml; on by itself in a Confidential Containers guest)'
complete -c ccr -n "__fish_ccr_needs_command" -s h -l help -d 'Print help'
complete -c ccr -n "__fish_ccr_needs_command" -s V -l version -d 'Print version'
complete -c ccr -n "__fish_ccr_needs_command" -f -a "run" -d 'Run a command in a new container'
complete -c ccr -n "__fish_ccr_needs_command" -f -a "create" -d 'Create a new container without starting it (the flags of run)'
complete -c ccr -n "__fish_ccr_needs_command" -f -a "ps" -d 'List containers'
complete -c ccr -n "__fish_ccr_needs_command" -f -a "logs" -d 'Fetch the logs of a container'
complete -c ccr -n "__fish_ccr_needs_command" -f -a "exec" -d 'Run a command in a running container'
complete -c ccr -n "__fish_ccr_needs_command" -f -a "stop" -d 'Stop one or more running containers'
complete -c ccr -n "__fish_ccr_needs_command" -f -a "kill" -d 'Kill one or more running containers'
complete -c ccr -n "__fish_ccr_needs_command" -f -a "rm" -d 'Remove one or more containers'
complete -c ccr -n "__fish_ccr_needs_command" -f -a "destroy" -d 'Stop and remove containers, and wipe what only they used (writable layers, logs, decrypted layers)'
complete -c ccr -n "__fish_ccr_needs_command" -f -a "upgrade" -d 'Replace a running container by one of a new image (same configuration), then wipe the old one'
complete -c ccr -n "__fish_ccr_needs_command" -f -a "start" -d 'Start one or more stopped containers'
complete -c ccr -n "__fish_ccr_needs_command" -f -a "cp" -d 'Copy files between a container and the host: CONTAINER:SRC DEST or SRC CONTAINER:DEST'
complete -c ccr -n "__fish_ccr_needs_command" -f -a "port" -d 'List port mappings of a container, or the host address of one port'
complete -c ccr -n "__fish_ccr_needs_command" -f -a "rename" -d 'Rename a container'
complete -c ccr -n "__fish_ccr_needs_command" -f -a "pause" -d 'Pause all processes within one or more containers'
complete -c ccr -n "__fish_ccr_needs_command" -f -a "unpause" -d 'Unpause all processes within one or more containers'
complete -c ccr -n "__fish_ccr_needs_command" -f -a "top" -d 'Display the running processes of a container'
complete -c ccr -n "__fish_ccr_needs_command" -f -a "stats" -d 'Display a live stream of container resource usage'
complete -c ccr -n "__fish_ccr_needs_command" -f -a "attach" -d 'Attach to a running container\'s output'
complete -c ccr -n "__fish_ccr_needs_command" -f -a "update" -d 'Update the resource limits and restart policy of containers'
complete -c ccr -n "__fish_ccr_needs_command" -f -a "commit" -d 'Create a new image from a container\'s changes'
complete -c ccr -n "__fish_ccr_needs_command" -f -a "events" -d 'Get real time events from ccr'
complete -c ccr -n "__fish_ccr_needs_command" -f -a "diff" -d 'Inspect changes to files on a container\'s filesystem'
complete -c ccr -n "__fish_ccr_needs_command" -f -a "export" -d 'Export a container\'s filesystem as a tar archive'
complete -c ccr -n "__fish_ccr_needs_command" -f -a "version" -d 'Show ccr\'s version and what it was built with'
complete -c ccr -n "__fish_ccr_needs_command" -f -a "info" -d 'Display system-wide information'
complete -c ccr -n "__fish_ccr_needs_command" -f -a "volume" -d 'Manage named volumes'
complete -c ccr -n "__fish_ccr_needs_command" -f -a "network" -d 'Manage networks'
complete -c ccr -n "__fish_ccr_needs_command" -f -a "compose" -d 'Define and run multi-container projects (compose files)'
complete -c ccr -n "__fish_ccr_needs_command" -f -a "system" -d 'Manage ccr as a whole'
complete -c ccr -n "__fish_ccr_needs_command" -f -a "restart" -d 'Restart one or more containers'
complete -c ccr -n "__fish_ccr_needs_command" -f -a "wait" -d 'Block until one or more containers stop, then print their exit codes'
complete -c ccr -n "__fish_ccr_needs_command" -f -a "container" -d 'Manage containers'
complete -c ccr -n "__fish_ccr_needs_command" -f -a "inspect" -d 'Display detailed information on containers or images'
complete -c ccr -n "__fish_ccr_needs_command" -f -a "build" -d 'Build an image from a Dockerfile'
complete -c ccr -n "__fish_ccr_needs_command" -f -a "builder" -d 'Manage the build cache'
complete -c ccr -n "__fish_ccr_needs_command" -f -a "pull" -d 'Pull an image from a registry'
complete -c ccr -n "__fish_ccr_needs_command" -f -a "push" -d 'Push an image to a registry'
complete -c ccr -n "__fish_ccr_needs_command" -f -a "images" -d 'List images'
complete -c ccr -n "__fish_ccr_needs_command" -f -a "history" -d 'Show the history of an image'
complete -c ccr -n "__fish_ccr_needs_command" -f -a "tag" -d 'Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE'
complete -c ccr -n "__fish_ccr_needs_command" -f -a "rmi" -d 'Remove one or more images'
complete -c ccr -n "__fish_ccr_needs_command" -f -a "save" -d 'Save one or more images to a tar archive (OCI layout, docker-compatible)'
complete -c ccr -n "__fish_ccr_needs_command" -f -a "load" -d 'Load images from a tar archive (OCI layout or docker save)'
complete -c ccr -n "__fish_ccr_needs_command" -f -a "import" -d 'Import a root filesystem tarball as a one-layer image'
complete -c ccr -n "__fish_ccr_needs_command" -f -a "image" -d 'Manage images'
complete -c ccr -n "__fish_ccr_needs_command" -f -a "manifest" -d 'Manage local manifest lists (multi-platform images)'
complete -c ccr -n "__fish_ccr_needs_command" -f -a "kbs" -d 'Talk to a Key Broker Service: attest, fetch and provision resources'
complete -c ccr -n "__fish_ccr_needs_command" -f -a "cvm" -d 'Confidential-VM mode'
complete -c ccr -n "__fish_ccr_needs_command" -f -a "key" -d 'Manage signing keys'
complete -c ccr -n "__fish_ccr_needs_command" -f -a "sbom" -d 'Generate a software bill of materials (SPDX, CycloneDX) of an image or directory'
complete -c ccr -n "__fish_ccr_needs_command" -f -a "login" -d 'Log in to a registry'
complete -c ccr -n "__fish_ccr_needs_command" -f -a "logout" -d 'Log out from a registry'
complete -c ccr -n "__fish_ccr_needs_command" -f -a "completion" -d 'Print a shell completion script'
complete -c ccr -n "__fish_ccr_using_subcommand run" -l name -d 'Assign a name to the container' -r
complete -c ccr -n "__fish_ccr_using_subcommand run" -s e -l env -d 'Set an environment variable (KEY=VALUE, or KEY to take it from this environment)' -r
complete -c ccr -n "__fish_ccr_using_subcommand run" -l env-file -d 'Read environment variables from a file' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand run" -s v -l volume -d 'Bind mount a host path or a named volume: SRC:DST[:OPTS], or /PATH for an anonymous volume' -r
complete -c ccr -n "__fish_ccr_using_subcommand run" -l mount -d 'Attach a filesystem mount: type=bind|volume|tmpfs,source=SRC,target=DST[,readonly]' -r
complete -c ccr -n "__fish_ccr_using_subcommand run" -l volumes-from -d 'Mount the volumes of another container: CONTAINER[:ro|rw]' -r
complete -c ccr -n "__fish_ccr_using_subcommand run" -s w -l workdir -d 'Working directory inside the container' -r
complete -c ccr -n "__fish_ccr_using_subcommand run" -s u -l user -d 'User (name|uid[:group|gid])' -r
complete -c ccr -n "__fish_ccr_using_subcommand run" -l entrypoint -d 'Overwrite the image\'s entrypoint' -r
complete -c ccr -n "__fish_ccr_using_subcommand run" -l hostname -d 'Container host name' -r
complete -c ccr -n "__fish_ccr_using_subcommand run" -l tmpfs -d 'Mount a tmpfs: PATH[:OPTIONS] (e.g. /run:size=64m,mode=1777)' -r
complete -c ccr -n "__fish_ccr_using_subcommand run" -l stop-signal -d 'Signal to stop the container with (default: the image\'s STOPSIGNAL, else SIGTERM)' -r
complete -c ccr -n "__fish_ccr_using_subcommand run" -l network -d 'Connect to a network: bridge (the default), none (loopback only), host, container:NAME, or a network\'s name (repeatable)' -r
complete -c ccr -n "__fish_ccr_using_subcommand run" -l network-alias -d 'Add a network-scoped alias for the container (repeatable)' -r
complete -c ccr -n "__fish_ccr_using_subcommand run" -s l -l label -d 'Set metadata on the container: KEY=VALUE (repeatable)' -r
complete -c ccr -n "__fish_ccr_using_subcommand run" -l restart -d 'Restart policy: no, always, unless-stopped, on-failure[:max-retries]' -r
complete -c ccr -n "__fish_ccr_using_subcommand run" -l health-cmd -d 'Command to run to check health (run with /bin/sh -c)' -r
complete -c ccr -n "__fish_ccr_using_subcommand run" -l health-interval -d 'Time between running the check (e.g. 30s, 1m30s)' -r
complete -c ccr -n "__fish_ccr_using_subcommand run" -l health-timeout -d 'Maximum time to allow one check to run' -r
complete -c ccr -n "__fish_ccr_using_subcommand run" -l health-retries -d 'Consecutive failures needed to report unhealthy' -r
complete -c ccr -n "__fish_ccr_using_subcommand run" -l health-start-period -d 'Start period for the container to initialize before failures count' -r
complete -c ccr -n "__fish_ccr_using_subcommand run" -l health-start-interval -d 'Time between running the check during the start period' -r
complete -c ccr -n "__fish_ccr_using_subcommand run" -s m -l memory -d 'Memory limit (e.g. 64m, 1g)' -r
complete -c ccr -n "__fish_ccr_using_subcommand run" -l cpus -d 'Number of CPUs (e.g. 0.5)' -r
complete -c ccr -n "__fish_ccr_using_subcommand run" -l pids-limit -d 'Tune the container\'s pids limit (-1 for unlimited)' -r
complete -c ccr -n "__fish_ccr_using_subcommand run" -l shm-size -d 'Size of /dev/shm (e.g. 64m)' -r
complete -c ccr -n "__fish_ccr_using_subcommand run" -l add-host -d 'Add a custom host-to-IP mapping: HOST:IP (repeatable)' -r
complete -c ccr -n "__fish_ccr_using_subcommand run" -l dns -d 'Set custom DNS servers (repeatable)' -r
complete -c ccr -n "__fish_ccr_using_subcommand run" -l dns-search -d 'Set custom DNS search domains (repeatable)' -r
complete -c ccr -n "__fish_ccr_using_subcommand run" -l cap-add -d 'Add Linux capabilities (repeatable)' -r
complete -c ccr -n "__fish_ccr_using_subcommand run" -l cap-drop -d 'Drop Linux capabilities (repeatable; ALL drops every one)' -r
complete -c ccr -n "__fish_ccr_using_subcommand run" -l gpus -d 'GPU devices to add (not supported: ccr passes no GPUs through)' -r
complete -c ccr -n "__fish_ccr_using_subcommand run" -l device -d 'Host devices to add (not supported: ccr passes no devices through)' -r
complete -c ccr -n "__fish_ccr_using_subcommand run" -l sig-proxy -d 'Proxy received signals to the container\'s process (foreground runs)' -r -f -a "true\t''
false\t''"
complete -c ccr -n "__fish_ccr_using_subcommand run" -s p -l publish -d 'Publish a container port on the host: [IP:]HOST_PORT:CONTAINER_PORT[/PROTO]' -r
complete -c ccr -n "__fish_ccr_using_subcommand run" -l platform -d 'Platform (OS/ARCH[/VARIANT]; default: this host\'s)' -r
complete -c ccr -n "__fish_ccr_using_subcommand run" -l pull -d 'When to pull the image' -r -f -a "missing\t''
always\t''
never\t''"
complete -c ccr -n "__fish_ccr_using_subcommand run" -l verify -d 'Verify the image before using it' -r -f -a "none\t''
cosign\t''"
complete -c ccr -n "__fish_ccr_using_subcommand run" -l cosign-key -d 'Public key to verify cosign signatures with (repeatable: any one may have signed)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand run" -l cosign-certificate-identity -d 'Keyless: the signer\'s certificate identity' -r
complete -c ccr -n "__fish_ccr_using_subcommand run" -l cosign-certificate-identity-regexp -d 'Keyless: a regular expression for the signer\'s certificate identity' -r
complete -c ccr -n "__fish_ccr_using_subcommand run" -l cosign-certificate-oidc-issuer -d 'Keyless: the OIDC issuer of the signer\'s certificate' -r
complete -c ccr -n "__fish_ccr_using_subcommand run" -l cosign-certificate-oidc-issuer-regexp -d 'Keyless: a regular expression for the OIDC issuer' -r
complete -c ccr -n "__fish_ccr_using_subcommand run" -l signature-policy -d 'Trust policy (containers-policy.json format); default from ccr.toml' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand run" -l decryption-key -d 'Key for encrypted layers: PRIV.pem[:PASSWORD] (PEM or JWK), kbs:///R/T/TAG=KEK-FILE, or kbs:///R/T/TAG (fetched from the KBS after attestation) (repeatable)' -r
complete -c ccr -n "__fish_ccr_using_subcommand run" -l kbs-url -d 'The KBS (http[s]://HOST:PORT); default from CCR_KBS_URL, kbs_url in ccr.toml, or agent.aa_kbc_params on the kernel command line' -r
complete -c ccr -n "__fish_ccr_using_subcommand run" -l kbs-cert -d 'CA certificate (PEM) for an HTTPS KBS' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand run" -l tee -d 'The TEE whose evidence is sent' -r -f -a "auto\t'The guest\'s TEE (TDX or SNP via configfs-tsm); fails when there is none'
sample\t'Development only: evidence that proves nothing'
tdx\t''
snp\t''"
complete -c ccr -n "__fish_ccr_using_subcommand run" -l tee-key -d 'The kind of the session\'s ephemeral key' -r -f -a "ec\t''
rsa\t''"
complete -c ccr -n "__fish_ccr_using_subcommand run" -l tsm-report-dir -d 'Where configfs-tsm reports are made' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand run" -l data-root -d 'Root directory of persistent ccr state (default /var/lib/ccr as root, else $XDG_DATA_HOME/ccr)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand run" -l insecure-registry -d 'Allow plain HTTP and unverified TLS for the named registry (repeatable); bare, for every registry' -r
complete -c ccr -n "__fish_ccr_using_subcommand run" -l initdata -d 'The initdata TOML the guest booted with (default /run/confidential-containers/initdata/initdata.toml when present)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand run" -l snapshotter -d 'How container root file systems are made: overlayfs (over shared layer snapshots) or native (a copy)' -r -f -a "overlayfs\t''
native\t''"
complete -c ccr -n "__fish_ccr_using_subcommand run" -l rm -d 'Remove the container when it exits'
complete -c ccr -n "__fish_ccr_using_subcommand run" -s i -l interactive -d 'Keep standard input open: the container reads it (foreground runs)'
complete -c ccr -n "__fish_ccr_using_subcommand run" -s t -l tty -d 'Allocate a pseudo-TTY'
complete -c ccr -n "__fish_ccr_using_subcommand run" -s d -l detach -d 'Run in the background and print the container ID'
complete -c ccr -n "__fish_ccr_using_subcommand run" -l read-only -d 'Mount the container\'s root file system read-only'
complete -c ccr -n "__fish_ccr_using_subcommand run" -l no-healthcheck -d 'Disable any container-specified HEALTHCHECK'
complete -c ccr -n "__fish_ccr_using_subcommand run" -l privileged -d 'Give extended privileges to this container'
complete -c ccr -n "__fish_ccr_using_subcommand run" -l init -d 'Run an init inside the container that forwards signals and reaps processes'
complete -c ccr -n "__fish_ccr_using_subcommand run" -s q -l quiet -d 'Suppress the pull output'
complete -c ccr -n "__fish_ccr_using_subcommand run" -l verify-sbom -d 'Refuse the image unless its signed SBOM attestation (--cosign-key) lists exactly the packages in its content'
complete -c ccr -n "__fish_ccr_using_subcommand run" -l debug -d 'Print debug output'
complete -c ccr -n "__fish_ccr_using_subcommand run" -l cvm -d 'Confidential-VM mode (see `ccr cvm status`; also mode = "cvm" in ccr.toml; on by itself in a Confidential Containers guest)'
complete -c ccr -n "__fish_ccr_using_subcommand run" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ccr -n "__fish_ccr_using_subcommand run" -s V -l version -d 'Print version'
complete -c ccr -n "__fish_ccr_using_subcommand create" -l name -d 'Assign a name to the container' -r
complete -c ccr -n "__fish_ccr_using_subcommand create" -s e -l env -d 'Set an environment variable (KEY=VALUE, or KEY to take it from this environment)' -r
complete -c ccr -n "__fish_ccr_using_subcommand create" -l env-file -d 'Read environment variables from a file' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand create" -s v -l volume -d 'Bind mount a host path or a named volume: SRC:DST[:OPTS], or /PATH for an anonymous volume' -r
complete -c ccr -n "__fish_ccr_using_subcommand create" -l mount -d 'Attach a filesystem mount: type=bind|volume|tmpfs,source=SRC,target=DST[,readonly]' -r
complete -c ccr -n "__fish_ccr_using_subcommand create" -l volumes-from -d 'Mount the volumes of another container: CONTAINER[:ro|rw]' -r
complete -c ccr -n "__fish_ccr_using_subcommand create" -s w -l workdir -d 'Working directory inside the container' -r
complete -c ccr -n "__fish_ccr_using_subcommand create" -s u -l user -d 'User (name|uid[:group|gid])' -r
complete -c ccr -n "__fish_ccr_using_subcommand create" -l entrypoint -d 'Overwrite the image\'s entrypoint' -r
complete -c ccr -n "__fish_ccr_using_subcommand create" -l hostname -d 'Container host name' -r
complete -c ccr -n "__fish_ccr_using_subcommand create" -l tmpfs -d 'Mount a tmpfs: PATH[:OPTIONS] (e.g. /run:size=64m,mode=1777)' -r
complete -c ccr -n "__fish_ccr_using_subcommand create" -l stop-signal -d 'Signal to stop the container with (default: the image\'s STOPSIGNAL, else SIGTERM)' -r
complete -c ccr -n "__fish_ccr_using_subcommand create" -l network -d 'Connect to a network: bridge (the default), none (loopback only), host, container:NAME, or a network\'s name (repeatable)' -r
complete -c ccr -n "__fish_ccr_using_subcommand create" -l network-alias -d 'Add a network-scoped alias for the container (repeatable)' -r
complete -c ccr -n "__fish_ccr_using_subcommand create" -s l -l label -d 'Set metadata on the container: KEY=VALUE (repeatable)' -r
complete -c ccr -n "__fish_ccr_using_subcommand create" -l restart -d 'Restart policy: no, always, unless-stopped, on-failure[:max-retries]' -r
complete -c ccr -n "__fish_ccr_using_subcommand create" -l health-cmd -d 'Command to run to check health (run with /bin/sh -c)' -r
complete -c ccr -n "__fish_ccr_using_subcommand create" -l health-interval -d 'Time between running the check (e.g. 30s, 1m30s)' -r
complete -c ccr -n "__fish_ccr_using_subcommand create" -l health-timeout -d 'Maximum time to allow one check to run' -r
complete -c ccr -n "__fish_ccr_using_subcommand create" -l health-retries -d 'Consecutive failures needed to report unhealthy' -r
complete -c ccr -n "__fish_ccr_using_subcommand create" -l health-start-period -d 'Start period for the container to initialize before failures count' -r
complete -c ccr -n "__fish_ccr_using_subcommand create" -l health-start-interval -d 'Time between running the check during the start period' -r
complete -c ccr -n "__fish_ccr_using_subcommand create" -s m -l memory -d 'Memory limit (e.g. 64m, 1g)' -r
complete -c ccr -n "__fish_ccr_using_subcommand create" -l cpus -d 'Number of CPUs (e.g. 0.5)' -r
complete -c ccr -n "__fish_ccr_using_subcommand create" -l pids-limit -d 'Tune the container\'s pids limit (-1 for unlimited)' -r
complete -c ccr -n "__fish_ccr_using_subcommand create" -l shm-size -d 'Size of /dev/shm (e.g. 64m)' -r
complete -c ccr -n "__fish_ccr_using_subcommand create" -l add-host -d 'Add a custom host-to-IP mapping: HOST:IP (repeatable)' -r
complete -c ccr -n "__fish_ccr_using_subcommand create" -l dns -d 'Set custom DNS servers (repeatable)' -r
complete -c ccr -n "__fish_ccr_using_subcommand create" -l dns-search -d 'Set custom DNS search domains (repeatable)' -r
complete -c ccr -n "__fish_ccr_using_subcommand create" -l cap-add -d 'Add Linux capabilities (repeatable)' -r
complete -c ccr -n "__fish_ccr_using_subcommand create" -l cap-drop -d 'Drop Linux capabilities (repeatable; ALL drops every one)' -r
complete -c ccr -n "__fish_ccr_using_subcommand create" -l gpus -d 'GPU devices to add (not supported: ccr passes no GPUs through)' -r
complete -c ccr -n "__fish_ccr_using_subcommand create" -l device -d 'Host devices to add (not supported: ccr passes no devices through)' -r
complete -c ccr -n "__fish_ccr_using_subcommand create" -l sig-proxy -d 'Proxy received signals to the container\'s process (foreground runs)' -r -f -a "true\t''
false\t''"
complete -c ccr -n "__fish_ccr_using_subcommand create" -s p -l publish -d 'Publish a container port on the host: [IP:]HOST_PORT:CONTAINER_PORT[/PROTO]' -r
complete -c ccr -n "__fish_ccr_using_subcommand create" -l platform -d 'Platform (OS/ARCH[/VARIANT]; default: this host\'s)' -r
complete -c ccr -n "__fish_ccr_using_subcommand create" -l pull -d 'When to pull the image' -r -f -a "missing\t''
always\t''
never\t''"
complete -c ccr -n "__fish_ccr_using_subcommand create" -l verify -d 'Verify the image before using it' -r -f -a "none\t''
cosign\t''"
complete -c ccr -n "__fish_ccr_using_subcommand create" -l cosign-key -d 'Public key to verify cosign signatures with (repeatable: any one may have signed)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand create" -l cosign-certificate-identity -d 'Keyless: the signer\'s certificate identity' -r
complete -c ccr -n "__fish_ccr_using_subcommand create" -l cosign-certificate-identity-regexp -d 'Keyless: a regular expression for the signer\'s certificate identity' -r
complete -c ccr -n "__fish_ccr_using_subcommand create" -l cosign-certificate-oidc-issuer -d 'Keyless: the OIDC issuer of the signer\'s certificate' -r
complete -c ccr -n "__fish_ccr_using_subcommand create" -l cosign-certificate-oidc-issuer-regexp -d 'Keyless: a regular expression for the OIDC issuer' -r
complete -c ccr -n "__fish_ccr_using_subcommand create" -l signature-policy -d 'Trust policy (containers-policy.json format); default from ccr.toml' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand create" -l decryption-key -d 'Key for encrypted layers: PRIV.pem[:PASSWORD] (PEM or JWK), kbs:///R/T/TAG=KEK-FILE, or kbs:///R/T/TAG (fetched from the KBS after attestation) (repeatable)' -r
complete -c ccr -n "__fish_ccr_using_subcommand create" -l kbs-url -d 'The KBS (http[s]://HOST:PORT); default from CCR_KBS_URL, kbs_url in ccr.toml, or agent.aa_kbc_params on the kernel command line' -r
complete -c ccr -n "__fish_ccr_using_subcommand create" -l kbs-cert -d 'CA certificate (PEM) for an HTTPS KBS' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand create" -l tee -d 'The TEE whose evidence is sent' -r -f -a "auto\t'The guest\'s TEE (TDX or SNP via configfs-tsm); fails when there is none'
sample\t'Development only: evidence that proves nothing'
tdx\t''
snp\t''"
complete -c ccr -n "__fish_ccr_using_subcommand create" -l tee-key -d 'The kind of the session\'s ephemeral key' -r -f -a "ec\t''
rsa\t''"
complete -c ccr -n "__fish_ccr_using_subcommand create" -l tsm-report-dir -d 'Where configfs-tsm reports are made' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand create" -l data-root -d 'Root directory of persistent ccr state (default /var/lib/ccr as root, else $XDG_DATA_HOME/ccr)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand create" -l insecure-registry -d 'Allow plain HTTP and unverified TLS for the named registry (repeatable); bare, for every registry' -r
complete -c ccr -n "__fish_ccr_using_subcommand create" -l initdata -d 'The initdata TOML the guest booted with (default /run/confidential-containers/initdata/initdata.toml when present)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand create" -l snapshotter -d 'How container root file systems are made: overlayfs (over shared layer snapshots) or native (a copy)' -r -f -a "overlayfs\t''
native\t''"
complete -c ccr -n "__fish_ccr_using_subcommand create" -l rm -d 'Remove the container when it exits'
complete -c ccr -n "__fish_ccr_using_subcommand create" -s i -l interactive -d 'Keep standard input open: the container reads it (foreground runs)'
complete -c ccr -n "__fish_ccr_using_subcommand create" -s t -l tty -d 'Allocate a pseudo-TTY'
complete -c ccr -n "__fish_ccr_using_subcommand create" -s d -l detach -d 'Run in the background and print the container ID'
complete -c ccr -n "__fish_ccr_using_subcommand create" -l read-only -d 'Mount the container\'s root file system read-only'
complete -c ccr -n "__fish_ccr_using_subcommand create" -l no-healthcheck -d 'Disable any container-specified HEALTHCHECK'
complete -c ccr -n "__fish_ccr_using_subcommand create" -l privileged -d 'Give extended privileges to this container'
complete -c ccr -n "__fish_ccr_using_subcommand create" -l init -d 'Run an init inside the container that forwards signals and reaps processes'
complete -c ccr -n "__fish_ccr_using_subcommand create" -s q -l quiet -d 'Suppress the pull output'
complete -c ccr -n "__fish_ccr_using_subcommand create" -l verify-sbom -d 'Refuse the image unless its signed SBOM attestation (--cosign-key) lists exactly the packages in its content'
complete -c ccr -n "__fish_ccr_using_subcommand create" -l debug -d 'Print debug output'
complete -c ccr -n "__fish_ccr_using_subcommand create" -l cvm -d 'Confidential-VM mode (see `ccr cvm status`; also mode = "cvm" in ccr.toml; on by itself in a Confidential Containers guest)'
complete -c ccr -n "__fish_ccr_using_subcommand create" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ccr -n "__fish_ccr_using_subcommand create" -s V -l version -d 'Print version'
complete -c ccr -n "__fish_ccr_using_subcommand ps" -l format -d 'Format the output: table, json, or a template' -r
complete -c ccr -n "__fish_ccr_using_subcommand ps" -s f -l filter -d 'Filter output: status=, name=, id=, label=, ancestor=, exited=, network=, volume=, health=' -r
complete -c ccr -n "__fish_ccr_using_subcommand ps" -s n -l last -d 'Show the n last created containers (includes all states)' -r
complete -c ccr -n "__fish_ccr_using_subcommand ps" -l data-root -d 'Root directory of persistent ccr state (default /var/lib/ccr as root, else $XDG_DATA_HOME/ccr)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand ps" -l insecure-registry -d 'Allow plain HTTP and unverified TLS for the named registry (repeatable); bare, for every registry' -r
complete -c ccr -n "__fish_ccr_using_subcommand ps" -l initdata -d 'The initdata TOML the guest booted with (default /run/confidential-containers/initdata/initdata.toml when present)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand ps" -l snapshotter -d 'How container root file systems are made: overlayfs (over shared layer snapshots) or native (a copy)' -r -f -a "overlayfs\t''
native\t''"
complete -c ccr -n "__fish_ccr_using_subcommand ps" -s a -l all -d 'Show all containers (default shows just running)'
complete -c ccr -n "__fish_ccr_using_subcommand ps" -s q -l quiet -d 'Only display container IDs'
complete -c ccr -n "__fish_ccr_using_subcommand ps" -l no-trunc -d 'Don\'t truncate output'
complete -c ccr -n "__fish_ccr_using_subcommand ps" -s l -l latest -d 'Show the latest created container (includes all states)'
complete -c ccr -n "__fish_ccr_using_subcommand ps" -s s -l size -d 'Display total file sizes (of each container\'s writable layer)'
complete -c ccr -n "__fish_ccr_using_subcommand ps" -l debug -d 'Print debug output'
complete -c ccr -n "__fish_ccr_using_subcommand ps" -l cvm -d 'Confidential-VM mode (see `ccr cvm status`; also mode = "cvm" in ccr.toml; on by itself in a Confidential Containers guest)'
complete -c ccr -n "__fish_ccr_using_subcommand ps" -s h -l help -d 'Print help'
complete -c ccr -n "__fish_ccr_using_subcommand ps" -s V -l version -d 'Print version'
complete -c ccr -n "__fish_ccr_using_subcommand logs" -s n -l tail -d 'Number of lines to show from the end of the logs' -r
complete -c ccr -n "__fish_ccr_using_subcommand logs" -l since -d 'Show logs since a time (RFC 3339, Unix seconds) or for a duration back (e.g. 10m)' -r
complete -c ccr -n "__fish_ccr_using_subcommand logs" -l until -d 'Show logs before a time (RFC 3339, Unix seconds) or a duration back (e.g. 10m)' -r
complete -c ccr -n "__fish_ccr_using_subcommand logs" -l data-root -d 'Root directory of persistent ccr state (default /var/lib/ccr as root, else $XDG_DATA_HOME/ccr)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand logs" -l insecure-registry -d 'Allow plain HTTP and unverified TLS for the named registry (repeatable); bare, for every registry' -r
complete -c ccr -n "__fish_ccr_using_subcommand logs" -l initdata -d 'The initdata TOML the guest booted with (default /run/confidential-containers/initdata/initdata.toml when present)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand logs" -l snapshotter -d 'How container root file systems are made: overlayfs (over shared layer snapshots) or native (a copy)' -r -f -a "overlayfs\t''
native\t''"
complete -c ccr -n "__fish_ccr_using_subcommand logs" -s f -l follow -d 'Follow log output'
complete -c ccr -n "__fish_ccr_using_subcommand logs" -s t -l timestamps -d 'Show timestamps'
complete -c ccr -n "__fish_ccr_using_subcommand logs" -l debug -d 'Print debug output'
complete -c ccr -n "__fish_ccr_using_subcommand logs" -l cvm -d 'Confidential-VM mode (see `ccr cvm status`; also mode = "cvm" in ccr.toml; on by itself in a Confidential Containers guest)'
complete -c ccr -n "__fish_ccr_using_subcommand logs" -s h -l help -d 'Print help'
complete -c ccr -n "__fish_ccr_using_subcommand logs" -s V -l version -d 'Print version'
complete -c ccr -n "__fish_ccr_using_subcommand exec" -s e -l env -d 'Set an environment variable' -r
complete -c ccr -n "__fish_ccr_using_subcommand exec" -l env-file -d 'Read environment variables from a file' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand exec" -s w -l workdir -d 'Working directory inside the container' -r
complete -c ccr -n "__fish_ccr_using_subcommand exec" -s u -l user -d 'Username or UID (format: <name|uid>[:<group|gid>])' -r
complete -c ccr -n "__fish_ccr_using_subcommand exec" -l data-root -d 'Root directory of persistent ccr state (default /var/lib/ccr as root, else $XDG_DATA_HOME/ccr)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand exec" -l insecure-registry -d 'Allow plain HTTP and unverified TLS for the named registry (repeatable); bare, for every registry' -r
complete -c ccr -n "__fish_ccr_using_subcommand exec" -l initdata -d 'The initdata TOML the guest booted with (default /run/confidential-containers/initdata/initdata.toml when present)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand exec" -l snapshotter -d 'How container root file systems are made: overlayfs (over shared layer snapshots) or native (a copy)' -r -f -a "overlayfs\t''
native\t''"
complete -c ccr -n "__fish_ccr_using_subcommand exec" -s d -l detach -d 'Detached mode: run the command in the background'
complete -c ccr -n "__fish_ccr_using_subcommand exec" -s i -l interactive -d 'Keep standard input open: the process reads it'
complete -c ccr -n "__fish_ccr_using_subcommand exec" -s t -l tty -d 'Allocate a pseudo-TTY'
complete -c ccr -n "__fish_ccr_using_subcommand exec" -l debug -d 'Print debug output'
complete -c ccr -n "__fish_ccr_using_subcommand exec" -l cvm -d 'Confidential-VM mode (see `ccr cvm status`; also mode = "cvm" in ccr.toml; on by itself in a Confidential Containers guest)'
complete -c ccr -n "__fish_ccr_using_subcommand exec" -s h -l help -d 'Print help'
complete -c ccr -n "__fish_ccr_using_subcommand exec" -s V -l version -d 'Print version'
complete -c ccr -n "__fish_ccr_using_subcommand stop" -s t -l time -d 'Seconds to wait before killing the container' -r
complete -c ccr -n "__fish_ccr_using_subcommand stop" -s s -l signal -d 'Signal to send first (default: the container\'s stop signal, else SIGTERM)' -r
complete -c ccr -n "__fish_ccr_using_subcommand stop" -l data-root -d 'Root directory of persistent ccr state (default /var/lib/ccr as root, else $XDG_DATA_HOME/ccr)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand stop" -l insecure-registry -d 'Allow plain HTTP and unverified TLS for the named registry (repeatable); bare, for every registry' -r
complete -c ccr -n "__fish_ccr_using_subcommand stop" -l initdata -d 'The initdata TOML the guest booted with (default /run/confidential-containers/initdata/initdata.toml when present)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand stop" -l snapshotter -d 'How container root file systems are made: overlayfs (over shared layer snapshots) or native (a copy)' -r -f -a "overlayfs\t''
native\t''"
complete -c ccr -n "__fish_ccr_using_subcommand stop" -l debug -d 'Print debug output'
complete -c ccr -n "__fish_ccr_using_subcommand stop" -l cvm -d 'Confidential-VM mode (see `ccr cvm status`; also mode = "cvm" in ccr.toml; on by itself in a Confidential Containers guest)'
complete -c ccr -n "__fish_ccr_using_subcommand stop" -s h -l help -d 'Print help'
complete -c ccr -n "__fish_ccr_using_subcommand stop" -s V -l version -d 'Print version'
complete -c ccr -n "__fish_ccr_using_subcommand kill" -s s -l signal -d 'Signal to send' -r
complete -c ccr -n "__fish_ccr_using_subcommand kill" -l data-root -d 'Root directory of persistent ccr state (default /var/lib/ccr as root, else $XDG_DATA_HOME/ccr)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand kill" -l insecure-registry -d 'Allow plain HTTP and unverified TLS for the named registry (repeatable); bare, for every registry' -r
complete -c ccr -n "__fish_ccr_using_subcommand kill" -l initdata -d 'The initdata TOML the guest booted with (default /run/confidential-containers/initdata/initdata.toml when present)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand kill" -l snapshotter -d 'How container root file systems are made: overlayfs (over shared layer snapshots) or native (a copy)' -r -f -a "overlayfs\t''
native\t''"
complete -c ccr -n "__fish_ccr_using_subcommand kill" -l debug -d 'Print debug output'
complete -c ccr -n "__fish_ccr_using_subcommand kill" -l cvm -d 'Confidential-VM mode (see `ccr cvm status`; also mode = "cvm" in ccr.toml; on by itself in a Confidential Containers guest)'
complete -c ccr -n "__fish_ccr_using_subcommand kill" -s h -l help -d 'Print help'
complete -c ccr -n "__fish_ccr_using_subcommand kill" -s V -l version -d 'Print version'
complete -c ccr -n "__fish_ccr_using_subcommand rm" -l data-root -d 'Root directory of persistent ccr state (default /var/lib/ccr as root, else $XDG_DATA_HOME/ccr)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand rm" -l insecure-registry -d 'Allow plain HTTP and unverified TLS for the named registry (repeatable); bare, for every registry' -r
complete -c ccr -n "__fish_ccr_using_subcommand rm" -l initdata -d 'The initdata TOML the guest booted with (default /run/confidential-containers/initdata/initdata.toml when present)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand rm" -l snapshotter -d 'How container root file systems are made: overlayfs (over shared layer snapshots) or native (a copy)' -r -f -a "overlayfs\t''
native\t''"
complete -c ccr -n "__fish_ccr_using_subcommand rm" -s f -l force -d 'Force the removal of a running container'
complete -c ccr -n "__fish_ccr_using_subcommand rm" -s v -l volumes -d 'Remove anonymous volumes associated with the container'
complete -c ccr -n "__fish_ccr_using_subcommand rm" -l debug -d 'Print debug output'
complete -c ccr -n "__fish_ccr_using_subcommand rm" -l cvm -d 'Confidential-VM mode (see `ccr cvm status`; also mode = "cvm" in ccr.toml; on by itself in a Confidential Containers guest)'
complete -c ccr -n "__fish_ccr_using_subcommand rm" -s h -l help -d 'Print help'
complete -c ccr -n "__fish_ccr_using_subcommand rm" -s V -l version -d 'Print version'
complete -c ccr -n "__fish_ccr_using_subcommand destroy" -l data-root -d 'Root directory of persistent ccr state (default /var/lib/ccr as root, else $XDG_DATA_HOME/ccr)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand destroy" -l insecure-registry -d 'Allow plain HTTP and unverified TLS for the named registry (repeatable); bare, for every registry' -r
complete -c ccr -n "__fish_ccr_using_subcommand destroy" -l initdata -d 'The initdata TOML the guest booted with (default /run/confidential-containers/initdata/initdata.toml when present)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand destroy" -l snapshotter -d 'How container root file systems are made: overlayfs (over shared layer snapshots) or native (a copy)' -r -f -a "overlayfs\t''
native\t''"
complete -c ccr -n "__fish_ccr_using_subcommand destroy" -s a -l all -d 'Destroy every container, wipe every layer snapshot and, in confidential-VM mode, unmount its memory-backed storage'
complete -c ccr -n "__fish_ccr_using_subcommand destroy" -l debug -d 'Print debug output'
complete -c ccr -n "__fish_ccr_using_subcommand destroy" -l cvm -d 'Confidential-VM mode (see `ccr cvm status`; also mode = "cvm" in ccr.toml; on by itself in a Confidential Containers guest)'
complete -c ccr -n "__fish_ccr_using_subcommand destroy" -s h -l help -d 'Print help'
complete -c ccr -n "__fish_ccr_using_subcommand destroy" -s V -l version -d 'Print version'
complete -c ccr -n "__fish_ccr_using_subcommand upgrade" -l ready-after -d 'Without a HEALTHCHECK in the new image: how long the new container must keep running before the old one is replaced' -r
complete -c ccr -n "__fish_ccr_using_subcommand upgrade" -l platform -d 'Platform (OS/ARCH[/VARIANT]; default: this host\'s)' -r
complete -c ccr -n "__fish_ccr_using_subcommand upgrade" -l pull -d 'When to pull the new image' -r -f -a "missing\t''
always\t''
never\t''"
complete -c ccr -n "__fish_ccr_using_subcommand upgrade" -l verify -d 'Verify the image before using it' -r -f -a "none\t''
cosign\t''"
complete -c ccr -n "__fish_ccr_using_subcommand upgrade" -l cosign-key -d 'Public key to verify cosign signatures with (repeatable: any one may have signed)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand upgrade" -l cosign-certificate-identity -d 'Keyless: the signer\'s certificate identity' -r
complete -c ccr -n "__fish_ccr_using_subcommand upgrade" -l cosign-certificate-identity-regexp -d 'Keyless: a regular expression for the signer\'s certificate identity' -r
complete -c ccr -n "__fish_ccr_using_subcommand upgrade" -l cosign-certificate-oidc-issuer -d 'Keyless: the OIDC issuer of the signer\'s certificate' -r
complete -c ccr -n "__fish_ccr_using_subcommand upgrade" -l cosign-certificate-oidc-issuer-regexp -d 'Keyless: a regular expression for the OIDC issuer' -r
complete -c ccr -n "__fish_ccr_using_subcommand upgrade" -l signature-policy -d 'Trust policy (containers-policy.json format); default from ccr.toml' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand upgrade" -l decryption-key -d 'Key for encrypted layers: PRIV.pem[:PASSWORD] (PEM or JWK), kbs:///R/T/TAG=KEK-FILE, or kbs:///R/T/TAG (fetched from the KBS after attestation) (repeatable)' -r
complete -c ccr -n "__fish_ccr_using_subcommand upgrade" -l kbs-url -d 'The KBS (http[s]://HOST:PORT); default from CCR_KBS_URL, kbs_url in ccr.toml, or agent.aa_kbc_params on the kernel command line' -r
complete -c ccr -n "__fish_ccr_using_subcommand upgrade" -l kbs-cert -d 'CA certificate (PEM) for an HTTPS KBS' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand upgrade" -l tee -d 'The TEE whose evidence is sent' -r -f -a "auto\t'The guest\'s TEE (TDX or SNP via configfs-tsm); fails when there is none'
sample\t'Development only: evidence that proves nothing'
tdx\t''
snp\t''"
complete -c ccr -n "__fish_ccr_using_subcommand upgrade" -l tee-key -d 'The kind of the session\'s ephemeral key' -r -f -a "ec\t''
rsa\t''"
complete -c ccr -n "__fish_ccr_using_subcommand upgrade" -l tsm-report-dir -d 'Where configfs-tsm reports are made' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand upgrade" -l data-root -d 'Root directory of persistent ccr state (default /var/lib/ccr as root, else $XDG_DATA_HOME/ccr)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand upgrade" -l insecure-registry -d 'Allow plain HTTP and unverified TLS for the named registry (repeatable); bare, for every registry' -r
complete -c ccr -n "__fish_ccr_using_subcommand upgrade" -l initdata -d 'The initdata TOML the guest booted with (default /run/confidential-containers/initdata/initdata.toml when present)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand upgrade" -l snapshotter -d 'How container root file systems are made: overlayfs (over shared layer snapshots) or native (a copy)' -r -f -a "overlayfs\t''
native\t''"
complete -c ccr -n "__fish_ccr_using_subcommand upgrade" -s q -l quiet -d 'Suppress the pull output'
complete -c ccr -n "__fish_ccr_using_subcommand upgrade" -l verify-sbom -d 'Refuse the image unless its signed SBOM attestation (--cosign-key) lists exactly the packages in its content'
complete -c ccr -n "__fish_ccr_using_subcommand upgrade" -l debug -d 'Print debug output'
complete -c ccr -n "__fish_ccr_using_subcommand upgrade" -l cvm -d 'Confidential-VM mode (see `ccr cvm status`; also mode = "cvm" in ccr.toml; on by itself in a Confidential Containers guest)'
complete -c ccr -n "__fish_ccr_using_subcommand upgrade" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ccr -n "__fish_ccr_using_subcommand upgrade" -s V -l version -d 'Print version'
complete -c ccr -n "__fish_ccr_using_subcommand start" -l data-root -d 'Root directory of persistent ccr state (default /var/lib/ccr as root, else $XDG_DATA_HOME/ccr)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand start" -l insecure-registry -d 'Allow plain HTTP and unverified TLS for the named registry (repeatable); bare, for every registry' -r
complete -c ccr -n "__fish_ccr_using_subcommand start" -l initdata -d 'The initdata TOML the guest booted with (default /run/confidential-containers/initdata/initdata.toml when present)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand start" -l snapshotter -d 'How container root file systems are made: overlayfs (over shared layer snapshots) or native (a copy)' -r -f -a "overlayfs\t''
native\t''"
complete -c ccr -n "__fish_ccr_using_subcommand start" -s a -l attach -d 'Attach the container\'s output and wait for it to exit (one container)'
complete -c ccr -n "__fish_ccr_using_subcommand start" -s i -l interactive -d 'Attach the container\'s input (not supported: a started container\'s input is its own)'
complete -c ccr -n "__fish_ccr_using_subcommand start" -l debug -d 'Print debug output'
complete -c ccr -n "__fish_ccr_using_subcommand start" -l cvm -d 'Confidential-VM mode (see `ccr cvm status`; also mode = "cvm" in ccr.toml; on by itself in a Confidential Containers guest)'
complete -c ccr -n "__fish_ccr_using_subcommand start" -s h -l help -d 'Print help'
complete -c ccr -n "__fish_ccr_using_subcommand start" -s V -l version -d 'Print version'
complete -c ccr -n "__fish_ccr_using_subcommand cp" -l data-root -d 'Root directory of persistent ccr state (default /var/lib/ccr as root, else $XDG_DATA_HOME/ccr)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand cp" -l insecure-registry -d 'Allow plain HTTP and unverified TLS for the named registry (repeatable); bare, for every registry' -r
complete -c ccr -n "__fish_ccr_using_subcommand cp" -l initdata -d 'The initdata TOML the guest booted with (default /run/confidential-containers/initdata/initdata.toml when present)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand cp" -l snapshotter -d 'How container root file systems are made: overlayfs (over shared layer snapshots) or native (a copy)' -r -f -a "overlayfs\t''
native\t''"
complete -c ccr -n "__fish_ccr_using_subcommand cp" -s a -l archive -d 'Archive mode: keep owners (uid and gid)'
complete -c ccr -n "__fish_ccr_using_subcommand cp" -l debug -d 'Print debug output'
complete -c ccr -n "__fish_ccr_using_subcommand cp" -l cvm -d 'Confidential-VM mode (see `ccr cvm status`; also mode = "cvm" in ccr.toml; on by itself in a Confidential Containers guest)'
complete -c ccr -n "__fish_ccr_using_subcommand cp" -s h -l help -d 'Print help'
complete -c ccr -n "__fish_ccr_using_subcommand cp" -s V -l version -d 'Print version'
complete -c ccr -n "__fish_ccr_using_subcommand port" -l data-root -d 'Root directory of persistent ccr state (default /var/lib/ccr as root, else $XDG_DATA_HOME/ccr)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand port" -l insecure-registry -d 'Allow plain HTTP and unverified TLS for the named registry (repeatable); bare, for every registry' -r
complete -c ccr -n "__fish_ccr_using_subcommand port" -l initdata -d 'The initdata TOML the guest booted with (default /run/confidential-containers/initdata/initdata.toml when present)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand port" -l snapshotter -d 'How container root file systems are made: overlayfs (over shared layer snapshots) or native (a copy)' -r -f -a "overlayfs\t''
native\t''"
complete -c ccr -n "__fish_ccr_using_subcommand port" -l debug -d 'Print debug output'
complete -c ccr -n "__fish_ccr_using_subcommand port" -l cvm -d 'Confidential-VM mode (see `ccr cvm status`; also mode = "cvm" in ccr.toml; on by itself in a Confidential Containers guest)'
complete -c ccr -n "__fish_ccr_using_subcommand port" -s h -l help -d 'Print help'
complete -c ccr -n "__fish_ccr_using_subcommand port" -s V -l version -d 'Print version'
complete -c ccr -n "__fish_ccr_using_subcommand rename" -l data-root -d 'Root directory of persistent ccr state (default /var/lib/ccr as root, else $XDG_DATA_HOME/ccr)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand rename" -l insecure-registry -d 'Allow plain HTTP and unverified TLS for the named registry (repeatable); bare, for every registry' -r
complete -c ccr -n "__fish_ccr_using_subcommand rename" -l initdata -d 'The initdata TOML the guest booted with (default /run/confidential-containers/initdata/initdata.toml when present)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand rename" -l snapshotter -d 'How container root file systems are made: overlayfs (over shared layer snapshots) or native (a copy)' -r -f -a "overlayfs\t''
native\t''"
complete -c ccr -n "__fish_ccr_using_subcommand rename" -l debug -d 'Print debug output'
complete -c ccr -n "__fish_ccr_using_subcommand rename" -l cvm -d 'Confidential-VM mode (see `ccr cvm status`; also mode = "cvm" in ccr.toml; on by itself in a Confidential Containers guest)'
complete -c ccr -n "__fish_ccr_using_subcommand rename" -s h -l help -d 'Print help'
complete -c ccr -n "__fish_ccr_using_subcommand rename" -s V -l version -d 'Print version'
complete -c ccr -n "__fish_ccr_using_subcommand pause" -l data-root -d 'Root directory of persistent ccr state (default /var/lib/ccr as root, else $XDG_DATA_HOME/ccr)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand pause" -l insecure-registry -d 'Allow plain HTTP and unverified TLS for the named registry (repeatable); bare, for every registry' -r
complete -c ccr -n "__fish_ccr_using_subcommand pause" -l initdata -d 'The initdata TOML the guest booted with (default /run/confidential-containers/initdata/initdata.toml when present)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand pause" -l snapshotter -d 'How container root file systems are made: overlayfs (over shared layer snapshots) or native (a copy)' -r -f -a "overlayfs\t''
native\t''"
complete -c ccr -n "__fish_ccr_using_subcommand pause" -l debug -d 'Print debug output'
complete -c ccr -n "__fish_ccr_using_subcommand pause" -l cvm -d 'Confidential-VM mode (see `ccr cvm status`; also mode = "cvm" in ccr.toml; on by itself in a Confidential Containers guest)'
complete -c ccr -n "__fish_ccr_using_subcommand pause" -s h -l help -d 'Print help'
complete -c ccr -n "__fish_ccr_using_subcommand pause" -s V -l version -d 'Print version'
complete -c ccr -n "__fish_ccr_using_subcommand unpause" -l data-root -d 'Root directory of persistent ccr state (default /var/lib/ccr as root, else $XDG_DATA_HOME/ccr)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand unpause" -l insecure-registry -d 'Allow plain HTTP and unverified TLS for the named registry (repeatable); bare, for every registry' -r
complete -c ccr -n "__fish_ccr_using_subcommand unpause" -l initdata -d 'The initdata TOML the guest booted with (default /run/confidential-containers/initdata/initdata.toml when present)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand unpause" -l snapshotter -d 'How container root file systems are made: overlayfs (over shared layer snapshots) or native (a copy)' -r -f -a "overlayfs\t''
native\t''"
complete -c ccr -n "__fish_ccr_using_subcommand unpause" -l debug -d 'Print debug output'
complete -c ccr -n "__fish_ccr_using_subcommand unpause" -l cvm -d 'Confidential-VM mode (see `ccr cvm status`; also mode = "cvm" in ccr.toml; on by itself in a Confidential Containers guest)'
complete -c ccr -n "__fish_ccr_using_subcommand unpause" -s h -l help -d 'Print help'
complete -c ccr -n "__fish_ccr_using_subcommand unpause" -s V -l version -d 'Print version'
complete -c ccr -n "__fish_ccr_using_subcommand top" -l data-root -d 'Root directory of persistent ccr state (default /var/lib/ccr as root, else $XDG_DATA_HOME/ccr)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand top" -l insecure-registry -d 'Allow plain HTTP and unverified TLS for the named registry (repeatable); bare, for every registry' -r
complete -c ccr -n "__fish_ccr_using_subcommand top" -l initdata -d 'The initdata TOML the guest booted with (default /run/confidential-containers/initdata/initdata.toml when present)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand top" -l snapshotter -d 'How container root file systems are made: overlayfs (over shared layer snapshots) or native (a copy)' -r -f -a "overlayfs\t''
native\t''"
complete -c ccr -n "__fish_ccr_using_subcommand top" -l debug -d 'Print debug output'
complete -c ccr -n "__fish_ccr_using_subcommand top" -l cvm -d 'Confidential-VM mode (see `ccr cvm status`; also mode = "cvm" in ccr.toml; on by itself in a Confidential Containers guest)'
complete -c ccr -n "__fish_ccr_using_subcommand top" -s h -l help -d 'Print help'
complete -c ccr -n "__fish_ccr_using_subcommand top" -s V -l version -d 'Print version'
complete -c ccr -n "__fish_ccr_using_subcommand stats" -l format -d 'Format the output: table, json, or a template such as \'{{.Name}} {{.CPUPerc}}\'' -r
complete -c ccr -n "__fish_ccr_using_subcommand stats" -l data-root -d 'Root directory of persistent ccr state (default /var/lib/ccr as root, else $XDG_DATA_HOME/ccr)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand stats" -l insecure-registry -d 'Allow plain HTTP and unverified TLS for the named registry (repeatable); bare, for every registry' -r
complete -c ccr -n "__fish_ccr_using_subcommand stats" -l initdata -d 'The initdata TOML the guest booted with (default /run/confidential-containers/initdata/initdata.toml when present)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand stats" -l snapshotter -d 'How container root file systems are made: overlayfs (over shared layer snapshots) or native (a copy)' -r -f -a "overlayfs\t''
native\t''"
complete -c ccr -n "__fish_ccr_using_subcommand stats" -s a -l all -d 'Show all containers (default shows just running)'
complete -c ccr -n "__fish_ccr_using_subcommand stats" -l no-stream -d 'Disable streaming stats and only pull the first result'
complete -c ccr -n "__fish_ccr_using_subcommand stats" -l debug -d 'Print debug output'
complete -c ccr -n "__fish_ccr_using_subcommand stats" -l cvm -d 'Confidential-VM mode (see `ccr cvm status`; also mode = "cvm" in ccr.toml; on by itself in a Confidential Containers guest)'
complete -c ccr -n "__fish_ccr_using_subcommand stats" -s h -l help -d 'Print help'
complete -c ccr -n "__fish_ccr_using_subcommand stats" -s V -l version -d 'Print version'
complete -c ccr -n "__fish_ccr_using_subcommand attach" -l data-root -d 'Root directory of persistent ccr state (default /var/lib/ccr as root, else $XDG_DATA_HOME/ccr)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand attach" -l insecure-registry -d 'Allow plain HTTP and unverified TLS for the named registry (repeatable); bare, for every registry' -r
complete -c ccr -n "__fish_ccr_using_subcommand attach" -l initdata -d 'The initdata TOML the guest booted with (default /run/confidential-containers/initdata/initdata.toml when present)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand attach" -l snapshotter -d 'How container root file systems are made: overlayfs (over shared layer snapshots) or native (a copy)' -r -f -a "overlayfs\t''
native\t''"
complete -c ccr -n "__fish_ccr_using_subcommand attach" -l no-stdin -d 'Do not attach standard input (ccr never attaches it)'
complete -c ccr -n "__fish_ccr_using_subcommand attach" -l debug -d 'Print debug output'
complete -c ccr -n "__fish_ccr_using_subcommand attach" -l cvm -d 'Confidential-VM mode (see `ccr cvm status`; also mode = "cvm" in ccr.toml; on by itself in a Confidential Containers guest)'
complete -c ccr -n "__fish_ccr_using_subcommand attach" -s h -l help -d 'Print help'
complete -c ccr -n "__fish_ccr_using_subcommand attach" -s V -l version -d 'Print version'
complete -c ccr -n "__fish_ccr_using_subcommand update" -s m -l memory -d 'Memory limit (e.g. 64m, 1g)' -r
complete -c ccr -n "__fish_ccr_using_subcommand update" -l cpus -d 'Number of CPUs (e.g. 0.5)' -r
complete -c ccr -n "__fish_ccr_using_subcommand update" -l pids-limit -d 'Tune the container\'s pids limit (-1 for unlimited)' -r
complete -c ccr -n "__fish_ccr_using_subcommand update" -l restart -d 'Restart policy to apply when a container exits' -r
complete -c ccr -n "__fish_ccr_using_subcommand update" -l data-root -d 'Root directory of persistent ccr state (default /var/lib/ccr as root, else $XDG_DATA_HOME/ccr)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand update" -l insecure-registry -d 'Allow plain HTTP and unverified TLS for the named registry (repeatable); bare, for every registry' -r
complete -c ccr -n "__fish_ccr_using_subcommand update" -l initdata -d 'The initdata TOML the guest booted with (default /run/confidential-containers/initdata/initdata.toml when present)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand update" -l snapshotter -d 'How container root file systems are made: overlayfs (over shared layer snapshots) or native (a copy)' -r -f -a "overlayfs\t''
native\t''"
complete -c ccr -n "__fish_ccr_using_subcommand update" -l debug -d 'Print debug output'
complete -c ccr -n "__fish_ccr_using_subcommand update" -l cvm -d 'Confidential-VM mode (see `ccr cvm status`; also mode = "cvm" in ccr.toml; on by itself in a Confidential Containers guest)'
complete -c ccr -n "__fish_ccr_using_subcommand update" -s h -l help -d 'Print help'
complete -c ccr -n "__fish_ccr_using_subcommand update" -s V -l version -d 'Print version'
complete -c ccr -n "__fish_ccr_using_subcommand commit" -s m -l message -d 'Commit message' -r
complete -c ccr -n "__fish_ccr_using_subcommand commit" -s a -l author -d 'Author (e.g. "Jane Doe <jane@example.com>")' -r
complete -c ccr -n "__fish_ccr_using_subcommand commit" -s p -l pause -d 'Pause the container during commit' -r -f -a "true\t''
false\t''"
complete -c ccr -n "__fish_ccr_using_subcommand commit" -s c -l change -d 'Apply a Dockerfile instruction to the image: CMD, ENTRYPOINT, ENV, EXPOSE, LABEL, STOPSIGNAL, USER, VOLUME, WORKDIR (repeatable)' -r
complete -c ccr -n "__fish_ccr_using_subcommand commit" -l data-root -d 'Root directory of persistent ccr state (default /var/lib/ccr as root, else $XDG_DATA_HOME/ccr)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand commit" -l insecure-registry -d 'Allow plain HTTP and unverified TLS for the named registry (repeatable); bare, for every registry' -r
complete -c ccr -n "__fish_ccr_using_subcommand commit" -l initdata -d 'The initdata TOML the guest booted with (default /run/confidential-containers/initdata/initdata.toml when present)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand commit" -l snapshotter -d 'How container root file systems are made: overlayfs (over shared layer snapshots) or native (a copy)' -r -f -a "overlayfs\t''
native\t''"
complete -c ccr -n "__fish_ccr_using_subcommand commit" -l debug -d 'Print debug output'
complete -c ccr -n "__fish_ccr_using_subcommand commit" -l cvm -d 'Confidential-VM mode (see `ccr cvm status`; also mode = "cvm" in ccr.toml; on by itself in a Confidential Containers guest)'
complete -c ccr -n "__fish_ccr_using_subcommand commit" -s h -l help -d 'Print help'
complete -c ccr -n "__fish_ccr_using_subcommand commit" -s V -l version -d 'Print version'
complete -c ccr -n "__fish_ccr_using_subcommand events" -l since -d 'Show events since a time (RFC 3339, Unix seconds) or a duration back (e.g. 10m)' -r
complete -c ccr -n "__fish_ccr_using_subcommand events" -l until -d 'Stream events until this time' -r
complete -c ccr -n "__fish_ccr_using_subcommand events" -s f -l filter -d 'Filter: type=, event=, container=, network=, volume=, image=, label=' -r
complete -c ccr -n "__fish_ccr_using_subcommand events" -l format -d 'Format the output: json, or a template such as \'{{.Action}} {{.ID}}\'' -r
complete -c ccr -n "__fish_ccr_using_subcommand events" -l data-root -d 'Root directory of persistent ccr state (default /var/lib/ccr as root, else $XDG_DATA_HOME/ccr)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand events" -l insecure-registry -d 'Allow plain HTTP and unverified TLS for the named registry (repeatable); bare, for every registry' -r
complete -c ccr -n "__fish_ccr_using_subcommand events" -l initdata -d 'The initdata TOML the guest booted with (default /run/confidential-containers/initdata/initdata.toml when present)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand events" -l snapshotter -d 'How container root file systems are made: overlayfs (over shared layer snapshots) or native (a copy)' -r -f -a "overlayfs\t''
native\t''"
complete -c ccr -n "__fish_ccr_using_subcommand events" -l debug -d 'Print debug output'
complete -c ccr -n "__fish_ccr_using_subcommand events" -l cvm -d 'Confidential-VM mode (see `ccr cvm status`; also mode = "cvm" in ccr.toml; on by itself in a Confidential Containers guest)'
complete -c ccr -n "__fish_ccr_using_subcommand events" -s h -l help -d 'Print help'
complete -c ccr -n "__fish_ccr_using_subcommand events" -s V -l version -d 'Print version'
complete -c ccr -n "__fish_ccr_using_subcommand diff" -l data-root -d 'Root directory of persistent ccr state (default /var/lib/ccr as root, else $XDG_DATA_HOME/ccr)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand diff" -l insecure-registry -d 'Allow plain HTTP and unverified TLS for the named registry (repeatable); bare, for every registry' -r
complete -c ccr -n "__fish_ccr_using_subcommand diff" -l initdata -d 'The initdata TOML the guest booted with (default /run/confidential-containers/initdata/initdata.toml when present)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand diff" -l snapshotter -d 'How container root file systems are made: overlayfs (over shared layer snapshots) or native (a copy)' -r -f -a "overlayfs\t''
native\t''"
complete -c ccr -n "__fish_ccr_using_subcommand diff" -l debug -d 'Print debug output'
complete -c ccr -n "__fish_ccr_using_subcommand diff" -l cvm -d 'Confidential-VM mode (see `ccr cvm status`; also mode = "cvm" in ccr.toml; on by itself in a Confidential Containers guest)'
complete -c ccr -n "__fish_ccr_using_subcommand diff" -s h -l help -d 'Print help'
complete -c ccr -n "__fish_ccr_using_subcommand diff" -s V -l version -d 'Print version'
complete -c ccr -n "__fish_ccr_using_subcommand export" -s o -l output -d 'Write to a file, instead of standard output' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand export" -l data-root -d 'Root directory of persistent ccr state (default /var/lib/ccr as root, else $XDG_DATA_HOME/ccr)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand export" -l insecure-registry -d 'Allow plain HTTP and unverified TLS for the named registry (repeatable); bare, for every registry' -r
complete -c ccr -n "__fish_ccr_using_subcommand export" -l initdata -d 'The initdata TOML the guest booted with (default /run/confidential-containers/initdata/initdata.toml when present)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand export" -l snapshotter -d 'How container root file systems are made: overlayfs (over shared layer snapshots) or native (a copy)' -r -f -a "overlayfs\t''
native\t''"
complete -c ccr -n "__fish_ccr_using_subcommand export" -l debug -d 'Print debug output'
complete -c ccr -n "__fish_ccr_using_subcommand export" -l cvm -d 'Confidential-VM mode (see `ccr cvm status`; also mode = "cvm" in ccr.toml; on by itself in a Confidential Containers guest)'
complete -c ccr -n "__fish_ccr_using_subcommand export" -s h -l help -d 'Print help'
complete -c ccr -n "__fish_ccr_using_subcommand export" -s V -l version -d 'Print version'
complete -c ccr -n "__fish_ccr_using_subcommand version" -s f -l format -d 'Format the output: a Go template such as \'{{.Client.Version}}\', or json' -r
complete -c ccr -n "__fish_ccr_using_subcommand version" -l data-root -d 'Root directory of persistent ccr state (default /var/lib/ccr as root, else $XDG_DATA_HOME/ccr)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand version" -l insecure-registry -d 'Allow plain HTTP and unverified TLS for the named registry (repeatable); bare, for every registry' -r
complete -c ccr -n "__fish_ccr_using_subcommand version" -l initdata -d 'The initdata TOML the guest booted with (default /run/confidential-containers/initdata/initdata.toml when present)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand version" -l snapshotter -d 'How container root file systems are made: overlayfs (over shared layer snapshots) or native (a copy)' -r -f -a "overlayfs\t''
native\t''"
complete -c ccr -n "__fish_ccr_using_subcommand version" -l debug -d 'Print debug output'
complete -c ccr -n "__fish_ccr_using_subcommand version" -l cvm -d 'Confidential-VM mode (see `ccr cvm status`; also mode = "cvm" in ccr.toml; on by itself in a Confidential Containers guest)'
complete -c ccr -n "__fish_ccr_using_subcommand version" -s h -l help -d 'Print help'
complete -c ccr -n "__fish_ccr_using_subcommand version" -s V -l version -d 'Print version'
complete -c ccr -n "__fish_ccr_using_subcommand info" -s f -l format -d 'Format the output: a Go template such as \'{{.Client.Version}}\', or json' -r
complete -c ccr -n "__fish_ccr_using_subcommand info" -l data-root -d 'Root directory of persistent ccr state (default /var/lib/ccr as root, else $XDG_DATA_HOME/ccr)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand info" -l insecure-registry -d 'Allow plain HTTP and unverified TLS for the named registry (repeatable); bare, for every registry' -r
complete -c ccr -n "__fish_ccr_using_subcommand info" -l initdata -d 'The initdata TOML the guest booted with (default /run/confidential-containers/initdata/initdata.toml when present)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand info" -l snapshotter -d 'How container root file systems are made: overlayfs (over shared layer snapshots) or native (a copy)' -r -f -a "overlayfs\t''
native\t''"
complete -c ccr -n "__fish_ccr_using_subcommand info" -l debug -d 'Print debug output'
complete -c ccr -n "__fish_ccr_using_subcommand info" -l cvm -d 'Confidential-VM mode (see `ccr cvm status`; also mode = "cvm" in ccr.toml; on by itself in a Confidential Containers guest)'
complete -c ccr -n "__fish_ccr_using_subcommand info" -s h -l help -d 'Print help'
complete -c ccr -n "__fish_ccr_using_subcommand info" -s V -l version -d 'Print version'
complete -c ccr -n "__fish_ccr_using_subcommand volume; and not __fish_seen_subcommand_from create ls inspect rm prune" -l data-root -d 'Root directory of persistent ccr state (default /var/lib/ccr as root, else $XDG_DATA_HOME/ccr)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand volume; and not __fish_seen_subcommand_from create ls inspect rm prune" -l insecure-registry -d 'Allow plain HTTP and unverified TLS for the named registry (repeatable); bare, for every registry' -r
complete -c ccr -n "__fish_ccr_using_subcommand volume; and not __fish_seen_subcommand_from create ls inspect rm prune" -l initdata -d 'The initdata TOML the guest booted with (default /run/confidential-containers/initdata/initdata.toml when present)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand volume; and not __fish_seen_subcommand_from create ls inspect rm prune" -l snapshotter -d 'How container root file systems are made: overlayfs (over shared layer snapshots) or native (a copy)' -r -f -a "overlayfs\t''
native\t''"
complete -c ccr -n "__fish_ccr_using_subcommand volume; and not __fish_seen_subcommand_from create ls inspect rm prune" -l debug -d 'Print debug output'
complete -c ccr -n "__fish_ccr_using_subcommand volume; and not __fish_seen_subcommand_from create ls inspect rm prune" -l cvm -d 'Confidential-VM mode (see `ccr cvm status`; also mode = "cvm" in ccr.toml; on by itself in a Confidential Containers guest)'
complete -c ccr -n "__fish_ccr_using_subcommand volume; and not __fish_seen_subcommand_from create ls inspect rm prune" -s h -l help -d 'Print help'
complete -c ccr -n "__fish_ccr_using_subcommand volume; and not __fish_seen_subcommand_from create ls inspect rm prune" -s V -l version -d 'Print version'
complete -c ccr -n "__fish_ccr_using_subcommand volume; and not __fish_seen_subcommand_from create ls inspect rm prune" -f -a "create" -d 'Create a volume (a random name when none is given)'
complete -c ccr -n "__fish_ccr_using_subcommand volume; and not __fish_seen_subcommand_from create ls inspect rm prune" -f -a "ls" -d 'List volumes'
complete -c ccr -n "__fish_ccr_using_subcommand volume; and not __fish_seen_subcommand_from create ls inspect rm prune" -f -a "inspect" -d 'Display detailed information on one or more volumes'
complete -c ccr -n "__fish_ccr_using_subcommand volume; and not __fish_seen_subcommand_from create ls inspect rm prune" -f -a "rm" -d 'Remove one or more volumes (not while a container uses them)'
complete -c ccr -n "__fish_ccr_using_subcommand volume; and not __fish_seen_subcommand_from create ls inspect rm prune" -f -a "prune" -d 'Remove all volumes no container uses'
complete -c ccr -n "__fish_ccr_using_subcommand volume; and __fish_seen_subcommand_from create" -l label -d 'Set metadata: KEY=VALUE (repeatable)' -r
complete -c ccr -n "__fish_ccr_using_subcommand volume; and __fish_seen_subcommand_from create" -l data-root -d 'Root directory of persistent ccr state (default /var/lib/ccr as root, else $XDG_DATA_HOME/ccr)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand volume; and __fish_seen_subcommand_from create" -l insecure-registry -d 'Allow plain HTTP and unverified TLS for the named registry (repeatable); bare, for every registry' -r
complete -c ccr -n "__fish_ccr_using_subcommand volume; and __fish_seen_subcommand_from create" -l initdata -d 'The initdata TOML the guest booted with (default /run/confidential-containers/initdata/initdata.toml when present)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand volume; and __fish_seen_subcommand_from create" -l snapshotter -d 'How container root file systems are made: overlayfs (over shared layer snapshots) or native (a copy)' -r -f -a "overlayfs\t''
native\t''"
complete -c ccr -n "__fish_ccr_using_subcommand volume; and __fish_seen_subcommand_from create" -l debug -d 'Print debug output'
complete -c ccr -n "__fish_ccr_using_subcommand volume; and __fish_seen_subcommand_from create" -l cvm -d 'Confidential-VM mode (see `ccr cvm status`; also mode = "cvm" in ccr.toml; on by itself in a Confidential Containers guest)'
complete -c ccr -n "__fish_ccr_using_subcommand volume; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help'
complete -c ccr -n "__fish_ccr_using_subcommand volume; and __fish_seen_subcommand_from create" -s V -l version -d 'Print version'
complete -c ccr -n "__fish_ccr_using_subcommand volume; and __fish_seen_subcommand_from ls" -l format -d 'Format the output: table, json, or a template such as \'{{.Name}}\'' -r
complete -c ccr -n "__fish_ccr_using_subcommand volume; and __fish_seen_subcommand_from ls" -s f -l filter -d 'Filter output: dangling=true|false, name=NAME, label=KEY[=VALUE], driver=local' -r
complete -c ccr -n "__fish_ccr_using_subcommand volume; and __fish_seen_subcommand_from ls" -l data-root -d 'Root directory of persistent ccr state (default /var/lib/ccr as root, else $XDG_DATA_HOME/ccr)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand volume; and __fish_seen_subcommand_from ls" -l insecure-registry -d 'Allow plain HTTP and unverified TLS for the named registry (repeatable); bare, for every registry' -r
complete -c ccr -n "__fish_ccr_using_subcommand volume; and __fish_seen_subcommand_from ls" -l initdata -d 'The initdata TOML the guest booted with (default /run/confidential-containers/initdata/initdata.toml when present)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand volume; and __fish_seen_subcommand_from ls" -l snapshotter -d 'How container root file systems are made: overlayfs (over shared layer snapshots) or native (a copy)' -r -f -a "overlayfs\t''
native\t''"
complete -c ccr -n "__fish_ccr_using_subcommand volume; and __fish_seen_subcommand_from ls" -s q -l quiet -d 'Only display volume names'
complete -c ccr -n "__fish_ccr_using_subcommand volume; and __fish_seen_subcommand_from ls" -l debug -d 'Print debug output'
complete -c ccr -n "__fish_ccr_using_subcommand volume; and __fish_seen_subcommand_from ls" -l cvm -d 'Confidential-VM mode (see `ccr cvm status`; also mode = "cvm" in ccr.toml; on by itself in a Confidential Containers guest)'
complete -c ccr -n "__fish_ccr_using_subcommand volume; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help'
complete -c ccr -n "__fish_ccr_using_subcommand volume; and __fish_seen_subcommand_from ls" -s V -l version -d 'Print version'
complete -c ccr -n "__fish_ccr_using_subcommand volume; and __fish_seen_subcommand_from inspect" -l data-root -d 'Root directory of persistent ccr state (default /var/lib/ccr as root, else $XDG_DATA_HOME/ccr)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand volume; and __fish_seen_subcommand_from inspect" -l insecure-registry -d 'Allow plain HTTP and unverified TLS for the named registry (repeatable); bare, for every registry' -r
complete -c ccr -n "__fish_ccr_using_subcommand volume; and __fish_seen_subcommand_from inspect" -l initdata -d 'The initdata TOML the guest booted with (default /run/confidential-containers/initdata/initdata.toml when present)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand volume; and __fish_seen_subcommand_from inspect" -l snapshotter -d 'How container root file systems are made: overlayfs (over shared layer snapshots) or native (a copy)' -r -f -a "overlayfs\t''
native\t''"
complete -c ccr -n "__fish_ccr_using_subcommand volume; and __fish_seen_subcommand_from inspect" -l debug -d 'Print debug output'
complete -c ccr -n "__fish_ccr_using_subcommand volume; and __fish_seen_subcommand_from inspect" -l cvm -d 'Confidential-VM mode (see `ccr cvm status`; also mode = "cvm" in ccr.toml; on by itself in a Confidential Containers guest)'
complete -c ccr -n "__fish_ccr_using_subcommand volume; and __fish_seen_subcommand_from inspect" -s h -l help -d 'Print help'
complete -c ccr -n "__fish_ccr_using_subcommand volume; and __fish_seen_subcommand_from inspect" -s V -l version -d 'Print version'
complete -c ccr -n "__fish_ccr_using_subcommand volume; and __fish_seen_subcommand_from rm" -l data-root -d 'Root directory of persistent ccr state (default /var/lib/ccr as root, else $XDG_DATA_HOME/ccr)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand volume; and __fish_seen_subcommand_from rm" -l insecure-registry -d 'Allow plain HTTP and unverified TLS for the named registry (repeatable); bare, for every registry' -r
complete -c ccr -n "__fish_ccr_using_subcommand volume; and __fish_seen_subcommand_from rm" -l initdata -d 'The initdata TOML the guest booted with (default /run/confidential-containers/initdata/initdata.toml when present)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand volume; and __fish_seen_subcommand_from rm" -l snapshotter -d 'How container root file systems are made: overlayfs (over shared layer snapshots) or native (a copy)' -r -f -a "overlayfs\t''
native\t''"
complete -c ccr -n "__fish_ccr_using_subcommand volume; and __fish_seen_subcommand_from rm" -l debug -d 'Print debug output'
complete -c ccr -n "__fish_ccr_using_subcommand volume; and __fish_seen_subcommand_from rm" -l cvm -d 'Confidential-VM mode (see `ccr cvm status`; also mode = "cvm" in ccr.toml; on by itself in a Confidential Containers guest)'
complete -c ccr -n "__fish_ccr_using_subcommand volume; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help'
complete -c ccr -n "__fish_ccr_using_subcommand volume; and __fish_seen_subcommand_from rm" -s V -l version -d 'Print version'
complete -c ccr -n "__fish_ccr_using_subcommand volume; and __fish_seen_subcommand_from prune" -l filter -d 'Only those that match: label=KEY[=VALUE], name=...' -r
complete -c ccr -n "__fish_ccr_using_subcommand volume; and __fish_seen_subcommand_from prune" -l data-root -d 'Root directory of persistent ccr state (default /var/lib/ccr as root, else $XDG_DATA_HOME/ccr)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand volume; and __fish_seen_subcommand_from prune" -l insecure-registry -d 'Allow plain HTTP and unverified TLS for the named registry (repeatable); bare, for every registry' -r
complete -c ccr -n "__fish_ccr_using_subcommand volume; and __fish_seen_subcommand_from prune" -l initdata -d 'The initdata TOML the guest booted with (default /run/confidential-containers/initdata/initdata.toml when present)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand volume; and __fish_seen_subcommand_from prune" -l snapshotter -d 'How container root file systems are made: overlayfs (over shared layer snapshots) or native (a copy)' -r -f -a "overlayfs\t''
native\t''"
complete -c ccr -n "__fish_ccr_using_subcommand volume; and __fish_seen_subcommand_from prune" -s f -l force -d 'Do not prompt for confirmation'
complete -c ccr -n "__fish_ccr_using_subcommand volume; and __fish_seen_subcommand_from prune" -l debug -d 'Print debug output'
complete -c ccr -n "__fish_ccr_using_subcommand volume; and __fish_seen_subcommand_from prune" -l cvm -d 'Confidential-VM mode (see `ccr cvm status`; also mode = "cvm" in ccr.toml; on by itself in a Confidential Containers guest)'
complete -c ccr -n "__fish_ccr_using_subcommand volume; and __fish_seen_subcommand_from prune" -s h -l help -d 'Print help'
complete -c ccr -n "__fish_ccr_using_subcommand volume; and __fish_seen_subcommand_from prune" -s V -l version -d 'Print version'
complete -c ccr -n "__fish_ccr_using_subcommand network; and not __fish_seen_subcommand_from create ls inspect rm connect disconnect prune" -l data-root -d 'Root directory of persistent ccr state (default /var/lib/ccr as root, else $XDG_DATA_HOME/ccr)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand network; and not __fish_seen_subcommand_from create ls inspect rm connect disconnect prune" -l insecure-registry -d 'Allow plain HTTP and unverified TLS for the named registry (repeatable); bare, for every registry' -r
complete -c ccr -n "__fish_ccr_using_subcommand network; and not __fish_seen_subcommand_from create ls inspect rm connect disconnect prune" -l initdata -d 'The initdata TOML the guest booted with (default /run/confidential-containers/initdata/initdata.toml when present)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand network; and not __fish_seen_subcommand_from create ls inspect rm connect disconnect prune" -l snapshotter -d 'How container root file systems are made: overlayfs (over shared layer snapshots) or native (a copy)' -r -f -a "overlayfs\t''
native\t''"
complete -c ccr -n "__fish_ccr_using_subcommand network; and not __fish_seen_subcommand_from create ls inspect rm connect disconnect prune" -l debug -d 'Print debug output'
complete -c ccr -n "__fish_ccr_using_subcommand network; and not __fish_seen_subcommand_from create ls inspect rm connect disconnect prune" -l cvm -d 'Confidential-VM mode (see `ccr cvm status`; also mode = "cvm" in ccr.toml; on by itself in a Confidential Containers guest)'
complete -c ccr -n "__fish_ccr_using_subcommand network; and not __fish_seen_subcommand_from create ls inspect rm connect disconnect prune" -s h -l help -d 'Print help'
complete -c ccr -n "__fish_ccr_using_subcommand network; and not __fish_seen_subcommand_from create ls inspect rm connect disconnect prune" -s V -l version -d 'Print version'
complete -c ccr -n "__fish_ccr_using_subcommand network; and not __fish_seen_subcommand_from create ls inspect rm connect disconnect prune" -f -a "create" -d 'Create a network (its own bridge and subnet)'
complete -c ccr -n "__fish_ccr_using_subcommand network; and not __fish_seen_subcommand_from create ls inspect rm connect disconnect prune" -f -a "ls" -d 'List networks'
complete -c ccr -n "__fish_ccr_using_subcommand network; and not __fish_seen_subcommand_from create ls inspect rm connect disconnect prune" -f -a "inspect" -d 'Display detailed information on one or more networks'
complete -c ccr -n "__fish_ccr_using_subcommand network; and not __fish_seen_subcommand_from create ls inspect rm connect disconnect prune" -f -a "rm" -d 'Remove one or more networks'
complete -c ccr -n "__fish_ccr_using_subcommand network; and not __fish_seen_subcommand_from create ls inspect rm connect disconnect prune" -f -a "connect" -d 'Connect a container to a network'
complete -c ccr -n "__fish_ccr_using_subcommand network; and not __fish_seen_subcommand_from create ls inspect rm connect disconnect prune" -f -a "disconnect" -d 'Disconnect a container from a network'
complete -c ccr -n "__fish_ccr_using_subcommand network; and not __fish_seen_subcommand_from create ls inspect rm connect disconnect prune" -f -a "prune" -d 'Remove all networks no container uses'
complete -c ccr -n "__fish_ccr_using_subcommand network; and __fish_seen_subcommand_from create" -s d -l driver -d 'Driver to manage the network (only bridge)' -r -f -a "bridge\t''"
complete -c ccr -n "__fish_ccr_using_subcommand network; and __fish_seen_subcommand_from create" -l subnet -d 'Subnet in CIDR format (default: a free /24 of 10.90.0.0/16)' -r
complete -c ccr -n "__fish_ccr_using_subcommand network; and __fish_seen_subcommand_from create" -l gateway -d 'Gateway of the subnet (default: its first address)' -r
complete -c ccr -n "__fish_ccr_using_subcommand network; and __fish_seen_subcommand_from create" -l label -d 'Set metadata: KEY=VALUE (repeatable)' -r
complete -c ccr -n "__fish_ccr_using_subcommand network; and __fish_seen_subcommand_from create" -l data-root -d 'Root directory of persistent ccr state (default /var/lib/ccr as root, else $XDG_DATA_HOME/ccr)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand network; and __fish_seen_subcommand_from create" -l insecure-registry -d 'Allow plain HTTP and unverified TLS for the named registry (repeatable); bare, for every registry' -r
complete -c ccr -n "__fish_ccr_using_subcommand network; and __fish_seen_subcommand_from create" -l initdata -d 'The initdata TOML the guest booted with (default /run/confidential-containers/initdata/initdata.toml when present)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand network; and __fish_seen_subcommand_from create" -l snapshotter -d 'How container root file systems are made: overlayfs (over shared layer snapshots) or native (a copy)' -r -f -a "overlayfs\t''
native\t''"
complete -c ccr -n "__fish_ccr_using_subcommand network; and __fish_seen_subcommand_from create" -l internal -d 'Restrict external access to the network'
complete -c ccr -n "__fish_ccr_using_subcommand network; and __fish_seen_subcommand_from create" -l debug -d 'Print debug output'
complete -c ccr -n "__fish_ccr_using_subcommand network; and __fish_seen_subcommand_from create" -l cvm -d 'Confidential-VM mode (see `ccr cvm status`; also mode = "cvm" in ccr.toml; on by itself in a Confidential Containers guest)'
complete -c ccr -n "__fish_ccr_using_subcommand network; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help'
complete -c ccr -n "__fish_ccr_using_subcommand network; and __fish_seen_subcommand_from create" -s V -l version -d 'Print version'
complete -c ccr -n "__fish_ccr_using_subcommand network; and __fish_seen_subcommand_from ls" -l format -d 'Format the output: table, json, or a template such as \'{{.Name}}\'' -r
complete -c ccr -n "__fish_ccr_using_subcommand network; and __fish_seen_subcommand_from ls" -s f -l filter -d 'Filter: name=NAME, label=KEY[=VALUE]' -r
complete -c ccr -n "__fish_ccr_using_subcommand network; and __fish_seen_subcommand_from ls" -l data-root -d 'Root directory of persistent ccr state (default /var/lib/ccr as root, else $XDG_DATA_HOME/ccr)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand network; and __fish_seen_subcommand_from ls" -l insecure-registry -d 'Allow plain HTTP and unverified TLS for the named registry (repeatable); bare, for every registry' -r
complete -c ccr -n "__fish_ccr_using_subcommand network; and __fish_seen_subcommand_from ls" -l initdata -d 'The initdata TOML the guest booted with (default /run/confidential-containers/initdata/initdata.toml when present)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand network; and __fish_seen_subcommand_from ls" -l snapshotter -d 'How container root file systems are made: overlayfs (over shared layer snapshots) or native (a copy)' -r -f -a "overlayfs\t''
native\t''"
complete -c ccr -n "__fish_ccr_using_subcommand network; and __fish_seen_subcommand_from ls" -s q -l quiet -d 'Only display network IDs'
complete -c ccr -n "__fish_ccr_using_subcommand network; and __fish_seen_subcommand_from ls" -l debug -d 'Print debug output'
complete -c ccr -n "__fish_ccr_using_subcommand network; and __fish_seen_subcommand_from ls" -l cvm -d 'Confidential-VM mode (see `ccr cvm status`; also mode = "cvm" in ccr.toml; on by itself in a Confidential Containers guest)'
complete -c ccr -n "__fish_ccr_using_subcommand network; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help'
complete -c ccr -n "__fish_ccr_using_subcommand network; and __fish_seen_subcommand_from ls" -s V -l version -d 'Print version'
complete -c ccr -n "__fish_ccr_using_subcommand network; and __fish_seen_subcommand_from inspect" -l data-root -d 'Root directory of persistent ccr state (default /var/lib/ccr as root, else $XDG_DATA_HOME/ccr)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand network; and __fish_seen_subcommand_from inspect" -l insecure-registry -d 'Allow plain HTTP and unverified TLS for the named registry (repeatable); bare, for every registry' -r
complete -c ccr -n "__fish_ccr_using_subcommand network; and __fish_seen_subcommand_from inspect" -l initdata -d 'The initdata TOML the guest booted with (default /run/confidential-containers/initdata/initdata.toml when present)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand network; and __fish_seen_subcommand_from inspect" -l snapshotter -d 'How container root file systems are made: overlayfs (over shared layer snapshots) or native (a copy)' -r -f -a "overlayfs\t''
native\t''"
complete -c ccr -n "__fish_ccr_using_subcommand network; and __fish_seen_subcommand_from inspect" -l debug -d 'Print debug output'
complete -c ccr -n "__fish_ccr_using_subcommand network; and __fish_seen_subcommand_from inspect" -l cvm -d 'Confidential-VM mode (see `ccr cvm status`; also mode = "cvm" in ccr.toml; on by itself in a Confidential Containers guest)'
complete -c ccr -n "__fish_ccr_using_subcommand network; and __fish_seen_subcommand_from inspect" -s h -l help -d 'Print help'
complete -c ccr -n "__fish_ccr_using_subcommand network; and __fish_seen_subcommand_from inspect" -s V -l version -d 'Print version'
complete -c ccr -n "__fish_ccr_using_subcommand network; and __fish_seen_subcommand_from rm" -l data-root -d 'Root directory of persistent ccr state (default /var/lib/ccr as root, else $XDG_DATA_HOME/ccr)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand network; and __fish_seen_subcommand_from rm" -l insecure-registry -d 'Allow plain HTTP and unverified TLS for the named registry (repeatable); bare, for every registry' -r
complete -c ccr -n "__fish_ccr_using_subcommand network; and __fish_seen_subcommand_from rm" -l initdata -d 'The initdata TOML the guest booted with (default /run/confidential-containers/initdata/initdata.toml when present)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand network; and __fish_seen_subcommand_from rm" -l snapshotter -d 'How container root file systems are made: overlayfs (over shared layer snapshots) or native (a copy)' -r -f -a "overlayfs\t''
native\t''"
complete -c ccr -n "__fish_ccr_using_subcommand network; and __fish_seen_subcommand_from rm" -l debug -d 'Print debug output'
complete -c ccr -n "__fish_ccr_using_subcommand network; and __fish_seen_subcommand_from rm" -l cvm -d 'Confidential-VM mode (see `ccr cvm status`; also mode = "cvm" in ccr.toml; on by itself in a Confidential Containers guest)'
complete -c ccr -n "__fish_ccr_using_subcommand network; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help'
complete -c ccr -n "__fish_ccr_using_subcommand network; and __fish_seen_subcommand_from rm" -s V -l version -d 'Print version'
complete -c ccr -n "__fish_ccr_using_subcommand network; and __fish_seen_subcommand_from connect" -l alias -d 'Add a network-scoped alias for the container (repeatable)' -r
complete -c ccr -n "__fish_ccr_using_subcommand network; and __fish_seen_subcommand_from connect" -l data-root -d 'Root directory of persistent ccr state (default /var/lib/ccr as root, else $XDG_DATA_HOME/ccr)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand network; and __fish_seen_subcommand_from connect" -l insecure-registry -d 'Allow plain HTTP and unverified TLS for the named registry (repeatable); bare, for every registry' -r
complete -c ccr -n "__fish_ccr_using_subcommand network; and __fish_seen_subcommand_from connect" -l initdata -d 'The initdata TOML the guest booted with (default /run/confidential-containers/initdata/initdata.toml when present)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand network; and __fish_seen_subcommand_from connect" -l snapshotter -d 'How container root file systems are made: overlayfs (over shared layer snapshots) or native (a copy)' -r -f -a "overlayfs\t''
native\t''"
complete -c ccr -n "__fish_ccr_using_subcommand network; and __fish_seen_subcommand_from connect" -l debug -d 'Print debug output'
complete -c ccr -n "__fish_ccr_using_subcommand network; and __fish_seen_subcommand_from connect" -l cvm -d 'Confidential-VM mode (see `ccr cvm status`; also mode = "cvm" in ccr.toml; on by itself in a Confidential Containers guest)'
complete -c ccr -n "__fish_ccr_using_subcommand network; and __fish_seen_subcommand_from connect" -s h -l help -d 'Print help'
complete -c ccr -n "__fish_ccr_using_subcommand network; and __fish_seen_subcommand_from connect" -s V -l version -d 'Print version'
complete -c ccr -n "__fish_ccr_using_subcommand network; and __fish_seen_subcommand_from disconnect" -l data-root -d 'Root directory of persistent ccr state (default /var/lib/ccr as root, else $XDG_DATA_HOME/ccr)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand network; and __fish_seen_subcommand_from disconnect" -l insecure-registry -d 'Allow plain HTTP and unverified TLS for the named registry (repeatable); bare, for every registry' -r
complete -c ccr -n "__fish_ccr_using_subcommand network; and __fish_seen_subcommand_from disconnect" -l initdata -d 'The initdata TOML the guest booted with (default /run/confidential-containers/initdata/initdata.toml when present)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand network; and __fish_seen_subcommand_from disconnect" -l snapshotter -d 'How container root file systems are made: overlayfs (over shared layer snapshots) or native (a copy)' -r -f -a "overlayfs\t''
native\t''"
complete -c ccr -n "__fish_ccr_using_subcommand network; and __fish_seen_subcommand_from disconnect" -l debug -d 'Print debug output'
complete -c ccr -n "__fish_ccr_using_subcommand network; and __fish_seen_subcommand_from disconnect" -l cvm -d 'Confidential-VM mode (see `ccr cvm status`; also mode = "cvm" in ccr.toml; on by itself in a Confidential Containers guest)'
complete -c ccr -n "__fish_ccr_using_subcommand network; and __fish_seen_subcommand_from disconnect" -s h -l help -d 'Print help'
complete -c ccr -n "__fish_ccr_using_subcommand network; and __fish_seen_subcommand_from disconnect" -s V -l version -d 'Print version'
complete -c ccr -n "__fish_ccr_using_subcommand network; and __fish_seen_subcommand_from prune" -l filter -d 'Only networks that match: until=TIME|DURATION, label=KEY[=VALUE], label!=KEY[=VALUE]' -r
complete -c ccr -n "__fish_ccr_using_subcommand network; and __fish_seen_subcommand_from prune" -l data-root -d 'Root directory of persistent ccr state (default /var/lib/ccr as root, else $XDG_DATA_HOME/ccr)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand network; and __fish_seen_subcommand_from prune" -l insecure-registry -d 'Allow plain HTTP and unverified TLS for the named registry (repeatable); bare, for every registry' -r
complete -c ccr -n "__fish_ccr_using_subcommand network; and __fish_seen_subcommand_from prune" -l initdata -d 'The initdata TOML the guest booted with (default /run/confidential-containers/initdata/initdata.toml when present)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand network; and __fish_seen_subcommand_from prune" -l snapshotter -d 'How container root file systems are made: overlayfs (over shared layer snapshots) or native (a copy)' -r -f -a "overlayfs\t''
native\t''"
complete -c ccr -n "__fish_ccr_using_subcommand network; and __fish_seen_subcommand_from prune" -s f -l force -d 'Do not prompt for confirmation'
complete -c ccr -n "__fish_ccr_using_subcommand network; and __fish_seen_subcommand_from prune" -l debug -d 'Print debug output'
complete -c ccr -n "__fish_ccr_using_subcommand network; and __fish_seen_subcommand_from prune" -l cvm -d 'Confidential-VM mode (see `ccr cvm status`; also mode = "cvm" in ccr.toml; on by itself in a Confidential Containers guest)'
complete -c ccr -n "__fish_ccr_using_subcommand network; and __fish_seen_subcommand_from prune" -s h -l help -d 'Print help'
complete -c ccr -n "__fish_ccr_using_subcommand network; and __fish_seen_subcommand_from prune" -s V -l version -d 'Print version'
complete -c ccr -n "__fish_ccr_using_subcommand compose; and not __fish_seen_subcommand_from config up down ps logs build pull push run exec create start stop restart kill rm images port top ls version" -s f -l file -d 'Compose configuration files (repeatable; `-` reads standard input)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand compose; and not __fish_seen_subcommand_from config up down ps logs build pull push run exec create start stop restart kill rm images port top ls version" -s p -l project-name -d 'Project name' -r
complete -c ccr -n "__fish_ccr_using_subcommand compose; and not __fish_seen_subcommand_from config up down ps logs build pull push run exec create start stop restart kill rm images port top ls version" -l project-directory -d 'Alternate working directory (default: the directory of the first file)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand compose; and not __fish_seen_subcommand_from config up down ps logs build pull push run exec create start stop restart kill rm images port top ls version" -l env-file -d 'Alternate environment files (instead of the project\'s .env)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand compose; and not __fish_seen_subcommand_from config up down ps logs build pull push run exec create start stop restart kill rm images port top ls version" -l profile -d 'Enable a profile (repeatable; `*` enables all)' -r
complete -c ccr -n "__fish_ccr_using_subcommand compose; and not __fish_seen_subcommand_from config up down ps logs build pull push run exec create start stop restart kill rm images port top ls version" -l data-root -d 'Root directory of persistent ccr state (default /var/lib/ccr as root, else $XDG_DATA_HOME/ccr)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand compose; and not __fish_seen_subcommand_from config up down ps logs build pull push run exec create start stop restart kill rm images port top ls version" -l insecure-registry -d 'Allow plain HTTP and unverified TLS for the named registry (repeatable); bare, for every registry' -r
complete -c ccr -n "__fish_ccr_using_subcommand compose; and not __fish_seen_subcommand_from config up down ps logs build pull push run exec create start stop restart kill rm images port top ls version" -l initdata -d 'The initdata TOML the guest booted with (default /run/confidential-containers/initdata/initdata.toml when present)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand compose; and not __fish_seen_subcommand_from config up down ps logs build pull push run exec create start stop restart kill rm images port top ls version" -l snapshotter -d 'How container root file systems are made: overlayfs (over shared layer snapshots) or native (a copy)' -r -f -a "overlayfs\t''
native\t''"
complete -c ccr -n "__fish_ccr_using_subcommand compose; and not __fish_seen_subcommand_from config up down ps logs build pull push run exec create start stop restart kill rm images port top ls version" -l debug -d 'Print debug output'
complete -c ccr -n "__fish_ccr_using_subcommand compose; and not __fish_seen_subcommand_from config up down ps logs build pull push run exec create start stop restart kill rm images port top ls version" -l cvm -d 'Confidential-VM mode (see `ccr cvm status`; also mode = "cvm" in ccr.toml; on by itself in a Confidential Containers guest)'
complete -c ccr -n "__fish_ccr_using_subcommand compose; and not __fish_seen_subcommand_from config up down ps logs build pull push run exec create start stop restart kill rm images port top ls version" -s h -l help -d 'Print help'
complete -c ccr -n "__fish_ccr_using_subcommand compose; and not __fish_seen_subcommand_from config up down ps logs build pull push run exec create start stop restart kill rm images port top ls version" -s V -l version -d 'Print version'
complete -c ccr -n "__fish_ccr_using_subcommand compose; and not __fish_seen_subcommand_from config up down ps logs build pull push run exec create start stop restart kill rm images port top ls version" -f -a "config" -d 'Parse, resolve and render the compose file in canonical format'
complete -c ccr -n "__fish_ccr_using_subcommand compose; and not __fish_seen_subcommand_from config up down ps logs build pull push run exec create start stop restart kill rm images port top ls version" -f -a "up" -d 'Create and start containers'
complete -c ccr -n "__fish_ccr_using_subcommand compose; and not __fish_seen_subcommand_from config up down ps logs build pull push run exec create start stop restart kill rm images port top ls version" -f -a "down" -d 'Stop and remove containers, networks (and with -v, volumes)'
complete -c ccr -n "__fish_ccr_using_subcommand compose; and not __fish_seen_subcommand_from config up down ps logs build pull push run exec create start stop restart kill rm images port top ls version" -f -a "ps" -d 'List containers'
complete -c ccr -n "__fish_ccr_using_subcommand compose; and not __fish_seen_subcommand_from config up down ps logs build pull push run exec create start stop restart kill rm images port top ls version" -f -a "logs" -d 'View output from containers'
complete -c ccr -n "__fish_ccr_using_subcommand compose; and not __fish_seen_subcommand_from config up down ps logs build pull push run exec create start stop restart kill rm images port top ls version" -f -a "build" -d 'Build or rebuild services'
complete -c ccr -n "__fish_ccr_using_subcommand compose; and not __fish_seen_subcommand_from config up down ps logs build pull push run exec create start stop restart kill rm images port top ls version" -f -a "pull" -d 'Pull service images'
complete -c ccr -n "__fish_ccr_using_subcommand compose; and not __fish_seen_subcommand_from config up down ps logs build pull push run exec create start stop restart kill rm images port top ls version" -f -a "push" -d 'Push service images (signed with x-nerdctl-sign)'
complete -c ccr -n "__fish_ccr_using_subcommand compose; and not __fish_seen_subcommand_from config up down ps logs build pull push run exec create start stop restart kill rm images port top ls version" -f -a "run" -d 'Run a one-off command on a service'
complete -c ccr -n "__fish_ccr_using_subcommand compose; and not __fish_seen_subcommand_from config up down ps logs build pull push run exec create start stop restart kill rm images port top ls version" -f -a "exec" -d 'Execute a command in a running service container'
complete -c ccr -n "__fish_ccr_using_subcommand compose; and not __fish_seen_subcommand_from config up down ps logs build pull push run exec create start stop restart kill rm images port top ls version" -f -a "create" -d 'Create containers for services without starting them'
complete -c ccr -n "__fish_ccr_using_subcommand compose; and not __fish_seen_subcommand_from config up down ps logs build pull push run exec create start stop restart kill rm images port top ls version" -f -a "start" -d 'Start services'
complete -c ccr -n "__fish_ccr_using_subcommand compose; and not __fish_seen_subcommand_from config up down ps logs build pull push run exec create start stop restart kill rm images port top ls version" -f -a "stop" -d 'Stop services'
complete -c ccr -n "__fish_ccr_using_subcommand compose; and not __fish_seen_subcommand_from config up down ps logs build pull push run exec create start stop restart kill rm images port top ls version" -f -a "restart" -d 'Restart services'
complete -c ccr -n "__fish_ccr_using_subcommand compose; and not __fish_seen_subcommand_from config up down ps logs build pull push run exec create start stop restart kill rm images port top ls version" -f -a "kill" -d 'Force stop service containers'
complete -c ccr -n "__fish_ccr_using_subcommand compose; and not __fish_seen_subcommand_from config up down ps logs build pull push run exec create start stop restart kill rm images port top ls version" -f -a "rm" -d 'Remove stopped service containers'
complete -c ccr -n "__fish_ccr_using_subcommand compose; and not __fish_seen_subcommand_from config up down ps logs build pull push run exec create start stop restart kill rm images port top ls version" -f -a "images" -d 'List images used by the created containers'
complete -c ccr -n "__fish_ccr_using_subcommand compose; and not __fish_seen_subcommand_from config up down ps logs build pull push run exec create start stop restart kill rm images port top ls version" -f -a "port" -d 'Print the public port for a port binding'
complete -c ccr -n "__fish_ccr_using_subcommand compose; and not __fish_seen_subcommand_from config up down ps logs build pull push run exec create start stop restart kill rm images port top ls version" -f -a "top" -d 'Display the running processes'
complete -c ccr -n "__fish_ccr_using_subcommand compose; and not __fish_seen_subcommand_from config up down ps logs build pull push run exec create start stop restart kill rm images port top ls version" -f -a "ls" -d 'List running compose projects'
complete -c ccr -n "__fish_ccr_using_subcommand compose; and not __fish_seen_subcommand_from config up down ps logs build pull push run exec create start stop restart kill rm images port top ls version" -f -a "version" -d 'Show the compose version information'
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from config" -l format -d 'Format the output: yaml or json' -r -f -a "yaml\t''
json\t''"
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from config" -l data-root -d 'Root directory of persistent ccr state (default /var/lib/ccr as root, else $XDG_DATA_HOME/ccr)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from config" -l insecure-registry -d 'Allow plain HTTP and unverified TLS for the named registry (repeatable); bare, for every registry' -r
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from config" -l initdata -d 'The initdata TOML the guest booted with (default /run/confidential-containers/initdata/initdata.toml when present)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from config" -l snapshotter -d 'How container root file systems are made: overlayfs (over shared layer snapshots) or native (a copy)' -r -f -a "overlayfs\t''
native\t''"
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from config" -s q -l quiet -d 'Only validate the configuration, print nothing'
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from config" -l services -d 'Print the service names, one per line'
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from config" -l volumes -d 'Print the volume names, one per line'
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from config" -l debug -d 'Print debug output'
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from config" -l cvm -d 'Confidential-VM mode (see `ccr cvm status`; also mode = "cvm" in ccr.toml; on by itself in a Confidential Containers guest)'
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from config" -s h -l help -d 'Print help'
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from config" -s V -l version -d 'Print version'
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from up" -l pull -d 'Pull image before running: always, missing, never' -r -f -a "always\t''
missing\t''
never\t''"
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from up" -l scale -d 'Scale SERVICE to NUM instances: SERVICE=NUM (repeatable)' -r
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from up" -l wait-timeout -d 'Maximum duration to wait for the project to be running|healthy (seconds)' -r
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from up" -l decryption-key -d 'Key for encrypted layers: PRIV.pem[:PASSWORD] (PEM or JWK), kbs:///R/T/TAG=KEK-FILE, or kbs:///R/T/TAG (fetched from the KBS after attestation) (repeatable)' -r
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from up" -l kbs-url -d 'The KBS (http[s]://HOST:PORT); default from CCR_KBS_URL, kbs_url in ccr.toml, or agent.aa_kbc_params on the kernel command line' -r
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from up" -l kbs-cert -d 'CA certificate (PEM) for an HTTPS KBS' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from up" -l tee -d 'The TEE whose evidence is sent' -r -f -a "auto\t'The guest\'s TEE (TDX or SNP via configfs-tsm); fails when there is none'
sample\t'Development only: evidence that proves nothing'
tdx\t''
snp\t''"
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from up" -l tee-key -d 'The kind of the session\'s ephemeral key' -r -f -a "ec\t''
rsa\t''"
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from up" -l tsm-report-dir -d 'Where configfs-tsm reports are made' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from up" -l data-root -d 'Root directory of persistent ccr state (default /var/lib/ccr as root, else $XDG_DATA_HOME/ccr)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from up" -l insecure-registry -d 'Allow plain HTTP and unverified TLS for the named registry (repeatable); bare, for every registry' -r
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from up" -l initdata -d 'The initdata TOML the guest booted with (default /run/confidential-containers/initdata/initdata.toml when present)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from up" -l snapshotter -d 'How container root file systems are made: overlayfs (over shared layer snapshots) or native (a copy)' -r -f -a "overlayfs\t''
native\t''"
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from up" -s d -l detach -d 'Detached mode: run containers in the background'
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from up" -l build -d 'Build images before starting containers'
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from up" -l no-build -d 'Don\'t build an image, even if it\'s missing'
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from up" -l force-recreate -d 'Recreate containers even if their configuration and image haven\'t changed'
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from up" -l no-recreate -d 'If containers already exist, don\'t recreate them'
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from up" -l remove-orphans -d 'Remove containers for services not defined in the compose file'
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from up" -l abort-on-container-exit -d 'Stops all containers if any container was stopped'
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from up" -l wait -d 'Wait for services to be running|healthy (implies detached mode)'
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from up" -l no-deps -d 'Don\'t start linked services'
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from up" -l quiet-pull -d 'Pull without printing progress information'
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from up" -l no-log-prefix -d 'Don\'t prefix the log lines with the container name'
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from up" -l debug -d 'Print debug output'
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from up" -l cvm -d 'Confidential-VM mode (see `ccr cvm status`; also mode = "cvm" in ccr.toml; on by itself in a Confidential Containers guest)'
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from up" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from up" -s V -l version -d 'Print version'
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from down" -s t -l timeout -d 'Shutdown timeout in seconds' -r
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from down" -l data-root -d 'Root directory of persistent ccr state (default /var/lib/ccr as root, else $XDG_DATA_HOME/ccr)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from down" -l insecure-registry -d 'Allow plain HTTP and unverified TLS for the named registry (repeatable); bare, for every registry' -r
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from down" -l initdata -d 'The initdata TOML the guest booted with (default /run/confidential-containers/initdata/initdata.toml when present)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from down" -l snapshotter -d 'How container root file systems are made: overlayfs (over shared layer snapshots) or native (a copy)' -r -f -a "overlayfs\t''
native\t''"
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from down" -s v -l volumes -d 'Remove named volumes declared in the volumes section and anonymous volumes attached to containers'
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from down" -l remove-orphans -d 'Remove containers for services not defined in the compose file'
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from down" -l debug -d 'Print debug output'
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from down" -l cvm -d 'Confidential-VM mode (see `ccr cvm status`; also mode = "cvm" in ccr.toml; on by itself in a Confidential Containers guest)'
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from down" -s h -l help -d 'Print help'
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from down" -s V -l version -d 'Print version'
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from ps" -l format -d 'Format the output: table, json, or a template such as \'{{.Name}}\'' -r
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from ps" -l data-root -d 'Root directory of persistent ccr state (default /var/lib/ccr as root, else $XDG_DATA_HOME/ccr)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from ps" -l insecure-registry -d 'Allow plain HTTP and unverified TLS for the named registry (repeatable); bare, for every registry' -r
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from ps" -l initdata -d 'The initdata TOML the guest booted with (default /run/confidential-containers/initdata/initdata.toml when present)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from ps" -l snapshotter -d 'How container root file systems are made: overlayfs (over shared layer snapshots) or native (a copy)' -r -f -a "overlayfs\t''
native\t''"
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from ps" -s a -l all -d 'Show all stopped containers too'
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from ps" -s q -l quiet -d 'Only display IDs'
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from ps" -l services -d 'Display services'
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from ps" -l debug -d 'Print debug output'
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from ps" -l cvm -d 'Confidential-VM mode (see `ccr cvm status`; also mode = "cvm" in ccr.toml; on by itself in a Confidential Containers guest)'
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from ps" -s h -l help -d 'Print help'
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from ps" -s V -l version -d 'Print version'
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from logs" -s n -l tail -d 'Number of lines to show from the end of the logs for each container' -r
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from logs" -l data-root -d 'Root directory of persistent ccr state (default /var/lib/ccr as root, else $XDG_DATA_HOME/ccr)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from logs" -l insecure-registry -d 'Allow plain HTTP and unverified TLS for the named registry (repeatable); bare, for every registry' -r
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from logs" -l initdata -d 'The initdata TOML the guest booted with (default /run/confidential-containers/initdata/initdata.toml when present)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from logs" -l snapshotter -d 'How container root file systems are made: overlayfs (over shared layer snapshots) or native (a copy)' -r -f -a "overlayfs\t''
native\t''"
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from logs" -s f -l follow -d 'Follow log output'
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from logs" -s t -l timestamps -d 'Show timestamps'
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from logs" -l no-log-prefix -d 'Don\'t print the prefix in logs'
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from logs" -l debug -d 'Print debug output'
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from logs" -l cvm -d 'Confidential-VM mode (see `ccr cvm status`; also mode = "cvm" in ccr.toml; on by itself in a Confidential Containers guest)'
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from logs" -s h -l help -d 'Print help'
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from logs" -s V -l version -d 'Print version'
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from build" -l data-root -d 'Root directory of persistent ccr state (default /var/lib/ccr as root, else $XDG_DATA_HOME/ccr)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from build" -l insecure-registry -d 'Allow plain HTTP and unverified TLS for the named registry (repeatable); bare, for every registry' -r
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from build" -l initdata -d 'The initdata TOML the guest booted with (default /run/confidential-containers/initdata/initdata.toml when present)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from build" -l snapshotter -d 'How container root file systems are made: overlayfs (over shared layer snapshots) or native (a copy)' -r -f -a "overlayfs\t''
native\t''"
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from build" -l debug -d 'Print debug output'
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from build" -l cvm -d 'Confidential-VM mode (see `ccr cvm status`; also mode = "cvm" in ccr.toml; on by itself in a Confidential Containers guest)'
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from build" -s h -l help -d 'Print help'
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from build" -s V -l version -d 'Print version'
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from pull" -l decryption-key -d 'Key for encrypted layers: PRIV.pem[:PASSWORD] (PEM or JWK), kbs:///R/T/TAG=KEK-FILE, or kbs:///R/T/TAG (fetched from the KBS after attestation) (repeatable)' -r
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from pull" -l kbs-url -d 'The KBS (http[s]://HOST:PORT); default from CCR_KBS_URL, kbs_url in ccr.toml, or agent.aa_kbc_params on the kernel command line' -r
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from pull" -l kbs-cert -d 'CA certificate (PEM) for an HTTPS KBS' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from pull" -l tee -d 'The TEE whose evidence is sent' -r -f -a "auto\t'The guest\'s TEE (TDX or SNP via configfs-tsm); fails when there is none'
sample\t'Development only: evidence that proves nothing'
tdx\t''
snp\t''"
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from pull" -l tee-key -d 'The kind of the session\'s ephemeral key' -r -f -a "ec\t''
rsa\t''"
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from pull" -l tsm-report-dir -d 'Where configfs-tsm reports are made' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from pull" -l data-root -d 'Root directory of persistent ccr state (default /var/lib/ccr as root, else $XDG_DATA_HOME/ccr)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from pull" -l insecure-registry -d 'Allow plain HTTP and unverified TLS for the named registry (repeatable); bare, for every registry' -r
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from pull" -l initdata -d 'The initdata TOML the guest booted with (default /run/confidential-containers/initdata/initdata.toml when present)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from pull" -l snapshotter -d 'How container root file systems are made: overlayfs (over shared layer snapshots) or native (a copy)' -r -f -a "overlayfs\t''
native\t''"
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from pull" -l debug -d 'Print debug output'
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from pull" -l cvm -d 'Confidential-VM mode (see `ccr cvm status`; also mode = "cvm" in ccr.toml; on by itself in a Confidential Containers guest)'
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from pull" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from pull" -s V -l version -d 'Print version'
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from push" -l data-root -d 'Root directory of persistent ccr state (default /var/lib/ccr as root, else $XDG_DATA_HOME/ccr)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from push" -l insecure-registry -d 'Allow plain HTTP and unverified TLS for the named registry (repeatable); bare, for every registry' -r
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from push" -l initdata -d 'The initdata TOML the guest booted with (default /run/confidential-containers/initdata/initdata.toml when present)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from push" -l snapshotter -d 'How container root file systems are made: overlayfs (over shared layer snapshots) or native (a copy)' -r -f -a "overlayfs\t''
native\t''"
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from push" -l debug -d 'Print debug output'
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from push" -l cvm -d 'Confidential-VM mode (see `ccr cvm status`; also mode = "cvm" in ccr.toml; on by itself in a Confidential Containers guest)'
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from push" -s h -l help -d 'Print help'
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from push" -s V -l version -d 'Print version'
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from run" -l name -d 'Assign a name to the container' -r
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from run" -s e -l env -d 'Set environment variables (repeatable)' -r
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from run" -s v -l volume -d 'Bind mount a volume: SRC:DST[:ro] (repeatable)' -r
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from run" -s p -l publish -d 'Publish a container\'s port(s) to the host (repeatable)' -r
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from run" -l entrypoint -d 'Override the entrypoint of the image' -r
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from run" -s u -l user -d 'Run as this user' -r
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from run" -s w -l workdir -d 'Working directory inside the container' -r
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from run" -l decryption-key -d 'Key for encrypted layers: PRIV.pem[:PASSWORD] (PEM or JWK), kbs:///R/T/TAG=KEK-FILE, or kbs:///R/T/TAG (fetched from the KBS after attestation) (repeatable)' -r
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from run" -l kbs-url -d 'The KBS (http[s]://HOST:PORT); default from CCR_KBS_URL, kbs_url in ccr.toml, or agent.aa_kbc_params on the kernel command line' -r
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from run" -l kbs-cert -d 'CA certificate (PEM) for an HTTPS KBS' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from run" -l tee -d 'The TEE whose evidence is sent' -r -f -a "auto\t'The guest\'s TEE (TDX or SNP via configfs-tsm); fails when there is none'
sample\t'Development only: evidence that proves nothing'
tdx\t''
snp\t''"
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from run" -l tee-key -d 'The kind of the session\'s ephemeral key' -r -f -a "ec\t''
rsa\t''"
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from run" -l tsm-report-dir -d 'Where configfs-tsm reports are made' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from run" -l data-root -d 'Root directory of persistent ccr state (default /var/lib/ccr as root, else $XDG_DATA_HOME/ccr)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from run" -l insecure-registry -d 'Allow plain HTTP and unverified TLS for the named registry (repeatable); bare, for every registry' -r
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from run" -l initdata -d 'The initdata TOML the guest booted with (default /run/confidential-containers/initdata/initdata.toml when present)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from run" -l snapshotter -d 'How container root file systems are made: overlayfs (over shared layer snapshots) or native (a copy)' -r -f -a "overlayfs\t''
native\t''"
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from run" -s d -l detach -d 'Run container in background and print container ID'
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from run" -l rm -d 'Automatically remove the container when it exits'
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from run" -l service-ports -d 'Run command with the service\'s ports enabled and mapped to the host'
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from run" -l no-deps -d 'Don\'t start linked services'
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from run" -s T -l no-TTY -d 'Disable pseudo-TTY allocation'
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from run" -s i -l interactive -d 'Keep STDIN open'
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from run" -l debug -d 'Print debug output'
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from run" -l cvm -d 'Confidential-VM mode (see `ccr cvm status`; also mode = "cvm" in ccr.toml; on by itself in a Confidential Containers guest)'
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from run" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from run" -s V -l version -d 'Print version'
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from exec" -s e -l env -d 'Set environment variables (repeatable)' -r
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from exec" -s w -l workdir -d 'Path to workdir directory for this command' -r
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from exec" -s u -l user -d 'Run the command as this user' -r
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from exec" -l index -d 'Index of the container if the service has several replicas' -r
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from exec" -l data-root -d 'Root directory of persistent ccr state (default /var/lib/ccr as root, else $XDG_DATA_HOME/ccr)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from exec" -l insecure-registry -d 'Allow plain HTTP and unverified TLS for the named registry (repeatable); bare, for every registry' -r
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from exec" -l initdata -d 'The initdata TOML the guest booted with (default /run/confidential-containers/initdata/initdata.toml when present)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from exec" -l snapshotter -d 'How container root file systems are made: overlayfs (over shared layer snapshots) or native (a copy)' -r -f -a "overlayfs\t''
native\t''"
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from exec" -s d -l detach -d 'Detached mode: run the command in the background'
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from exec" -s T -l no-TTY -d 'Disable pseudo-TTY allocation'
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from exec" -l debug -d 'Print debug output'
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from exec" -l cvm -d 'Confidential-VM mode (see `ccr cvm status`; also mode = "cvm" in ccr.toml; on by itself in a Confidential Containers guest)'
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from exec" -s h -l help -d 'Print help'
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from exec" -s V -l version -d 'Print version'
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from create" -l pull -d 'Pull image before creating: always, missing, never' -r -f -a "always\t''
missing\t''
never\t''"
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from create" -l decryption-key -d 'Key for encrypted layers: PRIV.pem[:PASSWORD] (PEM or JWK), kbs:///R/T/TAG=KEK-FILE, or kbs:///R/T/TAG (fetched from the KBS after attestation) (repeatable)' -r
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from create" -l kbs-url -d 'The KBS (http[s]://HOST:PORT); default from CCR_KBS_URL, kbs_url in ccr.toml, or agent.aa_kbc_params on the kernel command line' -r
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from create" -l kbs-cert -d 'CA certificate (PEM) for an HTTPS KBS' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from create" -l tee -d 'The TEE whose evidence is sent' -r -f -a "auto\t'The guest\'s TEE (TDX or SNP via configfs-tsm); fails when there is none'
sample\t'Development only: evidence that proves nothing'
tdx\t''
snp\t''"
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from create" -l tee-key -d 'The kind of the session\'s ephemeral key' -r -f -a "ec\t''
rsa\t''"
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from create" -l tsm-report-dir -d 'Where configfs-tsm reports are made' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from create" -l data-root -d 'Root directory of persistent ccr state (default /var/lib/ccr as root, else $XDG_DATA_HOME/ccr)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from create" -l insecure-registry -d 'Allow plain HTTP and unverified TLS for the named registry (repeatable); bare, for every registry' -r
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from create" -l initdata -d 'The initdata TOML the guest booted with (default /run/confidential-containers/initdata/initdata.toml when present)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from create" -l snapshotter -d 'How container root file systems are made: overlayfs (over shared layer snapshots) or native (a copy)' -r -f -a "overlayfs\t''
native\t''"
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from create" -l build -d 'Build images before creating containers'
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from create" -l no-build -d 'Don\'t build an image, even if it\'s missing'
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from create" -l force-recreate
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from create" -l no-recreate
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from create" -l remove-orphans
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from create" -l debug -d 'Print debug output'
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from create" -l cvm -d 'Confidential-VM mode (see `ccr cvm status`; also mode = "cvm" in ccr.toml; on by itself in a Confidential Containers guest)'
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from create" -s V -l version -d 'Print version'
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from start" -l data-root -d 'Root directory of persistent ccr state (default /var/lib/ccr as root, else $XDG_DATA_HOME/ccr)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from start" -l insecure-registry -d 'Allow plain HTTP and unverified TLS for the named registry (repeatable); bare, for every registry' -r
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from start" -l initdata -d 'The initdata TOML the guest booted with (default /run/confidential-containers/initdata/initdata.toml when present)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from start" -l snapshotter -d 'How container root file systems are made: overlayfs (over shared layer snapshots) or native (a copy)' -r -f -a "overlayfs\t''
native\t''"
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from start" -l debug -d 'Print debug output'
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from start" -l cvm -d 'Confidential-VM mode (see `ccr cvm status`; also mode = "cvm" in ccr.toml; on by itself in a Confidential Containers guest)'
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from start" -s h -l help -d 'Print help'
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from start" -s V -l version -d 'Print version'
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from stop" -s t -l timeout -d 'Specify a shutdown timeout in seconds' -r
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from stop" -l data-root -d 'Root directory of persistent ccr state (default /var/lib/ccr as root, else $XDG_DATA_HOME/ccr)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from stop" -l insecure-registry -d 'Allow plain HTTP and unverified TLS for the named registry (repeatable); bare, for every registry' -r
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from stop" -l initdata -d 'The initdata TOML the guest booted with (default /run/confidential-containers/initdata/initdata.toml when present)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from stop" -l snapshotter -d 'How container root file systems are made: overlayfs (over shared layer snapshots) or native (a copy)' -r -f -a "overlayfs\t''
native\t''"
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from stop" -l debug -d 'Print debug output'
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from stop" -l cvm -d 'Confidential-VM mode (see `ccr cvm status`; also mode = "cvm" in ccr.toml; on by itself in a Confidential Containers guest)'
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from stop" -s h -l help -d 'Print help'
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from stop" -s V -l version -d 'Print version'
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from restart" -s t -l timeout -d 'Specify a shutdown timeout in seconds' -r
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from restart" -l data-root -d 'Root directory of persistent ccr state (default /var/lib/ccr as root, else $XDG_DATA_HOME/ccr)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from restart" -l insecure-registry -d 'Allow plain HTTP and unverified TLS for the named registry (repeatable); bare, for every registry' -r
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from restart" -l initdata -d 'The initdata TOML the guest booted with (default /run/confidential-containers/initdata/initdata.toml when present)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from restart" -l snapshotter -d 'How container root file systems are made: overlayfs (over shared layer snapshots) or native (a copy)' -r -f -a "overlayfs\t''
native\t''"
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from restart" -l debug -d 'Print debug output'
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from restart" -l cvm -d 'Confidential-VM mode (see `ccr cvm status`; also mode = "cvm" in ccr.toml; on by itself in a Confidential Containers guest)'
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from restart" -s h -l help -d 'Print help'
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from restart" -s V -l version -d 'Print version'
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from kill" -s s -l signal -d 'SIGNAL to send to the container' -r
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from kill" -l data-root -d 'Root directory of persistent ccr state (default /var/lib/ccr as root, else $XDG_DATA_HOME/ccr)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from kill" -l insecure-registry -d 'Allow plain HTTP and unverified TLS for the named registry (repeatable); bare, for every registry' -r
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from kill" -l initdata -d 'The initdata TOML the guest booted with (default /run/confidential-containers/initdata/initdata.toml when present)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from kill" -l snapshotter -d 'How container root file systems are made: overlayfs (over shared layer snapshots) or native (a copy)' -r -f -a "overlayfs\t''
native\t''"
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from kill" -l debug -d 'Print debug output'
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from kill" -l cvm -d 'Confidential-VM mode (see `ccr cvm status`; also mode = "cvm" in ccr.toml; on by itself in a Confidential Containers guest)'
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from kill" -s h -l help -d 'Print help'
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from kill" -s V -l version -d 'Print version'
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from rm" -l data-root -d 'Root directory of persistent ccr state (default /var/lib/ccr as root, else $XDG_DATA_HOME/ccr)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from rm" -l insecure-registry -d 'Allow plain HTTP and unverified TLS for the named registry (repeatable); bare, for every registry' -r
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from rm" -l initdata -d 'The initdata TOML the guest booted with (default /run/confidential-containers/initdata/initdata.toml when present)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from rm" -l snapshotter -d 'How container root file systems are made: overlayfs (over shared layer snapshots) or native (a copy)' -r -f -a "overlayfs\t''
native\t''"
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from rm" -s f -l force -d 'Don\'t ask to confirm removal'
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from rm" -s s -l stop -d 'Stop the containers, if required, before removing'
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from rm" -s v -l volumes -d 'Remove any anonymous volumes attached to containers'
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from rm" -l debug -d 'Print debug output'
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from rm" -l cvm -d 'Confidential-VM mode (see `ccr cvm status`; also mode = "cvm" in ccr.toml; on by itself in a Confidential Containers guest)'
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help'
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from rm" -s V -l version -d 'Print version'
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from images" -l data-root -d 'Root directory of persistent ccr state (default /var/lib/ccr as root, else $XDG_DATA_HOME/ccr)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from images" -l insecure-registry -d 'Allow plain HTTP and unverified TLS for the named registry (repeatable); bare, for every registry' -r
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from images" -l initdata -d 'The initdata TOML the guest booted with (default /run/confidential-containers/initdata/initdata.toml when present)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from images" -l snapshotter -d 'How container root file systems are made: overlayfs (over shared layer snapshots) or native (a copy)' -r -f -a "overlayfs\t''
native\t''"
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from images" -l debug -d 'Print debug output'
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from images" -l cvm -d 'Confidential-VM mode (see `ccr cvm status`; also mode = "cvm" in ccr.toml; on by itself in a Confidential Containers guest)'
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from images" -s h -l help -d 'Print help'
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from images" -s V -l version -d 'Print version'
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from port" -l index -d 'Index of the container if the service has several replicas' -r
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from port" -l protocol -d 'tcp or udp' -r
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from port" -l data-root -d 'Root directory of persistent ccr state (default /var/lib/ccr as root, else $XDG_DATA_HOME/ccr)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from port" -l insecure-registry -d 'Allow plain HTTP and unverified TLS for the named registry (repeatable); bare, for every registry' -r
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from port" -l initdata -d 'The initdata TOML the guest booted with (default /run/confidential-containers/initdata/initdata.toml when present)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from port" -l snapshotter -d 'How container root file systems are made: overlayfs (over shared layer snapshots) or native (a copy)' -r -f -a "overlayfs\t''
native\t''"
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from port" -l debug -d 'Print debug output'
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from port" -l cvm -d 'Confidential-VM mode (see `ccr cvm status`; also mode = "cvm" in ccr.toml; on by itself in a Confidential Containers guest)'
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from port" -s h -l help -d 'Print help'
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from port" -s V -l version -d 'Print version'
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from top" -l data-root -d 'Root directory of persistent ccr state (default /var/lib/ccr as root, else $XDG_DATA_HOME/ccr)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from top" -l insecure-registry -d 'Allow plain HTTP and unverified TLS for the named registry (repeatable); bare, for every registry' -r
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from top" -l initdata -d 'The initdata TOML the guest booted with (default /run/confidential-containers/initdata/initdata.toml when present)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from top" -l snapshotter -d 'How container root file systems are made: overlayfs (over shared layer snapshots) or native (a copy)' -r -f -a "overlayfs\t''
native\t''"
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from top" -l debug -d 'Print debug output'
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from top" -l cvm -d 'Confidential-VM mode (see `ccr cvm status`; also mode = "cvm" in ccr.toml; on by itself in a Confidential Containers guest)'
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from top" -s h -l help -d 'Print help'
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from top" -s V -l version -d 'Print version'
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from ls" -l format -d 'Format the output: table or json' -r
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from ls" -l data-root -d 'Root directory of persistent ccr state (default /var/lib/ccr as root, else $XDG_DATA_HOME/ccr)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from ls" -l insecure-registry -d 'Allow plain HTTP and unverified TLS for the named registry (repeatable); bare, for every registry' -r
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from ls" -l initdata -d 'The initdata TOML the guest booted with (default /run/confidential-containers/initdata/initdata.toml when present)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from ls" -l snapshotter -d 'How container root file systems are made: overlayfs (over shared layer snapshots) or native (a copy)' -r -f -a "overlayfs\t''
native\t''"
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from ls" -s a -l all -d 'Show all stopped Compose projects'
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from ls" -s q -l quiet -d 'Only display project names'
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from ls" -l debug -d 'Print debug output'
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from ls" -l cvm -d 'Confidential-VM mode (see `ccr cvm status`; also mode = "cvm" in ccr.toml; on by itself in a Confidential Containers guest)'
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help'
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from ls" -s V -l version -d 'Print version'
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from version" -l data-root -d 'Root directory of persistent ccr state (default /var/lib/ccr as root, else $XDG_DATA_HOME/ccr)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from version" -l insecure-registry -d 'Allow plain HTTP and unverified TLS for the named registry (repeatable); bare, for every registry' -r
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from version" -l initdata -d 'The initdata TOML the guest booted with (default /run/confidential-containers/initdata/initdata.toml when present)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from version" -l snapshotter -d 'How container root file systems are made: overlayfs (over shared layer snapshots) or native (a copy)' -r -f -a "overlayfs\t''
native\t''"
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from version" -l debug -d 'Print debug output'
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from version" -l cvm -d 'Confidential-VM mode (see `ccr cvm status`; also mode = "cvm" in ccr.toml; on by itself in a Confidential Containers guest)'
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from version" -s h -l help -d 'Print help'
complete -c ccr -n "__fish_ccr_using_subcommand compose; and __fish_seen_subcommand_from version" -s V -l version -d 'Print version'
complete -c ccr -n "__fish_ccr_using_subcommand system; and not __fish_seen_subcommand_from prune info df" -l data-root -d 'Root directory of persistent ccr state (default /var/lib/ccr as root, else $XDG_DATA_HOME/ccr)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand system; and not __fish_seen_subcommand_from prune info df" -l insecure-registry -d 'Allow plain HTTP and unverified TLS for the named registry (repeatable); bare, for every registry' -r
complete -c ccr -n "__fish_ccr_using_subcommand system; and not __fish_seen_subcommand_from prune info df" -l initdata -d 'The initdata TOML the guest booted with (default /run/confidential-containers/initdata/initdata.toml when present)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand system; and not __fish_seen_subcommand_from prune info df" -l snapshotter -d 'How container root file systems are made: overlayfs (over shared layer snapshots) or native (a copy)' -r -f -a "overlayfs\t''
native\t''"
complete -c ccr -n "__fish_ccr_using_subcommand system; and not __fish_seen_subcommand_from prune info df" -l debug -d 'Print debug output'
complete -c ccr -n "__fish_ccr_using_subcommand system; and not __fish_seen_subcommand_from prune info df" -l cvm -d 'Confidential-VM mode (see `ccr cvm status`; also mode = "cvm" in ccr.toml; on by itself in a Confidential Containers guest)'
complete -c ccr -n "__fish_ccr_using_subcommand system; and not __fish_seen_subcommand_from prune info df" -s h -l help -d 'Print help'
complete -c ccr -n "__fish_ccr_using_subcommand system; and not __fish_seen_subcommand_from prune info df" -s V -l version -d 'Print version'
complete -c ccr -n "__fish_ccr_using_subcommand system; and not __fish_seen_subcommand_from prune info df" -f -a "prune" -d 'Remove stopped containers, dangling images (all unused ones with -a) and the build cache'
complete -c ccr -n "__fish_ccr_using_subcommand system; and not __fish_seen_subcommand_from prune info df" -f -a "info" -d 'Display system-wide information'
complete -c ccr -n "__fish_ccr_using_subcommand system; and not __fish_seen_subcommand_from prune info df" -f -a "df" -d 'Show what the data root holds and what a prune would free'
complete -c ccr -n "__fish_ccr_using_subcommand system; and __fish_seen_subcommand_from prune" -l data-root -d 'Root directory of persistent ccr state (default /var/lib/ccr as root, else $XDG_DATA_HOME/ccr)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand system; and __fish_seen_subcommand_from prune" -l insecure-registry -d 'Allow plain HTTP and unverified TLS for the named registry (repeatable); bare, for every registry' -r
complete -c ccr -n "__fish_ccr_using_subcommand system; and __fish_seen_subcommand_from prune" -l initdata -d 'The initdata TOML the guest booted with (default /run/confidential-containers/initdata/initdata.toml when present)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand system; and __fish_seen_subcommand_from prune" -l snapshotter -d 'How container root file systems are made: overlayfs (over shared layer snapshots) or native (a copy)' -r -f -a "overlayfs\t''
native\t''"
complete -c ccr -n "__fish_ccr_using_subcommand system; and __fish_seen_subcommand_from prune" -s a -l all -d 'Remove all unused images, not only dangling ones'
complete -c ccr -n "__fish_ccr_using_subcommand system; and __fish_seen_subcommand_from prune" -l volumes -d 'Also remove volumes no container uses'
complete -c ccr -n "__fish_ccr_using_subcommand system; and __fish_seen_subcommand_from prune" -s f -l force -d 'Do not prompt for confirmation'
complete -c ccr -n "__fish_ccr_using_subcommand system; and __fish_seen_subcommand_from prune" -l debug -d 'Print debug output'
complete -c ccr -n "__fish_ccr_using_subcommand system; and __fish_seen_subcommand_from prune" -l cvm -d 'Confidential-VM mode (see `ccr cvm status`; also mode = "cvm" in ccr.toml; on by itself in a Confidential Containers guest)'
complete -c ccr -n "__fish_ccr_using_subcommand system; and __fish_seen_subcommand_from prune" -s h -l help -d 'Print help'
complete -c ccr -n "__fish_ccr_using_subcommand system; and __fish_seen_subcommand_from prune" -s V -l version -d 'Print version'
complete -c ccr -n "__fish_ccr_using_subcommand system; and __fish_seen_subcommand_from info" -s f -l format -d 'Format the output: a Go template such as \'{{.Client.Version}}\', or json' -r
complete -c ccr -n "__fish_ccr_using_subcommand system; and __fish_seen_subcommand_from info" -l data-root -d 'Root directory of persistent ccr state (default /var/lib/ccr as root, else $XDG_DATA_HOME/ccr)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand system; and __fish_seen_subcommand_from info" -l insecure-registry -d 'Allow plain HTTP and unverified TLS for the named registry (repeatable); bare, for every registry' -r
complete -c ccr -n "__fish_ccr_using_subcommand system; and __fish_seen_subcommand_from info" -l initdata -d 'The initdata TOML the guest booted with (default /run/confidential-containers/initdata/initdata.toml when present)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand system; and __fish_seen_subcommand_from info" -l snapshotter -d 'How container root file systems are made: overlayfs (over shared layer snapshots) or native (a copy)' -r -f -a "overlayfs\t''
native\t''"
complete -c ccr -n "__fish_ccr_using_subcommand system; and __fish_seen_subcommand_from info" -l debug -d 'Print debug output'
complete -c ccr -n "__fish_ccr_using_subcommand system; and __fish_seen_subcommand_from info" -l cvm -d 'Confidential-VM mode (see `ccr cvm status`; also mode = "cvm" in ccr.toml; on by itself in a Confidential Containers guest)'
complete -c ccr -n "__fish_ccr_using_subcommand system; and __fish_seen_subcommand_from info" -s h -l help -d 'Print help'
complete -c ccr -n "__fish_ccr_using_subcommand system; and __fish_seen_subcommand_from info" -s V -l version -d 'Print version'
complete -c ccr -n "__fish_ccr_using_subcommand system; and __fish_seen_subcommand_from df" -l format -d 'Format the output: table, json, or a template' -r
complete -c ccr -n "__fish_ccr_using_subcommand system; and __fish_seen_subcommand_from df" -l data-root -d 'Root directory of persistent ccr state (default /var/lib/ccr as root, else $XDG_DATA_HOME/ccr)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand system; and __fish_seen_subcommand_from df" -l insecure-registry -d 'Allow plain HTTP and unverified TLS for the named registry (repeatable); bare, for every registry' -r
complete -c ccr -n "__fish_ccr_using_subcommand system; and __fish_seen_subcommand_from df" -l initdata -d 'The initdata TOML the guest booted with (default /run/confidential-containers/initdata/initdata.toml when present)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand system; and __fish_seen_subcommand_from df" -l snapshotter -d 'How container root file systems are made: overlayfs (over shared layer snapshots) or native (a copy)' -r -f -a "overlayfs\t''
native\t''"
complete -c ccr -n "__fish_ccr_using_subcommand system; and __fish_seen_subcommand_from df" -l debug -d 'Print debug output'
complete -c ccr -n "__fish_ccr_using_subcommand system; and __fish_seen_subcommand_from df" -l cvm -d 'Confidential-VM mode (see `ccr cvm status`; also mode = "cvm" in ccr.toml; on by itself in a Confidential Containers guest)'
complete -c ccr -n "__fish_ccr_using_subcommand system; and __fish_seen_subcommand_from df" -s h -l help -d 'Print help'
complete -c ccr -n "__fish_ccr_using_subcommand system; and __fish_seen_subcommand_from df" -s V -l version -d 'Print version'
complete -c ccr -n "__fish_ccr_using_subcommand restart" -s t -l time -d 'Seconds to wait before killing the container' -r
complete -c ccr -n "__fish_ccr_using_subcommand restart" -s s -l signal -d 'Signal to send first (default: the container\'s stop signal, else SIGTERM)' -r
complete -c ccr -n "__fish_ccr_using_subcommand restart" -l data-root -d 'Root directory of persistent ccr state (default /var/lib/ccr as root, else $XDG_DATA_HOME/ccr)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand restart" -l insecure-registry -d 'Allow plain HTTP and unverified TLS for the named registry (repeatable); bare, for every registry' -r
complete -c ccr -n "__fish_ccr_using_subcommand restart" -l initdata -d 'The initdata TOML the guest booted with (default /run/confidential-containers/initdata/initdata.toml when present)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand restart" -l snapshotter -d 'How container root file systems are made: overlayfs (over shared layer snapshots) or native (a copy)' -r -f -a "overlayfs\t''
native\t''"
complete -c ccr -n "__fish_ccr_using_subcommand restart" -l debug -d 'Print debug output'
complete -c ccr -n "__fish_ccr_using_subcommand restart" -l cvm -d 'Confidential-VM mode (see `ccr cvm status`; also mode = "cvm" in ccr.toml; on by itself in a Confidential Containers guest)'
complete -c ccr -n "__fish_ccr_using_subcommand restart" -s h -l help -d 'Print help'
complete -c ccr -n "__fish_ccr_using_subcommand restart" -s V -l version -d 'Print version'
complete -c ccr -n "__fish_ccr_using_subcommand wait" -l data-root -d 'Root directory of persistent ccr state (default /var/lib/ccr as root, else $XDG_DATA_HOME/ccr)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand wait" -l insecure-registry -d 'Allow plain HTTP and unverified TLS for the named registry (repeatable); bare, for every registry' -r
complete -c ccr -n "__fish_ccr_using_subcommand wait" -l initdata -d 'The initdata TOML the guest booted with (default /run/confidential-containers/initdata/initdata.toml when present)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand wait" -l snapshotter -d 'How container root file systems are made: overlayfs (over shared layer snapshots) or native (a copy)' -r -f -a "overlayfs\t''
native\t''"
complete -c ccr -n "__fish_ccr_using_subcommand wait" -l debug -d 'Print debug output'
complete -c ccr -n "__fish_ccr_using_subcommand wait" -l cvm -d 'Confidential-VM mode (see `ccr cvm status`; also mode = "cvm" in ccr.toml; on by itself in a Confidential Containers guest)'
complete -c ccr -n "__fish_ccr_using_subcommand wait" -s h -l help -d 'Print help'
complete -c ccr -n "__fish_ccr_using_subcommand wait" -s V -l version -d 'Print version'
complete -c ccr -n "__fish_ccr_using_subcommand container; and not __fish_seen_subcommand_from ls run create start stop restart kill rm logs exec inspect cp port rename wait pause unpause top stats attach update commit diff export prune" -l data-root -d 'Root directory of persistent ccr state (default /var/lib/ccr as root, else $XDG_DATA_HOME/ccr)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand container; and not __fish_seen_subcommand_from ls run create start stop restart kill rm logs exec inspect cp port rename wait pause unpause top stats attach update commit diff export prune" -l insecure-registry -d 'Allow plain HTTP and unverified TLS for the named registry (repeatable); bare, for every registry' -r
complete -c ccr -n "__fish_ccr_using_subcommand container; and not __fish_seen_subcommand_from ls run create start stop restart kill rm logs exec inspect cp port rename wait pause unpause top stats attach update commit diff export prune" -l initdata -d 'The initdata TOML the guest booted with (default /run/confidential-containers/initdata/initdata.toml when present)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand container; and not __fish_seen_subcommand_from ls run create start stop restart kill rm logs exec inspect cp port rename wait pause unpause top stats attach update commit diff export prune" -l snapshotter -d 'How container root file systems are made: overlayfs (over shared layer snapshots) or native (a copy)' -r -f -a "overlayfs\t''
native\t''"
complete -c ccr -n "__fish_ccr_using_subcommand container; and not __fish_seen_subcommand_from ls run create start stop restart kill rm logs exec inspect cp port rename wait pause unpause top stats attach update commit diff export prune" -l debug -d 'Print debug output'
complete -c ccr -n "__fish_ccr_using_subcommand container; and not __fish_seen_subcommand_from ls run create start stop restart kill rm logs exec inspect cp port rename wait pause unpause top stats attach update commit diff export prune" -l cvm -d 'Confidential-VM mode (see `ccr cvm status`; also mode = "cvm" in ccr.toml; on by itself in a Confidential Containers guest)'
complete -c ccr -n "__fish_ccr_using_subcommand container; and not __fish_seen_subcommand_from ls run create start stop restart kill rm logs exec inspect cp port rename wait pause unpause top stats attach update commit diff export prune" -s h -l help -d 'Print help'
complete -c ccr -n "__fish_ccr_using_subcommand container; and not __fish_seen_subcommand_from ls run create start stop restart kill rm logs exec inspect cp port rename wait pause unpause top stats attach update commit diff export prune" -s V -l version -d 'Print version'
complete -c ccr -n "__fish_ccr_using_subcommand container; and not __fish_seen_subcommand_from ls run create start stop restart kill rm logs exec inspect cp port rename wait pause unpause top stats attach update commit diff export prune" -f -a "ls" -d 'List containers'
complete -c ccr -n "__fish_ccr_using_subcommand container; and not __fish_seen_subcommand_from ls run create start stop restart kill rm logs exec inspect cp port rename wait pause unpause top stats attach update commit diff export prune" -f -a "run" -d 'Run a command in a new container'
complete -c ccr -n "__fish_ccr_using_subcommand container; and not __fish_seen_subcommand_from ls run create start stop restart kill rm logs exec inspect cp port rename wait pause unpause top stats attach update commit diff export prune" -f -a "create" -d 'Create a new container'
complete -c ccr -n "__fish_ccr_using_subcommand container; and not __fish_seen_subcommand_from ls run create start stop restart kill rm logs exec inspect cp port rename wait pause unpause top stats attach update commit diff export prune" -f -a "start" -d 'Start one or more stopped containers'
complete -c ccr -n "__fish_ccr_using_subcommand container; and not __fish_seen_subcommand_from ls run create start stop restart kill rm logs exec inspect cp port rename wait pause unpause top stats attach update commit diff export prune" -f -a "stop" -d 'Stop one or more running containers'
complete -c ccr -n "__fish_ccr_using_subcommand container; and not __fish_seen_subcommand_from ls run create start stop restart kill rm logs exec inspect cp port rename wait pause unpause top stats attach update commit diff export prune" -f -a "restart" -d 'Restart one or more containers'
complete -c ccr -n "__fish_ccr_using_subcommand container; and not __fish_seen_subcommand_from ls run create start stop restart kill rm logs exec inspect cp port rename wait pause unpause top stats attach update commit diff export prune" -f -a "kill" -d 'Kill one or more running containers'
complete -c ccr -n "__fish_ccr_using_subcommand container; and not __fish_seen_subcommand_from ls run create start stop restart kill rm logs exec inspect cp port rename wait pause unpause top stats attach update commit diff export prune" -f -a "rm" -d 'Remove one or more containers'
complete -c ccr -n "__fish_ccr_using_subcommand container; and not __fish_seen_subcommand_from ls run create start stop restart kill rm logs exec inspect cp port rename wait pause unpause top stats attach update commit diff export prune" -f -a "logs" -d 'Fetch the logs of a container'
complete -c ccr -n "__fish_ccr_using_subcommand container; and not __fish_seen_subcommand_from ls run create start stop restart kill rm logs exec inspect cp port rename wait pause unpause top stats attach update commit diff export prune" -f -a "exec" -d 'Run a command in a running container'
complete -c ccr -n "__fish_ccr_using_subcommand container; and not __fish_seen_subcommand_from ls run create start stop restart kill rm logs exec inspect cp port rename wait pause unpause top stats attach update commit diff export prune" -f -a "inspect" -d 'Display detailed information on one or more containers'
complete -c ccr -n "__fish_ccr_using_subcommand container; and not __fish_seen_subcommand_from ls run create start stop restart kill rm logs exec inspect cp port rename wait pause unpause top stats attach update commit diff export prune" -f -a "cp" -d 'Copy files between a container and the host'
complete -c ccr -n "__fish_ccr_using_subcommand container; and not __fish_seen_subcommand_from ls run create start stop restart kill rm logs exec inspect cp port rename wait pause unpause top stats attach update commit diff export prune" -f -a "port" -d 'List port mappings of a container'
complete -c ccr -n "__fish_ccr_using_subcommand container; and not __fish_seen_subcommand_from ls run create start stop restart kill rm logs exec inspect cp port rename wait pause unpause top stats attach update commit diff export prune" -f -a "rename" -d 'Rename a container'
complete -c ccr -n "__fish_ccr_using_subcommand container; and not __fish_seen_subcommand_from ls run create start stop restart kill rm logs exec inspect cp port rename wait pause unpause top stats attach update commit diff export prune" -f -a "wait" -d 'Block until one or more containers stop'
complete -c ccr -n "__fish_ccr_using_subcommand container; and not __fish_seen_subcommand_from ls run create start stop restart kill rm logs exec inspect cp port rename wait pause unpause top stats attach update commit diff export prune" -f -a "pause" -d 'Pause all processes within one or more containers'
complete -c ccr -n "__fish_ccr_using_subcommand container; and not __fish_seen_subcommand_from ls run create start stop restart kill rm logs exec inspect cp port rename wait pause unpause top stats attach update commit diff export prune" -f -a "unpause" -d 'Unpause all processes within one or more containers'
complete -c ccr -n "__fish_ccr_using_subcommand container; and not __fish_seen_subcommand_from ls run create start stop restart kill rm logs exec inspect cp port rename wait pause unpause top stats attach update commit diff export prune" -f -a "top" -d 'Display the running processes of a container'
complete -c ccr -n "__fish_ccr_using_subcommand container; and not __fish_seen_subcommand_from ls run create start stop restart kill rm logs exec inspect cp port rename wait pause unpause top stats attach update commit diff export prune" -f -a "stats" -d 'Display a live stream of container resource usage'
complete -c ccr -n "__fish_ccr_using_subcommand container; and not __fish_seen_subcommand_from ls run create start stop restart kill rm logs exec inspect cp port rename wait pause unpause top stats attach update commit diff export prune" -f -a "attach" -d 'Attach to a running container\'s output'
complete -c ccr -n "__fish_ccr_using_subcommand container; and not __fish_seen_subcommand_from ls run create start stop restart kill rm logs exec inspect cp port rename wait pause unpause top stats attach update commit diff export prune" -f -a "update" -d 'Update the resource limits and restart policy of containers'
complete -c ccr -n "__fish_ccr_using_subcommand container; and not __fish_seen_subcommand_from ls run create start stop restart kill rm logs exec inspect cp port rename wait pause unpause top stats attach update commit diff export prune" -f -a "commit" -d 'Create a new image from a container\'s changes'
complete -c ccr -n "__fish_ccr_using_subcommand container; and not __fish_seen_subcommand_from ls run create start stop restart kill rm logs exec inspect cp port rename wait pause unpause top stats attach update commit diff export prune" -f -a "diff" -d 'Inspect changes to files on a container\'s filesystem'
complete -c ccr -n "__fish_ccr_using_subcommand container; and not __fish_seen_subcommand_from ls run create start stop restart kill rm logs exec inspect cp port rename wait pause unpause top stats attach update commit diff export prune" -f -a "export" -d 'Export a container\'s filesystem as a tar archive'
complete -c ccr -n "__fish_ccr_using_subcommand container; and not __fish_seen_subcommand_from ls run create start stop restart kill rm logs exec inspect cp port rename wait pause unpause top stats attach update commit diff export prune" -f -a "prune" -d 'Remove all stopped containers'
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from ls" -l format -d 'Format the output: table, json, or a template' -r
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from ls" -s f -l filter -d 'Filter output: status=, name=, id=, label=, ancestor=, exited=, network=, volume=, health=' -r
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from ls" -s n -l last -d 'Show the n last created containers (includes all states)' -r
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from ls" -l data-root -d 'Root directory of persistent ccr state (default /var/lib/ccr as root, else $XDG_DATA_HOME/ccr)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from ls" -l insecure-registry -d 'Allow plain HTTP and unverified TLS for the named registry (repeatable); bare, for every registry' -r
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from ls" -l initdata -d 'The initdata TOML the guest booted with (default /run/confidential-containers/initdata/initdata.toml when present)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from ls" -l snapshotter -d 'How container root file systems are made: overlayfs (over shared layer snapshots) or native (a copy)' -r -f -a "overlayfs\t''
native\t''"
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from ls" -s a -l all -d 'Show all containers (default shows just running)'
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from ls" -s q -l quiet -d 'Only display container IDs'
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from ls" -l no-trunc -d 'Don\'t truncate output'
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from ls" -s l -l latest -d 'Show the latest created container (includes all states)'
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from ls" -s s -l size -d 'Display total file sizes (of each container\'s writable layer)'
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from ls" -l debug -d 'Print debug output'
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from ls" -l cvm -d 'Confidential-VM mode (see `ccr cvm status`; also mode = "cvm" in ccr.toml; on by itself in a Confidential Containers guest)'
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help'
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from ls" -s V -l version -d 'Print version'
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from run" -l name -d 'Assign a name to the container' -r
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from run" -s e -l env -d 'Set an environment variable (KEY=VALUE, or KEY to take it from this environment)' -r
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from run" -l env-file -d 'Read environment variables from a file' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from run" -s v -l volume -d 'Bind mount a host path or a named volume: SRC:DST[:OPTS], or /PATH for an anonymous volume' -r
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from run" -l mount -d 'Attach a filesystem mount: type=bind|volume|tmpfs,source=SRC,target=DST[,readonly]' -r
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from run" -l volumes-from -d 'Mount the volumes of another container: CONTAINER[:ro|rw]' -r
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from run" -s w -l workdir -d 'Working directory inside the container' -r
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from run" -s u -l user -d 'User (name|uid[:group|gid])' -r
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from run" -l entrypoint -d 'Overwrite the image\'s entrypoint' -r
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from run" -l hostname -d 'Container host name' -r
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from run" -l tmpfs -d 'Mount a tmpfs: PATH[:OPTIONS] (e.g. /run:size=64m,mode=1777)' -r
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from run" -l stop-signal -d 'Signal to stop the container with (default: the image\'s STOPSIGNAL, else SIGTERM)' -r
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from run" -l network -d 'Connect to a network: bridge (the default), none (loopback only), host, container:NAME, or a network\'s name (repeatable)' -r
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from run" -l network-alias -d 'Add a network-scoped alias for the container (repeatable)' -r
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from run" -s l -l label -d 'Set metadata on the container: KEY=VALUE (repeatable)' -r
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from run" -l restart -d 'Restart policy: no, always, unless-stopped, on-failure[:max-retries]' -r
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from run" -l health-cmd -d 'Command to run to check health (run with /bin/sh -c)' -r
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from run" -l health-interval -d 'Time between running the check (e.g. 30s, 1m30s)' -r
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from run" -l health-timeout -d 'Maximum time to allow one check to run' -r
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from run" -l health-retries -d 'Consecutive failures needed to report unhealthy' -r
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from run" -l health-start-period -d 'Start period for the container to initialize before failures count' -r
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from run" -l health-start-interval -d 'Time between running the check during the start period' -r
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from run" -s m -l memory -d 'Memory limit (e.g. 64m, 1g)' -r
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from run" -l cpus -d 'Number of CPUs (e.g. 0.5)' -r
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from run" -l pids-limit -d 'Tune the container\'s pids limit (-1 for unlimited)' -r
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from run" -l shm-size -d 'Size of /dev/shm (e.g. 64m)' -r
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from run" -l add-host -d 'Add a custom host-to-IP mapping: HOST:IP (repeatable)' -r
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from run" -l dns -d 'Set custom DNS servers (repeatable)' -r
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from run" -l dns-search -d 'Set custom DNS search domains (repeatable)' -r
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from run" -l cap-add -d 'Add Linux capabilities (repeatable)' -r
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from run" -l cap-drop -d 'Drop Linux capabilities (repeatable; ALL drops every one)' -r
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from run" -l gpus -d 'GPU devices to add (not supported: ccr passes no GPUs through)' -r
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from run" -l device -d 'Host devices to add (not supported: ccr passes no devices through)' -r
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from run" -l sig-proxy -d 'Proxy received signals to the container\'s process (foreground runs)' -r -f -a "true\t''
false\t''"
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from run" -s p -l publish -d 'Publish a container port on the host: [IP:]HOST_PORT:CONTAINER_PORT[/PROTO]' -r
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from run" -l platform -d 'Platform (OS/ARCH[/VARIANT]; default: this host\'s)' -r
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from run" -l pull -d 'When to pull the image' -r -f -a "missing\t''
always\t''
never\t''"
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from run" -l verify -d 'Verify the image before using it' -r -f -a "none\t''
cosign\t''"
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from run" -l cosign-key -d 'Public key to verify cosign signatures with (repeatable: any one may have signed)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from run" -l cosign-certificate-identity -d 'Keyless: the signer\'s certificate identity' -r
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from run" -l cosign-certificate-identity-regexp -d 'Keyless: a regular expression for the signer\'s certificate identity' -r
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from run" -l cosign-certificate-oidc-issuer -d 'Keyless: the OIDC issuer of the signer\'s certificate' -r
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from run" -l cosign-certificate-oidc-issuer-regexp -d 'Keyless: a regular expression for the OIDC issuer' -r
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from run" -l signature-policy -d 'Trust policy (containers-policy.json format); default from ccr.toml' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from run" -l decryption-key -d 'Key for encrypted layers: PRIV.pem[:PASSWORD] (PEM or JWK), kbs:///R/T/TAG=KEK-FILE, or kbs:///R/T/TAG (fetched from the KBS after attestation) (repeatable)' -r
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from run" -l kbs-url -d 'The KBS (http[s]://HOST:PORT); default from CCR_KBS_URL, kbs_url in ccr.toml, or agent.aa_kbc_params on the kernel command line' -r
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from run" -l kbs-cert -d 'CA certificate (PEM) for an HTTPS KBS' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from run" -l tee -d 'The TEE whose evidence is sent' -r -f -a "auto\t'The guest\'s TEE (TDX or SNP via configfs-tsm); fails when there is none'
sample\t'Development only: evidence that proves nothing'
tdx\t''
snp\t''"
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from run" -l tee-key -d 'The kind of the session\'s ephemeral key' -r -f -a "ec\t''
rsa\t''"
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from run" -l tsm-report-dir -d 'Where configfs-tsm reports are made' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from run" -l data-root -d 'Root directory of persistent ccr state (default /var/lib/ccr as root, else $XDG_DATA_HOME/ccr)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from run" -l insecure-registry -d 'Allow plain HTTP and unverified TLS for the named registry (repeatable); bare, for every registry' -r
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from run" -l initdata -d 'The initdata TOML the guest booted with (default /run/confidential-containers/initdata/initdata.toml when present)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from run" -l snapshotter -d 'How container root file systems are made: overlayfs (over shared layer snapshots) or native (a copy)' -r -f -a "overlayfs\t''
native\t''"
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from run" -l rm -d 'Remove the container when it exits'
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from run" -s i -l interactive -d 'Keep standard input open: the container reads it (foreground runs)'
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from run" -s t -l tty -d 'Allocate a pseudo-TTY'
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from run" -s d -l detach -d 'Run in the background and print the container ID'
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from run" -l read-only -d 'Mount the container\'s root file system read-only'
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from run" -l no-healthcheck -d 'Disable any container-specified HEALTHCHECK'
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from run" -l privileged -d 'Give extended privileges to this container'
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from run" -l init -d 'Run an init inside the container that forwards signals and reaps processes'
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from run" -s q -l quiet -d 'Suppress the pull output'
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from run" -l verify-sbom -d 'Refuse the image unless its signed SBOM attestation (--cosign-key) lists exactly the packages in its content'
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from run" -l debug -d 'Print debug output'
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from run" -l cvm -d 'Confidential-VM mode (see `ccr cvm status`; also mode = "cvm" in ccr.toml; on by itself in a Confidential Containers guest)'
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from run" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from run" -s V -l version -d 'Print version'
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from create" -l name -d 'Assign a name to the container' -r
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from create" -s e -l env -d 'Set an environment variable (KEY=VALUE, or KEY to take it from this environment)' -r
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from create" -l env-file -d 'Read environment variables from a file' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from create" -s v -l volume -d 'Bind mount a host path or a named volume: SRC:DST[:OPTS], or /PATH for an anonymous volume' -r
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from create" -l mount -d 'Attach a filesystem mount: type=bind|volume|tmpfs,source=SRC,target=DST[,readonly]' -r
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from create" -l volumes-from -d 'Mount the volumes of another container: CONTAINER[:ro|rw]' -r
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from create" -s w -l workdir -d 'Working directory inside the container' -r
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from create" -s u -l user -d 'User (name|uid[:group|gid])' -r
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from create" -l entrypoint -d 'Overwrite the image\'s entrypoint' -r
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from create" -l hostname -d 'Container host name' -r
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from create" -l tmpfs -d 'Mount a tmpfs: PATH[:OPTIONS] (e.g. /run:size=64m,mode=1777)' -r
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from create" -l stop-signal -d 'Signal to stop the container with (default: the image\'s STOPSIGNAL, else SIGTERM)' -r
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from create" -l network -d 'Connect to a network: bridge (the default), none (loopback only), host, container:NAME, or a network\'s name (repeatable)' -r
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from create" -l network-alias -d 'Add a network-scoped alias for the container (repeatable)' -r
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from create" -s l -l label -d 'Set metadata on the container: KEY=VALUE (repeatable)' -r
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from create" -l restart -d 'Restart policy: no, always, unless-stopped, on-failure[:max-retries]' -r
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from create" -l health-cmd -d 'Command to run to check health (run with /bin/sh -c)' -r
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from create" -l health-interval -d 'Time between running the check (e.g. 30s, 1m30s)' -r
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from create" -l health-timeout -d 'Maximum time to allow one check to run' -r
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from create" -l health-retries -d 'Consecutive failures needed to report unhealthy' -r
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from create" -l health-start-period -d 'Start period for the container to initialize before failures count' -r
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from create" -l health-start-interval -d 'Time between running the check during the start period' -r
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from create" -s m -l memory -d 'Memory limit (e.g. 64m, 1g)' -r
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from create" -l cpus -d 'Number of CPUs (e.g. 0.5)' -r
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from create" -l pids-limit -d 'Tune the container\'s pids limit (-1 for unlimited)' -r
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from create" -l shm-size -d 'Size of /dev/shm (e.g. 64m)' -r
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from create" -l add-host -d 'Add a custom host-to-IP mapping: HOST:IP (repeatable)' -r
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from create" -l dns -d 'Set custom DNS servers (repeatable)' -r
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from create" -l dns-search -d 'Set custom DNS search domains (repeatable)' -r
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from create" -l cap-add -d 'Add Linux capabilities (repeatable)' -r
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from create" -l cap-drop -d 'Drop Linux capabilities (repeatable; ALL drops every one)' -r
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from create" -l gpus -d 'GPU devices to add (not supported: ccr passes no GPUs through)' -r
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from create" -l device -d 'Host devices to add (not supported: ccr passes no devices through)' -r
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from create" -l sig-proxy -d 'Proxy received signals to the container\'s process (foreground runs)' -r -f -a "true\t''
false\t''"
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from create" -s p -l publish -d 'Publish a container port on the host: [IP:]HOST_PORT:CONTAINER_PORT[/PROTO]' -r
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from create" -l platform -d 'Platform (OS/ARCH[/VARIANT]; default: this host\'s)' -r
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from create" -l pull -d 'When to pull the image' -r -f -a "missing\t''
always\t''
never\t''"
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from create" -l verify -d 'Verify the image before using it' -r -f -a "none\t''
cosign\t''"
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from create" -l cosign-key -d 'Public key to verify cosign signatures with (repeatable: any one may have signed)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from create" -l cosign-certificate-identity -d 'Keyless: the signer\'s certificate identity' -r
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from create" -l cosign-certificate-identity-regexp -d 'Keyless: a regular expression for the signer\'s certificate identity' -r
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from create" -l cosign-certificate-oidc-issuer -d 'Keyless: the OIDC issuer of the signer\'s certificate' -r
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from create" -l cosign-certificate-oidc-issuer-regexp -d 'Keyless: a regular expression for the OIDC issuer' -r
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from create" -l signature-policy -d 'Trust policy (containers-policy.json format); default from ccr.toml' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from create" -l decryption-key -d 'Key for encrypted layers: PRIV.pem[:PASSWORD] (PEM or JWK), kbs:///R/T/TAG=KEK-FILE, or kbs:///R/T/TAG (fetched from the KBS after attestation) (repeatable)' -r
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from create" -l kbs-url -d 'The KBS (http[s]://HOST:PORT); default from CCR_KBS_URL, kbs_url in ccr.toml, or agent.aa_kbc_params on the kernel command line' -r
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from create" -l kbs-cert -d 'CA certificate (PEM) for an HTTPS KBS' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from create" -l tee -d 'The TEE whose evidence is sent' -r -f -a "auto\t'The guest\'s TEE (TDX or SNP via configfs-tsm); fails when there is none'
sample\t'Development only: evidence that proves nothing'
tdx\t''
snp\t''"
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from create" -l tee-key -d 'The kind of the session\'s ephemeral key' -r -f -a "ec\t''
rsa\t''"
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from create" -l tsm-report-dir -d 'Where configfs-tsm reports are made' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from create" -l data-root -d 'Root directory of persistent ccr state (default /var/lib/ccr as root, else $XDG_DATA_HOME/ccr)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from create" -l insecure-registry -d 'Allow plain HTTP and unverified TLS for the named registry (repeatable); bare, for every registry' -r
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from create" -l initdata -d 'The initdata TOML the guest booted with (default /run/confidential-containers/initdata/initdata.toml when present)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from create" -l snapshotter -d 'How container root file systems are made: overlayfs (over shared layer snapshots) or native (a copy)' -r -f -a "overlayfs\t''
native\t''"
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from create" -l rm -d 'Remove the container when it exits'
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from create" -s i -l interactive -d 'Keep standard input open: the container reads it (foreground runs)'
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from create" -s t -l tty -d 'Allocate a pseudo-TTY'
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from create" -s d -l detach -d 'Run in the background and print the container ID'
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from create" -l read-only -d 'Mount the container\'s root file system read-only'
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from create" -l no-healthcheck -d 'Disable any container-specified HEALTHCHECK'
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from create" -l privileged -d 'Give extended privileges to this container'
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from create" -l init -d 'Run an init inside the container that forwards signals and reaps processes'
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from create" -s q -l quiet -d 'Suppress the pull output'
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from create" -l verify-sbom -d 'Refuse the image unless its signed SBOM attestation (--cosign-key) lists exactly the packages in its content'
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from create" -l debug -d 'Print debug output'
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from create" -l cvm -d 'Confidential-VM mode (see `ccr cvm status`; also mode = "cvm" in ccr.toml; on by itself in a Confidential Containers guest)'
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from create" -s V -l version -d 'Print version'
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from start" -l data-root -d 'Root directory of persistent ccr state (default /var/lib/ccr as root, else $XDG_DATA_HOME/ccr)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from start" -l insecure-registry -d 'Allow plain HTTP and unverified TLS for the named registry (repeatable); bare, for every registry' -r
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from start" -l initdata -d 'The initdata TOML the guest booted with (default /run/confidential-containers/initdata/initdata.toml when present)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from start" -l snapshotter -d 'How container root file systems are made: overlayfs (over shared layer snapshots) or native (a copy)' -r -f -a "overlayfs\t''
native\t''"
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from start" -s a -l attach -d 'Attach the container\'s output and wait for it to exit (one container)'
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from start" -s i -l interactive -d 'Attach the container\'s input (not supported: a started container\'s input is its own)'
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from start" -l debug -d 'Print debug output'
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from start" -l cvm -d 'Confidential-VM mode (see `ccr cvm status`; also mode = "cvm" in ccr.toml; on by itself in a Confidential Containers guest)'
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from start" -s h -l help -d 'Print help'
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from start" -s V -l version -d 'Print version'
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from stop" -s t -l time -d 'Seconds to wait before killing the container' -r
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from stop" -s s -l signal -d 'Signal to send first (default: the container\'s stop signal, else SIGTERM)' -r
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from stop" -l data-root -d 'Root directory of persistent ccr state (default /var/lib/ccr as root, else $XDG_DATA_HOME/ccr)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from stop" -l insecure-registry -d 'Allow plain HTTP and unverified TLS for the named registry (repeatable); bare, for every registry' -r
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from stop" -l initdata -d 'The initdata TOML the guest booted with (default /run/confidential-containers/initdata/initdata.toml when present)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from stop" -l snapshotter -d 'How container root file systems are made: overlayfs (over shared layer snapshots) or native (a copy)' -r -f -a "overlayfs\t''
native\t''"
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from stop" -l debug -d 'Print debug output'
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from stop" -l cvm -d 'Confidential-VM mode (see `ccr cvm status`; also mode = "cvm" in ccr.toml; on by itself in a Confidential Containers guest)'
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from stop" -s h -l help -d 'Print help'
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from stop" -s V -l version -d 'Print version'
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from restart" -s t -l time -d 'Seconds to wait before killing the container' -r
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from restart" -s s -l signal -d 'Signal to send first (default: the container\'s stop signal, else SIGTERM)' -r
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from restart" -l data-root -d 'Root directory of persistent ccr state (default /var/lib/ccr as root, else $XDG_DATA_HOME/ccr)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from restart" -l insecure-registry -d 'Allow plain HTTP and unverified TLS for the named registry (repeatable); bare, for every registry' -r
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from restart" -l initdata -d 'The initdata TOML the guest booted with (default /run/confidential-containers/initdata/initdata.toml when present)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from restart" -l snapshotter -d 'How container root file systems are made: overlayfs (over shared layer snapshots) or native (a copy)' -r -f -a "overlayfs\t''
native\t''"
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from restart" -l debug -d 'Print debug output'
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from restart" -l cvm -d 'Confidential-VM mode (see `ccr cvm status`; also mode = "cvm" in ccr.toml; on by itself in a Confidential Containers guest)'
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from restart" -s h -l help -d 'Print help'
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from restart" -s V -l version -d 'Print version'
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from kill" -s s -l signal -d 'Signal to send' -r
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from kill" -l data-root -d 'Root directory of persistent ccr state (default /var/lib/ccr as root, else $XDG_DATA_HOME/ccr)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from kill" -l insecure-registry -d 'Allow plain HTTP and unverified TLS for the named registry (repeatable); bare, for every registry' -r
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from kill" -l initdata -d 'The initdata TOML the guest booted with (default /run/confidential-containers/initdata/initdata.toml when present)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from kill" -l snapshotter -d 'How container root file systems are made: overlayfs (over shared layer snapshots) or native (a copy)' -r -f -a "overlayfs\t''
native\t''"
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from kill" -l debug -d 'Print debug output'
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from kill" -l cvm -d 'Confidential-VM mode (see `ccr cvm status`; also mode = "cvm" in ccr.toml; on by itself in a Confidential Containers guest)'
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from kill" -s h -l help -d 'Print help'
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from kill" -s V -l version -d 'Print version'
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from rm" -l data-root -d 'Root directory of persistent ccr state (default /var/lib/ccr as root, else $XDG_DATA_HOME/ccr)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from rm" -l insecure-registry -d 'Allow plain HTTP and unverified TLS for the named registry (repeatable); bare, for every registry' -r
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from rm" -l initdata -d 'The initdata TOML the guest booted with (default /run/confidential-containers/initdata/initdata.toml when present)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from rm" -l snapshotter -d 'How container root file systems are made: overlayfs (over shared layer snapshots) or native (a copy)' -r -f -a "overlayfs\t''
native\t''"
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from rm" -s f -l force -d 'Force the removal of a running container'
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from rm" -s v -l volumes -d 'Remove anonymous volumes associated with the container'
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from rm" -l debug -d 'Print debug output'
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from rm" -l cvm -d 'Confidential-VM mode (see `ccr cvm status`; also mode = "cvm" in ccr.toml; on by itself in a Confidential Containers guest)'
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help'
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from rm" -s V -l version -d 'Print version'
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from logs" -s n -l tail -d 'Number of lines to show from the end of the logs' -r
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from logs" -l since -d 'Show logs since a time (RFC 3339, Unix seconds) or for a duration back (e.g. 10m)' -r
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from logs" -l until -d 'Show logs before a time (RFC 3339, Unix seconds) or a duration back (e.g. 10m)' -r
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from logs" -l data-root -d 'Root directory of persistent ccr state (default /var/lib/ccr as root, else $XDG_DATA_HOME/ccr)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from logs" -l insecure-registry -d 'Allow plain HTTP and unverified TLS for the named registry (repeatable); bare, for every registry' -r
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from logs" -l initdata -d 'The initdata TOML the guest booted with (default /run/confidential-containers/initdata/initdata.toml when present)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from logs" -l snapshotter -d 'How container root file systems are made: overlayfs (over shared layer snapshots) or native (a copy)' -r -f -a "overlayfs\t''
native\t''"
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from logs" -s f -l follow -d 'Follow log output'
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from logs" -s t -l timestamps -d 'Show timestamps'
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from logs" -l debug -d 'Print debug output'
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from logs" -l cvm -d 'Confidential-VM mode (see `ccr cvm status`; also mode = "cvm" in ccr.toml; on by itself in a Confidential Containers guest)'
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from logs" -s h -l help -d 'Print help'
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from logs" -s V -l version -d 'Print version'
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from exec" -s e -l env -d 'Set an environment variable' -r
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from exec" -l env-file -d 'Read environment variables from a file' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from exec" -s w -l workdir -d 'Working directory inside the container' -r
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from exec" -s u -l user -d 'Username or UID (format: <name|uid>[:<group|gid>])' -r
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from exec" -l data-root -d 'Root directory of persistent ccr state (default /var/lib/ccr as root, else $XDG_DATA_HOME/ccr)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from exec" -l insecure-registry -d 'Allow plain HTTP and unverified TLS for the named registry (repeatable); bare, for every registry' -r
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from exec" -l initdata -d 'The initdata TOML the guest booted with (default /run/confidential-containers/initdata/initdata.toml when present)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from exec" -l snapshotter -d 'How container root file systems are made: overlayfs (over shared layer snapshots) or native (a copy)' -r -f -a "overlayfs\t''
native\t''"
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from exec" -s d -l detach -d 'Detached mode: run the command in the background'
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from exec" -s i -l interactive -d 'Keep standard input open: the process reads it'
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from exec" -s t -l tty -d 'Allocate a pseudo-TTY'
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from exec" -l debug -d 'Print debug output'
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from exec" -l cvm -d 'Confidential-VM mode (see `ccr cvm status`; also mode = "cvm" in ccr.toml; on by itself in a Confidential Containers guest)'
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from exec" -s h -l help -d 'Print help'
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from exec" -s V -l version -d 'Print version'
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from inspect" -s f -l format -d 'Format the output using a template' -r
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from inspect" -l type -d 'Only this kind of object: container or image' -r -f -a "container\t''
image\t''"
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from inspect" -l data-root -d 'Root directory of persistent ccr state (default /var/lib/ccr as root, else $XDG_DATA_HOME/ccr)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from inspect" -l insecure-registry -d 'Allow plain HTTP and unverified TLS for the named registry (repeatable); bare, for every registry' -r
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from inspect" -l initdata -d 'The initdata TOML the guest booted with (default /run/confidential-containers/initdata/initdata.toml when present)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from inspect" -l snapshotter -d 'How container root file systems are made: overlayfs (over shared layer snapshots) or native (a copy)' -r -f -a "overlayfs\t''
native\t''"
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from inspect" -l debug -d 'Print debug output'
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from inspect" -l cvm -d 'Confidential-VM mode (see `ccr cvm status`; also mode = "cvm" in ccr.toml; on by itself in a Confidential Containers guest)'
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from inspect" -s h -l help -d 'Print help'
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from inspect" -s V -l version -d 'Print version'
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from cp" -l data-root -d 'Root directory of persistent ccr state (default /var/lib/ccr as root, else $XDG_DATA_HOME/ccr)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from cp" -l insecure-registry -d 'Allow plain HTTP and unverified TLS for the named registry (repeatable); bare, for every registry' -r
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from cp" -l initdata -d 'The initdata TOML the guest booted with (default /run/confidential-containers/initdata/initdata.toml when present)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from cp" -l snapshotter -d 'How container root file systems are made: overlayfs (over shared layer snapshots) or native (a copy)' -r -f -a "overlayfs\t''
native\t''"
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from cp" -s a -l archive -d 'Archive mode: keep owners (uid and gid)'
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from cp" -l debug -d 'Print debug output'
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from cp" -l cvm -d 'Confidential-VM mode (see `ccr cvm status`; also mode = "cvm" in ccr.toml; on by itself in a Confidential Containers guest)'
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from cp" -s h -l help -d 'Print help'
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from cp" -s V -l version -d 'Print version'
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from port" -l data-root -d 'Root directory of persistent ccr state (default /var/lib/ccr as root, else $XDG_DATA_HOME/ccr)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from port" -l insecure-registry -d 'Allow plain HTTP and unverified TLS for the named registry (repeatable); bare, for every registry' -r
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from port" -l initdata -d 'The initdata TOML the guest booted with (default /run/confidential-containers/initdata/initdata.toml when present)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from port" -l snapshotter -d 'How container root file systems are made: overlayfs (over shared layer snapshots) or native (a copy)' -r -f -a "overlayfs\t''
native\t''"
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from port" -l debug -d 'Print debug output'
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from port" -l cvm -d 'Confidential-VM mode (see `ccr cvm status`; also mode = "cvm" in ccr.toml; on by itself in a Confidential Containers guest)'
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from port" -s h -l help -d 'Print help'
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from port" -s V -l version -d 'Print version'
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from rename" -l data-root -d 'Root directory of persistent ccr state (default /var/lib/ccr as root, else $XDG_DATA_HOME/ccr)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from rename" -l insecure-registry -d 'Allow plain HTTP and unverified TLS for the named registry (repeatable); bare, for every registry' -r
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from rename" -l initdata -d 'The initdata TOML the guest booted with (default /run/confidential-containers/initdata/initdata.toml when present)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from rename" -l snapshotter -d 'How container root file systems are made: overlayfs (over shared layer snapshots) or native (a copy)' -r -f -a "overlayfs\t''
native\t''"
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from rename" -l debug -d 'Print debug output'
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from rename" -l cvm -d 'Confidential-VM mode (see `ccr cvm status`; also mode = "cvm" in ccr.toml; on by itself in a Confidential Containers guest)'
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from rename" -s h -l help -d 'Print help'
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from rename" -s V -l version -d 'Print version'
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from wait" -l data-root -d 'Root directory of persistent ccr state (default /var/lib/ccr as root, else $XDG_DATA_HOME/ccr)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from wait" -l insecure-registry -d 'Allow plain HTTP and unverified TLS for the named registry (repeatable); bare, for every registry' -r
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from wait" -l initdata -d 'The initdata TOML the guest booted with (default /run/confidential-containers/initdata/initdata.toml when present)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from wait" -l snapshotter -d 'How container root file systems are made: overlayfs (over shared layer snapshots) or native (a copy)' -r -f -a "overlayfs\t''
native\t''"
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from wait" -l debug -d 'Print debug output'
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from wait" -l cvm -d 'Confidential-VM mode (see `ccr cvm status`; also mode = "cvm" in ccr.toml; on by itself in a Confidential Containers guest)'
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from wait" -s h -l help -d 'Print help'
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from wait" -s V -l version -d 'Print version'
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from pause" -l data-root -d 'Root directory of persistent ccr state (default /var/lib/ccr as root, else $XDG_DATA_HOME/ccr)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from pause" -l insecure-registry -d 'Allow plain HTTP and unverified TLS for the named registry (repeatable); bare, for every registry' -r
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from pause" -l initdata -d 'The initdata TOML the guest booted with (default /run/confidential-containers/initdata/initdata.toml when present)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from pause" -l snapshotter -d 'How container root file systems are made: overlayfs (over shared layer snapshots) or native (a copy)' -r -f -a "overlayfs\t''
native\t''"
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from pause" -l debug -d 'Print debug output'
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from pause" -l cvm -d 'Confidential-VM mode (see `ccr cvm status`; also mode = "cvm" in ccr.toml; on by itself in a Confidential Containers guest)'
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from pause" -s h -l help -d 'Print help'
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from pause" -s V -l version -d 'Print version'
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from unpause" -l data-root -d 'Root directory of persistent ccr state (default /var/lib/ccr as root, else $XDG_DATA_HOME/ccr)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from unpause" -l insecure-registry -d 'Allow plain HTTP and unverified TLS for the named registry (repeatable); bare, for every registry' -r
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from unpause" -l initdata -d 'The initdata TOML the guest booted with (default /run/confidential-containers/initdata/initdata.toml when present)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from unpause" -l snapshotter -d 'How container root file systems are made: overlayfs (over shared layer snapshots) or native (a copy)' -r -f -a "overlayfs\t''
native\t''"
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from unpause" -l debug -d 'Print debug output'
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from unpause" -l cvm -d 'Confidential-VM mode (see `ccr cvm status`; also mode = "cvm" in ccr.toml; on by itself in a Confidential Containers guest)'
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from unpause" -s h -l help -d 'Print help'
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from unpause" -s V -l version -d 'Print version'
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from top" -l data-root -d 'Root directory of persistent ccr state (default /var/lib/ccr as root, else $XDG_DATA_HOME/ccr)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from top" -l insecure-registry -d 'Allow plain HTTP and unverified TLS for the named registry (repeatable); bare, for every registry' -r
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from top" -l initdata -d 'The initdata TOML the guest booted with (default /run/confidential-containers/initdata/initdata.toml when present)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from top" -l snapshotter -d 'How container root file systems are made: overlayfs (over shared layer snapshots) or native (a copy)' -r -f -a "overlayfs\t''
native\t''"
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from top" -l debug -d 'Print debug output'
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from top" -l cvm -d 'Confidential-VM mode (see `ccr cvm status`; also mode = "cvm" in ccr.toml; on by itself in a Confidential Containers guest)'
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from top" -s h -l help -d 'Print help'
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from top" -s V -l version -d 'Print version'
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from stats" -l format -d 'Format the output: table, json, or a template such as \'{{.Name}} {{.CPUPerc}}\'' -r
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from stats" -l data-root -d 'Root directory of persistent ccr state (default /var/lib/ccr as root, else $XDG_DATA_HOME/ccr)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from stats" -l insecure-registry -d 'Allow plain HTTP and unverified TLS for the named registry (repeatable); bare, for every registry' -r
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from stats" -l initdata -d 'The initdata TOML the guest booted with (default /run/confidential-containers/initdata/initdata.toml when present)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from stats" -l snapshotter -d 'How container root file systems are made: overlayfs (over shared layer snapshots) or native (a copy)' -r -f -a "overlayfs\t''
native\t''"
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from stats" -s a -l all -d 'Show all containers (default shows just running)'
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from stats" -l no-stream -d 'Disable streaming stats and only pull the first result'
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from stats" -l debug -d 'Print debug output'
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from stats" -l cvm -d 'Confidential-VM mode (see `ccr cvm status`; also mode = "cvm" in ccr.toml; on by itself in a Confidential Containers guest)'
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from stats" -s h -l help -d 'Print help'
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from stats" -s V -l version -d 'Print version'
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from attach" -l data-root -d 'Root directory of persistent ccr state (default /var/lib/ccr as root, else $XDG_DATA_HOME/ccr)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from attach" -l insecure-registry -d 'Allow plain HTTP and unverified TLS for the named registry (repeatable); bare, for every registry' -r
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from attach" -l initdata -d 'The initdata TOML the guest booted with (default /run/confidential-containers/initdata/initdata.toml when present)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from attach" -l snapshotter -d 'How container root file systems are made: overlayfs (over shared layer snapshots) or native (a copy)' -r -f -a "overlayfs\t''
native\t''"
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from attach" -l no-stdin -d 'Do not attach standard input (ccr never attaches it)'
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from attach" -l debug -d 'Print debug output'
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from attach" -l cvm -d 'Confidential-VM mode (see `ccr cvm status`; also mode = "cvm" in ccr.toml; on by itself in a Confidential Containers guest)'
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from attach" -s h -l help -d 'Print help'
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from attach" -s V -l version -d 'Print version'
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from update" -s m -l memory -d 'Memory limit (e.g. 64m, 1g)' -r
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from update" -l cpus -d 'Number of CPUs (e.g. 0.5)' -r
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from update" -l pids-limit -d 'Tune the container\'s pids limit (-1 for unlimited)' -r
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from update" -l restart -d 'Restart policy to apply when a container exits' -r
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from update" -l data-root -d 'Root directory of persistent ccr state (default /var/lib/ccr as root, else $XDG_DATA_HOME/ccr)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from update" -l insecure-registry -d 'Allow plain HTTP and unverified TLS for the named registry (repeatable); bare, for every registry' -r
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from update" -l initdata -d 'The initdata TOML the guest booted with (default /run/confidential-containers/initdata/initdata.toml when present)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from update" -l snapshotter -d 'How container root file systems are made: overlayfs (over shared layer snapshots) or native (a copy)' -r -f -a "overlayfs\t''
native\t''"
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from update" -l debug -d 'Print debug output'
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from update" -l cvm -d 'Confidential-VM mode (see `ccr cvm status`; also mode = "cvm" in ccr.toml; on by itself in a Confidential Containers guest)'
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from update" -s h -l help -d 'Print help'
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from update" -s V -l version -d 'Print version'
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from commit" -s m -l message -d 'Commit message' -r
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from commit" -s a -l author -d 'Author (e.g. "Jane Doe <jane@example.com>")' -r
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from commit" -s p -l pause -d 'Pause the container during commit' -r -f -a "true\t''
false\t''"
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from commit" -s c -l change -d 'Apply a Dockerfile instruction to the image: CMD, ENTRYPOINT, ENV, EXPOSE, LABEL, STOPSIGNAL, USER, VOLUME, WORKDIR (repeatable)' -r
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from commit" -l data-root -d 'Root directory of persistent ccr state (default /var/lib/ccr as root, else $XDG_DATA_HOME/ccr)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from commit" -l insecure-registry -d 'Allow plain HTTP and unverified TLS for the named registry (repeatable); bare, for every registry' -r
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from commit" -l initdata -d 'The initdata TOML the guest booted with (default /run/confidential-containers/initdata/initdata.toml when present)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from commit" -l snapshotter -d 'How container root file systems are made: overlayfs (over shared layer snapshots) or native (a copy)' -r -f -a "overlayfs\t''
native\t''"
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from commit" -l debug -d 'Print debug output'
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from commit" -l cvm -d 'Confidential-VM mode (see `ccr cvm status`; also mode = "cvm" in ccr.toml; on by itself in a Confidential Containers guest)'
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from commit" -s h -l help -d 'Print help'
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from commit" -s V -l version -d 'Print version'
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from diff" -l data-root -d 'Root directory of persistent ccr state (default /var/lib/ccr as root, else $XDG_DATA_HOME/ccr)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from diff" -l insecure-registry -d 'Allow plain HTTP and unverified TLS for the named registry (repeatable); bare, for every registry' -r
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from diff" -l initdata -d 'The initdata TOML the guest booted with (default /run/confidential-containers/initdata/initdata.toml when present)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from diff" -l snapshotter -d 'How container root file systems are made: overlayfs (over shared layer snapshots) or native (a copy)' -r -f -a "overlayfs\t''
native\t''"
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from diff" -l debug -d 'Print debug output'
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from diff" -l cvm -d 'Confidential-VM mode (see `ccr cvm status`; also mode = "cvm" in ccr.toml; on by itself in a Confidential Containers guest)'
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from diff" -s h -l help -d 'Print help'
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from diff" -s V -l version -d 'Print version'
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from export" -s o -l output -d 'Write to a file, instead of standard output' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from export" -l data-root -d 'Root directory of persistent ccr state (default /var/lib/ccr as root, else $XDG_DATA_HOME/ccr)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from export" -l insecure-registry -d 'Allow plain HTTP and unverified TLS for the named registry (repeatable); bare, for every registry' -r
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from export" -l initdata -d 'The initdata TOML the guest booted with (default /run/confidential-containers/initdata/initdata.toml when present)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from export" -l snapshotter -d 'How container root file systems are made: overlayfs (over shared layer snapshots) or native (a copy)' -r -f -a "overlayfs\t''
native\t''"
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from export" -l debug -d 'Print debug output'
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from export" -l cvm -d 'Confidential-VM mode (see `ccr cvm status`; also mode = "cvm" in ccr.toml; on by itself in a Confidential Containers guest)'
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from export" -s h -l help -d 'Print help'
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from export" -s V -l version -d 'Print version'
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from prune" -l filter -d 'Only those that match: until=TIME|DURATION, label=KEY[=VALUE], ...' -r
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from prune" -l data-root -d 'Root directory of persistent ccr state (default /var/lib/ccr as root, else $XDG_DATA_HOME/ccr)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from prune" -l insecure-registry -d 'Allow plain HTTP and unverified TLS for the named registry (repeatable); bare, for every registry' -r
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from prune" -l initdata -d 'The initdata TOML the guest booted with (default /run/confidential-containers/initdata/initdata.toml when present)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from prune" -l snapshotter -d 'How container root file systems are made: overlayfs (over shared layer snapshots) or native (a copy)' -r -f -a "overlayfs\t''
native\t''"
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from prune" -s f -l force -d 'Do not prompt for confirmation'
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from prune" -l debug -d 'Print debug output'
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from prune" -l cvm -d 'Confidential-VM mode (see `ccr cvm status`; also mode = "cvm" in ccr.toml; on by itself in a Confidential Containers guest)'
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from prune" -s h -l help -d 'Print help'
complete -c ccr -n "__fish_ccr_using_subcommand container; and __fish_seen_subcommand_from prune" -s V -l version -d 'Print version'
complete -c ccr -n "__fish_ccr_using_subcommand inspect" -s f -l format -d 'Format the output using a template' -r
complete -c ccr -n "__fish_ccr_using_subcommand inspect" -l type -d 'Only this kind of object: container or image' -r -f -a "container\t''
image\t''"
complete -c ccr -n "__fish_ccr_using_subcommand inspect" -l data-root -d 'Root directory of persistent ccr state (default /var/lib/ccr as root, else $XDG_DATA_HOME/ccr)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand inspect" -l insecure-registry -d 'Allow plain HTTP and unverified TLS for the named registry (repeatable); bare, for every registry' -r
complete -c ccr -n "__fish_ccr_using_subcommand inspect" -l initdata -d 'The initdata TOML the guest booted with (default /run/confidential-containers/initdata/initdata.toml when present)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand inspect" -l snapshotter -d 'How container root file systems are made: overlayfs (over shared layer snapshots) or native (a copy)' -r -f -a "overlayfs\t''
native\t''"
complete -c ccr -n "__fish_ccr_using_subcommand inspect" -l debug -d 'Print debug output'
complete -c ccr -n "__fish_ccr_using_subcommand inspect" -l cvm -d 'Confidential-VM mode (see `ccr cvm status`; also mode = "cvm" in ccr.toml; on by itself in a Confidential Containers guest)'
complete -c ccr -n "__fish_ccr_using_subcommand inspect" -s h -l help -d 'Print help'
complete -c ccr -n "__fish_ccr_using_subcommand inspect" -s V -l version -d 'Print version'
complete -c ccr -n "__fish_ccr_using_subcommand build" -s t -l tag -d 'Name and optionally a tag (name:tag) for the image (repeatable)' -r
complete -c ccr -n "__fish_ccr_using_subcommand build" -s f -l file -d 'Name of the Dockerfile (default: CONTEXT/Dockerfile)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand build" -l build-arg -d 'Set a build-time variable: KEY=VALUE, or KEY to take it from this environment' -r
complete -c ccr -n "__fish_ccr_using_subcommand build" -l target -d 'The stage to build (default: the last)' -r
complete -c ccr -n "__fish_ccr_using_subcommand build" -l platform -d 'Target platform (os/arch[/variant]); RUN steps need a matching CPU' -r
complete -c ccr -n "__fish_ccr_using_subcommand build" -l label -d 'Set metadata for the image: KEY=VALUE (repeatable)' -r
complete -c ccr -n "__fish_ccr_using_subcommand build" -l network -d 'Network for RUN steps: default (the host\'s), host or none' -r -f -a "default\t''
host\t''
none\t''"
complete -c ccr -n "__fish_ccr_using_subcommand build" -l progress -d 'Type of progress output: auto, plain, tty (all BuildKit\'s plain lines here), or quiet' -r -f -a "auto\t''
plain\t''
tty\t''
quiet\t''
rawjson\t''"
complete -c ccr -n "__fish_ccr_using_subcommand build" -l secret -d 'A secret RUN --mount=type=secret can read: id=ID[,src=FILE] or id=ID,env=VARIABLE' -r
complete -c ccr -n "__fish_ccr_using_subcommand build" -l iidfile -d 'Write the image ID to this file' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand build" -s o -l output -d 'Also write the image\'s file system: DIR, - (a tar on standard output), type=local,dest=DIR, type=tar,dest=FILE' -r
complete -c ccr -n "__fish_ccr_using_subcommand build" -l verify -d 'Verify the image before using it' -r -f -a "none\t''
cosign\t''"
complete -c ccr -n "__fish_ccr_using_subcommand build" -l cosign-key -d 'Public key to verify cosign signatures with (repeatable: any one may have signed)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand build" -l cosign-certificate-identity -d 'Keyless: the signer\'s certificate identity' -r
complete -c ccr -n "__fish_ccr_using_subcommand build" -l cosign-certificate-identity-regexp -d 'Keyless: a regular expression for the signer\'s certificate identity' -r
complete -c ccr -n "__fish_ccr_using_subcommand build" -l cosign-certificate-oidc-issuer -d 'Keyless: the OIDC issuer of the signer\'s certificate' -r
complete -c ccr -n "__fish_ccr_using_subcommand build" -l cosign-certificate-oidc-issuer-regexp -d 'Keyless: a regular expression for the OIDC issuer' -r
complete -c ccr -n "__fish_ccr_using_subcommand build" -l signature-policy -d 'Trust policy (containers-policy.json format); default from ccr.toml' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand build" -l decryption-key -d 'Key for encrypted layers: PRIV.pem[:PASSWORD] (PEM or JWK), kbs:///R/T/TAG=KEK-FILE, or kbs:///R/T/TAG (fetched from the KBS after attestation) (repeatable)' -r
complete -c ccr -n "__fish_ccr_using_subcommand build" -l kbs-url -d 'The KBS (http[s]://HOST:PORT); default from CCR_KBS_URL, kbs_url in ccr.toml, or agent.aa_kbc_params on the kernel command line' -r
complete -c ccr -n "__fish_ccr_using_subcommand build" -l kbs-cert -d 'CA certificate (PEM) for an HTTPS KBS' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand build" -l tee -d 'The TEE whose evidence is sent' -r -f -a "auto\t'The guest\'s TEE (TDX or SNP via configfs-tsm); fails when there is none'
sample\t'Development only: evidence that proves nothing'
tdx\t''
snp\t''"
complete -c ccr -n "__fish_ccr_using_subcommand build" -l tee-key -d 'The kind of the session\'s ephemeral key' -r -f -a "ec\t''
rsa\t''"
complete -c ccr -n "__fish_ccr_using_subcommand build" -l tsm-report-dir -d 'Where configfs-tsm reports are made' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand build" -l data-root -d 'Root directory of persistent ccr state (default /var/lib/ccr as root, else $XDG_DATA_HOME/ccr)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand build" -l insecure-registry -d 'Allow plain HTTP and unverified TLS for the named registry (repeatable); bare, for every registry' -r
complete -c ccr -n "__fish_ccr_using_subcommand build" -l initdata -d 'The initdata TOML the guest booted with (default /run/confidential-containers/initdata/initdata.toml when present)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand build" -l snapshotter -d 'How container root file systems are made: overlayfs (over shared layer snapshots) or native (a copy)' -r -f -a "overlayfs\t''
native\t''"
complete -c ccr -n "__fish_ccr_using_subcommand build" -l no-cache -d 'Do not use the build cache'
complete -c ccr -n "__fish_ccr_using_subcommand build" -l pull -d 'Always pull base images, even when present'
complete -c ccr -n "__fish_ccr_using_subcommand build" -s q -l quiet -d 'Suppress the build output and print the image ID on success'
complete -c ccr -n "__fish_ccr_using_subcommand build" -l sbom -d 'Record the image\'s SBOM for a later push --sign=cosign --attest-sbom (nothing is attached now)'
complete -c ccr -n "__fish_ccr_using_subcommand build" -l verify-sbom -d 'Refuse the image unless its signed SBOM attestation (--cosign-key) lists exactly the packages in its content'
complete -c ccr -n "__fish_ccr_using_subcommand build" -l debug -d 'Print debug output'
complete -c ccr -n "__fish_ccr_using_subcommand build" -l cvm -d 'Confidential-VM mode (see `ccr cvm status`; also mode = "cvm" in ccr.toml; on by itself in a Confidential Containers guest)'
complete -c ccr -n "__fish_ccr_using_subcommand build" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ccr -n "__fish_ccr_using_subcommand build" -s V -l version -d 'Print version'
complete -c ccr -n "__fish_ccr_using_subcommand builder; and not __fish_seen_subcommand_from prune" -l data-root -d 'Root directory of persistent ccr state (default /var/lib/ccr as root, else $XDG_DATA_HOME/ccr)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand builder; and not __fish_seen_subcommand_from prune" -l insecure-registry -d 'Allow plain HTTP and unverified TLS for the named registry (repeatable); bare, for every registry' -r
complete -c ccr -n "__fish_ccr_using_subcommand builder; and not __fish_seen_subcommand_from prune" -l initdata -d 'The initdata TOML the guest booted with (default /run/confidential-containers/initdata/initdata.toml when present)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand builder; and not __fish_seen_subcommand_from prune" -l snapshotter -d 'How container root file systems are made: overlayfs (over shared layer snapshots) or native (a copy)' -r -f -a "overlayfs\t''
native\t''"
complete -c ccr -n "__fish_ccr_using_subcommand builder; and not __fish_seen_subcommand_from prune" -l debug -d 'Print debug output'
complete -c ccr -n "__fish_ccr_using_subcommand builder; and not __fish_seen_subcommand_from prune" -l cvm -d 'Confidential-VM mode (see `ccr cvm status`; also mode = "cvm" in ccr.toml; on by itself in a Confidential Containers guest)'
complete -c ccr -n "__fish_ccr_using_subcommand builder; and not __fish_seen_subcommand_from prune" -s h -l help -d 'Print help'
complete -c ccr -n "__fish_ccr_using_subcommand builder; and not __fish_seen_subcommand_from prune" -s V -l version -d 'Print version'
complete -c ccr -n "__fish_ccr_using_subcommand builder; and not __fish_seen_subcommand_from prune" -f -a "prune" -d 'Remove the build cache'
complete -c ccr -n "__fish_ccr_using_subcommand builder; and __fish_seen_subcommand_from prune" -l data-root -d 'Root directory of persistent ccr state (default /var/lib/ccr as root, else $XDG_DATA_HOME/ccr)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand builder; and __fish_seen_subcommand_from prune" -l insecure-registry -d 'Allow plain HTTP and unverified TLS for the named registry (repeatable); bare, for every registry' -r
complete -c ccr -n "__fish_ccr_using_subcommand builder; and __fish_seen_subcommand_from prune" -l initdata -d 'The initdata TOML the guest booted with (default /run/confidential-containers/initdata/initdata.toml when present)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand builder; and __fish_seen_subcommand_from prune" -l snapshotter -d 'How container root file systems are made: overlayfs (over shared layer snapshots) or native (a copy)' -r -f -a "overlayfs\t''
native\t''"
complete -c ccr -n "__fish_ccr_using_subcommand builder; and __fish_seen_subcommand_from prune" -s f -l force -d 'Do not prompt for confirmation'
complete -c ccr -n "__fish_ccr_using_subcommand builder; and __fish_seen_subcommand_from prune" -s a -l all -d 'Remove all build cache (the only mode ccr has)'
complete -c ccr -n "__fish_ccr_using_subcommand builder; and __fish_seen_subcommand_from prune" -l debug -d 'Print debug output'
complete -c ccr -n "__fish_ccr_using_subcommand builder; and __fish_seen_subcommand_from prune" -l cvm -d 'Confidential-VM mode (see `ccr cvm status`; also mode = "cvm" in ccr.toml; on by itself in a Confidential Containers guest)'
complete -c ccr -n "__fish_ccr_using_subcommand builder; and __fish_seen_subcommand_from prune" -s h -l help -d 'Print help'
complete -c ccr -n "__fish_ccr_using_subcommand builder; and __fish_seen_subcommand_from prune" -s V -l version -d 'Print version'
complete -c ccr -n "__fish_ccr_using_subcommand pull" -l platform -d 'Only content for this platform (repeatable, or comma-separated; default: this host\'s)' -r
complete -c ccr -n "__fish_ccr_using_subcommand pull" -l verify -d 'Verify the image before using it' -r -f -a "none\t''
cosign\t''"
complete -c ccr -n "__fish_ccr_using_subcommand pull" -l cosign-key -d 'Public key to verify cosign signatures with (repeatable: any one may have signed)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand pull" -l cosign-certificate-identity -d 'Keyless: the signer\'s certificate identity' -r
complete -c ccr -n "__fish_ccr_using_subcommand pull" -l cosign-certificate-identity-regexp -d 'Keyless: a regular expression for the signer\'s certificate identity' -r
complete -c ccr -n "__fish_ccr_using_subcommand pull" -l cosign-certificate-oidc-issuer -d 'Keyless: the OIDC issuer of the signer\'s certificate' -r
complete -c ccr -n "__fish_ccr_using_subcommand pull" -l cosign-certificate-oidc-issuer-regexp -d 'Keyless: a regular expression for the OIDC issuer' -r
complete -c ccr -n "__fish_ccr_using_subcommand pull" -l signature-policy -d 'Trust policy (containers-policy.json format); default from ccr.toml' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand pull" -l decryption-key -d 'Key for encrypted layers: PRIV.pem[:PASSWORD] (PEM or JWK), kbs:///R/T/TAG=KEK-FILE, or kbs:///R/T/TAG (fetched from the KBS after attestation) (repeatable)' -r
complete -c ccr -n "__fish_ccr_using_subcommand pull" -l kbs-url -d 'The KBS (http[s]://HOST:PORT); default from CCR_KBS_URL, kbs_url in ccr.toml, or agent.aa_kbc_params on the kernel command line' -r
complete -c ccr -n "__fish_ccr_using_subcommand pull" -l kbs-cert -d 'CA certificate (PEM) for an HTTPS KBS' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand pull" -l tee -d 'The TEE whose evidence is sent' -r -f -a "auto\t'The guest\'s TEE (TDX or SNP via configfs-tsm); fails when there is none'
sample\t'Development only: evidence that proves nothing'
tdx\t''
snp\t''"
complete -c ccr -n "__fish_ccr_using_subcommand pull" -l tee-key -d 'The kind of the session\'s ephemeral key' -r -f -a "ec\t''
rsa\t''"
complete -c ccr -n "__fish_ccr_using_subcommand pull" -l tsm-report-dir -d 'Where configfs-tsm reports are made' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand pull" -l data-root -d 'Root directory of persistent ccr state (default /var/lib/ccr as root, else $XDG_DATA_HOME/ccr)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand pull" -l insecure-registry -d 'Allow plain HTTP and unverified TLS for the named registry (repeatable); bare, for every registry' -r
complete -c ccr -n "__fish_ccr_using_subcommand pull" -l initdata -d 'The initdata TOML the guest booted with (default /run/confidential-containers/initdata/initdata.toml when present)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand pull" -l snapshotter -d 'How container root file systems are made: overlayfs (over shared layer snapshots) or native (a copy)' -r -f -a "overlayfs\t''
native\t''"
complete -c ccr -n "__fish_ccr_using_subcommand pull" -l all-platforms -d 'Content for all platforms'
complete -c ccr -n "__fish_ccr_using_subcommand pull" -s q -l quiet -d 'Suppress progress output'
complete -c ccr -n "__fish_ccr_using_subcommand pull" -l verify-sbom -d 'Refuse the image unless its signed SBOM attestation (--cosign-key) lists exactly the packages in its content'
complete -c ccr -n "__fish_ccr_using_subcommand pull" -l debug -d 'Print debug output'
complete -c ccr -n "__fish_ccr_using_subcommand pull" -l cvm -d 'Confidential-VM mode (see `ccr cvm status`; also mode = "cvm" in ccr.toml; on by itself in a Confidential Containers guest)'
complete -c ccr -n "__fish_ccr_using_subcommand pull" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ccr -n "__fish_ccr_using_subcommand pull" -s V -l version -d 'Print version'
complete -c ccr -n "__fish_ccr_using_subcommand push" -l platform -d 'Only content for this platform (repeatable, or comma-separated; default: this host\'s)' -r
complete -c ccr -n "__fish_ccr_using_subcommand push" -l sign -d 'Sign the pushed image' -r -f -a "none\t''
cosign\t''"
complete -c ccr -n "__fish_ccr_using_subcommand push" -l cosign-key -d 'Private key to sign with (cosign format; password from COSIGN_PASSWORD)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand push" -l encrypt -d 'Encrypt the layers for this recipient on the way (jwe:PUB.pem; repeatable); the local image stays as it is' -r
complete -c ccr -n "__fish_ccr_using_subcommand push" -l data-root -d 'Root directory of persistent ccr state (default /var/lib/ccr as root, else $XDG_DATA_HOME/ccr)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand push" -l insecure-registry -d 'Allow plain HTTP and unverified TLS for the named registry (repeatable); bare, for every registry' -r
complete -c ccr -n "__fish_ccr_using_subcommand push" -l initdata -d 'The initdata TOML the guest booted with (default /run/confidential-containers/initdata/initdata.toml when present)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand push" -l snapshotter -d 'How container root file systems are made: overlayfs (over shared layer snapshots) or native (a copy)' -r -f -a "overlayfs\t''
native\t''"
complete -c ccr -n "__fish_ccr_using_subcommand push" -l all-platforms -d 'Content for all platforms'
complete -c ccr -n "__fish_ccr_using_subcommand push" -s q -l quiet -d 'Suppress progress output'
complete -c ccr -n "__fish_ccr_using_subcommand push" -l attest-sbom -d 'Also attest the pushed image with its SBOM (recorded by build --sbom, else made now), signed with the same key'
complete -c ccr -n "__fish_ccr_using_subcommand push" -l debug -d 'Print debug output'
complete -c ccr -n "__fish_ccr_using_subcommand push" -l cvm -d 'Confidential-VM mode (see `ccr cvm status`; also mode = "cvm" in ccr.toml; on by itself in a Confidential Containers guest)'
complete -c ccr -n "__fish_ccr_using_subcommand push" -s h -l help -d 'Print help'
complete -c ccr -n "__fish_ccr_using_subcommand push" -s V -l version -d 'Print version'
complete -c ccr -n "__fish_ccr_using_subcommand images" -l format -d 'Format the output: table, json, or a template such as \'{{.Repository}}:{{.Tag}}\'' -r
complete -c ccr -n "__fish_ccr_using_subcommand images" -s f -l filter -d 'Filter output: dangling=true|false, reference=PATTERN, label=KEY[=VALUE], before=IMAGE, since=IMAGE' -r
complete -c ccr -n "__fish_ccr_using_subcommand images" -l data-root -d 'Root directory of persistent ccr state (default /var/lib/ccr as root, else $XDG_DATA_HOME/ccr)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand images" -l insecure-registry -d 'Allow plain HTTP and unverified TLS for the named registry (repeatable); bare, for every registry' -r
complete -c ccr -n "__fish_ccr_using_subcommand images" -l initdata -d 'The initdata TOML the guest booted with (default /run/confidential-containers/initdata/initdata.toml when present)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand images" -l snapshotter -d 'How container root file systems are made: overlayfs (over shared layer snapshots) or native (a copy)' -r -f -a "overlayfs\t''
native\t''"
complete -c ccr -n "__fish_ccr_using_subcommand images" -s q -l quiet -d 'Show only image IDs'
complete -c ccr -n "__fish_ccr_using_subcommand images" -l digests -d 'Show digests'
complete -c ccr -n "__fish_ccr_using_subcommand images" -l no-trunc -d 'Don\'t truncate output'
complete -c ccr -n "__fish_ccr_using_subcommand images" -l debug -d 'Print debug output'
complete -c ccr -n "__fish_ccr_using_subcommand images" -l cvm -d 'Confidential-VM mode (see `ccr cvm status`; also mode = "cvm" in ccr.toml; on by itself in a Confidential Containers guest)'
complete -c ccr -n "__fish_ccr_using_subcommand images" -s h -l help -d 'Print help'
complete -c ccr -n "__fish_ccr_using_subcommand images" -s V -l version -d 'Print version'
complete -c ccr -n "__fish_ccr_using_subcommand history" -l format -d 'Format the output: table, json, or a template such as \'{{.CreatedBy}}\'' -r
complete -c ccr -n "__fish_ccr_using_subcommand history" -l platform -d 'Platform (OS/ARCH[/VARIANT]; default: this host\'s)' -r
complete -c ccr -n "__fish_ccr_using_subcommand history" -l data-root -d 'Root directory of persistent ccr state (default /var/lib/ccr as root, else $XDG_DATA_HOME/ccr)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand history" -l insecure-registry -d 'Allow plain HTTP and unverified TLS for the named registry (repeatable); bare, for every registry' -r
complete -c ccr -n "__fish_ccr_using_subcommand history" -l initdata -d 'The initdata TOML the guest booted with (default /run/confidential-containers/initdata/initdata.toml when present)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand history" -l snapshotter -d 'How container root file systems are made: overlayfs (over shared layer snapshots) or native (a copy)' -r -f -a "overlayfs\t''
native\t''"
complete -c ccr -n "__fish_ccr_using_subcommand history" -s q -l quiet -d 'Show only image IDs'
complete -c ccr -n "__fish_ccr_using_subcommand history" -l no-trunc -d 'Don\'t truncate output'
complete -c ccr -n "__fish_ccr_using_subcommand history" -l debug -d 'Print debug output'
complete -c ccr -n "__fish_ccr_using_subcommand history" -l cvm -d 'Confidential-VM mode (see `ccr cvm status`; also mode = "cvm" in ccr.toml; on by itself in a Confidential Containers guest)'
complete -c ccr -n "__fish_ccr_using_subcommand history" -s h -l help -d 'Print help'
complete -c ccr -n "__fish_ccr_using_subcommand history" -s V -l version -d 'Print version'
complete -c ccr -n "__fish_ccr_using_subcommand tag" -l data-root -d 'Root directory of persistent ccr state (default /var/lib/ccr as root, else $XDG_DATA_HOME/ccr)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand tag" -l insecure-registry -d 'Allow plain HTTP and unverified TLS for the named registry (repeatable); bare, for every registry' -r
complete -c ccr -n "__fish_ccr_using_subcommand tag" -l initdata -d 'The initdata TOML the guest booted with (default /run/confidential-containers/initdata/initdata.toml when present)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand tag" -l snapshotter -d 'How container root file systems are made: overlayfs (over shared layer snapshots) or native (a copy)' -r -f -a "overlayfs\t''
native\t''"
complete -c ccr -n "__fish_ccr_using_subcommand tag" -l debug -d 'Print debug output'
complete -c ccr -n "__fish_ccr_using_subcommand tag" -l cvm -d 'Confidential-VM mode (see `ccr cvm status`; also mode = "cvm" in ccr.toml; on by itself in a Confidential Containers guest)'
complete -c ccr -n "__fish_ccr_using_subcommand tag" -s h -l help -d 'Print help'
complete -c ccr -n "__fish_ccr_using_subcommand tag" -s V -l version -d 'Print version'
complete -c ccr -n "__fish_ccr_using_subcommand rmi" -l data-root -d 'Root directory of persistent ccr state (default /var/lib/ccr as root, else $XDG_DATA_HOME/ccr)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand rmi" -l insecure-registry -d 'Allow plain HTTP and unverified TLS for the named registry (repeatable); bare, for every registry' -r
complete -c ccr -n "__fish_ccr_using_subcommand rmi" -l initdata -d 'The initdata TOML the guest booted with (default /run/confidential-containers/initdata/initdata.toml when present)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand rmi" -l snapshotter -d 'How container root file systems are made: overlayfs (over shared layer snapshots) or native (a copy)' -r -f -a "overlayfs\t''
native\t''"
complete -c ccr -n "__fish_ccr_using_subcommand rmi" -s f -l force -d 'Remove an image id referenced by several names'
complete -c ccr -n "__fish_ccr_using_subcommand rmi" -l debug -d 'Print debug output'
complete -c ccr -n "__fish_ccr_using_subcommand rmi" -l cvm -d 'Confidential-VM mode (see `ccr cvm status`; also mode = "cvm" in ccr.toml; on by itself in a Confidential Containers guest)'
complete -c ccr -n "__fish_ccr_using_subcommand rmi" -s h -l help -d 'Print help'
complete -c ccr -n "__fish_ccr_using_subcommand rmi" -s V -l version -d 'Print version'
complete -c ccr -n "__fish_ccr_using_subcommand save" -s o -l output -d 'Write to a file, instead of standard output' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand save" -l data-root -d 'Root directory of persistent ccr state (default /var/lib/ccr as root, else $XDG_DATA_HOME/ccr)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand save" -l insecure-registry -d 'Allow plain HTTP and unverified TLS for the named registry (repeatable); bare, for every registry' -r
complete -c ccr -n "__fish_ccr_using_subcommand save" -l initdata -d 'The initdata TOML the guest booted with (default /run/confidential-containers/initdata/initdata.toml when present)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand save" -l snapshotter -d 'How container root file systems are made: overlayfs (over shared layer snapshots) or native (a copy)' -r -f -a "overlayfs\t''
native\t''"
complete -c ccr -n "__fish_ccr_using_subcommand save" -l debug -d 'Print debug output'
complete -c ccr -n "__fish_ccr_using_subcommand save" -l cvm -d 'Confidential-VM mode (see `ccr cvm status`; also mode = "cvm" in ccr.toml; on by itself in a Confidential Containers guest)'
complete -c ccr -n "__fish_ccr_using_subcommand save" -s h -l help -d 'Print help'
complete -c ccr -n "__fish_ccr_using_subcommand save" -s V -l version -d 'Print version'
complete -c ccr -n "__fish_ccr_using_subcommand load" -s i -l input -d 'Read from a tar archive file, instead of standard input' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand load" -l data-root -d 'Root directory of persistent ccr state (default /var/lib/ccr as root, else $XDG_DATA_HOME/ccr)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand load" -l insecure-registry -d 'Allow plain HTTP and unverified TLS for the named registry (repeatable); bare, for every registry' -r
complete -c ccr -n "__fish_ccr_using_subcommand load" -l initdata -d 'The initdata TOML the guest booted with (default /run/confidential-containers/initdata/initdata.toml when present)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand load" -l snapshotter -d 'How container root file systems are made: overlayfs (over shared layer snapshots) or native (a copy)' -r -f -a "overlayfs\t''
native\t''"
complete -c ccr -n "__fish_ccr_using_subcommand load" -s q -l quiet -d 'Suppress the load output'
complete -c ccr -n "__fish_ccr_using_subcommand load" -l debug -d 'Print debug output'
complete -c ccr -n "__fish_ccr_using_subcommand load" -l cvm -d 'Confidential-VM mode (see `ccr cvm status`; also mode = "cvm" in ccr.toml; on by itself in a Confidential Containers guest)'
complete -c ccr -n "__fish_ccr_using_subcommand load" -s h -l help -d 'Print help'
complete -c ccr -n "__fish_ccr_using_subcommand load" -s V -l version -d 'Print version'
complete -c ccr -n "__fish_ccr_using_subcommand import" -s c -l change -d 'Apply a Dockerfile instruction to the image config (CMD, ENTRYPOINT, ENV, ...)' -r
complete -c ccr -n "__fish_ccr_using_subcommand import" -s m -l message -d 'Commit message recorded in the image history' -r
complete -c ccr -n "__fish_ccr_using_subcommand import" -l platform -d 'Platform (OS/ARCH[/VARIANT]; default: this host\'s)' -r
complete -c ccr -n "__fish_ccr_using_subcommand import" -l data-root -d 'Root directory of persistent ccr state (default /var/lib/ccr as root, else $XDG_DATA_HOME/ccr)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand import" -l insecure-registry -d 'Allow plain HTTP and unverified TLS for the named registry (repeatable); bare, for every registry' -r
complete -c ccr -n "__fish_ccr_using_subcommand import" -l initdata -d 'The initdata TOML the guest booted with (default /run/confidential-containers/initdata/initdata.toml when present)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand import" -l snapshotter -d 'How container root file systems are made: overlayfs (over shared layer snapshots) or native (a copy)' -r -f -a "overlayfs\t''
native\t''"
complete -c ccr -n "__fish_ccr_using_subcommand import" -l debug -d 'Print debug output'
complete -c ccr -n "__fish_ccr_using_subcommand import" -l cvm -d 'Confidential-VM mode (see `ccr cvm status`; also mode = "cvm" in ccr.toml; on by itself in a Confidential Containers guest)'
complete -c ccr -n "__fish_ccr_using_subcommand import" -s h -l help -d 'Print help'
complete -c ccr -n "__fish_ccr_using_subcommand import" -s V -l version -d 'Print version'
complete -c ccr -n "__fish_ccr_using_subcommand image; and not __fish_seen_subcommand_from ls rm history inspect prune pull push tag save load import sign verify attest verify-attestation download convert encrypt decrypt" -l data-root -d 'Root directory of persistent ccr state (default /var/lib/ccr as root, else $XDG_DATA_HOME/ccr)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand image; and not __fish_seen_subcommand_from ls rm history inspect prune pull push tag save load import sign verify attest verify-attestation download convert encrypt decrypt" -l insecure-registry -d 'Allow plain HTTP and unverified TLS for the named registry (repeatable); bare, for every registry' -r
complete -c ccr -n "__fish_ccr_using_subcommand image; and not __fish_seen_subcommand_from ls rm history inspect prune pull push tag save load import sign verify attest verify-attestation download convert encrypt decrypt" -l initdata -d 'The initdata TOML the guest booted with (default /run/confidential-containers/initdata/initdata.toml when present)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand image; and not __fish_seen_subcommand_from ls rm history inspect prune pull push tag save load import sign verify attest verify-attestation download convert encrypt decrypt" -l snapshotter -d 'How container root file systems are made: overlayfs (over shared layer snapshots) or native (a copy)' -r -f -a "overlayfs\t''
native\t''"
complete -c ccr -n "__fish_ccr_using_subcommand image; and not __fish_seen_subcommand_from ls rm history inspect prune pull push tag save load import sign verify attest verify-attestation download convert encrypt decrypt" -l debug -d 'Print debug output'
complete -c ccr -n "__fish_ccr_using_subcommand image; and not __fish_seen_subcommand_from ls rm history inspect prune pull push tag save load import sign verify attest verify-attestation download convert encrypt decrypt" -l cvm -d 'Confidential-VM mode (see `ccr cvm status`; also mode = "cvm" in ccr.toml; on by itself in a Confidential Containers guest)'
complete -c ccr -n "__fish_ccr_using_subcommand image; and not __fish_seen_subcommand_from ls rm history inspect prune pull push tag save load import sign verify attest verify-attestation download convert encrypt decrypt" -s h -l help -d 'Print help'
complete -c ccr -n "__fish_ccr_using_subcommand image; and not __fish_seen_subcommand_from ls rm history inspect prune pull push tag save load import sign verify attest verify-attestation download convert encrypt decrypt" -s V -l version -d 'Print version'
complete -c ccr -n "__fish_ccr_using_subcommand image; and not __fish_seen_subcommand_from ls rm history inspect prune pull push tag save load import sign verify attest verify-attestation download convert encrypt decrypt" -f -a "ls" -d 'List images'
complete -c ccr -n "__fish_ccr_using_subcommand image; and not __fish_seen_subcommand_from ls rm history inspect prune pull push tag save load import sign verify attest verify-attestation download convert encrypt decrypt" -f -a "rm" -d 'Remove one or more images'
complete -c ccr -n "__fish_ccr_using_subcommand image; and not __fish_seen_subcommand_from ls rm history inspect prune pull push tag save load import sign verify attest verify-attestation download convert encrypt decrypt" -f -a "history" -d 'Show the history of an image'
complete -c ccr -n "__fish_ccr_using_subcommand image; and not __fish_seen_subcommand_from ls rm history inspect prune pull push tag save load import sign verify attest verify-attestation download convert encrypt decrypt" -f -a "inspect" -d 'Display detailed information on one or more images'
complete -c ccr -n "__fish_ccr_using_subcommand image; and not __fish_seen_subcommand_from ls rm history inspect prune pull push tag save load import sign verify attest verify-attestation download convert encrypt decrypt" -f -a "prune" -d 'Remove unused images and content'
complete -c ccr -n "__fish_ccr_using_subcommand image; and not __fish_seen_subcommand_from ls rm history inspect prune pull push tag save load import sign verify attest verify-attestation download convert encrypt decrypt" -f -a "pull" -d 'Pull an image from a registry'
complete -c ccr -n "__fish_ccr_using_subcommand image; and not __fish_seen_subcommand_from ls rm history inspect prune pull push tag save load import sign verify attest verify-attestation download convert encrypt decrypt" -f -a "push" -d 'Push an image to a registry'
complete -c ccr -n "__fish_ccr_using_subcommand image; and not __fish_seen_subcommand_from ls rm history inspect prune pull push tag save load import sign verify attest verify-attestation download convert encrypt decrypt" -f -a "tag" -d 'Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE'
complete -c ccr -n "__fish_ccr_using_subcommand image; and not __fish_seen_subcommand_from ls rm history inspect prune pull push tag save load import sign verify attest verify-attestation download convert encrypt decrypt" -f -a "save" -d 'Save images to a tar archive'
complete -c ccr -n "__fish_ccr_using_subcommand image; and not __fish_seen_subcommand_from ls rm history inspect prune pull push tag save load import sign verify attest verify-attestation download convert encrypt decrypt" -f -a "load" -d 'Load images from a tar archive'
complete -c ccr -n "__fish_ccr_using_subcommand image; and not __fish_seen_subcommand_from ls rm history inspect prune pull push tag save load import sign verify attest verify-attestation download convert encrypt decrypt" -f -a "import" -d 'Import a root filesystem tarball as an image'
complete -c ccr -n "__fish_ccr_using_subcommand image; and not __fish_seen_subcommand_from ls rm history inspect prune pull push tag save load import sign verify attest verify-attestation download convert encrypt decrypt" -f -a "sign" -d 'Sign an image in its registry (cosign format)'
complete -c ccr -n "__fish_ccr_using_subcommand image; and not __fish_seen_subcommand_from ls rm history inspect prune pull push tag save load import sign verify attest verify-attestation download convert encrypt decrypt" -f -a "verify" -d 'Verify an image\'s signatures in its registry'
complete -c ccr -n "__fish_ccr_using_subcommand image; and not __fish_seen_subcommand_from ls rm history inspect prune pull push tag save load import sign verify attest verify-attestation download convert encrypt decrypt" -f -a "attest" -d 'Attest an image in its registry: a signed in-toto statement (cosign\'s layout)'
complete -c ccr -n "__fish_ccr_using_subcommand image; and not __fish_seen_subcommand_from ls rm history inspect prune pull push tag save load import sign verify attest verify-attestation download convert encrypt decrypt" -f -a "verify-attestation" -d 'Verify an image\'s attestations and print them, one JSON per line'
complete -c ccr -n "__fish_ccr_using_subcommand image; and not __fish_seen_subcommand_from ls rm history inspect prune pull push tag save load import sign verify attest verify-attestation download convert encrypt decrypt" -f -a "download" -d 'Download an image\'s attestations or SBOM'
complete -c ccr -n "__fish_ccr_using_subcommand image; and not __fish_seen_subcommand_from ls rm history inspect prune pull push tag save load import sign verify attest verify-attestation download convert encrypt decrypt" -f -a "convert" -d 'Convert an image\'s layers to another compression (gzip, zstd, uncompressed)'
complete -c ccr -n "__fish_ccr_using_subcommand image; and not __fish_seen_subcommand_from ls rm history inspect prune pull push tag save load import sign verify attest verify-attestation download convert encrypt decrypt" -f -a "encrypt" -d 'Encrypt image layers (ocicrypt) for recipients: public keys or KBS key ids'
complete -c ccr -n "__fish_ccr_using_subcommand image; and not __fish_seen_subcommand_from ls rm history inspect prune pull push tag save load import sign verify attest verify-attestation download convert encrypt decrypt" -f -a "decrypt" -d 'Decrypt image layers'
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from ls" -l format -d 'Format the output: table, json, or a template such as \'{{.Repository}}:{{.Tag}}\'' -r
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from ls" -s f -l filter -d 'Filter output: dangling=true|false, reference=PATTERN, label=KEY[=VALUE], before=IMAGE, since=IMAGE' -r
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from ls" -l data-root -d 'Root directory of persistent ccr state (default /var/lib/ccr as root, else $XDG_DATA_HOME/ccr)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from ls" -l insecure-registry -d 'Allow plain HTTP and unverified TLS for the named registry (repeatable); bare, for every registry' -r
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from ls" -l initdata -d 'The initdata TOML the guest booted with (default /run/confidential-containers/initdata/initdata.toml when present)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from ls" -l snapshotter -d 'How container root file systems are made: overlayfs (over shared layer snapshots) or native (a copy)' -r -f -a "overlayfs\t''
native\t''"
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from ls" -s q -l quiet -d 'Show only image IDs'
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from ls" -l digests -d 'Show digests'
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from ls" -l no-trunc -d 'Don\'t truncate output'
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from ls" -l debug -d 'Print debug output'
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from ls" -l cvm -d 'Confidential-VM mode (see `ccr cvm status`; also mode = "cvm" in ccr.toml; on by itself in a Confidential Containers guest)'
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help'
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from ls" -s V -l version -d 'Print version'
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from rm" -l data-root -d 'Root directory of persistent ccr state (default /var/lib/ccr as root, else $XDG_DATA_HOME/ccr)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from rm" -l insecure-registry -d 'Allow plain HTTP and unverified TLS for the named registry (repeatable); bare, for every registry' -r
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from rm" -l initdata -d 'The initdata TOML the guest booted with (default /run/confidential-containers/initdata/initdata.toml when present)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from rm" -l snapshotter -d 'How container root file systems are made: overlayfs (over shared layer snapshots) or native (a copy)' -r -f -a "overlayfs\t''
native\t''"
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from rm" -s f -l force -d 'Remove an image id referenced by several names'
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from rm" -l debug -d 'Print debug output'
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from rm" -l cvm -d 'Confidential-VM mode (see `ccr cvm status`; also mode = "cvm" in ccr.toml; on by itself in a Confidential Containers guest)'
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help'
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from rm" -s V -l version -d 'Print version'
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from history" -l format -d 'Format the output: table, json, or a template such as \'{{.CreatedBy}}\'' -r
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from history" -l platform -d 'Platform (OS/ARCH[/VARIANT]; default: this host\'s)' -r
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from history" -l data-root -d 'Root directory of persistent ccr state (default /var/lib/ccr as root, else $XDG_DATA_HOME/ccr)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from history" -l insecure-registry -d 'Allow plain HTTP and unverified TLS for the named registry (repeatable); bare, for every registry' -r
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from history" -l initdata -d 'The initdata TOML the guest booted with (default /run/confidential-containers/initdata/initdata.toml when present)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from history" -l snapshotter -d 'How container root file systems are made: overlayfs (over shared layer snapshots) or native (a copy)' -r -f -a "overlayfs\t''
native\t''"
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from history" -s q -l quiet -d 'Show only image IDs'
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from history" -l no-trunc -d 'Don\'t truncate output'
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from history" -l debug -d 'Print debug output'
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from history" -l cvm -d 'Confidential-VM mode (see `ccr cvm status`; also mode = "cvm" in ccr.toml; on by itself in a Confidential Containers guest)'
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from history" -s h -l help -d 'Print help'
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from history" -s V -l version -d 'Print version'
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from inspect" -l platform -d 'Platform (OS/ARCH[/VARIANT]; default: this host\'s)' -r
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from inspect" -s f -l format -d 'Format the output using a template' -r
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from inspect" -l data-root -d 'Root directory of persistent ccr state (default /var/lib/ccr as root, else $XDG_DATA_HOME/ccr)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from inspect" -l insecure-registry -d 'Allow plain HTTP and unverified TLS for the named registry (repeatable); bare, for every registry' -r
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from inspect" -l initdata -d 'The initdata TOML the guest booted with (default /run/confidential-containers/initdata/initdata.toml when present)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from inspect" -l snapshotter -d 'How container root file systems are made: overlayfs (over shared layer snapshots) or native (a copy)' -r -f -a "overlayfs\t''
native\t''"
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from inspect" -l debug -d 'Print debug output'
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from inspect" -l cvm -d 'Confidential-VM mode (see `ccr cvm status`; also mode = "cvm" in ccr.toml; on by itself in a Confidential Containers guest)'
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from inspect" -s h -l help -d 'Print help'
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from inspect" -s V -l version -d 'Print version'
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from prune" -l filter -d 'Only images that match: until=TIME|DURATION, label=KEY[=VALUE], label!=KEY[=VALUE]' -r
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from prune" -l data-root -d 'Root directory of persistent ccr state (default /var/lib/ccr as root, else $XDG_DATA_HOME/ccr)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from prune" -l insecure-registry -d 'Allow plain HTTP and unverified TLS for the named registry (repeatable); bare, for every registry' -r
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from prune" -l initdata -d 'The initdata TOML the guest booted with (default /run/confidential-containers/initdata/initdata.toml when present)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from prune" -l snapshotter -d 'How container root file systems are made: overlayfs (over shared layer snapshots) or native (a copy)' -r -f -a "overlayfs\t''
native\t''"
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from prune" -s a -l all -d 'Remove all images, not only unreferenced content'
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from prune" -s f -l force -d 'Do not prompt for confirmation'
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from prune" -l debug -d 'Print debug output'
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from prune" -l cvm -d 'Confidential-VM mode (see `ccr cvm status`; also mode = "cvm" in ccr.toml; on by itself in a Confidential Containers guest)'
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from prune" -s h -l help -d 'Print help'
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from prune" -s V -l version -d 'Print version'
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from pull" -l platform -d 'Only content for this platform (repeatable, or comma-separated; default: this host\'s)' -r
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from pull" -l verify -d 'Verify the image before using it' -r -f -a "none\t''
cosign\t''"
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from pull" -l cosign-key -d 'Public key to verify cosign signatures with (repeatable: any one may have signed)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from pull" -l cosign-certificate-identity -d 'Keyless: the signer\'s certificate identity' -r
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from pull" -l cosign-certificate-identity-regexp -d 'Keyless: a regular expression for the signer\'s certificate identity' -r
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from pull" -l cosign-certificate-oidc-issuer -d 'Keyless: the OIDC issuer of the signer\'s certificate' -r
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from pull" -l cosign-certificate-oidc-issuer-regexp -d 'Keyless: a regular expression for the OIDC issuer' -r
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from pull" -l signature-policy -d 'Trust policy (containers-policy.json format); default from ccr.toml' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from pull" -l decryption-key -d 'Key for encrypted layers: PRIV.pem[:PASSWORD] (PEM or JWK), kbs:///R/T/TAG=KEK-FILE, or kbs:///R/T/TAG (fetched from the KBS after attestation) (repeatable)' -r
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from pull" -l kbs-url -d 'The KBS (http[s]://HOST:PORT); default from CCR_KBS_URL, kbs_url in ccr.toml, or agent.aa_kbc_params on the kernel command line' -r
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from pull" -l kbs-cert -d 'CA certificate (PEM) for an HTTPS KBS' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from pull" -l tee -d 'The TEE whose evidence is sent' -r -f -a "auto\t'The guest\'s TEE (TDX or SNP via configfs-tsm); fails when there is none'
sample\t'Development only: evidence that proves nothing'
tdx\t''
snp\t''"
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from pull" -l tee-key -d 'The kind of the session\'s ephemeral key' -r -f -a "ec\t''
rsa\t''"
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from pull" -l tsm-report-dir -d 'Where configfs-tsm reports are made' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from pull" -l data-root -d 'Root directory of persistent ccr state (default /var/lib/ccr as root, else $XDG_DATA_HOME/ccr)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from pull" -l insecure-registry -d 'Allow plain HTTP and unverified TLS for the named registry (repeatable); bare, for every registry' -r
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from pull" -l initdata -d 'The initdata TOML the guest booted with (default /run/confidential-containers/initdata/initdata.toml when present)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from pull" -l snapshotter -d 'How container root file systems are made: overlayfs (over shared layer snapshots) or native (a copy)' -r -f -a "overlayfs\t''
native\t''"
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from pull" -l all-platforms -d 'Content for all platforms'
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from pull" -s q -l quiet -d 'Suppress progress output'
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from pull" -l verify-sbom -d 'Refuse the image unless its signed SBOM attestation (--cosign-key) lists exactly the packages in its content'
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from pull" -l debug -d 'Print debug output'
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from pull" -l cvm -d 'Confidential-VM mode (see `ccr cvm status`; also mode = "cvm" in ccr.toml; on by itself in a Confidential Containers guest)'
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from pull" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from pull" -s V -l version -d 'Print version'
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from push" -l platform -d 'Only content for this platform (repeatable, or comma-separated; default: this host\'s)' -r
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from push" -l sign -d 'Sign the pushed image' -r -f -a "none\t''
cosign\t''"
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from push" -l cosign-key -d 'Private key to sign with (cosign format; password from COSIGN_PASSWORD)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from push" -l encrypt -d 'Encrypt the layers for this recipient on the way (jwe:PUB.pem; repeatable); the local image stays as it is' -r
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from push" -l data-root -d 'Root directory of persistent ccr state (default /var/lib/ccr as root, else $XDG_DATA_HOME/ccr)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from push" -l insecure-registry -d 'Allow plain HTTP and unverified TLS for the named registry (repeatable); bare, for every registry' -r
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from push" -l initdata -d 'The initdata TOML the guest booted with (default /run/confidential-containers/initdata/initdata.toml when present)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from push" -l snapshotter -d 'How container root file systems are made: overlayfs (over shared layer snapshots) or native (a copy)' -r -f -a "overlayfs\t''
native\t''"
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from push" -l all-platforms -d 'Content for all platforms'
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from push" -s q -l quiet -d 'Suppress progress output'
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from push" -l attest-sbom -d 'Also attest the pushed image with its SBOM (recorded by build --sbom, else made now), signed with the same key'
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from push" -l debug -d 'Print debug output'
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from push" -l cvm -d 'Confidential-VM mode (see `ccr cvm status`; also mode = "cvm" in ccr.toml; on by itself in a Confidential Containers guest)'
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from push" -s h -l help -d 'Print help'
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from push" -s V -l version -d 'Print version'
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from tag" -l data-root -d 'Root directory of persistent ccr state (default /var/lib/ccr as root, else $XDG_DATA_HOME/ccr)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from tag" -l insecure-registry -d 'Allow plain HTTP and unverified TLS for the named registry (repeatable); bare, for every registry' -r
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from tag" -l initdata -d 'The initdata TOML the guest booted with (default /run/confidential-containers/initdata/initdata.toml when present)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from tag" -l snapshotter -d 'How container root file systems are made: overlayfs (over shared layer snapshots) or native (a copy)' -r -f -a "overlayfs\t''
native\t''"
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from tag" -l debug -d 'Print debug output'
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from tag" -l cvm -d 'Confidential-VM mode (see `ccr cvm status`; also mode = "cvm" in ccr.toml; on by itself in a Confidential Containers guest)'
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from tag" -s h -l help -d 'Print help'
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from tag" -s V -l version -d 'Print version'
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from save" -s o -l output -d 'Write to a file, instead of standard output' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from save" -l data-root -d 'Root directory of persistent ccr state (default /var/lib/ccr as root, else $XDG_DATA_HOME/ccr)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from save" -l insecure-registry -d 'Allow plain HTTP and unverified TLS for the named registry (repeatable); bare, for every registry' -r
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from save" -l initdata -d 'The initdata TOML the guest booted with (default /run/confidential-containers/initdata/initdata.toml when present)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from save" -l snapshotter -d 'How container root file systems are made: overlayfs (over shared layer snapshots) or native (a copy)' -r -f -a "overlayfs\t''
native\t''"
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from save" -l debug -d 'Print debug output'
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from save" -l cvm -d 'Confidential-VM mode (see `ccr cvm status`; also mode = "cvm" in ccr.toml; on by itself in a Confidential Containers guest)'
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from save" -s h -l help -d 'Print help'
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from save" -s V -l version -d 'Print version'
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from load" -s i -l input -d 'Read from a tar archive file, instead of standard input' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from load" -l data-root -d 'Root directory of persistent ccr state (default /var/lib/ccr as root, else $XDG_DATA_HOME/ccr)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from load" -l insecure-registry -d 'Allow plain HTTP and unverified TLS for the named registry (repeatable); bare, for every registry' -r
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from load" -l initdata -d 'The initdata TOML the guest booted with (default /run/confidential-containers/initdata/initdata.toml when present)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from load" -l snapshotter -d 'How container root file systems are made: overlayfs (over shared layer snapshots) or native (a copy)' -r -f -a "overlayfs\t''
native\t''"
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from load" -s q -l quiet -d 'Suppress the load output'
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from load" -l debug -d 'Print debug output'
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from load" -l cvm -d 'Confidential-VM mode (see `ccr cvm status`; also mode = "cvm" in ccr.toml; on by itself in a Confidential Containers guest)'
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from load" -s h -l help -d 'Print help'
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from load" -s V -l version -d 'Print version'
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from import" -s c -l change -d 'Apply a Dockerfile instruction to the image config (CMD, ENTRYPOINT, ENV, ...)' -r
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from import" -s m -l message -d 'Commit message recorded in the image history' -r
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from import" -l platform -d 'Platform (OS/ARCH[/VARIANT]; default: this host\'s)' -r
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from import" -l data-root -d 'Root directory of persistent ccr state (default /var/lib/ccr as root, else $XDG_DATA_HOME/ccr)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from import" -l insecure-registry -d 'Allow plain HTTP and unverified TLS for the named registry (repeatable); bare, for every registry' -r
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from import" -l initdata -d 'The initdata TOML the guest booted with (default /run/confidential-containers/initdata/initdata.toml when present)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from import" -l snapshotter -d 'How container root file systems are made: overlayfs (over shared layer snapshots) or native (a copy)' -r -f -a "overlayfs\t''
native\t''"
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from import" -l debug -d 'Print debug output'
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from import" -l cvm -d 'Confidential-VM mode (see `ccr cvm status`; also mode = "cvm" in ccr.toml; on by itself in a Confidential Containers guest)'
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from import" -s h -l help -d 'Print help'
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from import" -s V -l version -d 'Print version'
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from sign" -l key -d 'Private key (cosign format; password from COSIGN_PASSWORD)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from sign" -l data-root -d 'Root directory of persistent ccr state (default /var/lib/ccr as root, else $XDG_DATA_HOME/ccr)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from sign" -l insecure-registry -d 'Allow plain HTTP and unverified TLS for the named registry (repeatable); bare, for every registry' -r
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from sign" -l initdata -d 'The initdata TOML the guest booted with (default /run/confidential-containers/initdata/initdata.toml when present)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from sign" -l snapshotter -d 'How container root file systems are made: overlayfs (over shared layer snapshots) or native (a copy)' -r -f -a "overlayfs\t''
native\t''"
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from sign" -l recursive -d 'For an index, sign every platform manifest too'
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from sign" -s q -l quiet -d 'Print only the signed digests'
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from sign" -l debug -d 'Print debug output'
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from sign" -l cvm -d 'Confidential-VM mode (see `ccr cvm status`; also mode = "cvm" in ccr.toml; on by itself in a Confidential Containers guest)'
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from sign" -s h -l help -d 'Print help'
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from sign" -s V -l version -d 'Print version'
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from verify" -l key -d 'Public key (repeatable)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from verify" -l signature-policy -d 'Trust policy (containers-policy.json format) to check as well' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from verify" -l format -d 'Output format: table (default) or json' -r
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from verify" -l data-root -d 'Root directory of persistent ccr state (default /var/lib/ccr as root, else $XDG_DATA_HOME/ccr)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from verify" -l insecure-registry -d 'Allow plain HTTP and unverified TLS for the named registry (repeatable); bare, for every registry' -r
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from verify" -l initdata -d 'The initdata TOML the guest booted with (default /run/confidential-containers/initdata/initdata.toml when present)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from verify" -l snapshotter -d 'How container root file systems are made: overlayfs (over shared layer snapshots) or native (a copy)' -r -f -a "overlayfs\t''
native\t''"
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from verify" -l recursive -d 'For an index, verify every platform manifest too'
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from verify" -l debug -d 'Print debug output'
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from verify" -l cvm -d 'Confidential-VM mode (see `ccr cvm status`; also mode = "cvm" in ccr.toml; on by itself in a Confidential Containers guest)'
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from verify" -s h -l help -d 'Print help'
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from verify" -s V -l version -d 'Print version'
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from attest" -l key -d 'Private key (cosign format; password from COSIGN_PASSWORD)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from attest" -l predicate -d 'The predicate: a file, as cosign attest reads it' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from attest" -l type -d 'Predicate type: spdx, spdxjson, cyclonedx, slsaprovenance, slsaprovenance1, link, vuln, openvex, custom, or a URI' -r
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from attest" -l decryption-key -d 'Key for encrypted layers: PRIV.pem[:PASSWORD] (PEM or JWK), kbs:///R/T/TAG=KEK-FILE, or kbs:///R/T/TAG (fetched from the KBS after attestation) (repeatable)' -r
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from attest" -l kbs-url -d 'The KBS (http[s]://HOST:PORT); default from CCR_KBS_URL, kbs_url in ccr.toml, or agent.aa_kbc_params on the kernel command line' -r
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from attest" -l kbs-cert -d 'CA certificate (PEM) for an HTTPS KBS' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from attest" -l tee -d 'The TEE whose evidence is sent' -r -f -a "auto\t'The guest\'s TEE (TDX or SNP via configfs-tsm); fails when there is none'
sample\t'Development only: evidence that proves nothing'
tdx\t''
snp\t''"
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from attest" -l tee-key -d 'The kind of the session\'s ephemeral key' -r -f -a "ec\t''
rsa\t''"
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from attest" -l tsm-report-dir -d 'Where configfs-tsm reports are made' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from attest" -l data-root -d 'Root directory of persistent ccr state (default /var/lib/ccr as root, else $XDG_DATA_HOME/ccr)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from attest" -l insecure-registry -d 'Allow plain HTTP and unverified TLS for the named registry (repeatable); bare, for every registry' -r
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from attest" -l initdata -d 'The initdata TOML the guest booted with (default /run/confidential-containers/initdata/initdata.toml when present)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from attest" -l snapshotter -d 'How container root file systems are made: overlayfs (over shared layer snapshots) or native (a copy)' -r -f -a "overlayfs\t''
native\t''"
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from attest" -l sbom -d 'Generate the SBOM predicate from the image\'s content (SPDX for --type spdx/spdxjson, CycloneDX for cyclonedx)'
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from attest" -l recursive -d 'For an index, attest every platform manifest too (with --sbom, each with its own SBOM)'
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from attest" -l replace -d 'Replace the attestations of the same predicate type'
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from attest" -s q -l quiet -d 'Print only the attested digests'
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from attest" -l debug -d 'Print debug output'
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from attest" -l cvm -d 'Confidential-VM mode (see `ccr cvm status`; also mode = "cvm" in ccr.toml; on by itself in a Confidential Containers guest)'
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from attest" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from attest" -s V -l version -d 'Print version'
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from verify-attestation" -l key -d 'Public key (repeatable)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from verify-attestation" -l type -d 'Predicate type to require (as for attest)' -r
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from verify-attestation" -l platform -d 'Platform (OS/ARCH[/VARIANT]; default: this host\'s)' -r
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from verify-attestation" -l data-root -d 'Root directory of persistent ccr state (default /var/lib/ccr as root, else $XDG_DATA_HOME/ccr)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from verify-attestation" -l insecure-registry -d 'Allow plain HTTP and unverified TLS for the named registry (repeatable); bare, for every registry' -r
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from verify-attestation" -l initdata -d 'The initdata TOML the guest booted with (default /run/confidential-containers/initdata/initdata.toml when present)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from verify-attestation" -l snapshotter -d 'How container root file systems are made: overlayfs (over shared layer snapshots) or native (a copy)' -r -f -a "overlayfs\t''
native\t''"
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from verify-attestation" -l recursive -d 'For an index, verify every platform manifest\'s attestations too'
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from verify-attestation" -l debug -d 'Print debug output'
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from verify-attestation" -l cvm -d 'Confidential-VM mode (see `ccr cvm status`; also mode = "cvm" in ccr.toml; on by itself in a Confidential Containers guest)'
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from verify-attestation" -s h -l help -d 'Print help'
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from verify-attestation" -s V -l version -d 'Print version'
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from download" -l data-root -d 'Root directory of persistent ccr state (default /var/lib/ccr as root, else $XDG_DATA_HOME/ccr)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from download" -l insecure-registry -d 'Allow plain HTTP and unverified TLS for the named registry (repeatable); bare, for every registry' -r
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from download" -l initdata -d 'The initdata TOML the guest booted with (default /run/confidential-containers/initdata/initdata.toml when present)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from download" -l snapshotter -d 'How container root file systems are made: overlayfs (over shared layer snapshots) or native (a copy)' -r -f -a "overlayfs\t''
native\t''"
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from download" -l debug -d 'Print debug output'
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from download" -l cvm -d 'Confidential-VM mode (see `ccr cvm status`; also mode = "cvm" in ccr.toml; on by itself in a Confidential Containers guest)'
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from download" -s h -l help -d 'Print help'
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from download" -s V -l version -d 'Print version'
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from download" -f -a "attestation" -d 'Print an image\'s attestations (unverified), one JSON per line'
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from download" -f -a "sbom" -d 'Print an image\'s SBOM: with --key, the predicate of a verified SBOM attestation; without, the unsigned attachment'
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from convert" -l platform -d 'Only content for this platform (repeatable, or comma-separated; default: this host\'s)' -r
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from convert" -l data-root -d 'Root directory of persistent ccr state (default /var/lib/ccr as root, else $XDG_DATA_HOME/ccr)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from convert" -l insecure-registry -d 'Allow plain HTTP and unverified TLS for the named registry (repeatable); bare, for every registry' -r
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from convert" -l initdata -d 'The initdata TOML the guest booted with (default /run/confidential-containers/initdata/initdata.toml when present)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from convert" -l snapshotter -d 'How container root file systems are made: overlayfs (over shared layer snapshots) or native (a copy)' -r -f -a "overlayfs\t''
native\t''"
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from convert" -l gzip -d 'Compress the layers with gzip'
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from convert" -l zstd -d 'Compress the layers with zstd (OCI manifests)'
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from convert" -l uncompressed -d 'Store the layers uncompressed (OCI manifests)'
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from convert" -l estargz -d 'eStargz (lazy pulling): not made by ccr'
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from convert" -l zstdchunked -d 'zstd:chunked (lazy pulling): not made by ccr'
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from convert" -l oci -d 'Write OCI manifests (docker ones are converted)'
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from convert" -l all-platforms -d 'Content for all platforms'
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from convert" -l debug -d 'Print debug output'
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from convert" -l cvm -d 'Confidential-VM mode (see `ccr cvm status`; also mode = "cvm" in ccr.toml; on by itself in a Confidential Containers guest)'
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from convert" -s h -l help -d 'Print help'
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from convert" -s V -l version -d 'Print version'
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from encrypt" -l recipient -d 'Who can decrypt: jwe:PUB.pem (RSA or EC, PEM or JWK), or a KBS key id provider:attestation-agent:keyid=kbs:///R/T/TAG (short: kbs:///R/T/TAG) (repeatable)' -r
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from encrypt" -l platform -d 'Only content for this platform (repeatable, or comma-separated; default: this host\'s)' -r
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from encrypt" -l layer -d 'Layer to encrypt, counting from 0; negative counts from the last (repeatable; default: all)' -r
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from encrypt" -l kek-out -d 'Write the generated key-encryption key of a KBS key id to this file (mode 0600) for offline provisioning' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from encrypt" -l kbs-url -d 'The KBS (http[s]://HOST:PORT); default from CCR_KBS_URL, kbs_url in ccr.toml, or agent.aa_kbc_params on the kernel command line' -r
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from encrypt" -l kbs-cert -d 'CA certificate (PEM) for an HTTPS KBS' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from encrypt" -l tee -d 'The TEE whose evidence is sent' -r -f -a "auto\t'The guest\'s TEE (TDX or SNP via configfs-tsm); fails when there is none'
sample\t'Development only: evidence that proves nothing'
tdx\t''
snp\t''"
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from encrypt" -l tee-key -d 'The kind of the session\'s ephemeral key' -r -f -a "ec\t''
rsa\t''"
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from encrypt" -l tsm-report-dir -d 'Where configfs-tsm reports are made' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from encrypt" -l admin-key -d 'The tenant\'s ed25519 private key (PEM) to sign an admin token with' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from encrypt" -l admin-token -d 'A ready-made admin token (a file holding the JWT)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from encrypt" -l admin-issuer -d 'The token\'s issuer claim' -r
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from encrypt" -l admin-audience -d 'The token\'s audience claim (repeatable)' -r
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from encrypt" -l admin-role -d 'The token\'s role claim' -r
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from encrypt" -l data-root -d 'Root directory of persistent ccr state (default /var/lib/ccr as root, else $XDG_DATA_HOME/ccr)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from encrypt" -l insecure-registry -d 'Allow plain HTTP and unverified TLS for the named registry (repeatable); bare, for every registry' -r
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from encrypt" -l initdata -d 'The initdata TOML the guest booted with (default /run/confidential-containers/initdata/initdata.toml when present)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from encrypt" -l snapshotter -d 'How container root file systems are made: overlayfs (over shared layer snapshots) or native (a copy)' -r -f -a "overlayfs\t''
native\t''"
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from encrypt" -l all-platforms -d 'Content for all platforms'
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from encrypt" -l debug -d 'Print debug output'
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from encrypt" -l cvm -d 'Confidential-VM mode (see `ccr cvm status`; also mode = "cvm" in ccr.toml; on by itself in a Confidential Containers guest)'
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from encrypt" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from encrypt" -s V -l version -d 'Print version'
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from decrypt" -l key -d 'Private key: PRIV.pem[:PASSWORD] (PEM or JWK), or kbs:///R/T/TAG=KEK-FILE (repeatable)' -r
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from decrypt" -l platform -d 'Only content for this platform (repeatable, or comma-separated; default: this host\'s)' -r
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from decrypt" -l kbs-url -d 'The KBS (http[s]://HOST:PORT); default from CCR_KBS_URL, kbs_url in ccr.toml, or agent.aa_kbc_params on the kernel command line' -r
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from decrypt" -l kbs-cert -d 'CA certificate (PEM) for an HTTPS KBS' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from decrypt" -l tee -d 'The TEE whose evidence is sent' -r -f -a "auto\t'The guest\'s TEE (TDX or SNP via configfs-tsm); fails when there is none'
sample\t'Development only: evidence that proves nothing'
tdx\t''
snp\t''"
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from decrypt" -l tee-key -d 'The kind of the session\'s ephemeral key' -r -f -a "ec\t''
rsa\t''"
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from decrypt" -l tsm-report-dir -d 'Where configfs-tsm reports are made' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from decrypt" -l data-root -d 'Root directory of persistent ccr state (default /var/lib/ccr as root, else $XDG_DATA_HOME/ccr)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from decrypt" -l insecure-registry -d 'Allow plain HTTP and unverified TLS for the named registry (repeatable); bare, for every registry' -r
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from decrypt" -l initdata -d 'The initdata TOML the guest booted with (default /run/confidential-containers/initdata/initdata.toml when present)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from decrypt" -l snapshotter -d 'How container root file systems are made: overlayfs (over shared layer snapshots) or native (a copy)' -r -f -a "overlayfs\t''
native\t''"
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from decrypt" -l all-platforms -d 'Content for all platforms'
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from decrypt" -l debug -d 'Print debug output'
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from decrypt" -l cvm -d 'Confidential-VM mode (see `ccr cvm status`; also mode = "cvm" in ccr.toml; on by itself in a Confidential Containers guest)'
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from decrypt" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ccr -n "__fish_ccr_using_subcommand image; and __fish_seen_subcommand_from decrypt" -s V -l version -d 'Print version'
complete -c ccr -n "__fish_ccr_using_subcommand manifest; and not __fish_seen_subcommand_from create inspect" -l data-root -d 'Root directory of persistent ccr state (default /var/lib/ccr as root, else $XDG_DATA_HOME/ccr)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand manifest; and not __fish_seen_subcommand_from create inspect" -l insecure-registry -d 'Allow plain HTTP and unverified TLS for the named registry (repeatable); bare, for every registry' -r
complete -c ccr -n "__fish_ccr_using_subcommand manifest; and not __fish_seen_subcommand_from create inspect" -l initdata -d 'The initdata TOML the guest booted with (default /run/confidential-containers/initdata/initdata.toml when present)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand manifest; and not __fish_seen_subcommand_from create inspect" -l snapshotter -d 'How container root file systems are made: overlayfs (over shared layer snapshots) or native (a copy)' -r -f -a "overlayfs\t''
native\t''"
complete -c ccr -n "__fish_ccr_using_subcommand manifest; and not __fish_seen_subcommand_from create inspect" -l debug -d 'Print debug output'
complete -c ccr -n "__fish_ccr_using_subcommand manifest; and not __fish_seen_subcommand_from create inspect" -l cvm -d 'Confidential-VM mode (see `ccr cvm status`; also mode = "cvm" in ccr.toml; on by itself in a Confidential Containers guest)'
complete -c ccr -n "__fish_ccr_using_subcommand manifest; and not __fish_seen_subcommand_from create inspect" -s h -l help -d 'Print help'
complete -c ccr -n "__fish_ccr_using_subcommand manifest; and not __fish_seen_subcommand_from create inspect" -s V -l version -d 'Print version'
complete -c ccr -n "__fish_ccr_using_subcommand manifest; and not __fish_seen_subcommand_from create inspect" -f -a "create" -d 'Create a local manifest list (image index) from local images'
complete -c ccr -n "__fish_ccr_using_subcommand manifest; and not __fish_seen_subcommand_from create inspect" -f -a "inspect" -d 'Print a local image\'s manifest or index'
complete -c ccr -n "__fish_ccr_using_subcommand manifest; and __fish_seen_subcommand_from create" -l data-root -d 'Root directory of persistent ccr state (default /var/lib/ccr as root, else $XDG_DATA_HOME/ccr)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand manifest; and __fish_seen_subcommand_from create" -l insecure-registry -d 'Allow plain HTTP and unverified TLS for the named registry (repeatable); bare, for every registry' -r
complete -c ccr -n "__fish_ccr_using_subcommand manifest; and __fish_seen_subcommand_from create" -l initdata -d 'The initdata TOML the guest booted with (default /run/confidential-containers/initdata/initdata.toml when present)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand manifest; and __fish_seen_subcommand_from create" -l snapshotter -d 'How container root file systems are made: overlayfs (over shared layer snapshots) or native (a copy)' -r -f -a "overlayfs\t''
native\t''"
complete -c ccr -n "__fish_ccr_using_subcommand manifest; and __fish_seen_subcommand_from create" -s a -l amend -d 'Add to an existing list instead of replacing it'
complete -c ccr -n "__fish_ccr_using_subcommand manifest; and __fish_seen_subcommand_from create" -l debug -d 'Print debug output'
complete -c ccr -n "__fish_ccr_using_subcommand manifest; and __fish_seen_subcommand_from create" -l cvm -d 'Confidential-VM mode (see `ccr cvm status`; also mode = "cvm" in ccr.toml; on by itself in a Confidential Containers guest)'
complete -c ccr -n "__fish_ccr_using_subcommand manifest; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help'
complete -c ccr -n "__fish_ccr_using_subcommand manifest; and __fish_seen_subcommand_from create" -s V -l version -d 'Print version'
complete -c ccr -n "__fish_ccr_using_subcommand manifest; and __fish_seen_subcommand_from inspect" -l data-root -d 'Root directory of persistent ccr state (default /var/lib/ccr as root, else $XDG_DATA_HOME/ccr)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand manifest; and __fish_seen_subcommand_from inspect" -l insecure-registry -d 'Allow plain HTTP and unverified TLS for the named registry (repeatable); bare, for every registry' -r
complete -c ccr -n "__fish_ccr_using_subcommand manifest; and __fish_seen_subcommand_from inspect" -l initdata -d 'The initdata TOML the guest booted with (default /run/confidential-containers/initdata/initdata.toml when present)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand manifest; and __fish_seen_subcommand_from inspect" -l snapshotter -d 'How container root file systems are made: overlayfs (over shared layer snapshots) or native (a copy)' -r -f -a "overlayfs\t''
native\t''"
complete -c ccr -n "__fish_ccr_using_subcommand manifest; and __fish_seen_subcommand_from inspect" -l debug -d 'Print debug output'
complete -c ccr -n "__fish_ccr_using_subcommand manifest; and __fish_seen_subcommand_from inspect" -l cvm -d 'Confidential-VM mode (see `ccr cvm status`; also mode = "cvm" in ccr.toml; on by itself in a Confidential Containers guest)'
complete -c ccr -n "__fish_ccr_using_subcommand manifest; and __fish_seen_subcommand_from inspect" -s h -l help -d 'Print help'
complete -c ccr -n "__fish_ccr_using_subcommand manifest; and __fish_seen_subcommand_from inspect" -s V -l version -d 'Print version'
complete -c ccr -n "__fish_ccr_using_subcommand kbs; and not __fish_seen_subcommand_from attest get-resource set-resource set-resource-policy doctor" -l data-root -d 'Root directory of persistent ccr state (default /var/lib/ccr as root, else $XDG_DATA_HOME/ccr)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand kbs; and not __fish_seen_subcommand_from attest get-resource set-resource set-resource-policy doctor" -l insecure-registry -d 'Allow plain HTTP and unverified TLS for the named registry (repeatable); bare, for every registry' -r
complete -c ccr -n "__fish_ccr_using_subcommand kbs; and not __fish_seen_subcommand_from attest get-resource set-resource set-resource-policy doctor" -l initdata -d 'The initdata TOML the guest booted with (default /run/confidential-containers/initdata/initdata.toml when present)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand kbs; and not __fish_seen_subcommand_from attest get-resource set-resource set-resource-policy doctor" -l snapshotter -d 'How container root file systems are made: overlayfs (over shared layer snapshots) or native (a copy)' -r -f -a "overlayfs\t''
native\t''"
complete -c ccr -n "__fish_ccr_using_subcommand kbs; and not __fish_seen_subcommand_from attest get-resource set-resource set-resource-policy doctor" -l debug -d 'Print debug output'
complete -c ccr -n "__fish_ccr_using_subcommand kbs; and not __fish_seen_subcommand_from attest get-resource set-resource set-resource-policy doctor" -l cvm -d 'Confidential-VM mode (see `ccr cvm status`; also mode = "cvm" in ccr.toml; on by itself in a Confidential Containers guest)'
complete -c ccr -n "__fish_ccr_using_subcommand kbs; and not __fish_seen_subcommand_from attest get-resource set-resource set-resource-policy doctor" -s h -l help -d 'Print help'
complete -c ccr -n "__fish_ccr_using_subcommand kbs; and not __fish_seen_subcommand_from attest get-resource set-resource set-resource-policy doctor" -s V -l version -d 'Print version'
complete -c ccr -n "__fish_ccr_using_subcommand kbs; and not __fish_seen_subcommand_from attest get-resource set-resource set-resource-policy doctor" -f -a "attest" -d 'Attest to the KBS and print the token\'s claims'
complete -c ccr -n "__fish_ccr_using_subcommand kbs; and not __fish_seen_subcommand_from attest get-resource set-resource set-resource-policy doctor" -f -a "get-resource" -d 'Attest, then fetch resources (kbs:///REPO/TYPE/TAG) in one session'
complete -c ccr -n "__fish_ccr_using_subcommand kbs; and not __fish_seen_subcommand_from attest get-resource set-resource set-resource-policy doctor" -f -a "set-resource" -d 'Store a resource in the KBS (tenant side)'
complete -c ccr -n "__fish_ccr_using_subcommand kbs; and not __fish_seen_subcommand_from attest get-resource set-resource set-resource-policy doctor" -f -a "set-resource-policy" -d 'Replace the KBS resource policy (Rego) (tenant side)'
complete -c ccr -n "__fish_ccr_using_subcommand kbs; and not __fish_seen_subcommand_from attest get-resource set-resource set-resource-policy doctor" -f -a "doctor" -d 'Probe a KBS and explain what it says'
complete -c ccr -n "__fish_ccr_using_subcommand kbs; and __fish_seen_subcommand_from attest" -l kbs-url -d 'The KBS (http[s]://HOST:PORT); default from CCR_KBS_URL, kbs_url in ccr.toml, or agent.aa_kbc_params on the kernel command line' -r
complete -c ccr -n "__fish_ccr_using_subcommand kbs; and __fish_seen_subcommand_from attest" -l kbs-cert -d 'CA certificate (PEM) for an HTTPS KBS' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand kbs; and __fish_seen_subcommand_from attest" -l tee -d 'The TEE whose evidence is sent' -r -f -a "auto\t'The guest\'s TEE (TDX or SNP via configfs-tsm); fails when there is none'
sample\t'Development only: evidence that proves nothing'
tdx\t''
snp\t''"
complete -c ccr -n "__fish_ccr_using_subcommand kbs; and __fish_seen_subcommand_from attest" -l tee-key -d 'The kind of the session\'s ephemeral key' -r -f -a "ec\t''
rsa\t''"
complete -c ccr -n "__fish_ccr_using_subcommand kbs; and __fish_seen_subcommand_from attest" -l tsm-report-dir -d 'Where configfs-tsm reports are made' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand kbs; and __fish_seen_subcommand_from attest" -l format -d 'Output format: table or json' -r
complete -c ccr -n "__fish_ccr_using_subcommand kbs; and __fish_seen_subcommand_from attest" -l data-root -d 'Root directory of persistent ccr state (default /var/lib/ccr as root, else $XDG_DATA_HOME/ccr)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand kbs; and __fish_seen_subcommand_from attest" -l insecure-registry -d 'Allow plain HTTP and unverified TLS for the named registry (repeatable); bare, for every registry' -r
complete -c ccr -n "__fish_ccr_using_subcommand kbs; and __fish_seen_subcommand_from attest" -l initdata -d 'The initdata TOML the guest booted with (default /run/confidential-containers/initdata/initdata.toml when present)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand kbs; and __fish_seen_subcommand_from attest" -l snapshotter -d 'How container root file systems are made: overlayfs (over shared layer snapshots) or native (a copy)' -r -f -a "overlayfs\t''
native\t''"
complete -c ccr -n "__fish_ccr_using_subcommand kbs; and __fish_seen_subcommand_from attest" -l debug -d 'Print debug output'
complete -c ccr -n "__fish_ccr_using_subcommand kbs; and __fish_seen_subcommand_from attest" -l cvm -d 'Confidential-VM mode (see `ccr cvm status`; also mode = "cvm" in ccr.toml; on by itself in a Confidential Containers guest)'
complete -c ccr -n "__fish_ccr_using_subcommand kbs; and __fish_seen_subcommand_from attest" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ccr -n "__fish_ccr_using_subcommand kbs; and __fish_seen_subcommand_from attest" -s V -l version -d 'Print version'
complete -c ccr -n "__fish_ccr_using_subcommand kbs; and __fish_seen_subcommand_from get-resource" -l kbs-url -d 'The KBS (http[s]://HOST:PORT); default from CCR_KBS_URL, kbs_url in ccr.toml, or agent.aa_kbc_params on the kernel command line' -r
complete -c ccr -n "__fish_ccr_using_subcommand kbs; and __fish_seen_subcommand_from get-resource" -l kbs-cert -d 'CA certificate (PEM) for an HTTPS KBS' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand kbs; and __fish_seen_subcommand_from get-resource" -l tee -d 'The TEE whose evidence is sent' -r -f -a "auto\t'The guest\'s TEE (TDX or SNP via configfs-tsm); fails when there is none'
sample\t'Development only: evidence that proves nothing'
tdx\t''
snp\t''"
complete -c ccr -n "__fish_ccr_using_subcommand kbs; and __fish_seen_subcommand_from get-resource" -l tee-key -d 'The kind of the session\'s ephemeral key' -r -f -a "ec\t''
rsa\t''"
complete -c ccr -n "__fish_ccr_using_subcommand kbs; and __fish_seen_subcommand_from get-resource" -l tsm-report-dir -d 'Where configfs-tsm reports are made' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand kbs; and __fish_seen_subcommand_from get-resource" -s o -l output -d 'Write the resource to this file (mode 0600) instead of stdout; one resource only' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand kbs; and __fish_seen_subcommand_from get-resource" -l data-root -d 'Root directory of persistent ccr state (default /var/lib/ccr as root, else $XDG_DATA_HOME/ccr)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand kbs; and __fish_seen_subcommand_from get-resource" -l insecure-registry -d 'Allow plain HTTP and unverified TLS for the named registry (repeatable); bare, for every registry' -r
complete -c ccr -n "__fish_ccr_using_subcommand kbs; and __fish_seen_subcommand_from get-resource" -l initdata -d 'The initdata TOML the guest booted with (default /run/confidential-containers/initdata/initdata.toml when present)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand kbs; and __fish_seen_subcommand_from get-resource" -l snapshotter -d 'How container root file systems are made: overlayfs (over shared layer snapshots) or native (a copy)' -r -f -a "overlayfs\t''
native\t''"
complete -c ccr -n "__fish_ccr_using_subcommand kbs; and __fish_seen_subcommand_from get-resource" -l debug -d 'Print debug output'
complete -c ccr -n "__fish_ccr_using_subcommand kbs; and __fish_seen_subcommand_from get-resource" -l cvm -d 'Confidential-VM mode (see `ccr cvm status`; also mode = "cvm" in ccr.toml; on by itself in a Confidential Containers guest)'
complete -c ccr -n "__fish_ccr_using_subcommand kbs; and __fish_seen_subcommand_from get-resource" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ccr -n "__fish_ccr_using_subcommand kbs; and __fish_seen_subcommand_from get-resource" -s V -l version -d 'Print version'
complete -c ccr -n "__fish_ccr_using_subcommand kbs; and __fish_seen_subcommand_from set-resource" -l kbs-url -d 'The KBS (http[s]://HOST:PORT); default from CCR_KBS_URL, kbs_url in ccr.toml, or agent.aa_kbc_params on the kernel command line' -r
complete -c ccr -n "__fish_ccr_using_subcommand kbs; and __fish_seen_subcommand_from set-resource" -l kbs-cert -d 'CA certificate (PEM) for an HTTPS KBS' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand kbs; and __fish_seen_subcommand_from set-resource" -l tee -d 'The TEE whose evidence is sent' -r -f -a "auto\t'The guest\'s TEE (TDX or SNP via configfs-tsm); fails when there is none'
sample\t'Development only: evidence that proves nothing'
tdx\t''
snp\t''"
complete -c ccr -n "__fish_ccr_using_subcommand kbs; and __fish_seen_subcommand_from set-resource" -l tee-key -d 'The kind of the session\'s ephemeral key' -r -f -a "ec\t''
rsa\t''"
complete -c ccr -n "__fish_ccr_using_subcommand kbs; and __fish_seen_subcommand_from set-resource" -l tsm-report-dir -d 'Where configfs-tsm reports are made' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand kbs; and __fish_seen_subcommand_from set-resource" -l admin-key -d 'The tenant\'s ed25519 private key (PEM) to sign an admin token with' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand kbs; and __fish_seen_subcommand_from set-resource" -l admin-token -d 'A ready-made admin token (a file holding the JWT)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand kbs; and __fish_seen_subcommand_from set-resource" -l admin-issuer -d 'The token\'s issuer claim' -r
complete -c ccr -n "__fish_ccr_using_subcommand kbs; and __fish_seen_subcommand_from set-resource" -l admin-audience -d 'The token\'s audience claim (repeatable)' -r
complete -c ccr -n "__fish_ccr_using_subcommand kbs; and __fish_seen_subcommand_from set-resource" -l admin-role -d 'The token\'s role claim' -r
complete -c ccr -n "__fish_ccr_using_subcommand kbs; and __fish_seen_subcommand_from set-resource" -l data-root -d 'Root directory of persistent ccr state (default /var/lib/ccr as root, else $XDG_DATA_HOME/ccr)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand kbs; and __fish_seen_subcommand_from set-resource" -l insecure-registry -d 'Allow plain HTTP and unverified TLS for the named registry (repeatable); bare, for every registry' -r
complete -c ccr -n "__fish_ccr_using_subcommand kbs; and __fish_seen_subcommand_from set-resource" -l initdata -d 'The initdata TOML the guest booted with (default /run/confidential-containers/initdata/initdata.toml when present)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand kbs; and __fish_seen_subcommand_from set-resource" -l snapshotter -d 'How container root file systems are made: overlayfs (over shared layer snapshots) or native (a copy)' -r -f -a "overlayfs\t''
native\t''"
complete -c ccr -n "__fish_ccr_using_subcommand kbs; and __fish_seen_subcommand_from set-resource" -l debug -d 'Print debug output'
complete -c ccr -n "__fish_ccr_using_subcommand kbs; and __fish_seen_subcommand_from set-resource" -l cvm -d 'Confidential-VM mode (see `ccr cvm status`; also mode = "cvm" in ccr.toml; on by itself in a Confidential Containers guest)'
complete -c ccr -n "__fish_ccr_using_subcommand kbs; and __fish_seen_subcommand_from set-resource" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ccr -n "__fish_ccr_using_subcommand kbs; and __fish_seen_subcommand_from set-resource" -s V -l version -d 'Print version'
complete -c ccr -n "__fish_ccr_using_subcommand kbs; and __fish_seen_subcommand_from set-resource-policy" -l kbs-url -d 'The KBS (http[s]://HOST:PORT); default from CCR_KBS_URL, kbs_url in ccr.toml, or agent.aa_kbc_params on the kernel command line' -r
complete -c ccr -n "__fish_ccr_using_subcommand kbs; and __fish_seen_subcommand_from set-resource-policy" -l kbs-cert -d 'CA certificate (PEM) for an HTTPS KBS' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand kbs; and __fish_seen_subcommand_from set-resource-policy" -l tee -d 'The TEE whose evidence is sent' -r -f -a "auto\t'The guest\'s TEE (TDX or SNP via configfs-tsm); fails when there is none'
sample\t'Development only: evidence that proves nothing'
tdx\t''
snp\t''"
complete -c ccr -n "__fish_ccr_using_subcommand kbs; and __fish_seen_subcommand_from set-resource-policy" -l tee-key -d 'The kind of the session\'s ephemeral key' -r -f -a "ec\t''
rsa\t''"
complete -c ccr -n "__fish_ccr_using_subcommand kbs; and __fish_seen_subcommand_from set-resource-policy" -l tsm-report-dir -d 'Where configfs-tsm reports are made' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand kbs; and __fish_seen_subcommand_from set-resource-policy" -l admin-key -d 'The tenant\'s ed25519 private key (PEM) to sign an admin token with' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand kbs; and __fish_seen_subcommand_from set-resource-policy" -l admin-token -d 'A ready-made admin token (a file holding the JWT)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand kbs; and __fish_seen_subcommand_from set-resource-policy" -l admin-issuer -d 'The token\'s issuer claim' -r
complete -c ccr -n "__fish_ccr_using_subcommand kbs; and __fish_seen_subcommand_from set-resource-policy" -l admin-audience -d 'The token\'s audience claim (repeatable)' -r
complete -c ccr -n "__fish_ccr_using_subcommand kbs; and __fish_seen_subcommand_from set-resource-policy" -l admin-role -d 'The token\'s role claim' -r
complete -c ccr -n "__fish_ccr_using_subcommand kbs; and __fish_seen_subcommand_from set-resource-policy" -l data-root -d 'Root directory of persistent ccr state (default /var/lib/ccr as root, else $XDG_DATA_HOME/ccr)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand kbs; and __fish_seen_subcommand_from set-resource-policy" -l insecure-registry -d 'Allow plain HTTP and unverified TLS for the named registry (repeatable); bare, for every registry' -r
complete -c ccr -n "__fish_ccr_using_subcommand kbs; and __fish_seen_subcommand_from set-resource-policy" -l initdata -d 'The initdata TOML the guest booted with (default /run/confidential-containers/initdata/initdata.toml when present)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand kbs; and __fish_seen_subcommand_from set-resource-policy" -l snapshotter -d 'How container root file systems are made: overlayfs (over shared layer snapshots) or native (a copy)' -r -f -a "overlayfs\t''
native\t''"
complete -c ccr -n "__fish_ccr_using_subcommand kbs; and __fish_seen_subcommand_from set-resource-policy" -l debug -d 'Print debug output'
complete -c ccr -n "__fish_ccr_using_subcommand kbs; and __fish_seen_subcommand_from set-resource-policy" -l cvm -d 'Confidential-VM mode (see `ccr cvm status`; also mode = "cvm" in ccr.toml; on by itself in a Confidential Containers guest)'
complete -c ccr -n "__fish_ccr_using_subcommand kbs; and __fish_seen_subcommand_from set-resource-policy" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ccr -n "__fish_ccr_using_subcommand kbs; and __fish_seen_subcommand_from set-resource-policy" -s V -l version -d 'Print version'
complete -c ccr -n "__fish_ccr_using_subcommand kbs; and __fish_seen_subcommand_from doctor" -l kbs-url -d 'The KBS (http[s]://HOST:PORT); default from CCR_KBS_URL, kbs_url in ccr.toml, or agent.aa_kbc_params on the kernel command line' -r
complete -c ccr -n "__fish_ccr_using_subcommand kbs; and __fish_seen_subcommand_from doctor" -l kbs-cert -d 'CA certificate (PEM) for an HTTPS KBS' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand kbs; and __fish_seen_subcommand_from doctor" -l tee -d 'The TEE whose evidence is sent' -r -f -a "auto\t'The guest\'s TEE (TDX or SNP via configfs-tsm); fails when there is none'
sample\t'Development only: evidence that proves nothing'
tdx\t''
snp\t''"
complete -c ccr -n "__fish_ccr_using_subcommand kbs; and __fish_seen_subcommand_from doctor" -l tee-key -d 'The kind of the session\'s ephemeral key' -r -f -a "ec\t''
rsa\t''"
complete -c ccr -n "__fish_ccr_using_subcommand kbs; and __fish_seen_subcommand_from doctor" -l tsm-report-dir -d 'Where configfs-tsm reports are made' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand kbs; and __fish_seen_subcommand_from doctor" -l resource -d 'Also check whether this resource is released' -r
complete -c ccr -n "__fish_ccr_using_subcommand kbs; and __fish_seen_subcommand_from doctor" -l data-root -d 'Root directory of persistent ccr state (default /var/lib/ccr as root, else $XDG_DATA_HOME/ccr)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand kbs; and __fish_seen_subcommand_from doctor" -l insecure-registry -d 'Allow plain HTTP and unverified TLS for the named registry (repeatable); bare, for every registry' -r
complete -c ccr -n "__fish_ccr_using_subcommand kbs; and __fish_seen_subcommand_from doctor" -l initdata -d 'The initdata TOML the guest booted with (default /run/confidential-containers/initdata/initdata.toml when present)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand kbs; and __fish_seen_subcommand_from doctor" -l snapshotter -d 'How container root file systems are made: overlayfs (over shared layer snapshots) or native (a copy)' -r -f -a "overlayfs\t''
native\t''"
complete -c ccr -n "__fish_ccr_using_subcommand kbs; and __fish_seen_subcommand_from doctor" -l debug -d 'Print debug output'
complete -c ccr -n "__fish_ccr_using_subcommand kbs; and __fish_seen_subcommand_from doctor" -l cvm -d 'Confidential-VM mode (see `ccr cvm status`; also mode = "cvm" in ccr.toml; on by itself in a Confidential Containers guest)'
complete -c ccr -n "__fish_ccr_using_subcommand kbs; and __fish_seen_subcommand_from doctor" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ccr -n "__fish_ccr_using_subcommand kbs; and __fish_seen_subcommand_from doctor" -s V -l version -d 'Print version'
complete -c ccr -n "__fish_ccr_using_subcommand cvm; and not __fish_seen_subcommand_from provision status" -l data-root -d 'Root directory of persistent ccr state (default /var/lib/ccr as root, else $XDG_DATA_HOME/ccr)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand cvm; and not __fish_seen_subcommand_from provision status" -l insecure-registry -d 'Allow plain HTTP and unverified TLS for the named registry (repeatable); bare, for every registry' -r
complete -c ccr -n "__fish_ccr_using_subcommand cvm; and not __fish_seen_subcommand_from provision status" -l initdata -d 'The initdata TOML the guest booted with (default /run/confidential-containers/initdata/initdata.toml when present)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand cvm; and not __fish_seen_subcommand_from provision status" -l snapshotter -d 'How container root file systems are made: overlayfs (over shared layer snapshots) or native (a copy)' -r -f -a "overlayfs\t''
native\t''"
complete -c ccr -n "__fish_ccr_using_subcommand cvm; and not __fish_seen_subcommand_from provision status" -l debug -d 'Print debug output'
complete -c ccr -n "__fish_ccr_using_subcommand cvm; and not __fish_seen_subcommand_from provision status" -l cvm -d 'Confidential-VM mode (see `ccr cvm status`; also mode = "cvm" in ccr.toml; on by itself in a Confidential Containers guest)'
complete -c ccr -n "__fish_ccr_using_subcommand cvm; and not __fish_seen_subcommand_from provision status" -s h -l help -d 'Print help'
complete -c ccr -n "__fish_ccr_using_subcommand cvm; and not __fish_seen_subcommand_from provision status" -s V -l version -d 'Print version'
complete -c ccr -n "__fish_ccr_using_subcommand cvm; and not __fish_seen_subcommand_from provision status" -f -a "provision" -d 'Provision a KBS for signed images (tenant side): cosign key, image policy, credentials, resource policy; write the initdata the guest boots with'
complete -c ccr -n "__fish_ccr_using_subcommand cvm; and not __fish_seen_subcommand_from provision status" -f -a "status" -d 'Say whether confidential-VM mode is on and why, the TEE, the KBS, the initdata and where policy and keys come from'
complete -c ccr -n "__fish_ccr_using_subcommand cvm; and __fish_seen_subcommand_from provision" -l kbs-url -d 'The KBS (http[s]://HOST:PORT); default from CCR_KBS_URL, kbs_url in ccr.toml, or agent.aa_kbc_params on the kernel command line' -r
complete -c ccr -n "__fish_ccr_using_subcommand cvm; and __fish_seen_subcommand_from provision" -l kbs-cert -d 'CA certificate (PEM) for an HTTPS KBS' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand cvm; and __fish_seen_subcommand_from provision" -l tee -d 'The TEE whose evidence is sent' -r -f -a "auto\t'The guest\'s TEE (TDX or SNP via configfs-tsm); fails when there is none'
sample\t'Development only: evidence that proves nothing'
tdx\t''
snp\t''"
complete -c ccr -n "__fish_ccr_using_subcommand cvm; and __fish_seen_subcommand_from provision" -l tee-key -d 'The kind of the session\'s ephemeral key' -r -f -a "ec\t''
rsa\t''"
complete -c ccr -n "__fish_ccr_using_subcommand cvm; and __fish_seen_subcommand_from provision" -l tsm-report-dir -d 'Where configfs-tsm reports are made' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand cvm; and __fish_seen_subcommand_from provision" -l admin-key -d 'The tenant\'s ed25519 private key (PEM) to sign an admin token with' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand cvm; and __fish_seen_subcommand_from provision" -l admin-token -d 'A ready-made admin token (a file holding the JWT)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand cvm; and __fish_seen_subcommand_from provision" -l admin-issuer -d 'The token\'s issuer claim' -r
complete -c ccr -n "__fish_ccr_using_subcommand cvm; and __fish_seen_subcommand_from provision" -l admin-audience -d 'The token\'s audience claim (repeatable)' -r
complete -c ccr -n "__fish_ccr_using_subcommand cvm; and __fish_seen_subcommand_from provision" -l admin-role -d 'The token\'s role claim' -r
complete -c ccr -n "__fish_ccr_using_subcommand cvm; and __fish_seen_subcommand_from provision" -l image -d 'An image the guest may run (repeatable): its repository, signed with the cosign key, is admitted; everything else is rejected' -r
complete -c ccr -n "__fish_ccr_using_subcommand cvm; and __fish_seen_subcommand_from provision" -l cosign-key -d 'The cosign public key the images are signed with' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand cvm; and __fish_seen_subcommand_from provision" -l tag -d 'The tag of the resources written (default/TYPE/TAG)' -r
complete -c ccr -n "__fish_ccr_using_subcommand cvm; and __fish_seen_subcommand_from provision" -s o -l output -d 'Write the initdata here (0600) instead of standard output' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand cvm; and __fish_seen_subcommand_from provision" -l data-root -d 'Root directory of persistent ccr state (default /var/lib/ccr as root, else $XDG_DATA_HOME/ccr)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand cvm; and __fish_seen_subcommand_from provision" -l insecure-registry -d 'Allow plain HTTP and unverified TLS for the named registry (repeatable); bare, for every registry' -r
complete -c ccr -n "__fish_ccr_using_subcommand cvm; and __fish_seen_subcommand_from provision" -l initdata -d 'The initdata TOML the guest booted with (default /run/confidential-containers/initdata/initdata.toml when present)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand cvm; and __fish_seen_subcommand_from provision" -l snapshotter -d 'How container root file systems are made: overlayfs (over shared layer snapshots) or native (a copy)' -r -f -a "overlayfs\t''
native\t''"
complete -c ccr -n "__fish_ccr_using_subcommand cvm; and __fish_seen_subcommand_from provision" -l registry-auth -d 'Also upload the credentials recorded (ccr login) for the images\' registries'
complete -c ccr -n "__fish_ccr_using_subcommand cvm; and __fish_seen_subcommand_from provision" -l allow-sample -d 'Let the resource policy release to sample evidence (development only)'
complete -c ccr -n "__fish_ccr_using_subcommand cvm; and __fish_seen_subcommand_from provision" -l debug -d 'Print debug output'
complete -c ccr -n "__fish_ccr_using_subcommand cvm; and __fish_seen_subcommand_from provision" -l cvm -d 'Confidential-VM mode (see `ccr cvm status`; also mode = "cvm" in ccr.toml; on by itself in a Confidential Containers guest)'
complete -c ccr -n "__fish_ccr_using_subcommand cvm; and __fish_seen_subcommand_from provision" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ccr -n "__fish_ccr_using_subcommand cvm; and __fish_seen_subcommand_from provision" -s V -l version -d 'Print version'
complete -c ccr -n "__fish_ccr_using_subcommand cvm; and __fish_seen_subcommand_from status" -l format -d 'Format the output: table (default) or json' -r
complete -c ccr -n "__fish_ccr_using_subcommand cvm; and __fish_seen_subcommand_from status" -l tsm-report-dir -d 'Where configfs-tsm reports are made' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand cvm; and __fish_seen_subcommand_from status" -l data-root -d 'Root directory of persistent ccr state (default /var/lib/ccr as root, else $XDG_DATA_HOME/ccr)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand cvm; and __fish_seen_subcommand_from status" -l insecure-registry -d 'Allow plain HTTP and unverified TLS for the named registry (repeatable); bare, for every registry' -r
complete -c ccr -n "__fish_ccr_using_subcommand cvm; and __fish_seen_subcommand_from status" -l initdata -d 'The initdata TOML the guest booted with (default /run/confidential-containers/initdata/initdata.toml when present)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand cvm; and __fish_seen_subcommand_from status" -l snapshotter -d 'How container root file systems are made: overlayfs (over shared layer snapshots) or native (a copy)' -r -f -a "overlayfs\t''
native\t''"
complete -c ccr -n "__fish_ccr_using_subcommand cvm; and __fish_seen_subcommand_from status" -l debug -d 'Print debug output'
complete -c ccr -n "__fish_ccr_using_subcommand cvm; and __fish_seen_subcommand_from status" -l cvm -d 'Confidential-VM mode (see `ccr cvm status`; also mode = "cvm" in ccr.toml; on by itself in a Confidential Containers guest)'
complete -c ccr -n "__fish_ccr_using_subcommand cvm; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help'
complete -c ccr -n "__fish_ccr_using_subcommand cvm; and __fish_seen_subcommand_from status" -s V -l version -d 'Print version'
complete -c ccr -n "__fish_ccr_using_subcommand key; and not __fish_seen_subcommand_from generate" -l data-root -d 'Root directory of persistent ccr state (default /var/lib/ccr as root, else $XDG_DATA_HOME/ccr)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand key; and not __fish_seen_subcommand_from generate" -l insecure-registry -d 'Allow plain HTTP and unverified TLS for the named registry (repeatable); bare, for every registry' -r
complete -c ccr -n "__fish_ccr_using_subcommand key; and not __fish_seen_subcommand_from generate" -l initdata -d 'The initdata TOML the guest booted with (default /run/confidential-containers/initdata/initdata.toml when present)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand key; and not __fish_seen_subcommand_from generate" -l snapshotter -d 'How container root file systems are made: overlayfs (over shared layer snapshots) or native (a copy)' -r -f -a "overlayfs\t''
native\t''"
complete -c ccr -n "__fish_ccr_using_subcommand key; and not __fish_seen_subcommand_from generate" -l debug -d 'Print debug output'
complete -c ccr -n "__fish_ccr_using_subcommand key; and not __fish_seen_subcommand_from generate" -l cvm -d 'Confidential-VM mode (see `ccr cvm status`; also mode = "cvm" in ccr.toml; on by itself in a Confidential Containers guest)'
complete -c ccr -n "__fish_ccr_using_subcommand key; and not __fish_seen_subcommand_from generate" -s h -l help -d 'Print help'
complete -c ccr -n "__fish_ccr_using_subcommand key; and not __fish_seen_subcommand_from generate" -s V -l version -d 'Print version'
complete -c ccr -n "__fish_ccr_using_subcommand key; and not __fish_seen_subcommand_from generate" -f -a "generate" -d 'Generate a cosign key pair (PREFIX.key, encrypted, and PREFIX.pub)'
complete -c ccr -n "__fish_ccr_using_subcommand key; and __fish_seen_subcommand_from generate" -l output-key-prefix -d 'Name of the key files, without .key/.pub' -r
complete -c ccr -n "__fish_ccr_using_subcommand key; and __fish_seen_subcommand_from generate" -l data-root -d 'Root directory of persistent ccr state (default /var/lib/ccr as root, else $XDG_DATA_HOME/ccr)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand key; and __fish_seen_subcommand_from generate" -l insecure-registry -d 'Allow plain HTTP and unverified TLS for the named registry (repeatable); bare, for every registry' -r
complete -c ccr -n "__fish_ccr_using_subcommand key; and __fish_seen_subcommand_from generate" -l initdata -d 'The initdata TOML the guest booted with (default /run/confidential-containers/initdata/initdata.toml when present)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand key; and __fish_seen_subcommand_from generate" -l snapshotter -d 'How container root file systems are made: overlayfs (over shared layer snapshots) or native (a copy)' -r -f -a "overlayfs\t''
native\t''"
complete -c ccr -n "__fish_ccr_using_subcommand key; and __fish_seen_subcommand_from generate" -l debug -d 'Print debug output'
complete -c ccr -n "__fish_ccr_using_subcommand key; and __fish_seen_subcommand_from generate" -l cvm -d 'Confidential-VM mode (see `ccr cvm status`; also mode = "cvm" in ccr.toml; on by itself in a Confidential Containers guest)'
complete -c ccr -n "__fish_ccr_using_subcommand key; and __fish_seen_subcommand_from generate" -s h -l help -d 'Print help'
complete -c ccr -n "__fish_ccr_using_subcommand key; and __fish_seen_subcommand_from generate" -s V -l version -d 'Print version'
complete -c ccr -n "__fish_ccr_using_subcommand sbom; and not __fish_seen_subcommand_from diff" -s o -l output -d 'Output format: spdx-json, cyclonedx-json[@1.5|@1.6], json, table' -r
complete -c ccr -n "__fish_ccr_using_subcommand sbom; and not __fish_seen_subcommand_from diff" -l file -d 'Write the SBOM to this file instead of standard output' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand sbom; and not __fish_seen_subcommand_from diff" -l platform -d 'Platform (OS/ARCH[/VARIANT]; default: this host\'s)' -r
complete -c ccr -n "__fish_ccr_using_subcommand sbom; and not __fish_seen_subcommand_from diff" -l pull -d 'When to pull the image' -r -f -a "missing\t''
always\t''
never\t''"
complete -c ccr -n "__fish_ccr_using_subcommand sbom; and not __fish_seen_subcommand_from diff" -l decryption-key -d 'Key for encrypted layers: PRIV.pem[:PASSWORD] (PEM or JWK), kbs:///R/T/TAG=KEK-FILE, or kbs:///R/T/TAG (fetched from the KBS after attestation) (repeatable)' -r
complete -c ccr -n "__fish_ccr_using_subcommand sbom; and not __fish_seen_subcommand_from diff" -l kbs-url -d 'The KBS (http[s]://HOST:PORT); default from CCR_KBS_URL, kbs_url in ccr.toml, or agent.aa_kbc_params on the kernel command line' -r
complete -c ccr -n "__fish_ccr_using_subcommand sbom; and not __fish_seen_subcommand_from diff" -l kbs-cert -d 'CA certificate (PEM) for an HTTPS KBS' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand sbom; and not __fish_seen_subcommand_from diff" -l tee -d 'The TEE whose evidence is sent' -r -f -a "auto\t'The guest\'s TEE (TDX or SNP via configfs-tsm); fails when there is none'
sample\t'Development only: evidence that proves nothing'
tdx\t''
snp\t''"
complete -c ccr -n "__fish_ccr_using_subcommand sbom; and not __fish_seen_subcommand_from diff" -l tee-key -d 'The kind of the session\'s ephemeral key' -r -f -a "ec\t''
rsa\t''"
complete -c ccr -n "__fish_ccr_using_subcommand sbom; and not __fish_seen_subcommand_from diff" -l tsm-report-dir -d 'Where configfs-tsm reports are made' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand sbom; and not __fish_seen_subcommand_from diff" -l data-root -d 'Root directory of persistent ccr state (default /var/lib/ccr as root, else $XDG_DATA_HOME/ccr)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand sbom; and not __fish_seen_subcommand_from diff" -l insecure-registry -d 'Allow plain HTTP and unverified TLS for the named registry (repeatable); bare, for every registry' -r
complete -c ccr -n "__fish_ccr_using_subcommand sbom; and not __fish_seen_subcommand_from diff" -l initdata -d 'The initdata TOML the guest booted with (default /run/confidential-containers/initdata/initdata.toml when present)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand sbom; and not __fish_seen_subcommand_from diff" -l snapshotter -d 'How container root file systems are made: overlayfs (over shared layer snapshots) or native (a copy)' -r -f -a "overlayfs\t''
native\t''"
complete -c ccr -n "__fish_ccr_using_subcommand sbom; and not __fish_seen_subcommand_from diff" -s q -l quiet -d 'Suppress the pull output'
complete -c ccr -n "__fish_ccr_using_subcommand sbom; and not __fish_seen_subcommand_from diff" -l debug -d 'Print debug output'
complete -c ccr -n "__fish_ccr_using_subcommand sbom; and not __fish_seen_subcommand_from diff" -l cvm -d 'Confidential-VM mode (see `ccr cvm status`; also mode = "cvm" in ccr.toml; on by itself in a Confidential Containers guest)'
complete -c ccr -n "__fish_ccr_using_subcommand sbom; and not __fish_seen_subcommand_from diff" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ccr -n "__fish_ccr_using_subcommand sbom; and not __fish_seen_subcommand_from diff" -s V -l version -d 'Print version'
complete -c ccr -n "__fish_ccr_using_subcommand sbom; and not __fish_seen_subcommand_from diff" -a "diff" -d 'Compare two SBOMs (files, or images to catalog) by their packages; exit 1 when they differ'
complete -c ccr -n "__fish_ccr_using_subcommand sbom; and __fish_seen_subcommand_from diff" -l format -d 'Output format: text or json' -r
complete -c ccr -n "__fish_ccr_using_subcommand sbom; and __fish_seen_subcommand_from diff" -l platform -d 'Platform (OS/ARCH[/VARIANT]; default: this host\'s)' -r
complete -c ccr -n "__fish_ccr_using_subcommand sbom; and __fish_seen_subcommand_from diff" -l data-root -d 'Root directory of persistent ccr state (default /var/lib/ccr as root, else $XDG_DATA_HOME/ccr)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand sbom; and __fish_seen_subcommand_from diff" -l insecure-registry -d 'Allow plain HTTP and unverified TLS for the named registry (repeatable); bare, for every registry' -r
complete -c ccr -n "__fish_ccr_using_subcommand sbom; and __fish_seen_subcommand_from diff" -l initdata -d 'The initdata TOML the guest booted with (default /run/confidential-containers/initdata/initdata.toml when present)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand sbom; and __fish_seen_subcommand_from diff" -l snapshotter -d 'How container root file systems are made: overlayfs (over shared layer snapshots) or native (a copy)' -r -f -a "overlayfs\t''
native\t''"
complete -c ccr -n "__fish_ccr_using_subcommand sbom; and __fish_seen_subcommand_from diff" -l ignore-licenses -d 'Do not compare licenses'
complete -c ccr -n "__fish_ccr_using_subcommand sbom; and __fish_seen_subcommand_from diff" -l debug -d 'Print debug output'
complete -c ccr -n "__fish_ccr_using_subcommand sbom; and __fish_seen_subcommand_from diff" -l cvm -d 'Confidential-VM mode (see `ccr cvm status`; also mode = "cvm" in ccr.toml; on by itself in a Confidential Containers guest)'
complete -c ccr -n "__fish_ccr_using_subcommand sbom; and __fish_seen_subcommand_from diff" -s h -l help -d 'Print help'
complete -c ccr -n "__fish_ccr_using_subcommand sbom; and __fish_seen_subcommand_from diff" -s V -l version -d 'Print version'
complete -c ccr -n "__fish_ccr_using_subcommand login" -s u -l username -d 'Username' -r
complete -c ccr -n "__fish_ccr_using_subcommand login" -s p -l password -d 'Password (prefer --password-stdin)' -r
complete -c ccr -n "__fish_ccr_using_subcommand login" -l data-root -d 'Root directory of persistent ccr state (default /var/lib/ccr as root, else $XDG_DATA_HOME/ccr)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand login" -l insecure-registry -d 'Allow plain HTTP and unverified TLS for the named registry (repeatable); bare, for every registry' -r
complete -c ccr -n "__fish_ccr_using_subcommand login" -l initdata -d 'The initdata TOML the guest booted with (default /run/confidential-containers/initdata/initdata.toml when present)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand login" -l snapshotter -d 'How container root file systems are made: overlayfs (over shared layer snapshots) or native (a copy)' -r -f -a "overlayfs\t''
native\t''"
complete -c ccr -n "__fish_ccr_using_subcommand login" -l password-stdin -d 'Take the password from standard input'
complete -c ccr -n "__fish_ccr_using_subcommand login" -l debug -d 'Print debug output'
complete -c ccr -n "__fish_ccr_using_subcommand login" -l cvm -d 'Confidential-VM mode (see `ccr cvm status`; also mode = "cvm" in ccr.toml; on by itself in a Confidential Containers guest)'
complete -c ccr -n "__fish_ccr_using_subcommand login" -s h -l help -d 'Print help'
complete -c ccr -n "__fish_ccr_using_subcommand login" -s V -l version -d 'Print version'
complete -c ccr -n "__fish_ccr_using_subcommand logout" -l data-root -d 'Root directory of persistent ccr state (default /var/lib/ccr as root, else $XDG_DATA_HOME/ccr)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand logout" -l insecure-registry -d 'Allow plain HTTP and unverified TLS for the named registry (repeatable); bare, for every registry' -r
complete -c ccr -n "__fish_ccr_using_subcommand logout" -l initdata -d 'The initdata TOML the guest booted with (default /run/confidential-containers/initdata/initdata.toml when present)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand logout" -l snapshotter -d 'How container root file systems are made: overlayfs (over shared layer snapshots) or native (a copy)' -r -f -a "overlayfs\t''
native\t''"
complete -c ccr -n "__fish_ccr_using_subcommand logout" -l debug -d 'Print debug output'
complete -c ccr -n "__fish_ccr_using_subcommand logout" -l cvm -d 'Confidential-VM mode (see `ccr cvm status`; also mode = "cvm" in ccr.toml; on by itself in a Confidential Containers guest)'
complete -c ccr -n "__fish_ccr_using_subcommand logout" -s h -l help -d 'Print help'
complete -c ccr -n "__fish_ccr_using_subcommand logout" -s V -l version -d 'Print version'
complete -c ccr -n "__fish_ccr_using_subcommand completion" -l data-root -d 'Root directory of persistent ccr state (default /var/lib/ccr as root, else $XDG_DATA_HOME/ccr)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand completion" -l insecure-registry -d 'Allow plain HTTP and unverified TLS for the named registry (repeatable); bare, for every registry' -r
complete -c ccr -n "__fish_ccr_using_subcommand completion" -l initdata -d 'The initdata TOML the guest booted with (default /run/confidential-containers/initdata/initdata.toml when present)' -r -F
complete -c ccr -n "__fish_ccr_using_subcommand completion" -l snapshotter -d 'How container root file systems are made: overlayfs (over shared layer snapshots) or native (a copy)' -r -f -a "overlayfs\t''
native\t''"
complete -c ccr -n "__fish_ccr_using_subcommand completion" -l debug -d 'Print debug output'
complete -c ccr -n "__fish_ccr_using_subcommand completion" -l cvm -d 'Confidential-VM mode (see `ccr cvm status`; also mode = "cvm" in ccr.toml; on by itself in a Confidential Containers guest)'
complete -c ccr -n "__fish_ccr_using_subcommand completion" -s h -l help -d 'Print help'
complete -c ccr -n "__fish_ccr_using_subcommand completion" -s V -l version -d 'Print version'
