// A minimal plugin built with HashiCorp go-plugin itself (Debian's golang-github-hashicorp-go-plugin-dev), so
// GoPluginInteropTest checks the Java host against the real thing: AutoMTLS, health, controller shutdown,
// and a connection the plugin offers through go-plugin's broker.
package main

import (
	"context"
	"fmt"
	"os"

	"github.com/hashicorp/go-hclog"
	"github.com/hashicorp/go-plugin"
	"google.golang.org/grpc"
	"google.golang.org/grpc/health"
	"google.golang.org/grpc/health/grpc_health_v1"
)

type emptyPlugin struct{ plugin.Plugin }

// GRPCServer offers broker id 1 as go-plugin plugins do (AcceptAndServe), serving a health service that
// answers SERVING for "brokered-by-go", for the host to dial.
func (emptyPlugin) GRPCServer(broker *plugin.GRPCBroker, _ *grpc.Server) error {
	go broker.AcceptAndServe(1, func(opts []grpc.ServerOption) *grpc.Server {
		server := grpc.NewServer(opts...)
		healthServer := health.NewServer()
		healthServer.SetServingStatus("brokered-by-go", grpc_health_v1.HealthCheckResponse_SERVING)
		grpc_health_v1.RegisterHealthServer(server, healthServer)
		return server
	})
	return nil
}

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
