#!/bin/sh
# Builds the Go callback plugin with Debian's packaged go-plugin, offline, in GOPATH mode, and packs
# OUTDIR/callback-go-<version>-<os>-<arch>.zip; then (unless --skip-tests=true) runs the Go tests, which
# start the built binary with go-plugin's own client and serve the host's values through go-plugin's broker.
#
# Usage: build.sh [--skip-tests=true|false] OUTDIR
set -eu

HERE=$(cd "$(dirname "$0")" && pwd)
PROTOS="$HERE/../proto"
# the zip writer of the helloworld-go example (keeps the entrypoint's mode bits, fixed timestamps)
PLUGINZIP="$HERE/../../helloworld-go/tools/pluginzip"
DEBIAN_GOCODE=/usr/share/gocode
APT_PACKAGES="golang-go golang-github-hashicorp-go-plugin-dev golang-google-grpc-dev golang-goprotobuf-dev protobuf-compiler"
IMPORT_ROOT=pnode.dev/examples/callback-go
NAME=callback-go
VERSION=1.0.0

usage() { echo "usage: $0 [--skip-tests=true|false] OUTDIR" >&2; exit 2; }

SKIP_TESTS=false
case "${1:-}" in
    --skip-tests=true|--skip-tests) SKIP_TESTS=true; shift ;;
    --skip-tests=false|--skip-tests=) shift ;;
    --skip-tests=*) usage ;;
esac
[ $# -eq 1 ] || usage
mkdir -p "$1"
OUTDIR=$(cd "$1" && pwd)

missing=""
command -v go >/dev/null 2>&1 || missing="$missing go"
command -v protoc >/dev/null 2>&1 || missing="$missing protoc"
command -v protoc-gen-go >/dev/null 2>&1 || missing="$missing protoc-gen-go"
for dir in github.com/hashicorp/go-plugin github.com/hashicorp/go-hclog google.golang.org/grpc github.com/golang/protobuf; do
    [ -d "$DEBIAN_GOCODE/src/$dir" ] || missing="$missing $DEBIAN_GOCODE/src/$dir"
done
if [ -n "$missing" ]; then
    echo "The Go callback plugin cannot be built: missing$missing" >&2
    echo "Install Debian's Go toolchain and go-plugin: sudo apt-get install -y $APT_PACKAGES" >&2
    exit 1
fi

WORK="$OUTDIR/go-build"
export GO111MODULE=off GOFLAGS= GOPROXY=off GOPATH="$WORK/gopath:$DEBIAN_GOCODE"
# go needs a build cache; without HOME (some CI sandboxes) it would have nowhere to put it.
if [ -z "${GOCACHE:-}" ] && [ -z "${XDG_CACHE_HOME:-}" ] && [ -z "${HOME:-}" ]; then
    export GOCACHE="$WORK/cache"
fi
PKG_DIR="$WORK/gopath/src/$IMPORT_ROOT"
STAGE="$WORK/stage"

# A fresh copy of the sources in a private GOPATH: the build never writes into the source tree.
rm -rf "$WORK/gopath/src" "$STAGE"
mkdir -p "$PKG_DIR/callbackpb" "$PKG_DIR/tools" "$STAGE"
cp -R "$HERE/main.go" "$HERE/main_test.go" "$HERE/callback" "$PKG_DIR/"
cp -R "$PLUGINZIP" "$PKG_DIR/tools/"
protoc -I "$PROTOS" --go_out="plugins=grpc,paths=source_relative:$PKG_DIR/callbackpb" "$PROTOS/callback.proto"

cd "$PKG_DIR"
GOOS=$(go env GOOS)
GOARCH=$(go env GOARCH)
ZIP="$OUTDIR/$NAME-$VERSION-$GOOS-$GOARCH.zip"

# Static binary: the plugin runs on any Linux regardless of its libc.
CGO_ENABLED=0 go build -trimpath -ldflags "-s -w" -o "$STAGE/$NAME" "$IMPORT_ROOT"
chmod 0755 "$STAGE/$NAME"
cp "$HERE/plugin-meta.json" "$STAGE/plugin-meta.json"
chmod 0644 "$STAGE/plugin-meta.json"
go run "$IMPORT_ROOT/tools/pluginzip" "$ZIP" "$STAGE/plugin-meta.json" "$STAGE/$NAME"
echo "built $ZIP"

if [ "$SKIP_TESTS" = true ]; then
    echo "Go tests skipped"
    exit 0
fi
go vet "$IMPORT_ROOT/..."
CALLBACK_GO_BINARY="$STAGE/$NAME" go test -count=1 "$IMPORT_ROOT/..."
