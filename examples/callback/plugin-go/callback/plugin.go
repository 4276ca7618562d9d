package callback

import (
	"context"
	"os"

	hclog "github.com/hashicorp/go-hclog"
	plugin "github.com/hashicorp/go-plugin"
	"google.golang.org/grpc"

	"pnode.dev/examples/callback-go/callbackpb"
)

// GRPCPlugin is the go-plugin Plugin of the callback interface: the plugin
// process serves a Greeter with it, a Go host Dispenses a *Client from it.
type GRPCPlugin struct {
	plugin.NetRPCUnsupportedPlugin

	// Logger receives the Greeter's log lines (plugin side only).
	Logger hclog.Logger
}

// GRPCServer registers the Greeter, which calls back into the host through broker.
func (p *GRPCPlugin) GRPCServer(broker *plugin.GRPCBroker, server *grpc.Server) error {
	if err := FixBrokerTLS(broker, os.Getenv("PLUGIN_CLIENT_CERT")); err != nil {
		return err
	}
	logger := p.Logger
	if logger == nil {
		logger = hclog.NewNullLogger()
	}
	callbackpb.RegisterGreeterServer(server, NewGreeter(broker, logger))
	return nil
}

// GRPCClient returns a *Client over the plugin's connection and broker.
func (p *GRPCPlugin) GRPCClient(_ context.Context, broker *plugin.GRPCBroker, conn *grpc.ClientConn) (interface{}, error) {
	return &Client{broker: broker, greeter: callbackpb.NewGreeterClient(conn)}, nil
}

// Client is what a Go host uses to talk to a callback plugin; pnode's Java
// gateway does the same.
type Client struct {
	broker  *plugin.GRPCBroker
	greeter callbackpb.GreeterClient
}

// Greet serves values as HostValues on a fresh broker id for this one call
// (go-plugin hands out an id's connection info once) and asks the plugin to
// greet name.
func (c *Client) Greet(ctx context.Context, name string, values map[string]string) (string, error) {
	id := c.broker.NextId()
	served := make(chan *grpc.Server, 1)
	go c.broker.AcceptAndServe(id, func(opts []grpc.ServerOption) *grpc.Server {
		server := grpc.NewServer(opts...)
		callbackpb.RegisterHostValuesServer(server, MapValues(values))
		served <- server
		return server
	})
	defer func() {
		select {
		case server := <-served:
			server.Stop()
		default: // never served: the broker's Close stops it
		}
	}()
	reply, err := c.greeter.Greet(ctx, &callbackpb.GreetRequest{Name: name, HostServiceId: id})
	if err != nil {
		return "", err
	}
	return reply.GetGreeting(), nil
}

// MapValues serves callback.HostValues from a map.
type MapValues map[string]string

// Get answers the value under the key, if any.
func (m MapValues) Get(_ context.Context, req *callbackpb.GetRequest) (*callbackpb.GetReply, error) {
	value, found := m[req.GetKey()]
	return &callbackpb.GetReply{Found: found, Value: value}, nil
}
