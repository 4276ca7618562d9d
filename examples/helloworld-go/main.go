// Command helloworld-go is Quorum's helloworld plugin written with HashiCorp
// go-plugin: run by a host (Quorum, pnode) that sets the Quorum magic cookie,
// it prints go-plugin's handshake line and serves gRPC, with AutoMTLS when
// the host passes PLUGIN_CLIENT_CERT.
package main

import (
	"os"

	hclog "github.com/hashicorp/go-hclog"
	plugin "github.com/hashicorp/go-plugin"

	"pnode.dev/examples/helloworld-go/helloworld"
)

func main() {
	// Created before plugin.Serve, so it keeps the process's real stderr:
	// go-plugin 1.0.x swaps os.Stderr for a pipe that nobody reads.
	logger := hclog.New(&hclog.LoggerOptions{
		Name:       "helloworld-go",
		Level:      hclog.LevelFromString(logLevel()),
		Output:     os.Stderr,
		JSONFormat: true,
	})
	plugin.Serve(&plugin.ServeConfig{
		HandshakeConfig: helloworld.Handshake,
		Plugins: plugin.PluginSet{
			helloworld.PluginName: &helloworld.GRPCPlugin{Logger: logger},
		},
		GRPCServer: plugin.DefaultGRPCServer,
		Logger:     logger,
	})
}

// logLevel reads HELLOWORLD_LOG_LEVEL (trace, debug, info, warn, error); info by default.
func logLevel() string {
	if level := os.Getenv("HELLOWORLD_LOG_LEVEL"); level != "" {
		return level
	}
	return "info"
}
