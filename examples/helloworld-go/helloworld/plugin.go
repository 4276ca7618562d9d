package helloworld

import (
	"context"

	hclog "github.com/hashicorp/go-hclog"
	plugin "github.com/hashicorp/go-plugin"
	"google.golang.org/grpc"

	"pnode.dev/examples/helloworld-go/quorum/proto"
	"pnode.dev/examples/helloworld-go/quorum/proto_common"
)

// GRPCPlugin is the go-plugin Plugin for the helloworld interface: the plugin
// process serves a Greeter with it, a Go host Dispenses a *Client from it.
type GRPCPlugin struct {
	plugin.NetRPCUnsupportedPlugin

	// Logger receives the Greeter's log lines (plugin side only).
	Logger hclog.Logger
}

// GRPCServer registers the Quorum services on go-plugin's gRPC server.
func (p *GRPCPlugin) GRPCServer(_ *plugin.GRPCBroker, server *grpc.Server) error {
	logger := p.Logger
	if logger == nil {
		logger = hclog.NewNullLogger()
	}
	greeter := NewGreeter(logger)
	proto_common.RegisterPluginInitializerServer(server, greeter)
	proto.RegisterPluginGreetingServer(server, greeter)
	return nil
}

// GRPCClient returns a *Client over the plugin's connection.
func (p *GRPCPlugin) GRPCClient(_ context.Context, _ *plugin.GRPCBroker, conn *grpc.ClientConn) (interface{}, error) {
	return &Client{
		initializer: proto_common.NewPluginInitializerClient(conn),
		greeting:    proto.NewPluginGreetingClient(conn),
	}, nil
}

// Client is what a Go host uses to talk to a helloworld plugin.
type Client struct {
	initializer proto_common.PluginInitializerClient
	greeting    proto.PluginGreetingClient
}

// Init sends the host identity and the raw JSON configuration to the plugin.
func (c *Client) Init(ctx context.Context, hostIdentity string, rawConfiguration []byte) error {
	_, err := c.initializer.Init(ctx, &proto_common.PluginInitialization_Request{
		HostIdentity:     hostIdentity,
		RawConfiguration: rawConfiguration,
	})
	return err
}

// Greet asks the plugin to greet msg.
func (c *Client) Greet(ctx context.Context, msg string) (string, error) {
	resp, err := c.greeting.Greeting(ctx, &proto.PluginHelloWorld_Request{Msg: msg})
	if err != nil {
		return "", err
	}
	return resp.GetMsg(), nil
}
