#!/bin/sh
echo "Hello from ccr compose, running on $(uname -m)"
