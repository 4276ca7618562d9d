// Command callback-go is the example plugin of pnode's callback interface,
// written with HashiCorp go-plugin: its Greeter asks the host for the
// greeting word over a connection brokered by go-plugin's GRPCBroker.
package main

import (
	"os"

	hclog "github.com/hashicorp/go-hclog"
	plugin "github.com/hashicorp/go-plugin"

	"pnode.dev/examples/callback-go/callback"
)

func main() {
	// Created before plugin.Serve, so it keeps the process's real stderr:
	// go-plugin 1.0.x swaps os.Stderr for a pipe that nobody reads.
	logger := hclog.New(&hclog.LoggerOptions{
		Name:       "callback-go",
		Level:      hclog.LevelFromString(logLevel()),
		Output:     os.Stderr,
		JSONFormat: true,
	})
	plugin.Serve(&plugin.ServeConfig{
		HandshakeConfig: callback.Handshake,
		Plugins: plugin.PluginSet{
			callback.PluginName: &callback.GRPCPlugin{Logger: logger},
		},
		GRPCServer: plugin.DefaultGRPCServer,
		Logger:     logger,
	})
}

// logLevel reads CALLBACK_LOG_LEVEL (trace, debug, info, warn, error); info by default.
func logLevel() string {
	if level := os.Getenv("CALLBACK_LOG_LEVEL"); level != "" {
		return level
	}
	return "info"
}
