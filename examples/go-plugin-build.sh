# Shared steps of the Go example plugins' build.sh (sourced, POSIX sh): Debian's packaged go-plugin, offline,
# in GOPATH mode. The sourcing script sets HERE (its folder), EXAMPLES_DIR (this folder), IMPORT_ROOT, NAME and
# VERSION, then calls, in order:
#   go_plugin_args "$@"         --skip-tests=true|false OUTDIR  -> SKIP_TESTS, OUTDIR
#   go_plugin_toolchain         fails with the apt-get line when go, protoc or the Go sources are missing
#   go_plugin_workspace FILE... a fresh private GOPATH holding FILE... and the shared zip tool -> PKG_DIR, STAGE
#   (its own protoc runs into $PKG_DIR)
#   go_plugin_package           static binary + plugin-meta.json -> ZIP=$OUTDIR/$NAME-$VERSION-$GOOS-$GOARCH.zip
#   go_plugin_skip_tests && exit 0, then go vet / go test as it needs

DEBIAN_GOCODE=/usr/share/gocode
APT_PACKAGES="golang-go golang-github-hashicorp-go-plugin-dev golang-google-grpc-dev golang-goprotobuf-dev protobuf-compiler"

go_plugin_usage() { echo "usage: $0 [--skip-tests=true|false] OUTDIR" >&2; exit 2; }

go_plugin_args() {
    SKIP_TESTS=false
    case "${1:-}" in
        --skip-tests=true|--skip-tests) SKIP_TESTS=true; shift ;;
        --skip-tests=false|--skip-tests=) shift ;;
        --skip-tests=*) go_plugin_usage ;;
    esac
    [ $# -eq 1 ] || go_plugin_usage
    mkdir -p "$1"
    OUTDIR=$(cd "$1" && pwd)
}

go_plugin_toolchain() {
    missing=""
    command -v go >/dev/null 2>&1 || missing="$missing go"
    command -v protoc >/dev/null 2>&1 || missing="$missing protoc"
    command -v protoc-gen-go >/dev/null 2>&1 || missing="$missing protoc-gen-go"
    for dir in github.com/hashicorp/go-plugin github.com/hashicorp/go-hclog google.golang.org/grpc github.com/golang/protobuf; do
        [ -d "$DEBIAN_GOCODE/src/$dir" ] || missing="$missing $DEBIAN_GOCODE/src/$dir"
    done
    if [ -n "$missing" ]; then
        echo "The Go plugin $NAME cannot be built: missing$missing" >&2
        echo "Install Debian's Go toolchain and go-plugin: sudo apt-get install -y $APT_PACKAGES" >&2
        exit 1
    fi
}

go_plugin_workspace() {
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
    mkdir -p "$PKG_DIR/tools" "$STAGE"
    for file in "$@"; do
        cp -R "$HERE/$file" "$PKG_DIR/"
    done
    # the zip writer keeps the entrypoint's mode bits and uses fixed timestamps
    cp -R "$EXAMPLES_DIR/helloworld-go/tools/pluginzip" "$PKG_DIR/tools/"
}

go_plugin_package() {
    cd "$PKG_DIR"
    ZIP="$OUTDIR/$NAME-$VERSION-$(go env GOOS)-$(go env GOARCH).zip"
    # Static binary: the plugin runs on any Linux regardless of its libc.
    CGO_ENABLED=0 go build -trimpath -ldflags "-s -w" -o "$STAGE/$NAME" "$IMPORT_ROOT"
    chmod 0755 "$STAGE/$NAME"
    cp "$HERE/plugin-meta.json" "$STAGE/plugin-meta.json"
    chmod 0644 "$STAGE/plugin-meta.json"
    go run "$IMPORT_ROOT/tools/pluginzip" "$ZIP" "$STAGE/plugin-meta.json" "$STAGE/$NAME"
    echo "built $ZIP"
}

go_plugin_skip_tests() {
    if [ "$SKIP_TESTS" = true ]; then
        echo "Go tests skipped"
        return 0
    fi
    return 1
}
