// A minimal plugin built with HashiCorp go-plugin itself (Debian's golang-github-hashicorp-go-plugin-dev), so
// GoPluginInteropTest checks the Java host against the real thing: AutoMTLS, health, controller shutdown.
package main

import (
	"context"
	"fmt"
	"os"

	"github.com/hashicorp/go-hclog"
	"github.com/hashicorp/go-plugin"
	"google.golang.org/grpc"
)

type emptyPlugin struct{ plugin.Plugin }

func (emptyPlugin) GRPCServer(*plugin.GRPCBroker, *grpc.Server) error { return nil }

func (emptyPlugin) GRPCClient(context.Context, *plugin.GRPCBroker, *grpc.ClientConn) (interface{}, error) {
	return nil, nil
}

func main() {
	logger := hclog.New(&hclog.LoggerOptions{Level: hclog.Trace, Output: os.Stderr, JSONFormat: true})
	logger.Warn("go plugin warming up", "answer", 42)
	fmt.Fprintln(os.Stderr, "plain stderr from go")
	plugin.Serve(&plugin.ServeConfig{
		HandshakeConfig: plugin.HandshakeConfig{ProtocolVersion: 1, MagicCookieKey: "PNODE_TEST_COOKIE",
			MagicCookieValue: "d2f1c0ffee"},
		Plugins:    map[string]plugin.Plugin{"empty": &emptyPlugin{}},
		GRPCServer: plugin.DefaultGRPCServer,
		Logger:     logger,
	})
}
