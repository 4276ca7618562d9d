#!/bin/sh
# Builds the Go helloworld plugin with Debian's packaged go-plugin, offline, in GOPATH mode, and packs
# OUTDIR/helloworld-go-<version>-<os>-<arch>.zip; then (unless --skip-tests=true) runs the Go tests, which
# start the built binary with go-plugin's own client.
#
# Usage: build.sh [--skip-tests=true|false] OUTDIR
set -eu

HERE=$(cd "$(dirname "$0")" && pwd)
IMPORT_ROOT=pnode.dev/examples/helloworld-go
NAME=helloworld-go
VERSION=1.0.0
EXAMPLES_DIR=$(cd "$HERE/.." && pwd)
. "$EXAMPLES_DIR/go-plugin-build.sh"
QUORUM_PROTOS="$HERE/../../proto/src/main/proto/quorum"

go_plugin_args "$@"
go_plugin_toolchain
go_plugin_workspace main.go main_test.go helloworld host
# Quorum's protos name only a Go package (go_package "proto" / "proto_common"): one output directory each.
mkdir -p "$PKG_DIR/quorum/proto" "$PKG_DIR/quorum/proto_common"
protoc -I "$QUORUM_PROTOS" --go_out="plugins=grpc:$PKG_DIR/quorum/proto_common" "$QUORUM_PROTOS/init.proto"
protoc -I "$QUORUM_PROTOS" --go_out="plugins=grpc:$PKG_DIR/quorum/proto" "$QUORUM_PROTOS/helloworld.proto"
go_plugin_package

# The benchmark host (issue 9): not part of the plugin zip.
go build -o "$OUTDIR/$NAME-host" "$IMPORT_ROOT/host"
echo "built $OUTDIR/$NAME-host"

go_plugin_skip_tests && exit 0
go vet "$IMPORT_ROOT/..."
HELLOWORLD_GO_ZIP="$ZIP" go test -count=1 "$IMPORT_ROOT/..."
