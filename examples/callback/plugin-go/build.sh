#!/bin/sh
# Builds the Go callback plugin with Debian's packaged go-plugin, offline, in GOPATH mode, and packs
# OUTDIR/callback-go-<version>-<os>-<arch>.zip; then (unless --skip-tests=true) runs the Go tests, which
# start the built binary with go-plugin's own client and serve the host's values through go-plugin's broker.
#
# Usage: build.sh [--skip-tests=true|false] OUTDIR
set -eu

HERE=$(cd "$(dirname "$0")" && pwd)
IMPORT_ROOT=pnode.dev/examples/callback-go
NAME=callback-go
VERSION=1.0.0
EXAMPLES_DIR=$(cd "$HERE/../.." && pwd)
. "$EXAMPLES_DIR/go-plugin-build.sh"
PROTOS="$HERE/../proto"

go_plugin_args "$@"
go_plugin_toolchain
go_plugin_workspace main.go main_test.go callback
mkdir -p "$PKG_DIR/callbackpb"
protoc -I "$PROTOS" --go_out="plugins=grpc,paths=source_relative:$PKG_DIR/callbackpb" "$PROTOS/callback.proto"
go_plugin_package

go_plugin_skip_tests && exit 0
go vet "$IMPORT_ROOT/..."
CALLBACK_GO_BINARY="$STAGE/$NAME" go test -count=1 "$IMPORT_ROOT/..."
