// Package callback implements the callback plugin interface (callback.proto)
// as a HashiCorp go-plugin GRPCPlugin: the plugin's Greeter asks the host for
// the greeting word over a connection brokered by go-plugin's GRPCBroker.
package callback

import plugin "github.com/hashicorp/go-plugin"

// Handshake is the go-plugin handshake of callback plugins: the host must set
// this magic cookie, so no plugin of another interface can be run as one.
var Handshake = plugin.HandshakeConfig{
	ProtocolVersion:  1,
	MagicCookieKey:   "CALLBACK_PLUGIN_MAGIC_COOKIE",
	MagicCookieValue: "99ABFCD5580C4FF8579C5E0B8883AF7C2BFC3F44E14DFB56535ECE414E6B55F5",
}

// PluginName is the key of the plugin in go-plugin's PluginSet.
const PluginName = "callback"

// GreetingKey is the HostValues key whose value the Greeter greets with.
const GreetingKey = "greeting"
