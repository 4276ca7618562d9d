// Package helloworld implements Quorum's helloworld plugin interface
// (proto_common.PluginInitializer + proto.PluginGreeting) as a HashiCorp
// go-plugin GRPCPlugin, exactly as a Quorum plugin author writes one.
package helloworld

import plugin "github.com/hashicorp/go-plugin"

// Handshake is the go-plugin handshake every Quorum plugin uses: the host
// must set this magic cookie in the plugin's environment or the plugin
// refuses to start.
var Handshake = plugin.HandshakeConfig{
	ProtocolVersion:  1,
	MagicCookieKey:   "QUORUM_PLUGIN_MAGIC_COOKIE",
	MagicCookieValue: "CB9F51969613126D93468868990F77A8470EB9177503C5A38D437FEFF7786E0941152E05C06A9A3313391059132A7F9CED86C0783FE63A8B38F01623C8257664",
}

// PluginName is the key of the plugin in go-plugin's PluginSet. Quorum's
// hosts ignore it (they use the raw gRPC connection); go-plugin clients
// Dispense it.
const PluginName = "impl"
