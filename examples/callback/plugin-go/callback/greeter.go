package callback

import (
	"context"
	"fmt"

	hclog "github.com/hashicorp/go-hclog"
	plugin "github.com/hashicorp/go-plugin"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"pnode.dev/examples/callback-go/callbackpb"
)

// Greeter serves callback.Greeter: for each call it dials the host's
// HostValues through the broker id in the request and asks for GreetingKey.
type Greeter struct {
	broker *plugin.GRPCBroker
	logger hclog.Logger
}

// NewGreeter returns a Greeter that reaches the host through broker.
func NewGreeter(broker *plugin.GRPCBroker, logger hclog.Logger) *Greeter {
	return &Greeter{broker: broker, logger: logger}
}

// Greet answers "<greeting word> <name>!" with the word the host holds.
func (g *Greeter) Greet(ctx context.Context, req *callbackpb.GreetRequest) (*callbackpb.GreetReply, error) {
	if req.GetName() == "" {
		return nil, status.Error(codes.InvalidArgument, "name is empty")
	}
	id := req.GetHostServiceId()
	conn, err := g.broker.Dial(id)
	if err != nil {
		return nil, status.Errorf(codes.Unavailable, "cannot reach the host's HostValues at broker id %d: %v", id, err)
	}
	defer conn.Close()
	value, err := callbackpb.NewHostValuesClient(conn).Get(ctx, &callbackpb.GetRequest{Key: GreetingKey})
	if err != nil {
		return nil, status.Errorf(codes.Unavailable, "asking the host for %q at broker id %d failed: %v",
			GreetingKey, id, err)
	}
	if !value.GetFound() {
		return nil, status.Errorf(codes.FailedPrecondition, "the host has no value for %q", GreetingKey)
	}
	g.logger.Debug("greeting", "name", req.GetName(), "word", value.GetValue(), "broker_id", id)
	return &callbackpb.GreetReply{Greeting: fmt.Sprintf("%s %s!", value.GetValue(), req.GetName())}, nil
}
