complete --keep-order --exclusive --command ccr --arguments "(COMPLETE=fish ccr -- (commandline --current-process --tokenize --cut-at-cursor) (commandline --current-token))"
